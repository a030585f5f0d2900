using CsCheck;
using EdgeMine.Model;
using EdgeMine.Policies;
using EdgeMine.Randomness;
using EdgeMine.Tests.Model;

namespace EdgeMine.Tests.Policies;

/// <summary>The fractional per-slot optimum: hand-worked, against a grid of step 0.001, and never below the binary optimum.</summary>
public sealed class PerSlotFractionalOptimumTests
{
    private static double ReferenceReward(MiningEnvironment env, double[] x)
    {
        var s = env.Settings;
        return ReferenceSlot.Compute(
            env.Parameters, s.Miners, s.TasksPerMiner, s.Beta, env.ChannelGood.ToArray(), env.BufferedBits.ToArray(),
            env.ArrivedBits.ToArray(), x, env.MecBacklogCycles).Reward;
    }

    private static double[] Act(IOffloadingPolicy policy, MiningEnvironment env)
    {
        var action = new double[env.ActionSpace.Dimension];
        policy.Act(env, action);
        return action;
    }

    /// <summary>True when no miner's data can exceed its local or upload capacity: task rewards are separable given K.</summary>
    private static bool NoCapCanBind(MiningEnvironment env)
    {
        var p = env.Parameters;
        int m = env.Settings.TasksPerMiner;
        for (int n = 0; n < env.Settings.Miners; n++)
        {
            double data = 0;
            for (int j = 0; j < m; j++)
            {
                data += env.BufferedBits[(n * m) + j] + env.ArrivedBits[(n * m) + j];
            }

            if (data > p.LocalCapacityBitsPerSlot || data > p.UploadRateBps(env.ChannelGood[n]) * p.SlotSeconds)
            {
                return false;
            }
        }

        return true;
    }

    [Fact]
    public void BadChannel_OneTask_OffloadsToTheBalancePoint_WorkedByHand()
    {
        // Calibrated, beta 0.5, bad channel (2 Mbit/s), D0 = 0, D1 = 100 kbit, Q = 0, lambda 0.5.
        // Local:   E = 0.0325 J, L = 0.0475 s: C = 0.5 + 0.5 = 1; P = 0 (bad channel): r = -1.
        // Offload (K = 1): Lu = 0.05 s, Lp = 1e5 * 1000 / 1e10 = 0.01 s, Lo = 0.06 s; E = 0.5 * 0.05 = 0.025 J (MEC energy
        //   1e-26 * 10^3 W, negligible): C = 0.5 * 0.025 / 0.0325 + 0.5 * 0.06 / 0.0475 = 1.0161943; P = 0.5: r = -0.5161943.
        // Balance Lo = Ll: x 0.06 = (1 - x) 0.0475 -> x = 0.0475 / 0.1075 = 0.4418605; L = 0.0265116 s;
        //   E = x 0.025 + (1 - x) 0.0325 = 0.0291860 J; C = 0.4490161 + 0.2790698 = 0.7280859; P = 0.5: r = -0.2280859.
        var parameters = Presets.Calibrated with { ArrivalMinBits = 100e3, ArrivalMaxBits = 100e3 };
        var env = new MiningEnvironment(parameters, new EnvironmentSettings { Miners = 1, TasksPerMiner = 1, Beta = 0.5 });
        ulong seed = 0;
        while (env.Reset(seed).ToArray()[2] != 0)
        {
            seed++; // the first seed whose channel starts bad
        }

        double[] fractional = Act(new PerSlotFractionalOptimum(), env);
        double[] binary = Act(new PerSlotOptimum(), env);

        Assert.Equal(0.0475 / 0.1075, fractional[0], 9);
        Assert.Equal(-0.2280859, ReferenceReward(env, fractional), 6);
        Assert.Equal([1.0], binary);
        Assert.Equal(-0.5161943, ReferenceReward(env, binary), 6);
    }

    [Fact]
    public void Withheld_OneTaskGoodChannel_StaysLocal_WorkedByHand()
    {
        // Calibrated, beta 0.5, good channel, D0 = 0, D1 = 100 kbit, Q = 0, withheld: Pu = |1e5 - Do| / 1e5 = 1 - x.
        // Lo = x (1e5 / 1e7 + 1e5 * 1000 / 1e10) = 0.02 x and Ll = 0.0475 (1 - x) meet at x = 0.0475 / 0.0675.
        // Below it: L = Ll, E = 0.005 x + 0.0325 (1 - x), C = 0.5 E / 0.0325 + 0.5 (1 - x) = 1 - 0.9230769 x,
        //   r = (1 - x) - C = -0.0769231 x. Above it: L = Lo, C = 0.5 - 0.2125506 x, r = 0.5 - 0.7874494 x.
        // So the best fraction is 0 (r = 0); just above 0 already loses. Under eq8 (Pu = x): r = 1.9230769 x - 1, then
        // 1.2125506 x - 0.5: the best is x = 1, r = 0.7125506.
        foreach (var (form, x, reward) in new[] { (UsagePrivacyForm.Withheld, 0.0, 0.0), (UsagePrivacyForm.Eq8, 1.0, 0.7125506) })
        {
            var parameters = Presets.Calibrated with { ArrivalMinBits = 100e3, ArrivalMaxBits = 100e3, UsagePrivacyForm = form };
            var env = new MiningEnvironment(parameters, new EnvironmentSettings { Miners = 1, TasksPerMiner = 1, Beta = 0.5 });
            ulong seed = 0;
            while (env.Reset(seed).ToArray()[2] != 1)
            {
                seed++; // the first seed whose channel starts good
            }

            double[] fractional = Act(new PerSlotFractionalOptimum(), env);

            Assert.Equal(x, fractional[0]);
            Assert.Equal(reward, ReferenceReward(env, fractional), 6);
        }
    }

