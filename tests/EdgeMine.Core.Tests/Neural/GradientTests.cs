using EdgeMine.Neural;
using EdgeMine.Randomness;

namespace EdgeMine.Tests.Neural;

public class GradientTests
{
    [Fact]
    public void DenseLayer_Gradients_MatchFiniteDifferences()
    {
        var rng = new Xoshiro256(1);
        const int Batch = 3, Inputs = 5, Outputs = 4;
        var layer = new DenseLayer(Inputs, Outputs);
        GradientCheck.RandomArray(rng, Inputs * Outputs).CopyTo(layer.Weights.Values, 0);
        GradientCheck.RandomArray(rng, Outputs).CopyTo(layer.Bias.Values, 0);
        float[] input = GradientCheck.RandomArray(rng, Batch * Inputs);
        float[] projection = GradientCheck.RandomArray(rng, Batch * Outputs);
        var output = new float[Batch * Outputs];
        double Loss()
        {
            layer.Forward(input, output, Batch);
            return GradientCheck.Project(output, projection);
        }

        var gradInput = new float[Batch * Inputs];
        layer.Backward(input, projection, gradInput, Batch);
        GradientCheck.Check("dW", Loss, layer.Weights.Values, layer.Weights.Gradient, rng);
        GradientCheck.Check("db", Loss, layer.Bias.Values, layer.Bias.Gradient, rng);
        GradientCheck.Check("dx", Loss, input, gradInput, rng);
    }

    [Fact]
    public void Relu_Gradient_MatchesFiniteDifferences()
    {
        var rng = new Xoshiro256(2);
        float[] input = GradientCheck.RandomArray(rng, 37);
        float[] projection = GradientCheck.RandomArray(rng, 37);
        var output = new float[37];
        double Loss()
        {
            Relu.Forward(input, output);
            return GradientCheck.Project(output, projection);
        }

        Loss();
        var gradInput = new float[37];
        Relu.Backward(output, projection, gradInput);
        GradientCheck.Check("relu", Loss, input, gradInput, rng);
        Assert.Contains(gradInput, g => g == 0f);
    }

    [Fact]
    public void MeanSquared_ValueAndGradient()
    {
        float[] prediction = [1f, 2f, -1f];
        float[] target = [0f, 4f, -1f];
        var gradient = new float[3];
        // (1 + 4 + 0) / 3; gradient 2 d / 3
        Assert.Equal(5f / 3f, Losses.MeanSquared(prediction, target, gradient), 6);
        Assert.Equal([2f / 3f, -4f / 3f, 0f], gradient);
        var rng = new Xoshiro256(3);
        GradientCheck.Check("mse", () => Losses.MeanSquared(prediction, target, new float[3]), prediction, gradient, rng);
    }

    [Fact]
    public void Huber_ValueAndGradient_OnBothSidesOfDelta()
    {
        float[] prediction = [0.5f, 3f, -2f, 0f];
        float[] target = [0f, 0f, 0f, 0.25f];
        var gradient = new float[4];
        // 0.5·0.25, 3 - 0.5, 2 - 0.5, 0.5·0.0625 → mean
        double expected = (0.125 + 2.5 + 1.5 + 0.03125) / 4;
        Assert.Equal(expected, Losses.Huber(prediction, target, gradient), 6);
        Assert.Equal([0.5f / 4, 1f / 4, -1f / 4, -0.25f / 4], gradient);
        var rng = new Xoshiro256(4);
        GradientCheck.Check("huber", () => Losses.Huber(prediction, target, new float[4]), prediction, gradient, rng);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Mlp_AllGradients_MatchFiniteDifferences(bool reluOnOutput)
    {
        var rng = new Xoshiro256(5);
        const int Batch = 4;
        var mlp = new Mlp([6, 9, 7, 5], maxBatch: 8, reluOnOutput);
        mlp.Initialize(rng);
        foreach (Parameter parameter in mlp.Parameters)
        {
            // Non-zero biases so that the bias gradients are tested on a generic point.
            for (int i = 0; i < parameter.Length; i++)
            {
                parameter.Values[i] += (float)(0.1 * rng.NextGaussian());
            }
        }

        float[] input = GradientCheck.RandomArray(rng, Batch * 6);
        float[] projection = GradientCheck.RandomArray(rng, Batch * 5);
        double Loss() => GradientCheck.Project(mlp.Forward(input, Batch), projection);

        Loss();
        mlp.ZeroGradients();
        var gradInput = new float[Batch * 6];
        mlp.Backward(projection, gradInput);
        int index = 0;
        foreach (Parameter parameter in mlp.Parameters)
        {
            GradientCheck.Check($"param{index++}", Loss, parameter.Values, parameter.Gradient, rng);
        }

        GradientCheck.Check("input", Loss, input, gradInput, rng);
    }

    [Fact]
    public void Mlp_ForwardSingle_EqualsBatchRows()
    {
        var rng = new Xoshiro256(6);
        var mlp = new Mlp([25, 300, 200, 64], maxBatch: 4);
        mlp.Initialize(rng);
        float[] input = GradientCheck.RandomArray(rng, 4 * 25);
        float[] batchOutput = mlp.Forward(input, 4).ToArray();
        var single = new float[64];
        for (int row = 0; row < 4; row++)
        {
            mlp.ForwardSingle(input.AsSpan(row * 25, 25), single);
            for (int j = 0; j < 64; j++)
            {
                Assert.True(Math.Abs(batchOutput[(row * 64) + j] - single[j]) <= 1e-4f, $"row {row} column {j}");
            }
        }
    }

    [Fact]
    public void Backward_AccumulatesAcrossCalls()
    {
        var rng = new Xoshiro256(7);
        var mlp = new Mlp([3, 4, 2], maxBatch: 2);
        mlp.Initialize(rng);
        float[] input = GradientCheck.RandomArray(rng, 6);
        float[] gradOutput = GradientCheck.RandomArray(rng, 4);
        mlp.Forward(input, 2);
        mlp.Backward(gradOutput);
        float[] once = (float[])mlp.Parameters[0].Gradient.Clone();
        mlp.Backward(gradOutput);
        for (int i = 0; i < once.Length; i++)
        {
            Assert.Equal(2 * once[i], mlp.Parameters[0].Gradient[i], 5);
        }
    }
}
