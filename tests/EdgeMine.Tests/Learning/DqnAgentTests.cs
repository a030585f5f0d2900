using EdgeMine.Learning;
using EdgeMine.Model;
using EdgeMine.Randomness;

namespace EdgeMine.Tests.Learning;

public sealed class DqnAgentTests
{
    private static MiningEnvironment TwoMinersOneTask() =>
        new(Presets.Calibrated, new EnvironmentSettings { Miners = 2, TasksPerMiner = 1, Beta = 0.5 });

    private static TaskOutcome Good100Kbit() => new() { ChannelGood = true, BufferedBits = 0, ArrivedBits = 100e3 };

    [Fact]
    public void DifferenceRewards_BothOffloaded_EachGetsItsMarginalContributionIncludingTheSharedCpu()
    {
        // Calibrated preset, beta 0.5, good channel (10 Mbit/s), D0 = 0, D1 = 100 kbit, Q = 0.
        // Offloaded with K tasks on the MEC: Lu = 1e5 / 1e7 = 0.01 s; Lp = 1e5 * 1000 / (1e10 / K) = 0.01 K s;
        //   Eo = 0.5 * 0.01 + 1e-26 * (10/K)^3 * Lp (negligible, < 1e-24) = 0.005 J; P = |0 - 1e5| / 1e5 = 1.
        //   K = 1: C = 0.5 * 0.005 / 0.0325 + 0.5 * 0.02 / 0.0475 = 0.0769231 + 0.2105263 = 0.2874494; r = 0.7125506.
        //   K = 2: C = 0.0769231 + 0.5 * 0.03 / 0.0475 = 0.0769231 + 0.3157895 = 0.3927126; r = 0.6072874.
        // Local: El = 0.0325 J, Ll = 0.0475 s: C = 0.5 + 0.5 = 1; P = |0 - 0| / 1e5 = 0; r = -1.
        // R(both offloaded) = 2 * 0.6072874 = 1.2145749; R(one local) = 0.7125506 - 1 = -0.2874494.
        // Difference reward of each = 1.2145749 + 0.2874494 = 1.5020243.
        var environment = TwoMinersOneTask();
        var agent = new DqnAgent(DqnAgentOptions.Default);
        agent.BeginTraining(environment, 1);
        TaskOutcome[] outcomes = [Good100Kbit(), Good100Kbit()];
        var metrics = new SlotMetrics { Reward = 1.2145749, MecBacklogCycles = 0 };
        var rewards = new float[2];

        agent.DifferenceRewards([1, 1], outcomes, metrics, rewards);

        Assert.Equal(1.5020243, rewards[0], 5);
        Assert.Equal(1.5020243, rewards[1], 5);
    }

    [Fact]
    public void DifferenceRewards_LocalTask_GetsZero_OffloadedAloneGetsOffloadMinusLocal()
    {
        // Task 0 local, task 1 offloaded alone (K = 1): R = -1 + 0.7125506 = -0.2874494 (numbers of the test above).
        // Task 1 without offloading: both local, R = -2; difference = -0.2874494 + 2 = 1.7125506. Task 0: 0 by definition.
        var environment = TwoMinersOneTask();
        var agent = new DqnAgent(DqnAgentOptions.Default);
        agent.BeginTraining(environment, 1);
        TaskOutcome[] outcomes = [Good100Kbit(), Good100Kbit()];
        var metrics = new SlotMetrics { Reward = -0.2874494, MecBacklogCycles = 0 };
        var rewards = new float[2];

        agent.DifferenceRewards([0, 1], outcomes, metrics, rewards);

        Assert.Equal(0f, rewards[0]);
        Assert.Equal(1.7125506, rewards[1], 5);
    }

    [Fact]
    public void PerBranchTargets_EachBranchUsesItsOwnRewardAndBootstrap()
    {
        // y_b = r_b + gamma * max_a Q_target,b(s', a); right after construction the target network equals the online one.
        var options = new DqnOptions { Head = DqnHead.Branching, PerBranchRewards = true, DoubleDqn = false, BatchSize = 1, ReplayCapacity = 4, HiddenSizes = [8] };
        var network = new QNetwork(3, 2, options, new Xoshiro256(7));
        float[] next = [0.3f, -0.2f, 0.9f];
        var q = new float[4];
        network.QValues(next, q);
        var targets = new float[2];

        network.ComputeTargets([1.5f, -2f], next, 1, targets);

        Assert.Equal(1.5f + (0.85f * Math.Max(q[0], q[1])), targets[0], 5);
        Assert.Equal(-2f + (0.85f * Math.Max(q[2], q[3])), targets[1], 5);
    }

    [Fact]
    public void Constructor_DifferenceRewardsWithoutPerBranchRewards_Throws()
    {
        var options = DqnAgentOptions.Default with { Network = DqnAgentOptions.Default.Network with { PerBranchRewards = false } };

        Assert.Throws<ArgumentException>(() => new DqnAgent(options));
    }
}
