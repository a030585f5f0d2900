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

/// <summary>
/// The references of one setting that the yardsticks of MODEL.md section 6 need: the mean rewards of Random, the binary
/// and the fractional per-slot optimum, and the best of the simple baselines (NO, EO, Random, GO).
/// </summary>
internal sealed record SettingReferences(double Random, double Optimal, double FractionalOptimal, BaselineScheme? BestBaseline, double BestBaselineReward, int Tasks)
{
    /// <summary>The yardsticks of a mean reward per slot.</summary>
    public Yardsticks Of(double reward) => Yardsticks.Of(reward, Random, Optimal, FractionalOptimal, BestBaselineReward, Tasks);
}

/// <summary>One learner's training curve at one training seed: reward and moving average per slot.</summary>
internal sealed record LearningCurve(Scheme Scheme, double Beta, int Seed, long[] Slots, double[] Rewards, double[] MovingAverages);

/// <summary>The results of one experiment: its settings and, per setting and scheme, the row of its cells.</summary>
internal sealed class ExperimentResults(Experiment experiment, IReadOnlyList<Setting> settings, IReadOnlyList<ResultRow> rows)
{
    public Experiment Experiment { get; } = experiment;

    public IReadOnlyList<Setting> Settings { get; } = settings;

    /// <summary>Setting by setting, scheme by scheme, in the experiment's order.</summary>
    public IReadOnlyList<ResultRow> Rows { get; } = rows;

    /// <summary>The learners' training curves, every seed, when the experiment reads them (Fig. 4).</summary>
    public IReadOnlyList<LearningCurve> Curves { get; init; } = [];

    /// <summary>The row of <paramref name="scheme"/> at <paramref name="setting"/>, or null.</summary>
    public ResultRow? Row(Setting setting, Scheme scheme) => Rows.FirstOrDefault(r => r.Setting == setting && r.Scheme.Equals(scheme));

    /// <summary>The yardsticks' references at <paramref name="setting"/>; NaN where a reference did not run.</summary>
    public SettingReferences References(Setting setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        double Reward(Scheme s) => Row(setting, s)?.Mean(Metrics.Reward) ?? double.NaN;
        var best = BaselineScheme.Simple.Where(b => double.IsFinite(Reward(b))).MaxBy(Reward); // the first of equal maxima
        return new SettingReferences(
            Reward(BaselineScheme.Random),
            Reward(BaselineScheme.Optimal),
            Reward(BaselineScheme.OptimalFractional),
            best,
            best is null ? double.NaN : Reward(best),
            setting.Miners * setting.Tasks);
    }

    /// <summary>The yardsticks of a row from its mean reward, or null when it has none.</summary>
    public Yardsticks? YardsticksOf(ResultRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Mean(Metrics.Reward) is { } reward ? References(row.Setting).Of(reward) : null;
    }

    /// <summary>
    /// The rows of the experiment's settings from the cell results: every scheme's cells (each training seed of a
    /// learner) at every setting; a cell missing from <paramref name="results"/> leaves its row without numbers.
    /// </summary>
    public static ExperimentResults From(Experiment experiment, IReadOnlyList<Setting> settings, IReadOnlyDictionary<string, CellResult> results, ReproductionOptions options)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(options);
        var rows = new List<ResultRow>();
        foreach (var setting in settings)
        {
            var shape = new RunShape(setting.Miners * setting.Tasks, options.Parameters.SlotSeconds);
            foreach (var scheme in experiment.Schemes)
            {
                var cells = Reproduction.CellKeys(setting, scheme, options.Sizes.TrainingSeeds)
                    .Select(k => results.GetValueOrDefault(k))
                    .OfType<CellResult>()
                    .ToArray();
                rows.Add(new ResultRow(setting, scheme, cells, shape, experiment.NotRun(setting, scheme)));
            }
        }

        return new ExperimentResults(experiment, settings, rows);
    }
}
