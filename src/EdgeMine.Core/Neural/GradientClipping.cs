using System.Numerics.Tensors;

namespace EdgeMine.Neural;

/// <summary>Global gradient-norm clipping, as PyTorch's <c>clip_grad_norm_</c>.</summary>
internal static class GradientClipping
{
    /// <summary>The Euclidean norm of all gradients taken together (accumulated in double).</summary>
    public static double GlobalNorm(IReadOnlyList<Parameter> parameters)
    {
        double sumOfSquares = 0;
        foreach (Parameter parameter in parameters)
        {
            sumOfSquares += TensorPrimitives.SumOfSquares<float>(parameter.Gradient);
        }

        return Math.Sqrt(sumOfSquares);
    }

    /// <summary>
    /// Scales every gradient by maxNorm / (norm + 1e-6) when that factor is below 1, so the joint gradient's norm
    /// is at most <paramref name="maxNorm"/> and its direction is kept. Returns the norm before clipping.
    /// </summary>
    public static double ClipGlobalNorm(IReadOnlyList<Parameter> parameters, double maxNorm)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxNorm);
        double norm = GlobalNorm(parameters);
        double factor = maxNorm / (norm + 1e-6);
        if (factor < 1.0)
        {
            foreach (Parameter parameter in parameters)
            {
                TensorPrimitives.Multiply(parameter.Gradient, (float)factor, parameter.Gradient);
            }
        }

        return norm;
    }
}
