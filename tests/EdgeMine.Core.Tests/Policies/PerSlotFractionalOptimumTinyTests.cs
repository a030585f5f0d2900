using CsCheck;
using EdgeMine.Model;
using EdgeMine.Policies;
using EdgeMine.Randomness;
using EdgeMine.Tests.Model;

namespace EdgeMine.Tests.Policies;

/// <summary>
/// The fast checks of the fractional per-slot optimum that mutation testing runs (scripts/mutation.sh leaves the Slow
/// ones out): one-task states against a grid of every fraction, tiny systems never below the binary optimum, and the
/// exactness label.
/// </summary>
public sealed class PerSlotFractionalOptimumTinyTests
{
    [Fact]
    public void OneTask_RandomStates_AtLeastAGridOfStep0001()
    {
        // One miner, one task: the search is exact there (MODEL.md section 7), caps and deadlines included. Either preset,
        // caps that may bind (rate_bad, t_local), buffers (D0 up to 150 kbit), backlogs, deadlines with penalties (their
        // jump points are breakpoints), any beta below 1, lambda, threshold and form. The grid's best must not beat it.
        var generator =
            from paperLiteral in Gen.Bool
            from good in Gen.Bool
            from beta in Gen.Double[0, 0.97]
            from rateBadExponent in Gen.Double[4, 6.3]
            from localExponent in Gen.Double[-6.7, -4.5]
            from capacityExponent in Gen.Double[8, 10.5]
            from deadline in Gen.Double[0.01, 2]
            from penalty in Gen.OneOfConst(0.0, 0.5, 3.0)
            from lambda in Gen.Double[0, 1]
            from threshold in Gen.OneOfConst(0.5, 1.0)
            from form in Gen.OneOfConst(UsagePrivacyForm.Eq8, UsagePrivacyForm.Withheld)
            from buffered in Gen.OneOf(Gen.Const(0.0), Gen.Double[0, 150e3])
            from arrived in Gen.Double[50e3, 150e3]
            from backlog in Gen.OneOf(Gen.Const(0.0), Gen.Double[0, 1e10])
            select (paperLiteral, good, beta, rateBadExponent, localExponent, capacityExponent, deadline, penalty, lambda, threshold, form, buffered, arrived, backlog);
        int binding = 0, interior = 0;
        PinnedSample.Run(
            generator,
            c =>
            {
                var p = (c.paperLiteral ? Presets.PaperLiteral : Presets.Calibrated) with
                {
                    RateBadBps = Math.Pow(10, c.rateBadExponent),
                    LocalSecondsPerBit = Math.Pow(10, c.localExponent),
                    MecCapacityHz = Math.Pow(10, c.capacityExponent),
                    DeadlineSeconds = c.deadline,
                    DeadlinePenalty = c.penalty,
                    LocationPrivacyWeight = c.lambda,
                    GoodChannelThreshold = c.threshold,
                    UsagePrivacyForm = c.form,
                };
                var env = SlotState.Create(p, 1, 1, c.beta, [c.buffered], [c.arrived], [c.good], c.backlog);
                binding += PerSlotOptimum.AnyCapCanBind(env) ? 1 : 0;
                var fractional = new PerSlotFractionalOptimum();
                var action = new double[1];
                fractional.Act(env, action);
                Assert.True(fractional.LastActionExact);
                Assert.InRange(action[0], 0, 1);
                interior += action[0] is > 0 and < 1 ? 1 : 0;
                double optimum = SlotModelScores.Reward(env, action), grid = double.NegativeInfinity;
                for (int a = 0; a <= 1000; a++)
                {
                    grid = Math.Max(grid, SlotModelScores.Reward(env, [a / 1000.0]));
                }

                Assert.True(optimum >= grid - (1e-9 * Math.Max(1, Math.Abs(grid))), $"fractional optimum {optimum:R} at x = {action[0]:R} below the grid's {grid:R}");
            },
            150,
            PinnedSample.DefaultSeed);
        Assert.True(binding >= 30, $"only {binding} states had a cap that can bind");
        Assert.True(interior >= 30, $"only {interior} optima were strictly between 0 and 1");
    }

