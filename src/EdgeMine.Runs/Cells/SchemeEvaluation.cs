using EdgeMine.Schemes;
using EdgeMine.Simulation;

namespace EdgeMine.Cells;

/// <summary>One scheme's evaluation inside a cell: every metric's estimate and each base metric's per-run values.</summary>
public sealed record SchemeEvaluation
{
    public required Scheme Scheme { get; init; }

    /// <summary>Every metric's mean and 95% CI over the evaluation runs, by metric key.</summary>
    public required IReadOnlyDictionary<string, MetricEstimate> Metrics { get; init; }

    /// <summary>Each base metric's per-run average, in run order, by metric key (paired comparisons on the same seeds).</summary>
    public required IReadOnlyDictionary<string, double[]> PerRun { get; init; }

    /// <summary>What a model-based scheme predicts itself (the CMDP's LP: cost and privacy), if anything.</summary>
    public IReadOnlyDictionary<string, double> Predicted { get; init; } = new Dictionary<string, double>();

    /// <summary>True when the scheme took some action strictly between 0 and 1: its yardstick is then the fractional per-slot optimum.</summary>
    public bool FractionalActions { get; init; }

    /// <summary>For a per-slot optimum: slots it acted in (over every run), else null.</summary>
    public long? OptimumSlots { get; init; }

    /// <summary>For a per-slot optimum: slots whose action it could not prove optimal, else null.</summary>
    public long? InexactSlots { get; init; }

    /// <summary>For a per-slot optimum: the largest proven bound on what an inexact slot lost (0 when all were exact; null when some inexact slot has no bound, or for another scheme).</summary>
    public double? LargestGapBound { get; init; }

    /// <summary>For the binary per-slot optimum: the slots in which a cap could bind (some action would buffer), else null.</summary>
    public long? SlotsWhereACapCouldBind { get; init; }

    /// <summary>
    /// For a per-slot optimum's evaluation: whether it bounds every policy over these runs
    /// (<see cref="YardstickReferences.Bounds(IReadOnlyList{double}, IReadOnlyList{double}, long?)"/>); null in files
    /// written before the buffer and the backlog were recorded.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool? BoundsRuns => CarriesOver is { } carries ? !carries && SlotsWhereACapCouldBind is not > 0 : null;

    /// <summary>
    /// Whether these runs carried state over between slots (a buffer or an MEC backlog in some slot, <see
    /// cref="YardstickReferences.CarriesOver(IReadOnlyList{double}, IReadOnlyList{double})"/>); null in files written
    /// before both metrics were recorded. For the per-slot optimum's own runs, false means it bounds them.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool? CarriesOver =>
        PerRun.TryGetValue(Simulation.Metrics.Buffered.Key, out var buffered) && PerRun.TryGetValue(Simulation.Metrics.MecBacklog.Key, out var backlog)
            ? YardstickReferences.CarriesOver(buffered, backlog)
            : null;

    /// <summary>The estimate of <paramref name="metric"/>.</summary>
    public MetricEstimate this[Metric metric] => Metrics[metric.Key];

    public static SchemeEvaluation From(Scheme scheme, PolicySummary summary, IReadOnlyDictionary<string, double>? predicted = null)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return new SchemeEvaluation
        {
            Scheme = scheme,
            Metrics = Simulation.Metrics.All.ToDictionary(m => m.Key, m => MetricEstimate.From(summary[m])),
            PerRun = summary.PerRun.ToDictionary(p => p.Key.Key, p => p.Value),
            Predicted = predicted ?? new Dictionary<string, double>(),
            FractionalActions = summary.FractionalActions,
            OptimumSlots = summary.Exactness?.Slots,
            SlotsWhereACapCouldBind = summary.SlotsWhereACapCouldBind,
            InexactSlots = summary.Exactness?.InexactSlots,
            LargestGapBound = summary.Exactness is { } e ? (double.IsFinite(e.LargestGapBound) ? e.LargestGapBound : null) : null,
        };
    }
}
