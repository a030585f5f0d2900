namespace EdgeMine.Randomness;

/// <summary>Derives independent seeds for runs and for the parts of a run (environment, policy, learner).</summary>
public static class SeedMixer
{
    /// <summary>One step of SplitMix64 (Steele, Lea and Flood 2014): advances <paramref name="x"/> and returns a well-mixed word.</summary>
    public static ulong SplitMix64(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        ulong z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>
    /// The seed of stream <paramref name="stream"/> derived from <paramref name="seed"/>: distinct streams and distinct
    /// seeds give unrelated generators. Used for run r of a study (stream = r) and for the parts of one run.
    /// </summary>
    public static ulong Derive(ulong seed, ulong stream)
    {
        ulong x = seed ^ (stream * 0xD1B54A32D192ED03UL);
        _ = SplitMix64(ref x);
        return SplitMix64(ref x);
    }

    /// <summary>Named streams, so that the environment and the agent never share draws.</summary>
    public static class Streams
    {
        public const ulong Environment = 1;
        public const ulong Policy = 2;
        public const ulong Learner = 3;
        public const ulong Replay = 4;
    }
}