    [Trait("Category", "Slow")] // left out of mutation runs (scripts/mutation.sh): minutes under Stryker's coverage capture
    [Theory]
    [InlineData(UsagePrivacyForm.Eq8)]
    [InlineData(UsagePrivacyForm.Withheld)]
    public void SmallSystems_WhereNoCapBinds_MatchAGridOfStep0001(UsagePrivacyForm form)
    {
        // N M <= 2 in random states of the calibrated model (backlogs, both channels, any beta, lambda and threshold),
        // every action on a grid of step 0.001 scored by the literal reference: the optimum is at least as good. Under eq8
        // Pu kinks at Do = D0 (a breakpoint of the search); under withheld it is linear in x.
        var generator =
            from tasks in Gen.Int[1, 2]
            from twoMiners in Gen.Bool
            from beta in Gen.Double[0, 1]
            from lambda in Gen.Double[0, 1]
            from threshold in Gen.OneOfConst(0.5, 1.0)
            from warmUp in Gen.Int[0, 6]
            from seed in Gen.ULong
            select (Miners: tasks == 2 && twoMiners ? 2 : 1, TasksPerMiner: tasks == 2 && twoMiners ? 1 : tasks, beta, lambda, threshold, warmUp, seed);
        PinnedSample.Run(
            generator,
            c =>
            {
                var parameters = Presets.Calibrated with { LocationPrivacyWeight = c.lambda, GoodChannelThreshold = c.threshold, MecCapacityHz = 2e8, UsagePrivacyForm = form };
                var env = new MiningEnvironment(parameters, new EnvironmentSettings { Miners = c.Miners, TasksPerMiner = c.TasksPerMiner, Beta = c.beta });
                env.Reset(c.seed);
                var always = new double[env.ActionSpace.Dimension];
                Array.Fill(always, 1.0);
                for (int t = 0; t < c.warmUp; t++)
                {
                    env.Step(always); // a backlog on the slow MEC
                }

                if (!NoCapCanBind(env))
                {
                    return;
                }

                double optimum = ReferenceReward(env, Act(new PerSlotFractionalOptimum(), env));
                double grid = double.NegativeInfinity;
                var x = new double[env.ActionSpace.Dimension];
                for (int a = 0; a <= 1000; a++)
                {
                    x[0] = a / 1000.0;
                    for (int b = 0; b <= (x.Length > 1 ? 1000 : 0); b++)
                    {
                        if (x.Length > 1)
                        {
                            x[1] = b / 1000.0;
                        }

                        grid = Math.Max(grid, ReferenceReward(env, x));
                    }
                }

                Assert.True(optimum >= grid - 1e-9, $"fractional optimum {optimum:R} below the grid's {grid:R}");
            },
            24,
            PinnedSample.DefaultSeed);
    }

    [Fact]
    public void AnyState_IsNeverBelowTheBinaryOptimum()
    {
        // Any preset, caps that may bind (where the fractional search is a heuristic), backlogs, deadline penalties.
        PinnedSample.Run(
            Scenario.Generator(maxMiners: 3, maxTasksPerMiner: 3, maxSlots: 6),
            s =>
            {
                var env = s.CreateEnvironment();
                env.Reset(s.Seed);
                var random = new Xoshiro256(s.Seed);
                var action = new double[s.Tasks];
                var fractional = new PerSlotFractionalOptimum();
                var binary = new PerSlotOptimum();
                for (int t = 0; t < s.Slots; t++)
                {
                    double f = ReferenceReward(env, Act(fractional, env));
                    double b = ReferenceReward(env, Act(binary, env));
                    Assert.True(f >= b - (1e-9 * Math.Max(1, Math.Abs(b))), $"slot {t}: fractional {f:R} below binary {b:R}");
                    Scenario.RandomAction(random, action);
                    env.Step(action);
                }
            },
            60,
            PinnedSample.DefaultSeed);
    }
}
