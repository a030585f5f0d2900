using EdgeMine.Randomness;

namespace EdgeMine.Tests.Neural;

/// <summary>
/// Central finite differences against analytic gradients. The loss is evaluated in double from float32 network
/// outputs; a step of 1e-3 keeps float32 rounding (≈1e-7 relative) well under the tolerance while staying far
/// enough from ReLU kinks for random inputs.
/// </summary>
internal static class GradientCheck
{
    public const float Step = 1e-3f;

    /// <summary>Checks up to <paramref name="samples"/> random coordinates of <paramref name="values"/>.</summary>
    public static void Check(string what, Func<double> loss, float[] values, ReadOnlySpan<float> analytic, Xoshiro256 rng, int samples = 40)
    {
        int count = Math.Min(samples, values.Length);
        for (int s = 0; s < count; s++)
        {
            int i = values.Length <= samples ? s : rng.NextInt(values.Length);
            float original = values[i];
            values[i] = original + Step;
            double plus = loss();
            values[i] = original - Step;
            double minus = loss();
            values[i] = original;
            double numeric = (plus - minus) / (2.0 * Step);
            double tolerance = 3e-3 + (2e-2 * Math.Abs(numeric));
            Assert.True(
                Math.Abs(numeric - analytic[i]) <= tolerance,
                $"{what}[{i}]: analytic {analytic[i]}, numeric {numeric}");
        }
    }

    public static float[] RandomArray(Xoshiro256 rng, int length, double scale = 1.0)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = (float)(scale * rng.NextGaussian());
        }

        return values;
    }

    /// <summary>Σ weights ⊙ outputs: a scalar whose gradient with respect to the outputs is <paramref name="weights"/>.</summary>
    public static double Project(ReadOnlySpan<float> outputs, ReadOnlySpan<float> weights)
    {
        double sum = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            sum += (double)outputs[i] * weights[i];
        }

        return sum;
    }
}
