using CsCheck;
using EdgeMine.Model;
using EdgeMine.Policies;
using EdgeMine.Randomness;
using EdgeMine.Tests.Model;

namespace EdgeMine.Tests.Policies;

/// <summary>The per-slot optimum against a brute force over all 2^(N M) binary actions, scored by the literal reference.</summary>
public class PerSlotOptimumTests
{
    /// <summary>The best reward over all binary actions, scored by <see cref="ReferenceSlot"/> (not by SlotModel).</summary>
    private static double BruteForceBest(MiningEnvironment env)
    {
        var s = env.Settings;
        int tasks = s.Miners * s.TasksPerMiner;
        bool[] good = env.ChannelGood.ToArray();
        double[] d0 = env.BufferedBits.ToArray(), d1 = env.ArrivedBits.ToArray();
        var x = new double[tasks];
        double best = double.NegativeInfinity;
        for (int index = 0; index < 1 << tasks; index++)
        {
            for (int i = 0; i < tasks; i++)
            {
                x[i] = (index >> i) & 1;
            }

            best = Math.Max(best, ReferenceSlot.Compute(env.Parameters, s.Miners, s.TasksPerMiner, s.Beta, good, d0, d1, x, env.MecBacklogCycles).Reward);
        }

        return best;
    }

    private static double ReferenceReward(MiningEnvironment env, double[] x)
    {
        var s = env.Settings;
        return ReferenceSlot.Compute(
            env.Parameters, s.Miners, s.TasksPerMiner, s.Beta, env.ChannelGood.ToArray(), env.BufferedBits.ToArray(),
            env.ArrivedBits.ToArray(), x, env.MecBacklogCycles).Reward;
    }

    /// <summary>Asserts the optimum's action is binary and as good as the brute force in the current state.</summary>
    private static void AssertOptimal(PerSlotOptimum optimum, MiningEnvironment env, string where)
    {
        var action = new double[env.ActionSpace.Dimension];
        optimum.Act(env, action);
        Assert.All(action, v => Assert.True(v is 0 or 1, $"{where}: action {v} is not binary"));
        double chosen = ReferenceReward(env, action);
        double best = BruteForceBest(env);
        Assert.True(
            Approx.Close(best, chosen, 1e-9, 1e-9),
            $"{where}: optimum reward {chosen:R}, brute-force best {best:R}");
    }

    /// <summary>
    /// The quick cousin of the Slow checks below (itself too slow for mutation runs since the capped search came): one system of each search path
    /// (12 tasks: top-K with no cap binding; the capped search once the bad channel's upload cap binds, for one miner of
    /// 12 tasks and for 3 miners of 3), a few slots each, against brute force over every binary action.
    /// </summary>
    [Trait("Category", "Slow")] // left out of mutation runs (scripts/mutation.sh): brute force over up to 4,096 actions a slot; PerSlotOptimumTinyTests pins the search paths on at most 6 tasks
    [Theory]
    [InlineData(12, 1, 10e6, 2e6)]     // no cap binds: linear-time top-K per K
    [InlineData(1, 12, 1e6, 2e5)]      // 12 tasks of one miner share an upload cap that binds: the capped search
    [InlineData(3, 3, 1e6, 2e5)]       // 9 tasks, caps binding: the capped search over several miners
    public void Act_EachSearchPath_MatchesBruteForce(int miners, int tasksPerMiner, double rateGood, double rateBad)
    {
        var p = Presets.Calibrated with { RateGoodBps = rateGood, RateBadBps = rateBad, MecCapacityHz = 1e9 };
        var env = new MiningEnvironment(p, new EnvironmentSettings { Miners = miners, TasksPerMiner = tasksPerMiner, Beta = 0.5 });
        var optimum = new PerSlotOptimum();
        var random = new RandomOffload();
        random.Reset(5);
        var action = new double[env.Model.Tasks];
        env.Reset(77);
        for (int t = 0; t < 4; t++)
        {
            AssertOptimal(optimum, env, $"slot {t}");
            random.Act(env, action);
            env.Step(action);
        }
    }

    [Trait("Category", "Slow")] // left out of mutation runs (scripts/mutation.sh): minutes under Stryker's coverage capture
    [Theory]
    [InlineData(null)]
    [InlineData(UsagePrivacyForm.Withheld)]
    public void Act_SmallSystemsInRandomStates_MatchesBruteForceMaximum(UsagePrivacyForm? form)
    {
        // N, M in 1..3 (N M <= 9), any preset, caps that may bind, backlog, deadline penalties; both usage privacy forms,
        // or withheld only.
        var scenarios = Scenario.Generator(maxMiners: 3, maxTasksPerMiner: 3, maxSlots: 8)
            .Select(s => form is { } f ? s with { Parameters = s.Parameters with { UsagePrivacyForm = f } } : s);
        PinnedSample.Run(
            scenarios,
            s =>
            {
                var env = s.CreateEnvironment();
                var optimum = new PerSlotOptimum();
                var random = new Xoshiro256(s.Seed ^ 0x0F7);
                var action = new double[s.Tasks];
                env.Reset(s.Seed);
                for (int t = 0; t < s.Slots; t++)
                {
                    AssertOptimal(optimum, env, $"slot {t}");
                    Scenario.RandomAction(random, action);
                    env.Step(action);
                }
            },
            150,
            PinnedSample.DefaultSeed);
    }

