namespace EdgeMine.Neural;

/// <summary>
/// One trainable array (a weight matrix or a bias vector) with its gradient beside it, so that optimisers, gradient
/// clipping and weight files can treat every layer's numbers alike.
/// </summary>
internal sealed class Parameter
{
    public Parameter(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        Values = new float[length];
        Gradient = new float[length];
    }

    /// <summary>The trainable values.</summary>
    public float[] Values { get; }

    /// <summary>d loss / d values, accumulated by backward passes until <see cref="ZeroGradient"/>.</summary>
    public float[] Gradient { get; }

    public int Length => Values.Length;

    public void ZeroGradient() => Array.Clear(Gradient);
}
