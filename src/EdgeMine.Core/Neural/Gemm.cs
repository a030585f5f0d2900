using System.Runtime.CompilerServices;
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
internal static class Gemm
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

        // The 512-bit kernels can read a row-major B in place (masked at the right edge), which saves packing it: the
        // forward product's weights and the weight gradient's upstream gradient.
        bool inPlaceB = path == GemmPath.Vector512 && bColumnStride == 1;
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
                    float* bBlock = bBase + ((long)pc * bRowStride) + ((long)jc * bColumnStride);
                    if (!inPlaceB)
                    {
                        PackB(bBlock, bRowStride, bColumnStride, kc, nc, nr, bPack);
                    }

                    for (int ic = 0; ic < m; ic += MC)
                    {
                        int mc = Math.Min(MC, m - ic);
                        PackA(aBase + ((long)ic * aRowStride) + ((long)pc * aColumnStride), aRowStride, aColumnStride, mc, kc, mr, aPack);
                        for (int jr = 0; jr < nc; jr += nr)
                        {
                            int cols = Math.Min(nr, nc - jr);
                            float* bPanel = inPlaceB ? bBlock + jr : bPack + ((long)(jr / nr) * kc * nr);
                            long ldb = inPlaceB ? bRowStride : nr;
                            for (int ir = 0; ir < mc; ir += mr)
                            {
                                int rows = Math.Min(mr, mc - ir);
                                float* aPanel = aPack + ((long)(ir / mr) * kc * mr);
                                float* cTile = cBase + ((long)(ic + ir) * n) + jc + jr;
                                GemmMicroKernels.Tile(path, kc, aPanel, bPanel, ldb, cTile, n, rows, cols, addToC);
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
                if (cols == 32 && nr == 32 && Vector512.IsHardwareAccelerated)
                {
                    // A full 32-wide panel row is two vectors: copy them inline rather than through a memmove call.
                    float* row = source + j0;
                    for (int p = 0; p < kc; p++)
                    {
                        Vector512.Load(row).Store(panel);
                        Vector512.Load(row + 16).Store(panel + 16);
                        row += rowStride;
                        panel += 32;
                    }

                    continue;
                }

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

            int j = 0;
            if (rowStride == 1 && Avx.IsSupported)
            {
                // Eight columns at a time: 8×8 blocks transposed in registers.
                for (; j + 8 <= cols; j += 8)
                {
                    float* columns = source + ((long)(j0 + j) * columnStride);
                    int p = 0;
                    for (; p + 8 <= kc; p += 8)
                    {
                        Transpose8x8(columns + p, columnStride, panel + ((long)p * nr) + j, nr);
                    }

                    for (; p < kc; p++)
                    {
                        for (int jj = 0; jj < 8; jj++)
                        {
                            panel[((long)p * nr) + j + jj] = columns[((long)jj * columnStride) + p];
                        }
                    }
                }
            }

            for (; j < cols; j++)
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
                if (rows == 8 && mr == 8 && Vector256.IsHardwareAccelerated)
                {
                    for (int p = 0; p < kc; p++)
                    {
                        Vector256.Load(source + ((long)p * columnStride) + i0).Store(panel + (p * 8));
                    }

                    continue;
                }

                for (int p = 0; p < kc; p++)
                {
                    new ReadOnlySpan<float>(source + ((long)p * columnStride) + i0, rows).CopyTo(new Span<float>(panel + (p * mr), rows));
                }

                continue;
            }

            int start = 0;
            if (rows == 8 && mr == 8 && columnStride == 1 && Avx.IsSupported)
            {
                // Eight rows: 8×8 blocks transposed in registers, the last kc mod 8 steps below.
                float* block = source + ((long)i0 * rowStride);
                for (; start + 8 <= kc; start += 8)
                {
                    Transpose8x8(block + start, rowStride, panel + (start * 8), 8);
                }
            }

            for (int r = 0; r < rows; r++)
            {
                float* row = source + ((long)(i0 + r) * rowStride);
                for (int p = start; p < kc; p++)
                {
                    panel[(p * mr) + r] = row[(long)p * columnStride];
                }
            }
        }
    }

    /// <summary>
    /// destination[c·destinationStride + r] = source[r·sourceStride + c] for r, c &lt; 8: the classic AVX 8×8
    /// transpose (unpack pairs, shuffle quadruples, swap 128-bit halves).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Transpose8x8(float* source, long sourceStride, float* destination, int destinationStride)
    {
        Vector256<float> r0 = Avx.LoadVector256(source);
        Vector256<float> r1 = Avx.LoadVector256(source + sourceStride);
        Vector256<float> r2 = Avx.LoadVector256(source + (2 * sourceStride));
        Vector256<float> r3 = Avx.LoadVector256(source + (3 * sourceStride));
        Vector256<float> r4 = Avx.LoadVector256(source + (4 * sourceStride));
        Vector256<float> r5 = Avx.LoadVector256(source + (5 * sourceStride));
        Vector256<float> r6 = Avx.LoadVector256(source + (6 * sourceStride));
        Vector256<float> r7 = Avx.LoadVector256(source + (7 * sourceStride));

        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
        Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5);
        Vector256<float> t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);

        Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44), u1 = Avx.Shuffle(t0, t2, 0xEE);
        Vector256<float> u2 = Avx.Shuffle(t1, t3, 0x44), u3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> u4 = Avx.Shuffle(t4, t6, 0x44), u5 = Avx.Shuffle(t4, t6, 0xEE);
        Vector256<float> u6 = Avx.Shuffle(t5, t7, 0x44), u7 = Avx.Shuffle(t5, t7, 0xEE);

        Avx.Store(destination, Avx.Permute2x128(u0, u4, 0x20));
        Avx.Store(destination + destinationStride, Avx.Permute2x128(u1, u5, 0x20));
        Avx.Store(destination + (2 * destinationStride), Avx.Permute2x128(u2, u6, 0x20));
        Avx.Store(destination + (3 * destinationStride), Avx.Permute2x128(u3, u7, 0x20));
        Avx.Store(destination + (4 * destinationStride), Avx.Permute2x128(u0, u4, 0x31));
        Avx.Store(destination + (5 * destinationStride), Avx.Permute2x128(u1, u5, 0x31));
        Avx.Store(destination + (6 * destinationStride), Avx.Permute2x128(u2, u6, 0x31));
        Avx.Store(destination + (7 * destinationStride), Avx.Permute2x128(u3, u7, 0x31));
    }
}
