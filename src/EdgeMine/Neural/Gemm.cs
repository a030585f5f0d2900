using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace EdgeMine.Neural;

/// <summary>
/// Single-precision matrix products for the networks, row-major throughout. Each product is cache-blocked in the
/// manner of Goto and van de Geijn (BLIS): blocks of B are packed into column panels that stay in L1/L2, blocks of A
/// into row panels, and a register-tiled micro-kernel (<see cref="GemmMicroKernels"/>) computes
/// <c>MR x NR</c> tiles of C with fused multiply-adds. The three variants are the three products backpropagation
/// needs: forward <c>A·B</c>, input gradient <c>dY·Wᵀ</c> and weight gradient <c>Xᵀ·dY</c>; packing absorbs the
/// transposes, so one micro-kernel serves all three.
/// </summary>
/// <remarks>
/// With <c>accumulate</c> false, C is overwritten; with true, the product is added to C (gradient accumulation).
/// Sizes are element counts; spans must be at least as long as the shapes require.
/// Not thread-safe per thread: packing buffers are thread-static, so concurrent calls from different threads are fine.
/// </remarks>
public static class Gemm
{
    // Blocking sizes: a KC x NR panel of packed B (320 x 32 floats = 40 KiB) is what the micro-kernel streams from
    // L1/L2 while an MR x KC panel of A (10 KiB) stays in L1; an MC x KC block of packed A (160 KiB) sits in L2.
    // KC = 320 keeps the 300-deep product of the paper's 300-200 layer in one K block; MC = 128 a batch of 128.
    private const int KC = 320;
    private const int MC = 128;
    private const int NC = 1024;

    /// <summary>The micro-kernel family used by the public methods: the widest this CPU runs natively.</summary>
    internal static GemmPath BestPath { get; } =
        Vector512.IsHardwareAccelerated && Avx512F.IsSupported ? GemmPath.Vector512
        : Vector256.IsHardwareAccelerated && Fma.IsSupported ? GemmPath.Vector256Fma
        : GemmPath.Portable;

    [ThreadStatic] private static float[]? t_packedA;
    [ThreadStatic] private static float[]? t_packedB;

