using System.Numerics;
using System.Runtime.CompilerServices;

namespace EdgeMine.Randomness;

/// <summary>
/// xoshiro256** (Blackman and Vigna, 2018): the one pseudo-random generator of EdgeMine.
/// Every random draw of a run comes from an instance seeded from the run's seed, so a run is
/// reproducible bit for bit. Its algorithm is fixed here (unlike <see cref="Random"/>'s, which may
/// change between runtimes), and it is a mutable struct-free class so that it can be shared by reference.
/// </summary>
public sealed class Xoshiro256
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>Seeds the four state words from <paramref name="seed"/> with SplitMix64, as the authors recommend.</summary>
    public Xoshiro256(ulong seed) => Reseed(seed);

    /// <summary>Restarts the generator as if newly built from <paramref name="seed"/>; allocates nothing.</summary>
    public void Reseed(ulong seed)
    {
        ulong x = seed;
        _s0 = SeedMixer.SplitMix64(ref x);
        _s1 = SeedMixer.SplitMix64(ref x);
        _s2 = SeedMixer.SplitMix64(ref x);
        _s3 = SeedMixer.SplitMix64(ref x);
    }

    /// <summary>The next 64 uniformly distributed bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform double in [<paramref name="low"/>, <paramref name="high"/>].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble(double low, double high) => low + ((high - low) * NextDouble());

    /// <summary>A fair coin.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool NextBool() => (long)NextUInt64() < 0;

    /// <summary>A uniform integer in [0, <paramref name="exclusiveMax"/>), without modulo bias (Lemire's method).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int NextInt(int exclusiveMax)
    {
        if (exclusiveMax <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(exclusiveMax), exclusiveMax, "must be positive");
        }

        ulong range = (ulong)exclusiveMax;
        UInt128 product = (UInt128)NextUInt64() * range;
        ulong low = (ulong)product;
        if (low < range)
        {
            ulong threshold = (0UL - range) % range;
            while (low < threshold)
            {
                product = (UInt128)NextUInt64() * range;
                low = (ulong)product;
            }
        }

        return (int)(product >> 64);
    }

    /// <summary>A standard normal draw (Box-Muller; one of the pair is discarded to keep the state simple).</summary>
    public double NextGaussian()
    {
        double u1 = 1.0 - NextDouble(); // in (0, 1]: the logarithm stays finite
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Copies the generator's state (for checkpoints).</summary>
    public ulong[] SaveState() => [_s0, _s1, _s2, _s3];

    /// <summary>Writes the four state words (for checkpoints).</summary>
    public void WriteTo(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(_s0);
        writer.Write(_s1);
        writer.Write(_s2);
        writer.Write(_s3);
    }

    /// <summary>Restores the state written by <see cref="WriteTo"/>.</summary>
    public void ReadFrom(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        (_s0, _s1, _s2, _s3) = (reader.ReadUInt64(), reader.ReadUInt64(), reader.ReadUInt64(), reader.ReadUInt64());
    }

    /// <summary>Restores a state written by <see cref="SaveState"/>.</summary>
    public void LoadState(ReadOnlySpan<ulong> state)
    {
        if (state.Length != 4)
        {
            throw new ArgumentException("a xoshiro256 state has 4 words", nameof(state));
        }

        (_s0, _s1, _s2, _s3) = (state[0], state[1], state[2], state[3]);
    }
}
