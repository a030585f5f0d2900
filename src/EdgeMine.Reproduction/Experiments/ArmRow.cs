namespace EdgeMine.Experiments;

/// <summary>The row of an <see cref="OptionArm"/>: its cells (one per training seed), aggregated as any learner's row is.</summary>
internal sealed record ArmRow(OptionArm Arm, ResultRow Row)
{
    /// <summary>The row with its first <paramref name="seeds"/> training seeds only.</summary>
    public ArmRow WithSeeds(int seeds) => this with { Row = Row.WithSeeds(seeds) };
}