    /// <summary>C[m×n] (+)= A[m×k] · B[k×n].</summary>
    public static void Multiply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate = false)
        => Multiply(a, b, c, m, k, n, accumulate, BestPath);

    /// <summary>C[m×n] (+)= A[m×k] · B[n×k]ᵀ, B given as stored (n rows of k).</summary>
    public static void MultiplyTransposedB(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate = false)
        => MultiplyTransposedB(a, b, c, m, k, n, accumulate, BestPath);

    /// <summary>C[m×n] (+)= A[k×m]ᵀ · B[k×n], A given as stored (k rows of m).</summary>
    public static void MultiplyTransposedA(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate = false)
        => MultiplyTransposedA(a, b, c, m, k, n, accumulate, BestPath);

    internal static void Multiply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate, GemmPath path)
    {
        CheckShapes(a.Length, (long)m * k, b.Length, (long)k * n, c.Length, (long)m * n);
        Run(a, aRowStride: k, aColumnStride: 1, b, bRowStride: n, bColumnStride: 1, c, m, k, n, accumulate, path);
    }

    internal static void MultiplyTransposedB(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate, GemmPath path)
    {
        CheckShapes(a.Length, (long)m * k, b.Length, (long)n * k, c.Length, (long)m * n);
        Run(a, aRowStride: k, aColumnStride: 1, b, bRowStride: 1, bColumnStride: k, c, m, k, n, accumulate, path);
    }

    internal static void MultiplyTransposedA(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate, GemmPath path)
    {
        CheckShapes(a.Length, (long)k * m, b.Length, (long)k * n, c.Length, (long)m * n);
        Run(a, aRowStride: 1, aColumnStride: m, b, bRowStride: n, bColumnStride: 1, c, m, k, n, accumulate, path);
    }

    /// <summary>
    /// y[n] (+)= x[k] · W[k×n]: the batch-of-one forward pass. W is read row by row (each row scaled by one input and
    /// added), so it streams contiguously, and inputs that are exactly zero — half of a ReLU layer's, typically — skip
    /// their row altogether.
    /// </summary>
    public static void VectorMatrix(ReadOnlySpan<float> x, ReadOnlySpan<float> w, Span<float> y, int k, int n, bool accumulate = false)
        => VectorMatrix(x, w, y, k, n, accumulate, BestPath);

    internal static unsafe void VectorMatrix(ReadOnlySpan<float> x, ReadOnlySpan<float> w, Span<float> y, int k, int n, bool accumulate, GemmPath path)
    {
        CheckShapes(x.Length, k, w.Length, (long)k * n, y.Length, n);
        if (!accumulate)
        {
            y[..n].Clear();
        }

        if (path != GemmPath.Vector512)
        {
            for (int i = 0; i < k; i++)
            {
                float xi = x[i];
                if (xi != 0f)
                {
                    TensorPrimitives.MultiplyAdd(w.Slice(i * n, n), xi, y[..n], y[..n]);
                }
            }

            return;
        }

        fixed (float* xp = x, wp = w, yp = y)
        {
            GemmMicroKernels.VectorMatrix512(xp, wp, yp, k, n);
        }
    }

    private static void CheckShapes(int aLength, long aNeeded, int bLength, long bNeeded, int cLength, long cNeeded)
    {
        if (aLength < aNeeded || bLength < bNeeded || cLength < cNeeded)
        {
            throw new ArgumentException(
                $"matrix spans too short for the shapes: A {aLength}/{aNeeded}, B {bLength}/{bNeeded}, C {cLength}/{cNeeded}");
        }
    }

    private static unsafe void Run(
        ReadOnlySpan<float> a, int aRowStride, int aColumnStride,
        ReadOnlySpan<float> b, int bRowStride, int bColumnStride,
        Span<float> c, int m, int k, int n, bool accumulate, GemmPath path)
    {
        if (m <= 0 || n <= 0)
        {
            return;
        }

        if (k <= 0)
        {
            if (!accumulate)
            {
                c[..(m * n)].Clear();
            }

            return;
        }

        (int mr, int nr) = GemmMicroKernels.TileShape(path);
        int packedBLength = KC * (NC + nr);
        int packedALength = KC * (MC + mr);
        float[] packedA = t_packedA is { } pa && pa.Length >= packedALength ? pa : (t_packedA = new float[packedALength]);
        float[] packedB = t_packedB is { } pb && pb.Length >= packedBLength ? pb : (t_packedB = new float[packedBLength]);

        fixed (float* aBase = a, bBase = b, cBase = c, aPack = packedA, bPack = packedB)
        {
            for (int jc = 0; jc < n; jc += NC)
            {
                int nc = Math.Min(NC, n - jc);
                for (int pc = 0; pc < k; pc += KC)
                {
                    int kc = Math.Min(KC, k - pc);
                    // Only the first K block may overwrite C; later blocks add their partial products.
                    bool addToC = accumulate || pc > 0;
                    PackB(bBase + ((long)pc * bRowStride) + ((long)jc * bColumnStride), bRowStride, bColumnStride, kc, nc, nr, bPack);
                    for (int ic = 0; ic < m; ic += MC)
                    {
                        int mc = Math.Min(MC, m - ic);
                        PackA(aBase + ((long)ic * aRowStride) + ((long)pc * aColumnStride), aRowStride, aColumnStride, mc, kc, mr, aPack);
                        for (int jr = 0; jr < nc; jr += nr)
                        {
                            int cols = Math.Min(nr, nc - jr);
                            float* bPanel = bPack + ((long)(jr / nr) * kc * nr);
                            for (int ir = 0; ir < mc; ir += mr)
                            {
                                int rows = Math.Min(mr, mc - ir);
                                float* aPanel = aPack + ((long)(ir / mr) * kc * mr);
                                float* cTile = cBase + ((long)(ic + ir) * n) + jc + jr;
                                GemmMicroKernels.Tile(path, kc, aPanel, bPanel, cTile, n, rows, cols, addToC);
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>Copies a kc×nc block of B into panels of nr columns, each stored k-major and zero-padded to nr.</summary>
    private static unsafe void PackB(float* source, int rowStride, int columnStride, int kc, int nc, int nr, float* packed)
    {
        for (int j0 = 0; j0 < nc; j0 += nr)
        {
            int cols = Math.Min(nr, nc - j0);
            float* panel = packed + ((long)(j0 / nr) * kc * nr);
            if (columnStride == 1)
            {
                for (int p = 0; p < kc; p++)
                {
                    float* destination = panel + ((long)p * nr);
                    new ReadOnlySpan<float>(source + ((long)p * rowStride) + j0, cols).CopyTo(new Span<float>(destination, cols));
                    new Span<float>(destination + cols, nr - cols).Clear();
                }

                continue;
            }

            // Transposed B: read each stored row (one column of the product) contiguously, scatter into the panel,
            // rather than striding through memory a cache line per element.
            if (cols < nr)
            {
                new Span<float>(panel, kc * nr).Clear();
            }

            for (int j = 0; j < cols; j++)
            {
                float* column = source + ((long)(j0 + j) * columnStride);
                for (int p = 0; p < kc; p++)
                {
                    panel[(p * nr) + j] = column[(long)p * rowStride];
                }
            }
        }
    }

    /// <summary>Copies an mc×kc block of A into panels of mr rows, each stored k-major and zero-padded to mr.</summary>
    private static unsafe void PackA(float* source, int rowStride, int columnStride, int mc, int kc, int mr, float* packed)
    {
        for (int i0 = 0; i0 < mc; i0 += mr)
        {
            int rows = Math.Min(mr, mc - i0);
            float* panel = packed + ((long)(i0 / mr) * kc * mr);
            if (rows < mr)
            {
                new Span<float>(panel, kc * mr).Clear();
            }

            if (rowStride == 1)
            {
                // Transposed A: the mr values of one k step are contiguous in memory.
                for (int p = 0; p < kc; p++)
                {
                    new ReadOnlySpan<float>(source + ((long)p * columnStride) + i0, rows).CopyTo(new Span<float>(panel + (p * mr), rows));
                }

                continue;
            }

            for (int r = 0; r < rows; r++)
            {
                float* row = source + ((long)(i0 + r) * rowStride);
                for (int p = 0; p < kc; p++)
                {
                    panel[(p * mr) + r] = row[(long)p * columnStride];
                }
            }
        }
    }
}
