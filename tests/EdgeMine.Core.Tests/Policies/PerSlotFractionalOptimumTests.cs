using CsCheck;
using EdgeMine.Model;
using EdgeMine.Policies;
using EdgeMine.Randomness;
using EdgeMine.Tests.Model;

namespace EdgeMine.Tests.Policies;

/// <summary>The fractional per-slot optimum: hand-worked, against fine grids, never below the binary optimum, and its exactness label.</summary>
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
    public void OneTaskLocalCapBinds_OffloadsUntilTheOffloadLatencyReachesTheSlot_WorkedByHand()
    {
        // One task, D0 = 0, D = D1 = 150 kbit, good channel (eq8: Pu = Do / 1e5), beta 0.5, raw units (e_unit 1 J,
        // l_unit 1 s), t_local 2e-5 s/bit (local cap Lc = 5e4 bits: binds), e_local 1e-7 J/bit, rate_good 1e7, X = 1000,
        // F = 5e7 Hz (s = 1e-7 + 1000 / 5e7 = 2.01e-5 s per offloaded bit at K = 1; MEC energy 1e-26 * 0.05^3 W, nil).
        // For x < 1 - Lc / D = 2/3 the local part is capped: Dl = 5e4, Ll = 1 s, El = 0.005 J; Do = 1.5e5 x,
        //   Lo = 3.015 x, Eo = 0.5 * Do / 1e7 = 0.0075 x, Pu = 1.5 x.
        //   While Lo <= 1 s (x <= 1 / 3.015): L = 1, r = 1.5 x - 0.5 (0.005 + 0.0075 x) - 0.5 = 1.49625 x - 0.5025: rises;
        //   beyond, L = Lo: r = 1.5 x - 0.0025 - 0.00375 x - 1.5075 x = -0.01125 x - 0.0025: falls.
        // For x > 2/3: Dl = 1.5e5 (1 - x), L = Lo: r = -0.00375 x - 0.0075 (-0.01 at 2/3, -0.01125 at 1).
        // So the best x is where Lo meets the capped Ll: x = 1 / 3.015 = 0.3316750, r = 1.49625 / 3.015 - 0.5025 = -0.0062313
        // (the uncapped balance point 3 / 6.015 scores -0.0081, x = 0 scores -0.5025).
        var parameters = Presets.Calibrated with
        {
            ArrivalMinBits = 150e3,
            ArrivalMaxBits = 150e3,
            LocalSecondsPerBit = 2e-5,
            LocalJoulesPerBit = 1e-7,
            EnergyUnitJoules = 1,
            LatencyUnitSeconds = 1,
            MecCapacityHz = 5e7,
        };
        var env = new MiningEnvironment(parameters, new EnvironmentSettings { Miners = 1, TasksPerMiner = 1, Beta = 0.5 });
        ulong seed = 0;
        while (env.Reset(seed).ToArray()[2] != 1)
        {
            seed++; // the first seed whose channel starts good
        }

        var fractional = new PerSlotFractionalOptimum();
        double[] action = Act(fractional, env);

        Assert.Equal(1 / 3.015, action[0], 9);
        Assert.Equal(-0.0062313, ReferenceReward(env, action), 6);
        Assert.True(fractional.LastActionExact);
    }

    [Trait("Category", "Slow")] // left out of mutation runs (scripts/mutation.sh): a grid of up to 40,401 actions a state
    [Fact]
    public void OneTaskMiners_WhereCapsBind_MatchAFineGridAndAreLabelledExact()
    {
        // M = 1, N = 1 or 2, with rate_bad from 1e4 to 3e5 bit/s and t_local from 3e-7 to 3e-5 s/bit, so that a task of
        // 50-150 kbit may exceed the upload or the local capacity: each miner's one task has the whole capacity, its
        // reward given K is piecewise linear in x with kinks at the caps and at the balance points of each piece, and the
        // search is exact. Against every action on a grid (step 1e-4 for one task, 0.005 for two), scored by the slot
        // model; states after 0-5 random actions (buffers, backlogs), both channels, both usage privacy forms.
        var generator =
            from twoMiners in Gen.Bool
            from beta in Gen.Double[0, 1]
            from lambda in Gen.Double[0, 1]
            from threshold in Gen.OneOfConst(0.5, 1.0)
            from rateBadExponent in Gen.Double[4, 5.5]
            from localExponent in Gen.Double[-6.5, -4.5]
            from capacityExponent in Gen.Double[8, 10]
            from form in Gen.OneOfConst(UsagePrivacyForm.Eq8, UsagePrivacyForm.Withheld)
            from warmUp in Gen.Int[0, 5]
            from seed in Gen.ULong
            select (Miners: twoMiners ? 2 : 1, beta, lambda, threshold, rateBadExponent, localExponent, capacityExponent, form, warmUp, seed);
        int binding = 0;
        PinnedSample.Run(
            generator,
            c =>
            {
                var parameters = Presets.Calibrated with
                {
                    LocationPrivacyWeight = c.lambda,
                    GoodChannelThreshold = c.threshold,
                    RateBadBps = Math.Pow(10, c.rateBadExponent),
                    LocalSecondsPerBit = Math.Pow(10, c.localExponent),
                    MecCapacityHz = Math.Pow(10, c.capacityExponent),
                    UsagePrivacyForm = c.form,
                };
                var env = new MiningEnvironment(parameters, new EnvironmentSettings { Miners = c.Miners, TasksPerMiner = 1, Beta = c.beta });
                env.Reset(c.seed);
                var random = new Xoshiro256(c.seed);
                var warm = new double[c.Miners];
                for (int t = 0; t < c.warmUp; t++)
                {
                    Scenario.RandomAction(random, warm);
                    env.Step(warm);
                }

                binding += PerSlotOptimum.AnyCapCanBind(env) ? 1 : 0;
                var fractional = new PerSlotFractionalOptimum();
                var action = Act(fractional, env);
                Assert.True(fractional.LastActionExact);
                var outcomes = new TaskOutcome[c.Miners];
                double Score(double[] x) => env.Model.Evaluate(env.BufferedBits, env.ArrivedBits, env.ChannelGood, env.MecBacklogCycles, x, outcomes).Reward;
                double optimum = Score(action);
                int steps = c.Miners == 1 ? 10_000 : 200;
                double grid = double.NegativeInfinity;
                var x = new double[c.Miners];
                for (int a = 0; a <= steps; a++)
                {
                    x[0] = (double)a / steps;
                    for (int b = 0; b <= (c.Miners > 1 ? steps : 0); b++)
                    {
                        if (c.Miners > 1)
                        {
                            x[1] = (double)b / steps;
                        }

                        grid = Math.Max(grid, Score(x));
                    }
                }

                Assert.True(optimum >= grid - (1e-9 * Math.Max(1, Math.Abs(grid))), $"fractional optimum {optimum:R} below the grid's {grid:R}");
            },
            60,
            PinnedSample.DefaultSeed);
        Assert.True(binding >= 20, $"only {binding} of 60 states had a cap that can bind");
    }

    [Trait("Category", "Slow")] // left out of mutation runs (scripts/mutation.sh): 100 slots of the binary and fractional optima at M = 12; PerSlotFractionalOptimumTinyTests checks the label fast
    [Fact]
    public void PaperFitTwelveTasks_LabelledInexactExactlyWhereACapCanBind_AndNeverBelowTheBinaryOptimum()
    {
        // Paper-fit (docs/calibration-run/paper-fit.json as --config applies it), N = 1, M = 12: a bad slot's data exceeds
        // the upload capacity, the twelve tasks compete for it and the fractional search is a heuristic there, labelled so.
        // Elsewhere it is exact. It is never below the binary optimum, which is exact in every slot.
        var parameters = ParameterCatalog.Validate(ParameterCatalog.ApplyFile(Presets.Calibrated, Repository.File("docs/calibration-run/paper-fit.json")));
        var env = new MiningEnvironment(parameters, new EnvironmentSettings { Miners = 1, TasksPerMiner = 12, Beta = 0.5 });
        env.Reset(7);
        var fractional = new PerSlotFractionalOptimum();
        var binary = new PerSlotOptimum();
        int binding = 0;
        const int Slots = 100;
        for (int t = 0; t < Slots; t++)
        {
            bool canBind = PerSlotOptimum.AnyCapCanBind(env);
            binding += canBind ? 1 : 0;
            double f = ReferenceReward(env, Act(fractional, env));
            var b = Act(binary, env);
            Assert.Equal(!canBind, fractional.LastActionExact);
            Assert.True(binary.LastActionExact);
            Assert.True(f >= ReferenceReward(env, b) - 1e-9, $"slot {t}: fractional {f:R} below binary");
            env.Step(b);
        }

        Assert.InRange(binding, 20, Slots - 20);
        Assert.Equal(new OptimumExactness(Slots, binding, double.PositiveInfinity), fractional.Exactness);
    }

    [Trait("Category", "Slow")] // left out of mutation runs (scripts/mutation.sh): beta = 1 draws run MonotoneFrom to 2^24; PerSlotFractionalOptimumTinyTests has a fast version
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