    public static TheoryData<int, int, double, double, double, double, UsagePrivacyForm> LargeSystems => new()
    {
        // miners, tasks per miner, beta, F (Hz), deadline (s), penalty, usage privacy form; calibrated preset otherwise
        // (no cap binds).
        { 6, 2, 0.5, 10e9, 15, 0, UsagePrivacyForm.Eq8 },
        { 12, 1, 0.5, 10e9, 15, 0, UsagePrivacyForm.Eq8 },
        { 6, 2, 0.8, 10e9, 15, 0, UsagePrivacyForm.Eq8 },
        { 12, 1, 0.2, 10e9, 15, 0, UsagePrivacyForm.Eq8 },
        { 1, 12, 0.5, 10e9, 15, 0, UsagePrivacyForm.Eq8 },
        { 6, 2, 0.5, 1e8, 15, 0, UsagePrivacyForm.Eq8 },        // F = 1e8: the offloaded tasks build a backlog, so Lq > 0
        { 12, 1, 0.8, 1e8, 15, 0, UsagePrivacyForm.Eq8 },
        { 6, 2, 0.5, 1e9, 0.05, 1, UsagePrivacyForm.Eq8 },     // deadline misses enter the reward
        { 6, 2, 0.5, 10e9, 15, 0, UsagePrivacyForm.Withheld },
        { 12, 1, 0.8, 10e9, 15, 0, UsagePrivacyForm.Withheld },
        { 6, 2, 0.5, 1e8, 15, 0, UsagePrivacyForm.Withheld },
        { 6, 2, 0.2, 1e9, 0.05, 1, UsagePrivacyForm.Withheld },
    };

    [Trait("Category", "Slow")] // left out of mutation runs (scripts/mutation.sh): minutes under Stryker's coverage capture
    [Theory]
    [MemberData(nameof(LargeSystems))]
    public void Act_MoreThanTenTasksWithoutBindingCaps_TopKSearchMatchesBruteForce(
        int miners, int tasksPerMiner, double beta, double capacityHz, double deadline, double penalty, UsagePrivacyForm form)
    {
        var p = Presets.Calibrated with { MecCapacityHz = capacityHz, DeadlineSeconds = deadline, DeadlinePenalty = penalty, UsagePrivacyForm = form };
        var env = new MiningEnvironment(p, new EnvironmentSettings { Miners = miners, TasksPerMiner = tasksPerMiner, Beta = beta });
        Assert.True(env.Model.Tasks > 10, "this case must be larger than the small systems above");
        var optimum = new PerSlotOptimum();
        var policy = new RandomOffload();
        policy.Reset(99);
        var action = new double[env.Model.Tasks];
        env.Reset(2024);
        for (int t = 0; t < 12; t++)
        {
            AssertOptimal(optimum, env, $"slot {t}");
            policy.Act(env, action);
            env.Step(action);
            Assert.All(env.BufferedBits.ToArray(), d0 => Assert.Equal(0, d0)); // no cap binds: nothing is ever buffered
        }
    }

    [Theory]
    [InlineData(true, UsagePrivacyForm.Eq8, 1.0, 0.7125506)]
    [InlineData(true, UsagePrivacyForm.Withheld, 0.0, 0.0)]
    [InlineData(false, UsagePrivacyForm.Eq8, 1.0, -0.5161943)]
    [InlineData(false, UsagePrivacyForm.Withheld, 1.0, -0.5161943)]
    public void Act_OneTask_OffloadsOrNotByChannelAndForm_WorkedByHand(bool good, UsagePrivacyForm form, double expectedAction, double expectedReward)
    {
        // Calibrated, beta 0.5, D0 = 0, D1 = 100 kbit, Q = 0, lambda 0.5. Local: C = 0.5 + 0.5 = 1; P = 0 (eq8 or a bad
        // channel) or 1 (withheld, good channel: |0 + 1e5 - 0| / 1e5): r = -1 or 0.
        // Good channel, offloaded (K = 1): Lu = 0.01 s, Lp = 0.01 s, E = 0.005 J: C = 0.0769231 + 0.2105263 = 0.2874494;
        //   eq8 P = |0 - 1e5| / 1e5 = 1: r = 0.7125506 > -1, offload; withheld P = |1e5 - 1e5| = 0: r = -0.2874494 < 0, local.
        // Bad channel, offloaded: Lu = 0.05 s, Lp = 0.01 s, E = 0.025 J: C = 0.3846154 + 0.6315789 = 1.0161943; Pu = 0 under
        //   both forms, Pl = 1: P = 0.5, r = -0.5161943 > -1: offload under both.
        var parameters = Presets.Calibrated with { ArrivalMinBits = 100e3, ArrivalMaxBits = 100e3, UsagePrivacyForm = form };
        var env = new MiningEnvironment(parameters, new EnvironmentSettings { Miners = 1, TasksPerMiner = 1, Beta = 0.5 });
        ulong seed = 0;
        while (env.Reset(seed).ToArray()[2] != (good ? 1 : 0))
        {
            seed++; // the first seed whose channel starts as wanted
        }

        var action = new double[1];
        new PerSlotOptimum().Act(env, action);

        Assert.Equal(expectedAction, action[0]);
        Assert.Equal(expectedReward, ReferenceReward(env, action), 6);
    }

    [Fact]
    public void Act_MoreThanTenTasks_ChoosesAMixWhenTheMecIsCrowded()
    {
        // Guards the top-K test against a degenerate optimum: with F = 1e8 Hz, K tasks each need 1e5 * 1000 * K / 1e8 = K s
        // of processing, so offloading everything (K = 12: 12 s per task) is far worse than local (0.0475 s).
        var p = Presets.Calibrated with { MecCapacityHz = 1e8 };
        var env = new MiningEnvironment(p, new EnvironmentSettings { Miners = 12, TasksPerMiner = 1, Beta = 0.5 });
        env.Reset(5);
        var action = new double[12];
        new PerSlotOptimum().Act(env, action);
        Assert.InRange(action.Sum(), 0, 11);
    }
}