    [Fact]
    public void TinySystems_NeverBelowTheBinaryOptimum()
    {
        // N M <= 6 in random states (buffers and backlogs from random actions), caps that may bind, both presets.
        var generator =
            from paperLiteral in Gen.Bool
            from miners in Gen.Int[1, 3]
            from tasksPerMiner in Gen.Int[1, 3]
            from beta in Gen.Double[0, 0.97]
            from rateBadExponent in Gen.Double[4.5, 6.5]
            from localExponent in Gen.Double[-6.5, -5]
            from capacityExponent in Gen.Double[8, 10.5]
            from deadline in Gen.Double[0.05, 5]
            from penalty in Gen.Double[0, 2]
            from form in Gen.OneOfConst(UsagePrivacyForm.Eq8, UsagePrivacyForm.Withheld)
            from seed in Gen.ULong
            select (paperLiteral, miners, tasksPerMiner: Math.Min(tasksPerMiner, 6 / miners), beta, rateBadExponent, localExponent, capacityExponent, deadline, penalty, form, seed);
        PinnedSample.Run(
            generator,
            c =>
            {
                var p = (c.paperLiteral ? Presets.PaperLiteral : Presets.Calibrated) with
                {
                    RateBadBps = Math.Pow(10, c.rateBadExponent),
                    LocalSecondsPerBit = Math.Pow(10, c.localExponent),
                    MecCapacityHz = Math.Pow(10, c.capacityExponent),
                    DeadlineSeconds = c.deadline,
                    DeadlinePenalty = c.penalty,
                    UsagePrivacyForm = c.form,
                };
                var env = new MiningEnvironment(p, new EnvironmentSettings { Miners = c.miners, TasksPerMiner = c.tasksPerMiner, Beta = c.beta });
                env.Reset(c.seed);
                var random = new Xoshiro256(c.seed);
                var fractional = new PerSlotFractionalOptimum();
                var binary = new PerSlotOptimum();
                var action = new double[env.Model.Tasks];
                var binaryAction = new double[env.Model.Tasks];
                int inexact = 0;
                for (int t = 0; t < 4; t++)
                {
                    fractional.Act(env, action);
                    binary.Act(env, binaryAction);
                    double f = SlotModelScores.Reward(env, action), b = SlotModelScores.Reward(env, binaryAction);
                    Assert.True(f >= b - (1e-9 * Math.Max(1, Math.Abs(b))), $"slot {t}: fractional {f:R} below binary {b:R}");
                    Assert.All(action, x => Assert.InRange(x, 0, 1));
                    bool exact = c.tasksPerMiner == 1 || !PerSlotOptimum.AnyCapCanBind(env);
                    Assert.Equal(exact, fractional.LastActionExact);
                    inexact += exact ? 0 : 1;
                    Scenario.RandomAction(random, action);
                    env.Step(action);
                }

                Assert.Equal(new OptimumExactness(4, inexact, inexact > 0 ? double.PositiveInfinity : 0), fractional.Exactness);
            },
            60,
            PinnedSample.DefaultSeed);
    }

    [Fact]
    public void TaskWithNoData_StaysLocal_AndTheOtherGoesToItsBalancePoint_WorkedByHand()
    {
        // Two one-task miners, bad channels, calibrated, beta 0.5: miner 0 has no data (its fraction stays 0), miner 1
        // D1 = 100 kbit. As in BadChannel_OneTask_OffloadsToTheBalancePoint_WorkedByHand (PerSlotFractionalOptimumTests):
        // Lo = 0.06 x (K = 1: the empty task sends nothing and does not count), Ll = 0.0475 (1 - x), balance at
        // x = 0.0475 / 0.1075 = 0.4418605 with r = -0.2280859 (P = lambda 0.5 for the location, C = 0.7280859).
        var env = SlotState.Create(Presets.Calibrated, 2, 1, 0.5, [0, 0], [0, 100e3], [false, false]);
        var fractional = new PerSlotFractionalOptimum();
        var action = new double[2];

        fractional.Act(env, action);

        Assert.Equal(0, action[0]);
        Assert.Equal(0.0475 / 0.1075, action[1], 9);
        Assert.Equal(-0.2280859, SlotModelScores.Reward(env, action), 6);
        Assert.True(fractional.LastActionExact);
        Assert.Equal("optimal-fractional", fractional.Name);
    }

    [Fact]
    public void BufferedData_Eq8_OffloadsEverything_WorkedByHand()
    {
        // One task, good channel, eq8 (Pu = |D0 - Do| / 1e5), calibrated, beta 0.5, D0 = 100 kbit buffered, D1 = 100 kbit.
        // x = D0 / D = 0.5 sends exactly the buffer: Pu = 0. Costs at K = 1 per offloaded 100 kbit: Lu = 0.01 s, Lp = 0.01 s,
        // Eo = 0.005 J; local 100 kbit: Ll = 0.0475 s, El = 0.0325 J.
        // Any x: Do = 2e5 x; Lo = 0.04 x, Ll = 0.095 (1 - x), Eo = 0.01 x, El = 0.065 (1 - x);
        //   Pu = |1 - 2x|; C = 0.5 E / 0.0325 + 0.5 L / 0.0475.
        // x <= 0.5 (Pu = 1 - 2x, Ll >= Lo there since 0.095 * 0.5 > 0.04 * 0.5): r = 1 - 2x - (1 - 0.8461538 x) - (1 - x)
        //   = -1 - 0.1538462 x: falls.
        // x from 0.5 up to the balance 0.095 / 0.135 = 0.7037037 (L = Ll): r = 2x - 1 - (1 - 0.8461538 x) - (1 - x)
        //   = -3 + 3.8461538 x: rises.
        // Beyond (L = Lo = 0.04 x, C_L = 0.4210526 x): r = 2x - 1 - (1 - 0.8461538 x) - 0.4210526 x = -2 + 2.4251012 x:
        //   rises to 0.4251012 at x = 1, the best (x = 0.7037: -0.2934; x = 0: -1). Under eq8 the kink at D0 / D is convex
        //   (|D0 - Do| turns upward), so it is never the maximum: the buffer only adds privacy to offloading everything.
        var env = SlotState.Create(Presets.Calibrated, 1, 1, 0.5, [100e3], [100e3], [true]);
        var action = new double[1];

        new PerSlotFractionalOptimum().Act(env, action);

        Assert.Equal(1.0, action[0]);
        Assert.Equal(0.4251012, SlotModelScores.Reward(env, action), 6);
    }
}
