using EdgeMine.Neural;
using EdgeMine.Randomness;

namespace EdgeMine.Tests.Neural;

/// <summary>DRLO's network: its gradients against finite differences, and the joint head's selected-action fast path.</summary>
public class QNetworkTests
{
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
        var model = new QNetwork(4, [6, 5], groups, groupSize, dueling, Batch);
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
        var model = new QNetwork(3, [8], 1, Actions, dueling: false, Batch);
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
        var model = new QNetwork(Observation, [24, 19], 1, Actions, dueling: false, Batch);
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
}
