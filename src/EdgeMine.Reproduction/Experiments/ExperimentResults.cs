using EdgeMine.Cells;
using EdgeMine.Schemes;
using EdgeMine.Simulation;

namespace EdgeMine.Experiments;

/// <summary>The results of one experiment: its settings and, per setting and scheme, the row of its cells.</summary>
internal sealed class ExperimentResults(Experiment experiment, IReadOnlyList<Setting> settings, IReadOnlyList<ResultRow> rows)
{
    public Experiment Experiment { get; } = experiment;

    public IReadOnlyList<Setting> Settings { get; } = settings;

    /// <summary>Setting by setting, scheme by scheme, in the experiment's order.</summary>
    public IReadOnlyList<ResultRow> Rows { get; } = rows;

    /// <summary>The learners' training curves, every seed, when the experiment reads them (Fig. 4).</summary>
    public IReadOnlyList<LearningCurve> Curves { get; init; } = [];

    /// <summary>The rows of the experiment's <see cref="Experiment.OptionArms"/>, in its order.</summary>
    public IReadOnlyList<ArmRow> ArmRows { get; init; } = [];

    /// <summary>The most training seeds of any learner's row with numbers; 0 without one.</summary>
    public int TrainingSeeds => Rows.Where(r => r.Scheme.IsLearner && r.IsOk).Select(r => r.Cells.Count).DefaultIfEmpty(0).Max();

    /// <summary>The same run with every learner's first <paramref name="seeds"/> training seeds only (rows and curves).</summary>
    public ExperimentResults WithSeeds(int seeds) =>
        new(Experiment, Settings, Rows.Select(r => r.WithSeeds(seeds)).ToArray())
        {
            Curves = Curves.Where(c => c.Seed <= seeds).ToArray(),
            ArmRows = ArmRows.Select(a => a.WithSeeds(seeds)).ToArray(),
        };

    /// <summary>The row of <paramref name="scheme"/> at <paramref name="setting"/>, or null.</summary>
    public ResultRow? Row(Setting setting, Scheme scheme) => Rows.FirstOrDefault(r => r.Setting == setting && r.Scheme.Equals(scheme));

    /// <summary>
    /// The yardsticks' references at <paramref name="setting"/>; NaN where a reference did not run, and their runs
    /// (<see cref="SettingReferences.Runs"/>) when Random, the optimum and the best baseline all have numbers.
    /// </summary>
    public SettingReferences References(Setting setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        double Reward(Scheme s) => Row(setting, s)?.Mean(Metrics.Reward) ?? double.NaN;
        var best = BaselineScheme.Simple.Where(b => double.IsFinite(Reward(b))).MaxBy(Reward); // the first of equal maxima
        var references = new SettingReferences(
            Reward(BaselineScheme.Random),
            Reward(BaselineScheme.Optimal),
            Reward(BaselineScheme.OptimalFractional),
            best,
            best is null ? double.NaN : Reward(best),
            setting.Miners * setting.Tasks);
        ResultRow? Ok(Scheme s) => Row(setting, s) is { IsOk: true } row ? row : null;
        if (best is null || Ok(BaselineScheme.Random) is not { } random || Ok(BaselineScheme.Optimal) is not { } optimal)
        {
            return references;
        }

        var fractional = Ok(BaselineScheme.OptimalFractional);
        return references with
        {
            Runs = new YardstickReferences(
                Random: random.RunValues(Metrics.Reward),
                Optimal: optimal.RunValues(Metrics.Reward),
                FractionalOptimal: fractional?.RunValues(Metrics.Reward),
                BestBaseline: Ok(best)!.RunValues(Metrics.Reward),
                Tasks: setting.Miners * setting.Tasks,
                RewardScale: YardstickReferences.ScaleOf(Rows.Where(r => r.Setting == setting).Select(r => r.Mean(Metrics.Reward) ?? double.NaN)))
            {
                OptimalIsBound = optimal.Cells.All(c => c.Own!.BoundsRuns != false),
                FractionalOptimalIsBound = fractional is not null && fractional.Cells.All(c => c.Own!.CarriesOver != true) && optimal.Cells.All(c => c.Own!.SlotsWhereACapCouldBind is not > 0),
            },
        };
    }

    /// <summary>
    /// The yardsticks of a row from its rewards per run (seed-averaged for a learner), or from its mean reward when the
    /// references have no runs; null when it has no numbers. A row whose scheme took a fractional action is measured
    /// against the fractional optimum.
    /// </summary>
    public Yardsticks? YardsticksOf(ResultRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Mean(Metrics.Reward) is not { } reward)
        {
            return null;
        }

        var references = References(row.Setting);
        return references.Runs is { } runs
            ? runs.Of(row.RunValues(Metrics.Reward), row.Cells.Any(c => c.Own!.FractionalActions))
            : references.Of(reward);
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
            var shape = new RunShape(setting.Miners * setting.Tasks, setting.Apply(options.Parameters).SlotSeconds); // a scenario's slot, not the preset's
            foreach (var scheme in experiment.Schemes)
            {
                var cells = Reproduction.CellKeys(setting, scheme, options.Sizes.TrainingSeeds)
                    .Select(k => results.GetValueOrDefault(k))
                    .OfType<CellResult>()
                    .ToArray();
                rows.Add(new ResultRow(setting, scheme, cells, shape, experiment.NotRun(setting, scheme)));
            }
        }

        var arms = experiment.OptionArms(options.Sizes)
            .Select(arm => new ArmRow(arm, new ResultRow(
                arm.Setting,
                arm.Scheme,
                arm.CellKeys(options.Sizes.TrainingSeeds).Select(k => results.GetValueOrDefault(k)).OfType<CellResult>().ToArray(),
                new RunShape(arm.Setting.Miners * arm.Setting.Tasks, options.Parameters.SlotSeconds))))
            .ToArray();
        return new ExperimentResults(experiment, settings, rows) { ArmRows = arms };
    }
}
