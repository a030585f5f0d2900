using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace EdgeMine.Neural;

/// <summary>
/// The register-tiled inner loops of <see cref="Gemm"/>. Each computes one MR×NR tile of C from a packed A panel
/// (kc steps of MR values) and a packed B panel (kc steps of NR values): per step, NR/width vector loads of B, MR
/// broadcasts of A, MR·NR/width fused multiply-adds into accumulators that never leave registers.
/// <para>
/// The kernels repeat each other on purpose (one per vector width and tile shape, each unrolled by hand): the
/// accumulators must be named locals for the JIT to keep them in registers, so a shared loop over an array of
/// accumulators, or a generic kernel, spills them to memory and loses most of the speed.
/// </para>
/// </summary>
internal static class GemmMicroKernels
{
    // 8×32 with 512-bit vectors: 16 accumulators + 2 B vectors + 1 broadcast fit the 32 zmm registers, 16
    // independent FMA chains hide the FMA latency, and a batch of 128 rows splits into whole tiles. (Measured against
    // 6×32: 2-3% faster on the 300-200 layer's products, up to 15% on the thin first-layer ones.)
    private const int Mr512 = 8, Nr512 = 32;

    // 6×16 with 256-bit vectors: the classic Haswell BLIS shape, 12 of the 16 ymm registers as accumulators.
    private const int Mr256 = 6, Nr256 = 16;

    private const int MrPortable = 4, NrPortable = 8;

    public static (int Mr, int Nr) TileShape(GemmPath path) => path switch
    {
        GemmPath.Vector512 => (Mr512, Nr512),
        GemmPath.Vector256Fma => (Mr256, Nr256),
        _ => (MrPortable, NrPortable),
    };

    /// <summary>C tile (rows×cols valid, leading dimension ldc) (+)= packed A panel · packed B panel.</summary>
    public static unsafe void Tile(GemmPath path, int kc, float* a, float* b, float* c, int ldc, int rows, int cols, bool accumulate)
        => Tile(path, kc, a, b, TileShape(path).Nr, c, ldc, rows, cols, accumulate);

    /// <summary>
    /// C tile (rows×cols valid, leading dimension ldc) (+)= packed A panel · B panel, whose k-th row of NR values
    /// starts at <c>b + k·ldb</c>: a packed panel (ldb = NR) or, on the 512-bit path, B read in place (ldb = its row
    /// stride; columns past <paramref name="cols"/> are then never read).
    /// </summary>
    public static unsafe void Tile(GemmPath path, int kc, float* a, float* b, long ldb, float* c, int ldc, int rows, int cols, bool accumulate)
    {
        (int mr, int nr) = TileShape(path);
        if (path == GemmPath.Vector512)
        {
            // Right-edge tiles load and store under a mask (a tile of at most 16 columns runs half the multiply-adds);
            // a tile short of rows goes through scratch.
            if (rows == mr)
            {
                Tile512(kc, a, b, ldb, c, ldc, cols, accumulate);
                return;
            }

            float* rowScratch = stackalloc float[Mr512 * Nr512];
            Tile512(kc, a, b, ldb, rowScratch, nr, cols, accumulate: false);
            MergeScratch(rowScratch, nr, c, ldc, rows, cols, accumulate);
            return;
        }

        if (rows == mr && cols == nr)
        {
            FullTile(path, kc, a, b, c, ldc, accumulate);
            return;
        }

        // Edge tile: compute the whole padded tile into scratch, then merge only the valid part into C.
        float* scratch = stackalloc float[Mr512 * Nr512];
        FullTile(path, kc, a, b, scratch, nr, accumulate: false);
        MergeScratch(scratch, nr, c, ldc, rows, cols, accumulate);
    }

    private static unsafe void Tile512(int kc, float* a, float* b, long ldb, float* c, int ldc, int cols, bool accumulate)
    {
        if (cols == Nr512)
        {
            Kernel512(kc, a, b, ldb, c, ldc, accumulate);
        }
        else if (cols > 16)
        {
            Kernel512Masked(kc, a, b, ldb, c, ldc, accumulate, TailMask(cols - 16));
        }
        else
        {
            Kernel512Half(kc, a, b, ldb, c, ldc, accumulate, TailMask(cols));
        }
    }

