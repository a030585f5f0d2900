namespace EdgeMine.Neural;

/// <summary>
/// Regression losses averaged over all elements (PyTorch's reduction "mean"). Each returns the loss and writes
/// d loss / d prediction into <c>gradient</c>, which the backward pass then consumes.
/// </summary>
internal static class Losses
{
    /// <summary>mean((prediction - target)²); gradient = 2 (prediction - target) / n. The DRLO loss of eq. 17.</summary>
    public static float MeanSquared(ReadOnlySpan<float> prediction, ReadOnlySpan<float> target, Span<float> gradient)
    {
        int n = CheckLengths(prediction, target, gradient);
        double sum = 0;
        float scale = 2f / n;
        for (int i = 0; i < n; i++)
        {
            float difference = prediction[i] - target[i];
            sum += (double)difference * difference;
            gradient[i] = scale * difference;
        }

        return (float)(sum / n);
    }

    /// <summary>
    /// Huber (smooth L1) loss: 0.5 d² where |d| ≤ delta, delta (|d| - 0.5 delta) beyond, averaged; its gradient
    /// clamp(d, -delta, delta) / n bounds the step a single outlying target can cause.
    /// </summary>
    public static float Huber(ReadOnlySpan<float> prediction, ReadOnlySpan<float> target, Span<float> gradient, float delta = 1f)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(delta);
        int n = CheckLengths(prediction, target, gradient);
        double sum = 0;
        float inverseCount = 1f / n;
        for (int i = 0; i < n; i++)
        {
            float difference = prediction[i] - target[i];
            float magnitude = Math.Abs(difference);
            if (magnitude <= delta)
            {
                sum += 0.5 * difference * difference;
                gradient[i] = difference * inverseCount;
            }
            else
            {
                sum += delta * (magnitude - (0.5 * delta));
                gradient[i] = Math.Sign(difference) * delta * inverseCount;
            }
        }

        return (float)(sum / n);
    }

    private static int CheckLengths(ReadOnlySpan<float> prediction, ReadOnlySpan<float> target, Span<float> gradient)
    {
        if (prediction.Length == 0 || target.Length != prediction.Length || gradient.Length < prediction.Length)
        {
            throw new ArgumentException($"loss: prediction {prediction.Length}, target {target.Length}, gradient {gradient.Length}");
        }

        return prediction.Length;
    }
}
