using System.Numerics.Tensors;

namespace EdgeMine.Neural;

/// <summary>Global gradient-norm clipping, as PyTorch's <c>clip_grad_norm_</c>.</summary>
internal static class GradientClipping
{
    /// <summary>The Euclidean norm of all gradients taken together (accumulated in double).</summary>
    public static double GlobalNorm(IReadOnlyList<Parameter> parameters)
    {
        // Indexed loops: a foreach over the interface would allocate an enumerator per update.
        double sumOfSquares = 0;
        for (int i = 0; i < parameters.Count; i++)
        {
            sumOfSquares += TensorPrimitives.SumOfSquares<float>(parameters[i].Gradient);
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
            for (int i = 0; i < parameters.Count; i++)
            {
                TensorPrimitives.Multiply(parameters[i].Gradient, (float)factor, parameters[i].Gradient);
            }
        }

        return norm;
    }
}
