using EdgeMine.Randomness;

namespace EdgeMine.Calibration;

/// <summary>A Latin hypercube in [0, 1]^d: a space-filling start that covers every dimension's range evenly.</summary>
internal static class LatinHypercube
{
    /// <summary>
    /// <paramref name="count"/> points in [0, 1]^<paramref name="dimensions"/>: each dimension cut into
    /// <paramref name="count"/> strata, one point per stratum, the strata shuffled independently per dimension, each
    /// point uniform inside its stratum; drawn from <paramref name="random"/> (deterministic from its seed).
    /// </summary>
    public static double[][] Sample(int count, int dimensions, Xoshiro256 random)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var points = Enumerable.Range(0, count).Select(_ => new double[dimensions]).ToArray();
        for (int d = 0; d < dimensions; d++)
        {
            int[] strata = Enumerable.Range(0, count).ToArray();
            for (int i = count - 1; i > 0; i--)
            {
                int j = (int)(random.NextDouble() * (i + 1));
                (strata[i], strata[j]) = (strata[j], strata[i]);
            }

            for (int i = 0; i < count; i++)
            {
                points[i][d] = (strata[i] + random.NextDouble()) / count;
            }
        }

        return points;
    }
}