    private static unsafe void MergeScratch(float* scratch, int nr, float* c, int ldc, int rows, int cols, bool accumulate)
    {
        for (int r = 0; r < rows; r++)
        {
            float* source = scratch + (r * nr);
            float* destination = c + ((long)r * ldc);
            for (int j = 0; j < cols; j++)
            {
                destination[j] = accumulate ? destination[j] + source[j] : source[j];
            }
        }
    }

    private static unsafe void FullTile(GemmPath path, int kc, float* a, float* b, float* c, int ldc, bool accumulate)
    {
        switch (path)
        {
            case GemmPath.Vector512:
                Kernel512(kc, a, b, Nr512, c, ldc, accumulate);
                break;
            case GemmPath.Vector256Fma:
                Kernel256(kc, a, b, c, ldc, accumulate);
                break;
            default:
                KernelPortable(kc, a, b, c, ldc, accumulate);
                break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Kernel512(int kc, float* a, float* b, long ldb, float* c, int ldc, bool accumulate)
    {
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector512<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        Vector512<float> c60 = default, c61 = default, c70 = default, c71 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector512<float> b0 = Vector512.Load(b);
            Vector512<float> b1 = Vector512.Load(b + 16);
            Vector512<float> ai = Vector512.Create(a[0]);
            c00 = Vector512.FusedMultiplyAdd(ai, b0, c00);
            c01 = Vector512.FusedMultiplyAdd(ai, b1, c01);
            ai = Vector512.Create(a[1]);
            c10 = Vector512.FusedMultiplyAdd(ai, b0, c10);
            c11 = Vector512.FusedMultiplyAdd(ai, b1, c11);
            ai = Vector512.Create(a[2]);
            c20 = Vector512.FusedMultiplyAdd(ai, b0, c20);
            c21 = Vector512.FusedMultiplyAdd(ai, b1, c21);
            ai = Vector512.Create(a[3]);
            c30 = Vector512.FusedMultiplyAdd(ai, b0, c30);
            c31 = Vector512.FusedMultiplyAdd(ai, b1, c31);
            ai = Vector512.Create(a[4]);
            c40 = Vector512.FusedMultiplyAdd(ai, b0, c40);
            c41 = Vector512.FusedMultiplyAdd(ai, b1, c41);
            ai = Vector512.Create(a[5]);
            c50 = Vector512.FusedMultiplyAdd(ai, b0, c50);
            c51 = Vector512.FusedMultiplyAdd(ai, b1, c51);
            ai = Vector512.Create(a[6]);
            c60 = Vector512.FusedMultiplyAdd(ai, b0, c60);
            c61 = Vector512.FusedMultiplyAdd(ai, b1, c61);
            ai = Vector512.Create(a[7]);
            c70 = Vector512.FusedMultiplyAdd(ai, b0, c70);
            c71 = Vector512.FusedMultiplyAdd(ai, b1, c71);
            a += Mr512;
            b += ldb;
        }

        Store512(c, c00, c01, accumulate);
        Store512(c + ldc, c10, c11, accumulate);
        Store512(c + (2 * ldc), c20, c21, accumulate);
        Store512(c + (3 * ldc), c30, c31, accumulate);
        Store512(c + (4 * ldc), c40, c41, accumulate);
        Store512(c + (5 * ldc), c50, c51, accumulate);
        Store512(c + (6 * ldc), c60, c61, accumulate);
        Store512(c + (7 * ldc), c70, c71, accumulate);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Store512(float* row, Vector512<float> left, Vector512<float> right, bool accumulate)
    {
        if (accumulate)
        {
            left += Vector512.Load(row);
            right += Vector512.Load(row + 16);
        }

        left.Store(row);
        right.Store(row + 16);
    }

    /// <summary>Lanes 0..count-1 set (count in 1..16).</summary>
    private static Vector512<float> TailMask(int count)
        => Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(count)).AsSingle();

    /// <summary><see cref="Kernel512"/> loading the right vector of B and storing that of each row under <paramref name="rightMask"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Kernel512Masked(int kc, float* a, float* b, long ldb, float* c, int ldc, bool accumulate, Vector512<float> rightMask)
    {
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector512<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        Vector512<float> c60 = default, c61 = default, c70 = default, c71 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector512<float> b0 = Vector512.Load(b);
            Vector512<float> b1 = Avx512F.MaskLoad(b + 16, rightMask, Vector512<float>.Zero);
            Vector512<float> ai = Vector512.Create(a[0]);
            c00 = Vector512.FusedMultiplyAdd(ai, b0, c00);
            c01 = Vector512.FusedMultiplyAdd(ai, b1, c01);
            ai = Vector512.Create(a[1]);
            c10 = Vector512.FusedMultiplyAdd(ai, b0, c10);
            c11 = Vector512.FusedMultiplyAdd(ai, b1, c11);
            ai = Vector512.Create(a[2]);
            c20 = Vector512.FusedMultiplyAdd(ai, b0, c20);
            c21 = Vector512.FusedMultiplyAdd(ai, b1, c21);
            ai = Vector512.Create(a[3]);
            c30 = Vector512.FusedMultiplyAdd(ai, b0, c30);
            c31 = Vector512.FusedMultiplyAdd(ai, b1, c31);
            ai = Vector512.Create(a[4]);
            c40 = Vector512.FusedMultiplyAdd(ai, b0, c40);
            c41 = Vector512.FusedMultiplyAdd(ai, b1, c41);
            ai = Vector512.Create(a[5]);
            c50 = Vector512.FusedMultiplyAdd(ai, b0, c50);
            c51 = Vector512.FusedMultiplyAdd(ai, b1, c51);
            ai = Vector512.Create(a[6]);
            c60 = Vector512.FusedMultiplyAdd(ai, b0, c60);
            c61 = Vector512.FusedMultiplyAdd(ai, b1, c61);
            ai = Vector512.Create(a[7]);
            c70 = Vector512.FusedMultiplyAdd(ai, b0, c70);
            c71 = Vector512.FusedMultiplyAdd(ai, b1, c71);
            a += Mr512;
            b += ldb;
        }

        Store512Masked(c, c00, c01, accumulate, rightMask);
        Store512Masked(c + ldc, c10, c11, accumulate, rightMask);
        Store512Masked(c + (2 * ldc), c20, c21, accumulate, rightMask);
        Store512Masked(c + (3 * ldc), c30, c31, accumulate, rightMask);
        Store512Masked(c + (4 * ldc), c40, c41, accumulate, rightMask);
        Store512Masked(c + (5 * ldc), c50, c51, accumulate, rightMask);
        Store512Masked(c + (6 * ldc), c60, c61, accumulate, rightMask);
        Store512Masked(c + (7 * ldc), c70, c71, accumulate, rightMask);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Store512Masked(float* row, Vector512<float> left, Vector512<float> right, bool accumulate, Vector512<float> rightMask)
    {
        if (accumulate)
        {
            left += Vector512.Load(row);
            right += Avx512F.MaskLoad(row + 16, rightMask, Vector512<float>.Zero);
        }

        left.Store(row);
        Avx512F.MaskStore(row + 16, rightMask, right);
    }

    /// <summary>
    /// An 8×16 tile from the left half of a 32-wide B panel (the rest is padding or other columns), loaded and stored under
    /// <paramref name="mask"/>: the last panel of a width that leaves at most 16 columns.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Kernel512Half(int kc, float* a, float* b, long ldb, float* c, int ldc, bool accumulate, Vector512<float> mask)
    {
        Vector512<float> c0 = default, c1 = default, c2 = default, c3 = default, c4 = default, c5 = default, c6 = default, c7 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector512<float> b0 = Avx512F.MaskLoad(b, mask, Vector512<float>.Zero);
            c0 = Vector512.FusedMultiplyAdd(Vector512.Create(a[0]), b0, c0);
            c1 = Vector512.FusedMultiplyAdd(Vector512.Create(a[1]), b0, c1);
            c2 = Vector512.FusedMultiplyAdd(Vector512.Create(a[2]), b0, c2);
            c3 = Vector512.FusedMultiplyAdd(Vector512.Create(a[3]), b0, c3);
            c4 = Vector512.FusedMultiplyAdd(Vector512.Create(a[4]), b0, c4);
            c5 = Vector512.FusedMultiplyAdd(Vector512.Create(a[5]), b0, c5);
            c6 = Vector512.FusedMultiplyAdd(Vector512.Create(a[6]), b0, c6);
            c7 = Vector512.FusedMultiplyAdd(Vector512.Create(a[7]), b0, c7);
            a += Mr512;
            b += ldb;
        }

        StoreMasked(c, c0, accumulate, mask);
        StoreMasked(c + ldc, c1, accumulate, mask);
        StoreMasked(c + (2 * ldc), c2, accumulate, mask);
        StoreMasked(c + (3 * ldc), c3, accumulate, mask);
        StoreMasked(c + (4 * ldc), c4, accumulate, mask);
        StoreMasked(c + (5 * ldc), c5, accumulate, mask);
        StoreMasked(c + (6 * ldc), c6, accumulate, mask);
        StoreMasked(c + (7 * ldc), c7, accumulate, mask);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void StoreMasked(float* row, Vector512<float> value, bool accumulate, Vector512<float> mask)
    {
        if (accumulate)
        {
            value += Avx512F.MaskLoad(row, mask, Vector512<float>.Zero);
        }

        Avx512F.MaskStore(row, mask, value);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Kernel256(int kc, float* a, float* b, float* c, int ldc, bool accumulate)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector256<float> b0 = Vector256.Load(b);
            Vector256<float> b1 = Vector256.Load(b + 8);
            Vector256<float> ai = Vector256.Create(a[0]);
            c00 = Vector256.FusedMultiplyAdd(ai, b0, c00);
            c01 = Vector256.FusedMultiplyAdd(ai, b1, c01);
            ai = Vector256.Create(a[1]);
            c10 = Vector256.FusedMultiplyAdd(ai, b0, c10);
            c11 = Vector256.FusedMultiplyAdd(ai, b1, c11);
            ai = Vector256.Create(a[2]);
            c20 = Vector256.FusedMultiplyAdd(ai, b0, c20);
            c21 = Vector256.FusedMultiplyAdd(ai, b1, c21);
            ai = Vector256.Create(a[3]);
            c30 = Vector256.FusedMultiplyAdd(ai, b0, c30);
            c31 = Vector256.FusedMultiplyAdd(ai, b1, c31);
            ai = Vector256.Create(a[4]);
            c40 = Vector256.FusedMultiplyAdd(ai, b0, c40);
            c41 = Vector256.FusedMultiplyAdd(ai, b1, c41);
            ai = Vector256.Create(a[5]);
            c50 = Vector256.FusedMultiplyAdd(ai, b0, c50);
            c51 = Vector256.FusedMultiplyAdd(ai, b1, c51);
            a += Mr256;
            b += Nr256;
        }

        Store256(c, c00, c01, accumulate);
        Store256(c + ldc, c10, c11, accumulate);
        Store256(c + (2 * ldc), c20, c21, accumulate);
        Store256(c + (3 * ldc), c30, c31, accumulate);
        Store256(c + (4 * ldc), c40, c41, accumulate);
        Store256(c + (5 * ldc), c50, c51, accumulate);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Store256(float* row, Vector256<float> left, Vector256<float> right, bool accumulate)
    {
        if (accumulate)
        {
            left += Vector256.Load(row);
            right += Vector256.Load(row + 8);
        }

        left.Store(row);
        right.Store(row + 8);
    }

    private static unsafe void KernelPortable(int kc, float* a, float* b, float* c, int ldc, bool accumulate)
    {
        float* tile = stackalloc float[MrPortable * NrPortable];
        new Span<float>(tile, MrPortable * NrPortable).Clear();
        for (int p = 0; p < kc; p++)
        {
            for (int r = 0; r < MrPortable; r++)
            {
                float ar = a[r];
                for (int j = 0; j < NrPortable; j++)
                {
                    tile[(r * NrPortable) + j] += ar * b[j];
                }
            }

            a += MrPortable;
            b += NrPortable;
        }

        for (int r = 0; r < MrPortable; r++)
        {
            for (int j = 0; j < NrPortable; j++)
            {
                float value = tile[(r * NrPortable) + j];
                c[((long)r * ldc) + j] = accumulate ? c[((long)r * ldc) + j] + value : value;
            }
        }
    }

    /// <summary>
    /// y[n] += x[k]·W[k×n] with 512-bit vectors. The rows whose input is non-zero are listed first (branch-free), so the
    /// column loops run over that list without a data-dependent branch per row — half a ReLU layer's inputs are zero,
    /// at random, which a branch would mispredict. Columns go in blocks of 256 held in sixteen accumulators across all
    /// listed rows (each weight loaded once, y written once per block; measured 20% faster than blocks of 128 on a
    /// 200×1024 head, 32 accumulators spill), then one block of 128, 64, 32 or 16 each as needed, then a masked
    /// vector for the last n mod 16 columns (masked loads never touch memory past the row). Every y element adds its
    /// terms in row order, one fused multiply-add each.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void VectorMatrix512(float* x, float* w, float* y, int k, int n)
    {
        const int StackLimit = 2048;
        int[]? heapRows = null;
        Span<int> rowBuffer = k <= StackLimit ? stackalloc int[k] : (heapRows = new int[k]);
        int count = 0;
        fixed (int* rows = rowBuffer)
        {
            for (int i = 0; i < k; i++)
            {
                rows[count] = i;
                count += x[i] != 0f ? 1 : 0;
            }

            int j0 = 0;
            for (; j0 + 256 <= n; j0 += 256)
            {
                Columns256(x, w, y, n, rows, count, j0);
            }

            if (j0 + 128 <= n)
            {
                Columns128(x, w, y, n, rows, count, j0);
                j0 += 128;
            }

            if (j0 + 64 <= n)
            {
                Columns64(x, w, y, n, rows, count, j0);
                j0 += 64;
            }

            if (j0 + 32 <= n)
            {
                Columns32(x, w, y, n, rows, count, j0);
                j0 += 32;
            }

            if (j0 + 16 <= n)
            {
                Columns16(x, w, y, n, rows, count, j0, Vector512<float>.AllBitsSet);
                j0 += 16;
            }

            if (j0 < n)
            {
                Vector512<float> mask = Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(n - j0)).AsSingle();
                Columns16(x, w, y, n, rows, count, j0, mask);
            }
        }

        GC.KeepAlive(heapRows);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Columns256(float* x, float* w, float* y, int n, int* rows, int count, int j0)
    {
        float* yb = y + j0;
        Vector512<float> y0 = Vector512.Load(yb), y1 = Vector512.Load(yb + 16), y2 = Vector512.Load(yb + 32), y3 = Vector512.Load(yb + 48);
        Vector512<float> y4 = Vector512.Load(yb + 64), y5 = Vector512.Load(yb + 80), y6 = Vector512.Load(yb + 96), y7 = Vector512.Load(yb + 112);
        Vector512<float> y8 = Vector512.Load(yb + 128), y9 = Vector512.Load(yb + 144), y10 = Vector512.Load(yb + 160), y11 = Vector512.Load(yb + 176);
        Vector512<float> y12 = Vector512.Load(yb + 192), y13 = Vector512.Load(yb + 208), y14 = Vector512.Load(yb + 224), y15 = Vector512.Load(yb + 240);
        for (int r = 0; r < count; r++)
        {
            int i = rows[r];
            Vector512<float> scale = Vector512.Create(x[i]);
            float* wr = w + ((long)i * n) + j0;
            y0 = Vector512.FusedMultiplyAdd(scale, Vector512.Load(wr), y0);
            y1 = Vector512.FusedMultiplyAdd(scale, Vector512.Load(wr + 16), y1);
            y2 = Vector512.FusedMultiplyAdd(scale, Vector512.Load(wr + 32), y2);
            y3 = Vector512.FusedMultiplyAdd(scale, Vector512.Load(wr + 48), y3);
            y4 = Vector512.FusedMultiplyAdd(scale, Vector512.Load(wr + 64), y4);
            y5 = Vector512.FusedMultiplyAdd(scale, Vector512.Load(wr + 80), y5);
            y6 = Vector512.FusedMultiplyAdd(scale, Vector512.Load(wr + 96), y6);
            y7 = Vector512.FusedMultiplyAdd(scale, Vector512.Load(wr + 112), y7);
            y8 = Vector512.FusedMultiplyAdd(scale, Vector512.Load(wr + 128), y8);
            y9 = Vector512.FusedMultiplyAdd(scale, Vector512.Load(wr + 144), y9);
            y10 = Vector512.FusedMultiplyAdd(scale, Vector512.Load(wr + 160), y10);
            y11 = Vector512.FusedMultiplyAdd(scale, Vector512.Load(wr + 176), y11);
            y12 = Vector512.FusedMultiplyAdd(scale, Vector512.Load(wr + 192), y12);
            y13 = Vector512.FusedMultiplyAdd(scale, Vector512.Load(wr + 208), y13);
            y14 = Vector512.FusedMultiplyAdd(scale, Vector512.Load(wr + 224), y14);
            y15 = Vector512.FusedMultiplyAdd(scale, Vector512.Load(wr + 240), y15);
        }

        y0.Store(yb); y1.Store(yb + 16); y2.Store(yb + 32); y3.Store(yb + 48);
        y4.Store(yb + 64); y5.Store(yb + 80); y6.Store(yb + 96); y7.Store(yb + 112);
        y8.Store(yb + 128); y9.Store(yb + 144); y10.Store(yb + 160); y11.Store(yb + 176);
        y12.Store(yb + 192); y13.Store(yb + 208); y14.Store(yb + 224); y15.Store(yb + 240);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Columns128(float* x, float* w, float* y, int n, int* rows, int count, int j0)
    {
        float* yb = y + j0;
        Vector512<float> y0 = Vector512.Load(yb), y1 = Vector512.Load(yb + 16), y2 = Vector512.Load(yb + 32), y3 = Vector512.Load(yb + 48);
        Vector512<float> y4 = Vector512.Load(yb + 64), y5 = Vector512.Load(yb + 80), y6 = Vector512.Load(yb + 96), y7 = Vector512.Load(yb + 112);
        for (int r = 0; r < count; r++)
        {
            int i = rows[r];
            Vector512<float> scale = Vector512.Create(x[i]);
            float* wr = w + ((long)i * n) + j0;
            y0 = Vector512.FusedMultiplyAdd(scale, Vector512.Load(wr), y0);
            y1 = Vector512.FusedMultiplyAdd(scale, Vector512.Load(wr + 16), y1);
            y2 = Vector512.FusedMultiplyAdd(scale, Vector512.Load(wr + 32), y2);
            y3 = Vector512.FusedMultiplyAdd(scale, Vector512.Load(wr + 48), y3);
            y4 = Vector512.FusedMultiplyAdd(scale, Vector512.Load(wr + 64), y4);
            y5 = Vector512.FusedMultiplyAdd(scale, Vector512.Load(wr + 80), y5);
            y6 = Vector512.FusedMultiplyAdd(scale, Vector512.Load(wr + 96), y6);
            y7 = Vector512.FusedMultiplyAdd(scale, Vector512.Load(wr + 112), y7);
        }

        y0.Store(yb); y1.Store(yb + 16); y2.Store(yb + 32); y3.Store(yb + 48);
        y4.Store(yb + 64); y5.Store(yb + 80); y6.Store(yb + 96); y7.Store(yb + 112);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Columns64(float* x, float* w, float* y, int n, int* rows, int count, int j0)
    {
        float* yb = y + j0;
        Vector512<float> y0 = Vector512.Load(yb), y1 = Vector512.Load(yb + 16), y2 = Vector512.Load(yb + 32), y3 = Vector512.Load(yb + 48);
        for (int r = 0; r < count; r++)
        {
            int i = rows[r];
            Vector512<float> scale = Vector512.Create(x[i]);
            float* wr = w + ((long)i * n) + j0;
            y0 = Vector512.FusedMultiplyAdd(scale, Vector512.Load(wr), y0);
            y1 = Vector512.FusedMultiplyAdd(scale, Vector512.Load(wr + 16), y1);
            y2 = Vector512.FusedMultiplyAdd(scale, Vector512.Load(wr + 32), y2);
            y3 = Vector512.FusedMultiplyAdd(scale, Vector512.Load(wr + 48), y3);
        }

        y0.Store(yb); y1.Store(yb + 16); y2.Store(yb + 32); y3.Store(yb + 48);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Columns32(float* x, float* w, float* y, int n, int* rows, int count, int j0)
    {
        float* yb = y + j0;
        Vector512<float> y0 = Vector512.Load(yb), y1 = Vector512.Load(yb + 16);
        for (int r = 0; r < count; r++)
        {
            int i = rows[r];
            Vector512<float> scale = Vector512.Create(x[i]);
            float* wr = w + ((long)i * n) + j0;
            y0 = Vector512.FusedMultiplyAdd(scale, Vector512.Load(wr), y0);
            y1 = Vector512.FusedMultiplyAdd(scale, Vector512.Load(wr + 16), y1);
        }

        y0.Store(yb); y1.Store(yb + 16);
    }

    /// <summary>Up to 16 columns under <paramref name="mask"/> (lanes past the row are neither read nor written).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Columns16(float* x, float* w, float* y, int n, int* rows, int count, int j0, Vector512<float> mask)
    {
        float* yb = y + j0;
        Vector512<float> y0 = Avx512F.MaskLoad(yb, mask, Vector512<float>.Zero);
        for (int r = 0; r < count; r++)
        {
            int i = rows[r];
            float* wr = w + ((long)i * n) + j0;
            y0 = Vector512.FusedMultiplyAdd(Vector512.Create(x[i]), Avx512F.MaskLoad(wr, mask, Vector512<float>.Zero), y0);
        }

        Avx512F.MaskStore(yb, mask, y0);
    }
}
