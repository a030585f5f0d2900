namespace EdgeMine.Learning;

/// <summary>
/// Linear epsilon-greedy schedule: from <see cref="Start"/> to <see cref="End"/> over the first
/// <see cref="DecayFraction"/> of training, then constant. Defaults are MODEL.md section 7's choices (1.0 -> 0.01 over
/// the first 20%), shared by RLO and DRLO.
/// </summary>
public sealed record EpsilonSchedule(double Start = 1.0, double End = 0.01, double DecayFraction = 0.2)
{
    /// <summary>Epsilon at slot <paramref name="slot"/> of a run of <paramref name="totalSlots"/> slots.</summary>
    public double At(long slot, long totalSlots)
    {
        double decaySlots = Math.Max(1.0, DecayFraction * totalSlots);
        double progress = Math.Min(1.0, slot / decaySlots);
        return Start + ((End - Start) * progress);
    }
}
