using EdgeMine.Learning;
using EdgeMine.Learning.Dqn;
using EdgeMine.Model;
using EdgeMine.Randomness;
using Xunit.Abstractions;

namespace EdgeMine.Tests.Learning.Dqn;

public sealed class DqnLearnerTests(ITestOutputHelper output)
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
        var agent = new DqnLearner(DqnOptions.Default);
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
        var agent = new DqnLearner(DqnOptions.Default);
        agent.BeginTraining(environment, 1);
        TaskOutcome[] outcomes = [Good100Kbit(), Good100Kbit()];
        var metrics = new SlotMetrics { Reward = -0.2874494, MecBacklogCycles = 0 };
        var rewards = new float[2];

        agent.DifferenceRewards([0, 1], outcomes, metrics, rewards);

        Assert.Equal(0f, rewards[0]);
        Assert.Equal(1.7125506, rewards[1], 5);
    }

    [Fact]
    public void Options_DifferenceRewardsNeedTheBranchingHead()
    {
        var options = DqnOptions.Default with { Head = DqnHead.Joint };

        Assert.Contains("difference_rewards", options.Problem(tasks: 2), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => options.Validate(tasks: 2));
        Assert.Null((options with { DifferenceRewards = false }).Problem(tasks: 2));
    }

    [Fact]
    public void Options_JointHeadAbove4096Actions_IsRefused()
    {
        // 2^12 = 4096 outputs is the limit; 2^13 is not allowed.
        Assert.Null(DqnOptions.Paper.Problem(tasks: 12));
        Assert.Contains("2^13", DqnOptions.Paper.Problem(tasks: 13), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DqnHead.Joint, false, false)]
    [InlineData(DqnHead.Joint, true, true)]
    [InlineData(DqnHead.Branching, false, false)]
    [InlineData(DqnHead.Branching, true, true)]
    public void ContextualBandit_IsLearned(DqnHead head, bool doubleDqn, bool dueling)
    {
        // Two context bits, two tasks; the right choice for task b is bit b. Joint: 4 actions, action index = 2·c1 + c0,
        // reward 1 for the right index. Branching: 2 branches, reward = fraction of right branches.
        var options = new DqnOptions
        {
            HiddenSizes = [32], BatchSize = 32, ReplayCapacity = 2000, LearningRate = 5e-3f, TargetSyncInterval = 50,
            Head = head, DoubleDqn = doubleDqn, Dueling = dueling, Loss = DqnLoss.Huber,
        };
        var rng = new Xoshiro256(12);
        var learner = new DqnLearner(options);
        learner.BeginTraining(observationDim: 2, tasks: 2, seed: 12);
        var memory = learner.Memory;
        var choice = new int[2];
        for (int t = 0; t < 2000; t++)
        {
            int c0 = rng.NextInt(2), c1 = rng.NextInt(2);
            float[] state = [c0, c1];
            float[] next = [rng.NextInt(2), rng.NextInt(2)];
            if (head == DqnHead.Joint)
            {
                int action = rng.NextInt(4);
                memory.Add(state, action, action == (2 * c1) + c0 ? 1f : 0f, next);
            }
            else
            {
                (choice[0], choice[1]) = (rng.NextInt(2), rng.NextInt(2));
                float reward = ((choice[0] == c0 ? 1f : 0f) + (choice[1] == c1 ? 1f : 0f)) / 2f;
                memory.Add(state, choice, reward, next);
            }
        }

        for (int update = 0; update < 400; update++)
        {
            learner.Update();
        }

        for (int c0 = 0; c0 < 2; c0++)
        {
            for (int c1 = 0; c1 < 2; c1++)
            {
                float[] state = [c0, c1];
                if (head == DqnHead.Joint)
                {
                    Assert.Equal((2 * c1) + c0, learner.GreedyJoint(state));
                }
                else
                {
                    learner.GreedyBranches(state, choice);
                    Assert.Equal([c0, c1], choice);
                }
            }
        }

        Assert.Equal(400, learner.UpdateCount);
    }

    [Fact]
    public void TrainingState_RoundTrip_GivesIdenticalOutputsAndTraining()
    {
        var options = new DqnOptions { HiddenSizes = [8, 6], BatchSize = 8, ReplayCapacity = 64, TargetSyncInterval = 3, Dueling = true, Head = DqnHead.Branching };
        var rng = new Xoshiro256(21);
        var original = new DqnLearner(options);
        original.BeginTraining(observationDim: 3, tasks: 2, seed: 21);
        for (int t = 0; t < 64; t++)
        {
            original.Memory.Add([(float)rng.NextDouble(), (float)rng.NextDouble(), 1f], [rng.NextInt(2), rng.NextInt(2)], (float)rng.NextDouble(), [0.5f, 0.5f, 0f]);
        }

        for (int i = 0; i < 5; i++)
        {
            original.Update();
        }

        using var file = new MemoryStream();
        using (var writer = new BinaryWriter(file, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            original.SaveTrainingState(writer);
        }

        var restored = new DqnLearner(options);
        restored.BeginTraining(observationDim: 3, tasks: 2, seed: 99);
        file.Position = 0;
        using (var reader = new BinaryReader(file, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            restored.LoadTrainingState(reader);
        }

        Assert.Equal(original.UpdateCount, restored.UpdateCount);
        float[] state = [0.3f, 0.7f, 1f];
        var q1 = new float[4];
        var q2 = new float[4];
        original.Online.ForwardSingle(state, q1);
        restored.Online.ForwardSingle(state, q2);
        Assert.Equal(q1, q2);
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(original.Update(), restored.Update());
        }

        original.Online.ForwardSingle(state, q1);
        restored.Online.ForwardSingle(state, q2);
        Assert.Equal(q1, q2);
    }

    [Fact]
    public void LoadModel_OfAnotherHead_IsRefused()
    {
        var joint = new DqnLearner(DqnOptions.Paper with { HiddenSizes = [4], BatchSize = 2, ReplayCapacity = 4 });
        joint.BeginTraining(observationDim: 3, tasks: 2, seed: 1);
        using var file = new MemoryStream();
        joint.SaveModel(file);

        var branching = new DqnLearner(DqnOptions.Default with { HiddenSizes = [4], BatchSize = 2, ReplayCapacity = 4 });
        file.Position = 0;
        var error = Assert.Throws<InvalidDataException>(() => branching.LoadModel(file));
        Assert.Contains("head", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Benchmark_Measure_ReturnsPositiveRates()
    {
        // Set EDGEMINE_BENCH_SECONDS (e.g. 3, in Release) to read real figures from the test output.
        double seconds = double.TryParse(Environment.GetEnvironmentVariable("EDGEMINE_BENCH_SECONDS"), System.Globalization.CultureInfo.InvariantCulture, out double s) ? s : 0.02;
        int actions = seconds > 0.5 ? 1024 : 16;
        DqnBenchmarkResult result = DqnBenchmark.Measure(observationDim: 25, actions, batch: seconds > 0.5 ? 128 : 8, seconds);
        output.WriteLine(System.FormattableString.Invariant($"updates/s {result.UpdatesPerSecond:F1} ({result.Updates}), actions/s {result.ActionsPerSecond:F0} ({result.ActionSelections})"));
        Assert.True(result.UpdatesPerSecond > 0);
        Assert.True(result.ActionsPerSecond > 0);
    }
}
