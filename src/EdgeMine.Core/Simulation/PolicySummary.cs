namespace EdgeMine.Simulation;

/// <summary>
/// Section 6 metrics of one policy: per-slot averages, as means with 95% confidence intervals over independent runs,
/// one estimate per metric of <see cref="Metrics"/>. Latency is the sum over tasks per slot; latency per task divides it
/// by N M.
/// </summary>
/// <param name="Policy">The policy's name.</param>
/// <param name="Runs">Independent evaluation runs.</param>
/// <param name="SlotsPerRun">Slots of each run.</param>
/// <param name="Shape">The shape derived metrics are scaled by (N M, dt).</param>
/// <param name="Estimates">Every metric's estimate (mean and 95% CI over runs).</param>
/// <param name="PerRun">Each base metric's per-run averages, in run order (for paired comparisons on the same seeds).</param>
public sealed record PolicySummary(
    string Policy,
    int Runs,
    long SlotsPerRun,
    RunShape Shape,
    IReadOnlyDictionary<Metric, Estimate> Estimates,
    IReadOnlyDictionary<Metric, double[]> PerRun)
{
    /// <summary>The training seeds behind the numbers (<see cref="PolicyEvaluation.OverSeeds"/>); 1 for a single policy.</summary>
    public int Seeds { get; init; } = 1;

    /// <summary>
    /// True when the policy took some action strictly between 0 and 1 in some slot: it is then measured against the
    /// fractional per-slot optimum (<see cref="YardstickReferences.Of"/>), since the binary one does not bound it.
    /// </summary>
    public bool FractionalActions { get; init; }

    /// <summary>For a per-slot optimum (<see cref="Policies.IPerSlotOptimum"/>), how many of its actions were proven optimal; null for other policies.</summary>
    public Policies.OptimumExactness? Exactness { get; init; }

    /// <summary>For the binary per-slot optimum: the slots in which a cap could bind (some action would buffer data); null for other policies.</summary>
    public long? SlotsWhereACapCouldBind { get; init; }

    /// <summary>The estimate of <paramref name="metric"/>.</summary>
    public Estimate this[Metric metric] => Estimates[metric];

    /// <summary>The mean reward per slot's estimate.</summary>
    public Estimate Reward => Estimates[Metrics.Reward];
}
