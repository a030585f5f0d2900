namespace EdgeMine.Simulation;

/// <summary>
/// Section 6 metrics of one policy: per-slot averages, as means with 95% confidence intervals over independent runs,
/// one estimate per metric of <see cref="Metrics"/>. Latency is the sum over tasks per slot; latency per task divides it
/// by N M.
/// </summary>
public sealed record PolicySummary
{
    /// <summary>The policy's name.</summary>
    public required string Policy { get; init; }

    public required int Runs { get; init; }

    public required long SlotsPerRun { get; init; }

    /// <summary>The shape derived metrics are scaled by (N M, dt).</summary>
    public required RunShape Shape { get; init; }

    /// <summary>Every metric's estimate (mean and 95% CI over runs).</summary>
    public required IReadOnlyDictionary<Metric, Estimate> Estimates { get; init; }

    /// <summary>Each base metric's per-run averages, in run order (for paired comparisons on the same seeds).</summary>
    public required IReadOnlyDictionary<Metric, double[]> PerRun { get; init; }

    /// <summary>The training seeds behind the numbers (<see cref="PolicyEvaluation.OverSeeds"/>); 1 for a single policy.</summary>
    public int Seeds { get; init; } = 1;

    /// <summary>The estimate of <paramref name="metric"/>.</summary>
    public Estimate this[Metric metric] => Estimates[metric];

    /// <summary>The mean reward per slot's estimate.</summary>
    public Estimate Reward => Estimates[Metrics.Reward];
}
