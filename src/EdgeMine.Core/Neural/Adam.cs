using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using EdgeMine.IO;

namespace EdgeMine.Neural;

/// <summary>
/// Adam (Kingma and Ba 2015) with PyTorch's defaults and arithmetic: m ← β1 m + (1-β1) g, v ← β2 v + (1-β2) g²,
/// p ← p - (lr / (1-β1^t)) · m / (sqrt(v) / sqrt(1-β2^t) + ε). One fused vector pass per parameter per step.
/// </summary>
internal sealed class Adam
{
    private static readonly BinaryFormat StateFormat = new("Adam state", 0x4441_4D45, 1); // "EMAD"

    private readonly Parameter[] _parameters;
    private readonly float[][] _firstMoments;
    private readonly float[][] _secondMoments;

    public Adam(IReadOnlyList<Parameter> parameters, float learningRate = 1e-3f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(learningRate);
        if (beta1 is < 0f or >= 1f || beta2 is < 0f or >= 1f)
        {
            throw new ArgumentOutOfRangeException(nameof(beta1), "betas must lie in [0, 1)");
        }

        _parameters = [.. parameters];
        _firstMoments = [.. _parameters.Select(p => new float[p.Length])];
        _secondMoments = [.. _parameters.Select(p => new float[p.Length])];
        LearningRate = learningRate;
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
    }

    public float LearningRate { get; set; }

    public float Beta1 { get; }

    public float Beta2 { get; }

    public float Epsilon { get; }

    /// <summary>The number of steps taken (t in the bias corrections).</summary>
    public long StepCount { get; private set; }

    /// <summary>Applies one update from the parameters' current gradients (which it leaves as they are).</summary>
    public void Step()
    {
        StepCount++;
        double biasCorrection1 = 1.0 - Math.Pow(Beta1, StepCount);
        double biasCorrection2 = 1.0 - Math.Pow(Beta2, StepCount);
        float stepSize = (float)(LearningRate / biasCorrection1);
        float inverseSqrtCorrection2 = (float)(1.0 / Math.Sqrt(biasCorrection2));
        for (int index = 0; index < _parameters.Length; index++)
        {
            Update(_parameters[index].Values, _parameters[index].Gradient, _firstMoments[index], _secondMoments[index], stepSize, inverseSqrtCorrection2);
        }
    }

    private void Update(Span<float> values, ReadOnlySpan<float> gradient, Span<float> m, Span<float> v, float stepSize, float inverseSqrtCorrection2)
    {
        float b1 = Beta1, b2 = Beta2, oneMinusB1 = 1f - Beta1, oneMinusB2 = 1f - Beta2, eps = Epsilon;
        int i = 0;
        if (Vector512.IsHardwareAccelerated && values.Length >= Vector512<float>.Count)
        {
            // The same operations in the same order as the scalar loop (no fused multiply-adds), 16 lanes at a time.
            var vb1 = Vector512.Create(b1);
            var vb2 = Vector512.Create(b2);
            var v1 = Vector512.Create(oneMinusB1);
            var v2 = Vector512.Create(oneMinusB2);
            var vEps = Vector512.Create(eps);
            var vStep = Vector512.Create(stepSize);
            var vCorrection = Vector512.Create(inverseSqrtCorrection2);
            ref float valuesRef = ref MemoryMarshal.GetReference(values);
            ref float gradientRef = ref MemoryMarshal.GetReference(gradient);
            ref float mRef = ref MemoryMarshal.GetReference(m);
            ref float vRef = ref MemoryMarshal.GetReference(v);
            int width = Vector512<float>.Count;
            for (; i + width <= values.Length; i += width)
            {
                nuint offset = (nuint)i;
                Vector512<float> g = Vector512.LoadUnsafe(ref gradientRef, offset);
                Vector512<float> mi = (vb1 * Vector512.LoadUnsafe(ref mRef, offset)) + (v1 * g);
                Vector512<float> vi = (vb2 * Vector512.LoadUnsafe(ref vRef, offset)) + (v2 * g * g);
                Vector512<float> denominator = (Vector512.Sqrt(vi) * vCorrection) + vEps;
                Vector512<float> updated = Vector512.LoadUnsafe(ref valuesRef, offset) - (vStep * mi / denominator);
                mi.StoreUnsafe(ref mRef, offset);
                vi.StoreUnsafe(ref vRef, offset);
                updated.StoreUnsafe(ref valuesRef, offset);
            }
        }
        else if (Vector.IsHardwareAccelerated)
        {
            int width = Vector<float>.Count;
            var vb1 = new Vector<float>(b1);
            var vb2 = new Vector<float>(b2);
            var v1 = new Vector<float>(oneMinusB1);
            var v2 = new Vector<float>(oneMinusB2);
            var vEps = new Vector<float>(eps);
            var vStep = new Vector<float>(stepSize);
            var vCorrection = new Vector<float>(inverseSqrtCorrection2);
            for (; i + width <= values.Length; i += width)
            {
                var g = new Vector<float>(gradient[i..]);
                Vector<float> mi = (vb1 * new Vector<float>(m[i..])) + (v1 * g);
                Vector<float> vi = (vb2 * new Vector<float>(v[i..])) + (v2 * g * g);
                Vector<float> denominator = (Vector.SquareRoot(vi) * vCorrection) + vEps;
                Vector<float> updated = new Vector<float>(values[i..]) - (vStep * mi / denominator);
                mi.CopyTo(m[i..]);
                vi.CopyTo(v[i..]);
                updated.CopyTo(values[i..]);
            }
        }

        for (; i < values.Length; i++)
        {
            float g = gradient[i];
            m[i] = (b1 * m[i]) + (oneMinusB1 * g);
            v[i] = (b2 * v[i]) + (oneMinusB2 * g * g);
            values[i] -= stepSize * m[i] / ((MathF.Sqrt(v[i]) * inverseSqrtCorrection2) + eps);
        }
    }

    /// <summary>
    /// Writes the step count and both moment estimates, so that training resumes exactly. Layout (little-endian):
    /// "EMAD", int32 version 1, int64 step count, int32 parameter count, then per parameter int32 length, m[length],
    /// v[length] as float32.
    /// </summary>
    public void SaveState(Stream stream)
    {
        using var writer = BinaryFormat.Writer(stream);
        StateFormat.WriteHeader(writer);
        writer.Write(StepCount);
        writer.Write(_parameters.Length);
        for (int index = 0; index < _parameters.Length; index++)
        {
            writer.Write(_parameters[index].Length);
            BinaryFloats.Write(writer, _firstMoments[index]);
            BinaryFloats.Write(writer, _secondMoments[index]);
        }
    }

    /// <summary>Reads a state written by <see cref="SaveState"/> for the same parameter shapes.</summary>
    public void LoadState(Stream stream)
    {
        using var reader = BinaryFormat.Reader(stream);
        StateFormat.ReadHeader(reader);
        long steps = StateFormat.Truncated(reader.ReadInt64);
        if (steps < 0)
        {
            throw new InvalidDataException($"{StateFormat.Name}: step count {steps} is negative");
        }

        StateFormat.ReadExpected(reader, _parameters.Length, "the number of parameters");
        for (int index = 0; index < _parameters.Length; index++)
        {
            StateFormat.ReadExpected(reader, _parameters[index].Length, $"parameter {index}'s length");
            StateFormat.Truncated(() =>
            {
                BinaryFloats.Read(reader, _firstMoments[index]);
                BinaryFloats.Read(reader, _secondMoments[index]);
            });
        }

        StepCount = steps;
    }
}
