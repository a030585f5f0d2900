using EdgeMine.Cells;
using EdgeMine.Schemes;
using EdgeMine.Simulation;

namespace EdgeMine.Experiments;

/// <summary>
/// One row of an experiment's results: a scheme at a setting, from its cells: one per training seed for a learner, one
/// for a baseline. A learner's number is the mean over its seeds, its 95% interval a t-interval over the per-seed
/// means (MODEL.md section 11), or over the evaluation runs of the seed-averaged values when that is wider (seeds that
/// agree, as the CMDP's LP's do, leave evaluation noise); with one seed, and for a baseline, the interval is over the
/// evaluation runs. Every seed and every scheme of a setting meets the same evaluation runs, so runs and seeds pair
/// across schemes.
/// </summary>
internal sealed class ResultRow
{
    public ResultRow(Setting setting, Scheme scheme, IReadOnlyList<CellResult> cells, RunShape shape, string? notRun = null)
    {
        ArgumentNullException.ThrowIfNull(setting);
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(cells);
        Setting = setting;
        Scheme = scheme;
        Cells = cells;
        Shape = shape;
        _notRun = notRun;
    }

    private readonly string? _notRun;

    public Setting Setting { get; }

    public Scheme Scheme { get; }

    /// <summary>The cells behind the row, in seed order.</summary>
    public IReadOnlyList<CellResult> Cells { get; }

    /// <summary>The shape that scales derived metrics (N M, dt).</summary>
    public RunShape Shape { get; }

    /// <summary>True when every cell was evaluated (a scheme that does not apply at a setting does not, for any seed).</summary>
    public bool IsOk => Cells.Count > 0 && Cells.All(c => c.IsOk && c.Own is not null);

    /// <summary>Why the row has no numbers: the first failing cell's reason, or "not run".</summary>
    public string? Reason => Cells.Count == 0 ? _notRun ?? "not run" : Cells.FirstOrDefault(c => !c.IsOk)?.Reason;

    /// <summary>The training seeds behind a learner's numbers; 0 for a baseline.</summary>
    public int Seeds => Scheme.IsLearner ? Cells.Count : 0;

    /// <summary>True when intervals and paired differences run over training seeds (a learner with at least two).</summary>
    public bool BySeeds => Seeds >= 2;

    /// <summary>What the row's intervals run over, in words.</summary>
    public string Units => BySeeds ? "training seeds" : "evaluation runs";

    /// <summary>Each cell's mean of <paramref name="metric"/>, in its shown unit, in seed order.</summary>
    public double[] SeedValues(Metric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return Cells.Select(c => c.Own![metric.Stored].Mean * metric.ShownScale(Shape)).ToArray();
    }

    /// <summary>Each cell's (seed's) values of <paramref name="metric"/> per evaluation run, in its shown unit; empty without numbers.</summary>
    public double[][] SeedRunValues(Metric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        if (!IsOk)
        {
            return [];
        }

        double scale = metric.ShownScale(Shape);
        return Cells.Select(c => c.Own!.PerRun[metric.Stored.Key].Select(v => v * scale).ToArray()).ToArray();
    }

    /// <summary>The row with its first <paramref name="seeds"/> training seeds only (a baseline's row unchanged): a subset of the same run.</summary>
    public ResultRow WithSeeds(int seeds) =>
        !Scheme.IsLearner || Cells.Count <= seeds ? this : new ResultRow(Setting, Scheme, Cells.Take(seeds).ToArray(), Shape, _notRun);

    /// <summary>
    /// <paramref name="metric"/> per evaluation run, in its shown unit: the cell's runs, or for several seeds the mean
    /// over seeds of each run.
    /// </summary>
    public double[] RunValues(Metric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        double scale = metric.ShownScale(Shape);
        var perCell = Cells.Select(c => c.Own!.PerRun[metric.Stored.Key]).ToArray();
        int runs = perCell.Min(r => r.Length);
        var values = new double[runs];
        for (int r = 0; r < runs; r++)
        {
            values[r] = perCell.Average(p => p[r]) * scale;
        }

        return values;
    }

    /// <summary>The estimate of <paramref name="metric"/> in its shown unit, or null when the row has no numbers.</summary>
    public MetricEstimate? Shown(Metric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        if (!IsOk)
        {
            return null;
        }

        if (!BySeeds)
        {
            return Cells[0].Own!.Metrics.TryGetValue(metric.Key, out var e) ? e.Scaled(metric.DisplayScale) : null;
        }

        return MetricEstimate.From(Estimate.OverSeeds(SeedValues(metric), RunValues(metric)).Estimate);
    }

    /// <summary>The mean of <paramref name="metric"/> in its shown unit, or null.</summary>
    public double? Mean(Metric metric) => Shown(metric)?.Mean;
}
