namespace EdgeMine.Neural;

/// <summary>
/// Which micro-kernel family <see cref="Gemm"/> runs. The best one the CPU supports is chosen once; the others stay
/// reachable so that tests can check every path against a naive reference on any machine that has it.
/// </summary>
internal enum GemmPath
{
    /// <summary>Plain scalar code: runs everywhere, the reference for the vector paths.</summary>
    Portable,

    /// <summary>256-bit vectors with fused multiply-add (AVX2 + FMA on x64).</summary>
    Vector256Fma,

    /// <summary>512-bit vectors (AVX-512F).</summary>
    Vector512,
}
