using System.Runtime.Intrinsics.X86;
using EdgeMine.Neural;
using EdgeMine.Randomness;

namespace EdgeMine.Tests.Neural;

public class GemmTests
{
    public static TheoryData<int> SupportedPaths()
    {
        var paths = new TheoryData<int> { (int)GemmPath.Portable };
        if (Fma.IsSupported && Avx2.IsSupported)
        {
            paths.Add((int)GemmPath.Vector256Fma);
        }

        if (Avx512F.IsSupported)
        {
            paths.Add((int)GemmPath.Vector512);
        }

        return paths;
    }

    // Shapes that leave edge tiles in every dimension and cross the K (320), M (128) and N (1024) blocks; right edges
    // of 1..16 columns (the half tile) and 17..31 (the masked full tile), with full and partial row tiles; depths and
    // widths that are and are not multiples of 8 (the packing's 8×8 register transposes and their scalar remainders).
    private static readonly (int M, int K, int N)[] Shapes =
        [(1, 1, 1), (7, 5, 33), (13, 333, 1037), (127, 33, 70), (12, 40, 50), (18, 7, 16), (136, 24, 64), (129, 331, 45)];

    private enum Variant { Plain, TransposedB, TransposedA }

    [Theory]
    [MemberData(nameof(SupportedPaths))]
    public void AllVariants_MatchNaiveProduct(int pathNumber)
    {
        var path = (GemmPath)pathNumber;
        var rng = new Xoshiro256(11);
        foreach ((int m, int k, int n) in Shapes)
        {
            foreach (Variant variant in Enum.GetValues<Variant>())
            {
                foreach (bool accumulate in new[] { false, true })
                {
                    float[] a = GradientCheck.RandomArray(rng, m * k);
                    float[] b = GradientCheck.RandomArray(rng, k * n);
                    float[] c = GradientCheck.RandomArray(rng, m * n);
                    double[] expected = Naive(variant, a, b, c, m, k, n, accumulate);
                    switch (variant)
                    {
                        case Variant.Plain: Gemm.Multiply(a, b, c, m, k, n, accumulate, path); break;
                        case Variant.TransposedB: Gemm.MultiplyTransposedB(a, b, c, m, k, n, accumulate, path); break;
                        default: Gemm.MultiplyTransposedA(a, b, c, m, k, n, accumulate, path); break;
                    }

                    for (int i = 0; i < m * n; i++)
                    {
                        Assert.True(
                            Math.Abs(c[i] - expected[i]) <= 1e-4 * (1 + Math.Sqrt(k)) * (1 + Math.Abs(expected[i])),
                            $"{path} {variant} {m}x{k}x{n} acc={accumulate} [{i}]: {c[i]} vs {expected[i]}");
                    }
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(SupportedPaths))]
    public void VectorMatrix_MatchesNaive_WithZeroInputsSkipped(int pathNumber)
    {
        var path = (GemmPath)pathNumber;
        var rng = new Xoshiro256(5);
        // Column counts cover every block of the 512-bit kernel (256, 128, 64, 32, 16 and a masked tail of 1..15);
        // k = 2100 takes the heap list of non-zero rows.
        foreach ((int k, int n) in new[] { (1, 1), (25, 300), (200, 1024), (37, 147), (300, 200), (200, 4), (5, 16), (9, 255), (3, 241), (2100, 20), (11, 767) })
        {
            float[] x = GradientCheck.RandomArray(rng, k);
            for (int i = 0; i < k; i += 2)
            {
                x[i] = 0f; // ReLU-like sparsity exercises the skip
            }

            float[] w = GradientCheck.RandomArray(rng, k * n);
            float[] y = GradientCheck.RandomArray(rng, n);
            double[] expected = Naive(Variant.Plain, x, w, y, 1, k, n, accumulate: true);
            Gemm.VectorMatrix(x, w, y, k, n, accumulate: true, path);
            for (int j = 0; j < n; j++)
            {
                Assert.True(Math.Abs(y[j] - expected[j]) <= 1e-4 * (1 + Math.Abs(expected[j])), $"{path} {k}x{n} [{j}]");
            }
        }
    }

    [Fact]
    public void ShortSpans_AreRejected()
        => Assert.Throws<ArgumentException>(() => Gemm.Multiply(new float[5], new float[6], new float[6], 2, 3, 2));

    private static double[] Naive(Variant variant, float[] a, float[] b, float[] c, int m, int k, int n, bool accumulate)
    {
        var result = new double[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = accumulate ? c[(i * n) + j] : 0.0;
                for (int p = 0; p < k; p++)
                {
                    double aValue = variant == Variant.TransposedA ? a[(p * m) + i] : a[(i * k) + p];
                    double bValue = variant == Variant.TransposedB ? b[(j * k) + p] : b[(p * n) + j];
                    sum += aValue * bValue;
                }

                result[(i * n) + j] = sum;
            }
        }

        return result;
    }
}
