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

    [Fact]
    public void Act_SmallSystemsInRandomStates_MatchesBruteForceMaximum()
    {
        // N, M in 1..3 (N M <= 9: enumeration), any preset, caps that may bind, backlog, deadline penalties.
        Scenario.Generator(maxMiners: 3, maxTasksPerMiner: 3, maxSlots: 8).Sample(
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
            iter: 150,
            threads: 1);
    }

    public static TheoryData<int, int, double, double, double, double> LargeSystems => new()
    {
        // miners, tasks per miner, beta, F (Hz), deadline (s), penalty; calibrated preset otherwise (no cap binds).
        { 6, 2, 0.5, 10e9, 15, 0 },
        { 12, 1, 0.5, 10e9, 15, 0 },
        { 6, 2, 0.8, 10e9, 15, 0 },
        { 12, 1, 0.2, 10e9, 15, 0 },
        { 1, 12, 0.5, 10e9, 15, 0 },
        { 6, 2, 0.5, 1e8, 15, 0 },        // F = 1e8: the offloaded tasks build a backlog, so Lq > 0
        { 12, 1, 0.8, 1e8, 15, 0 },
        { 6, 2, 0.5, 1e9, 0.05, 1 },     // deadline misses enter the reward
    };

    [Theory]
    [MemberData(nameof(LargeSystems))]
    public void Act_MoreThanTenTasksWithoutBindingCaps_TopKSearchMatchesBruteForce(
        int miners, int tasksPerMiner, double beta, double capacityHz, double deadline, double penalty)
    {
        var p = Presets.Calibrated with { MecCapacityHz = capacityHz, DeadlineSeconds = deadline, DeadlinePenalty = penalty };
        var env = new MiningEnvironment(p, new EnvironmentSettings { Miners = miners, TasksPerMiner = tasksPerMiner, Beta = beta });
        Assert.True(env.Model.Tasks > PerSlotOptimum.EnumerationLimit, "this case must exercise the top-K search");
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
