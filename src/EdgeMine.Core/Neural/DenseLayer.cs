using System.Numerics.Tensors;

namespace EdgeMine.Neural;

/// <summary>
/// A fully connected layer, y = x·W + b, over a batch: x is [batch×Inputs], W is [Inputs×Outputs], y is
/// [batch×Outputs], all row-major. W is stored input-major so that the forward pass is a plain GEMM and the
/// single-sample pass streams W row by row (<see cref="Gemm.VectorMatrix(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, int, int, bool)"/>).
/// </summary>
internal sealed class DenseLayer
{
    public DenseLayer(int inputs, int outputs)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputs);
        Inputs = inputs;
        Outputs = outputs;
        Weights = new Parameter(inputs * outputs);
        Bias = new Parameter(outputs);
    }

    public int Inputs { get; }

    public int Outputs { get; }

    /// <summary>W, [Inputs×Outputs] row-major.</summary>
    public Parameter Weights { get; }

    /// <summary>b, [Outputs].</summary>
    public Parameter Bias { get; }

    /// <summary>output[batch×Outputs] = input[batch×Inputs]·W + b.</summary>
    public void Forward(ReadOnlySpan<float> input, Span<float> output, int batch)
    {
        // Seed every output row with the bias, then let the GEMM add x·W on top: one pass over the output.
        ReadOnlySpan<float> bias = Bias.Values;
        for (int row = 0; row < batch; row++)
        {
            bias.CopyTo(output.Slice(row * Outputs, Outputs));
        }

        Gemm.Multiply(input, Weights.Values, output, batch, Inputs, Outputs, accumulate: true);
    }

    /// <summary>The batch-of-one forward pass: output[Outputs] = input[Inputs]·W + b.</summary>
    public void ForwardSingle(ReadOnlySpan<float> input, Span<float> output)
    {
        Bias.Values.CopyTo(output);
        Gemm.VectorMatrix(input, Weights.Values, output, Inputs, Outputs, accumulate: true);
    }

    /// <summary>
    /// Accumulates dW += inputᵀ·gradOutput and db += Σ_rows gradOutput; writes gradInput = gradOutput·Wᵀ unless
    /// <paramref name="gradInput"/> is empty (the first layer needs no input gradient); with
    /// <paramref name="accumulateInputGradient"/> the input gradient is added to what gradInput holds (two heads
    /// reading the same features).
    /// </summary>
    public void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> gradOutput, Span<float> gradInput, int batch, bool accumulateInputGradient = false)
    {
        Gemm.MultiplyTransposedA(input, gradOutput, Weights.Gradient, Inputs, batch, Outputs, accumulate: true);
        Span<float> biasGradient = Bias.Gradient;
        for (int row = 0; row < batch; row++)
        {
            TensorPrimitives.Add(biasGradient, gradOutput.Slice(row * Outputs, Outputs), biasGradient);
        }

        if (!gradInput.IsEmpty)
        {
            Gemm.MultiplyTransposedB(gradOutput, Weights.Values, gradInput, batch, Outputs, Inputs, accumulateInputGradient);
        }
    }

    /// <summary>Copies the values (not the gradients) of a layer of the same shape.</summary>
    public void CopyValuesFrom(DenseLayer source)
    {
        if (source.Inputs != Inputs || source.Outputs != Outputs)
        {
            throw new ArgumentException($"layer shapes differ: {source.Inputs}x{source.Outputs} vs {Inputs}x{Outputs}", nameof(source));
        }

        source.Weights.Values.CopyTo(Weights.Values, 0);
        source.Bias.Values.CopyTo(Bias.Values, 0);
    }
}
