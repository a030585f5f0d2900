using EdgeMine.Learning;
using EdgeMine.Neural;
using EdgeMine.Randomness;
using EdgeMine.Tests.Neural;
using Xunit.Abstractions;

namespace EdgeMine.Tests.Learning;

public class QNetworkTests(ITestOutputHelper output)
{
    /// <summary>obs 1 → one ReLU unit with weight 1 (feature = s for s > 0) → linear head with the given weights.</summary>
    private static QNetwork TinyNetwork(DqnHead head, bool doubleDqn, float[] onlineHead, float[] targetHead)
    {
        var options = new DqnOptions { HiddenSizes = [1], BatchSize = 1, ReplayCapacity = 1, Head = head, DoubleDqn = doubleDqn };
        var network = new QNetwork(1, head == DqnHead.Joint ? 2 : 2, options, new Xoshiro256(1));
        foreach (QModel model in new[] { network.Online, network.Target })
        {
            model.Trunk.Layers[0].Weights.Values[0] = 1f;
            model.Trunk.Layers[0].Bias.Values[0] = 0f;
            Array.Clear(model.Head.Bias.Values);
        }

        onlineHead.CopyTo(network.Online.Head.Weights.Values, 0);
        targetHead.CopyTo(network.Target.Head.Weights.Values, 0);
        return network;
    }

    [Theory]
    // Joint, s' = 2: Q_online = [2, 4] (argmax 1), Q_target = [6, -2]. DQN: 1 + 0.85·6; Double: 1 + 0.85·(-2).
    [InlineData(DqnHead.Joint, false, 6.1f)]
    [InlineData(DqnHead.Joint, true, -0.7f)]
    // Branching, s' = 2: online branches [2, 4], [6, 0] (argmax 1, 0); target [6, -2], [0, 10].
    // DQN: 1 + 0.85·mean(6, 10) = 7.8; Double: 1 + 0.85·mean(-2, 0) = 0.15.
    [InlineData(DqnHead.Branching, false, 7.8f)]
    [InlineData(DqnHead.Branching, true, 0.15f)]
    public void Targets_MatchHandComputation(DqnHead head, bool doubleDqn, float expected)
    {
        float[] onlineHead = head == DqnHead.Joint ? [1f, 2f] : [1f, 2f, 3f, 0f];
        float[] targetHead = head == DqnHead.Joint ? [3f, -1f] : [3f, -1f, 0f, 5f];
        QNetwork network = TinyNetwork(head, doubleDqn, onlineHead, targetHead);
        var targets = new float[network.ActionComponents];
        network.ComputeTargets([1f], [2f], 1, targets);
        Assert.All(targets, y => Assert.Equal(expected, y, 5));
    }

    [Theory]
    [InlineData(1, 1, false)] // dueling joint
    [InlineData(3, 2, false)] // branching
    [InlineData(3, 2, true)]  // dueling branching
    public void HeadGradients_MatchFiniteDifferences(int groups, int groupSize, bool dueling)
    {
        if (groups == 1)
        {
            groupSize = 5;
            dueling = true;
        }

        var rng = new Xoshiro256(8);
        const int Batch = 3;
        var model = new QModel(4, [6, 5], groups, groupSize, dueling, Batch);
        model.Initialize(rng);
        float[] states = GradientCheck.RandomArray(rng, Batch * 4);
        float[] projection = GradientCheck.RandomArray(rng, Batch * model.Outputs);
        double Loss() => GradientCheck.Project(model.Forward(states, Batch), projection);

        Loss();
        model.ZeroGradients();
        model.Backward(projection);
        int index = 0;
        foreach (Parameter parameter in model.Parameters)
        {
            GradientCheck.Check($"param{index++}", Loss, parameter.Values, parameter.Gradient, rng);
        }
    }

    [Fact]
    public void SelectedFastPath_EqualsGenericPath()
    {
        var rng = new Xoshiro256(9);
        const int Batch = 4, Actions = 7;
        var model = new QModel(3, [8], 1, Actions, dueling: false, Batch);
        model.Initialize(rng);
        float[] states = GradientCheck.RandomArray(rng, Batch * 3);
        int[] actions = [0, 6, 3, 3];
        float[] upstream = [0.5f, -1f, 2f, 0.25f];

        var selected = new float[Batch];
        model.ZeroGradients();
        model.ForwardSelected(states, Batch, actions, selected);
        model.BackwardSelected(upstream, actions);
        float[][] fast = [.. model.Parameters.Select(p => (float[])p.Gradient.Clone())];

        ReadOnlySpan<float> q = model.Forward(states, Batch);
        var gradQ = new float[Batch * Actions];
        for (int row = 0; row < Batch; row++)
        {
            Assert.Equal(q[(row * Actions) + actions[row]], selected[row], 4);
            gradQ[(row * Actions) + actions[row]] = upstream[row];
        }

        model.ZeroGradients();
        model.Backward(gradQ);
        for (int p = 0; p < fast.Length; p++)
        {
            for (int i = 0; i < fast[p].Length; i++)
            {
                Assert.True(Math.Abs(fast[p][i] - model.Parameters[p].Gradient[i]) <= 1e-5f, $"param {p}[{i}]");
            }
        }
    }

