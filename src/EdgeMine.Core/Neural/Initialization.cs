using EdgeMine.Randomness;

namespace EdgeMine.Neural;

/// <summary>Weight initialisation schemes; biases start at zero. All draws come from the caller's generator.</summary>
internal static class Initialization
{
    /// <summary>
    /// He (Kaiming) normal, for layers followed by a ReLU (He et al. 2015): W ~ N(0, 2 / fan_in), which keeps the
    /// activations' variance constant through ReLU layers.
    /// </summary>
    public static void He(DenseLayer layer, Xoshiro256 rng)
    {
        double std = Math.Sqrt(2.0 / layer.Inputs);
        Span<float> weights = layer.Weights.Values;
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = (float)(std * rng.NextGaussian());
        }

        Array.Clear(layer.Bias.Values);
    }

    /// <summary>
    /// Xavier/Glorot uniform, for the linear output layer (Glorot and Bengio 2010): W ~ U(-a, a) with
    /// a = sqrt(6 / (fan_in + fan_out)).
    /// </summary>
    public static void Xavier(DenseLayer layer, Xoshiro256 rng)
    {
        double limit = Math.Sqrt(6.0 / (layer.Inputs + layer.Outputs));
        Span<float> weights = layer.Weights.Values;
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = (float)rng.NextDouble(-limit, limit);
        }

        Array.Clear(layer.Bias.Values);
    }
}
