using System.Numerics;
using System.Numerics.Tensors;

namespace EdgeMine.Neural;

/// <summary>The rectified linear unit, max(x, 0), element-wise; its backward pass needs only the forward output.</summary>
internal static class Relu
{
    /// <summary>output = max(input, 0); the spans may be the same.</summary>
    public static void Forward(ReadOnlySpan<float> input, Span<float> output) => TensorPrimitives.Max(input, 0f, output);

    /// <summary>
    /// gradInput = gradOutput where output &gt; 0, else 0 (the subgradient at 0 is taken as 0, as PyTorch does).
    /// <paramref name="gradInput"/> may be <paramref name="gradOutput"/> itself.
    /// </summary>
    public static void Backward(ReadOnlySpan<float> output, ReadOnlySpan<float> gradOutput, Span<float> gradInput)
    {
        if (output.Length != gradOutput.Length || gradInput.Length < output.Length)
        {
            throw new ArgumentException("ReLU backward: spans of different lengths");
        }

        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int width = Vector<float>.Count;
            for (; i + width <= output.Length; i += width)
            {
                Vector<float> active = Vector.GreaterThan(new Vector<float>(output[i..]), Vector<float>.Zero).As<int, float>();
                (new Vector<float>(gradOutput[i..]) & active).CopyTo(gradInput[i..]);
            }
        }

        for (; i < output.Length; i++)
        {
            gradInput[i] = output[i] > 0f ? gradOutput[i] : 0f;
        }
    }
}