    [Fact]
    public void SelectedForward_EqualsScalarSum_ForALargerBatch()
    {
        // 37 samples with repeated actions: the feature-major loop gives each sum its terms in feature order, so it
        // equals the plain per-sample sum exactly.
        var rng = new Xoshiro256(12);
        const int Batch = 37, Actions = 40, Observation = 6;
        var model = new QModel(Observation, [24, 19], 1, Actions, dueling: false, Batch);
        model.Initialize(rng);
        float[] states = GradientCheck.RandomArray(rng, Batch * Observation);
        int[] actions = [.. Enumerable.Range(0, Batch).Select(i => (i * 7) % 13 == 0 ? 3 : rng.NextInt(Actions))];
        var selected = new float[Batch];
        model.ForwardSelected(states, Batch, actions, selected);

        ReadOnlySpan<float> features = model.Trunk.LastOutput;
        int width = model.Features;
        for (int row = 0; row < Batch; row++)
        {
            float expected = model.Head.Bias.Values[actions[row]];
            for (int i = 0; i < width; i++)
            {
                expected += features[(row * width) + i] * model.Head.Weights.Values[(i * Actions) + actions[row]];
            }

            Assert.Equal(expected, selected[row]);
        }
    }

    [Theory]
    [InlineData(DqnHead.Joint, false, false)]
    [InlineData(DqnHead.Joint, true, true)]
    [InlineData(DqnHead.Branching, false, false)]
    [InlineData(DqnHead.Branching, true, true)]
    public void ContextualBandit_IsLearned(DqnHead head, bool doubleDqn, bool dueling)
    {
        // Two context bits; the right choice for branch b is bit b. Joint: 4 actions, action index = 2·c1 + c0, reward
        // 1 for the right index. Branching: 2 branches, reward = fraction of right branches.
        var options = new DqnOptions
        {
            HiddenSizes = [32], BatchSize = 32, ReplayCapacity = 2000, LearningRate = 5e-3f, TargetSyncInterval = 50,
            Head = head, DoubleDqn = doubleDqn, Dueling = dueling, Loss = DqnLoss.Huber,
        };
        var rng = new Xoshiro256(12);
        var network = new QNetwork(2, head == DqnHead.Joint ? 4 : 2, options, rng);
        ReplayMemory memory = network.CreateReplayMemory();
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
            network.TrainStep(memory, rng);
        }

        for (int c0 = 0; c0 < 2; c0++)
        {
            for (int c1 = 0; c1 < 2; c1++)
            {
                float[] state = [c0, c1];
                if (head == DqnHead.Joint)
                {
                    Assert.Equal((2 * c1) + c0, network.GreedyJoint(state));
                }
                else
                {
                    network.GreedyBranches(state, choice);
                    Assert.Equal([c0, c1], choice);
                }
            }
        }

        Assert.Equal(400, network.UpdateCount);
    }

    [Fact]
    public void SaveLoad_RoundTrip_GivesIdenticalOutputsAndTraining()
    {
        var options = new DqnOptions { HiddenSizes = [8, 6], BatchSize = 8, ReplayCapacity = 64, TargetSyncInterval = 3, Dueling = true, Head = DqnHead.Branching };
        var rng = new Xoshiro256(21);
        var original = new QNetwork(3, 2, options, rng);
        ReplayMemory memory = original.CreateReplayMemory();
        for (int t = 0; t < 64; t++)
        {
            memory.Add([(float)rng.NextDouble(), (float)rng.NextDouble(), 1f], [rng.NextInt(2), rng.NextInt(2)], (float)rng.NextDouble(), [0.5f, 0.5f, 0f]);
        }

        for (int i = 0; i < 5; i++)
        {
            original.TrainStep(memory, rng);
        }

        using var file = new MemoryStream();
        original.Save(file);
        var restored = new QNetwork(3, 2, options, new Xoshiro256(99));
        file.Position = 0;
        restored.Load(file);
        Assert.Equal(original.UpdateCount, restored.UpdateCount);

        float[] state = [0.3f, 0.7f, 1f];
        var q1 = new float[4];
        var q2 = new float[4];
        original.QValues(state, q1);
        restored.QValues(state, q2);
        Assert.Equal(q1, q2);

        ulong[] rngState = rng.SaveState();
        var rngCopy = new Xoshiro256(0);
        rngCopy.LoadState(rngState);
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(original.TrainStep(memory, rng), restored.TrainStep(memory, rngCopy));
        }

        original.QValues(state, q1);
        restored.QValues(state, q2);
        Assert.Equal(q1, q2);

        var otherShape = new QNetwork(3, 3, options, new Xoshiro256(1));
        file.Position = 0;
        Assert.Throws<InvalidDataException>(() => otherShape.Load(file));
    }

    [Fact]
    public void Benchmark_Measure_ReturnsPositiveRates()
    {
        // Set EDGEMINE_BENCH_SECONDS (e.g. 3, in Release) to read real figures from the test output.
        double seconds = double.TryParse(Environment.GetEnvironmentVariable("EDGEMINE_BENCH_SECONDS"), System.Globalization.CultureInfo.InvariantCulture, out double s) ? s : 0.02;
        int actions = seconds > 0.5 ? 1024 : 16;
        DqnBenchmarkResult result = DqnUpdateBenchmark.Measure(observationDim: 25, actions, batch: seconds > 0.5 ? 128 : 8, seconds);
        output.WriteLine(System.FormattableString.Invariant($"updates/s {result.UpdatesPerSecond:F1} ({result.Updates}), actions/s {result.ActionsPerSecond:F0} ({result.ActionSelections})"));
        Assert.True(result.UpdatesPerSecond > 0);
        Assert.True(result.ActionsPerSecond > 0);
    }
}
