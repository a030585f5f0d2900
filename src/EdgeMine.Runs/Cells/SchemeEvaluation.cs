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
        };
    }
}
