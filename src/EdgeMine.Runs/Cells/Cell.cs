using System.Text.Json.Serialization;

namespace EdgeMine.Cells;

/// <summary>How a learner cell trains: its slots, its seed, and where its training directory is.</summary>
/// <param name="Slots">Training slots.</param>
/// <param name="Seed">The training seed.</param>
/// <param name="Directory">The training directory (config.json, curve.csv, model.bin).</param>
public sealed record TrainingPlan(long Slots, ulong Seed, string Directory);

/// <summary>How a cell evaluates: runs of slots, with run r's seeds derived from <paramref name="Seed"/> (as <c>edgemine evaluate</c>).</summary>
public sealed record EvaluationPlan(int Runs, long Slots, ulong Seed);

/// <summary>
/// One unit of resumable work, the same for <c>reproduce</c>, <c>sweep</c> and <c>train</c>: a scheme at a setting,
/// trained (if it learns and <see cref="Training"/> is set), then evaluated (if <see cref="Evaluation"/> is set) beside
/// <see cref="Baselines"/> on the same seeds.
/// </summary>
public sealed record CellSpec
{
    /// <summary>The cell's name in its job: unique, and safe as a file name.</summary>
    public required string Key { get; init; }

    public required Scheme Scheme { get; init; }

    /// <summary>The preset's name, recorded in training configurations.</summary>
    public required string Preset { get; init; }

    /// <summary>The model parameters, validated.</summary>
    public required ModelParameters Parameters { get; init; }

    public required EnvironmentSettings Settings { get; init; }

    /// <summary>The setting's values by key, for people reading the cell's file (<c>miners</c>, <c>beta</c>, grid keys).</summary>
    public IReadOnlyDictionary<string, string> Values { get; init; } = new Dictionary<string, string>();

    /// <summary>Learner options over the variant's (DRLO), by key.</summary>
    public IReadOnlyDictionary<string, string> LearnerOptions { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Set for a learner that this cell trains; a learner without it is loaded from <see cref="ModelDirectory"/>.</summary>
    public TrainingPlan? Training { get; init; }

    /// <summary>Where a learner's model is (the training plan's directory when it trains).</summary>
    public string? ModelDirectory { get; init; }

    /// <summary>Set when the cell evaluates.</summary>
    public EvaluationPlan? Evaluation { get; init; }

    /// <summary>Baselines evaluated beside the scheme on the same seeds (sweeps: random and optimal give the optimality ratio).</summary>
    public IReadOnlyList<BaselineScheme> Baselines { get; init; } = [];

    /// <summary>The training configuration of a learner cell (its slots and seed from the training plan, or none).</summary>
    public TrainingConfiguration? TrainingConfiguration => Scheme is LearnerScheme learner
        ? new TrainingConfiguration
        {
            Learner = learner,
            LearnerOptions = LearnerOptions,
            Preset = Preset,
            Parameters = Parameters,
            Settings = Settings,
            Slots = Training?.Slots ?? 0,
            Seed = Training?.Seed ?? 0,
        }
        : null;
}

/// <summary>
/// The configuration a cell ran under, written into its result so that the file states it whole: the preset and every
/// config key whose value differs from it, the shape, and the scheme (a learner's algorithm and variant, its training
/// slots). The evaluation plan (runs, slots per run, seed) and the training seed are the result's own fields.
/// </summary>
/// <param name="Preset">The preset's name.</param>
/// <param name="Overrides">The config keys that differ from the preset, with the values in force.</param>
/// <param name="Miners">N.</param>
/// <param name="Tasks">M.</param>
/// <param name="Beta">The cost weight beta.</param>
/// <param name="Algorithm">The learning algorithm, or the baseline's name.</param>
/// <param name="Variant">The learner's variant, or null for a baseline.</param>
/// <param name="TrainingSlots">Training slots of a learner this cell trains, else null.</param>
public sealed record CellConfiguration(
    string Preset, IReadOnlyDictionary<string, ParameterValue> Overrides, int Miners, int Tasks, double Beta, string Algorithm, string? Variant, long? TrainingSlots)
{
    /// <summary>The configuration of <paramref name="spec"/>.</summary>
    public static CellConfiguration Of(CellSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var preset = Presets.Find(spec.Preset) ?? throw new ConfigurationException($"preset {UserInput.Quote(spec.Preset)}: unknown; allowed: {string.Join(", ", Presets.Names)}");
        var learner = spec.Scheme as LearnerScheme;
        return new CellConfiguration(
            spec.Preset,
            ParameterCatalog.Overrides(preset, spec.Parameters).ToDictionary(o => o.Key, o => o.Value),
            spec.Settings.Miners,
            spec.Settings.TasksPerMiner,
            spec.Settings.Beta,
            learner?.Algorithm.Name ?? spec.Scheme.Name,
            learner?.Variant,
            spec.Training?.Slots);
    }
}

/// <summary>Whether a finished cell produced results.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CellStatus>))]
public enum CellStatus
{
    /// <summary>Trained and/or evaluated as planned.</summary>
    [JsonStringEnumMemberName("ok")]
    Ok,

    /// <summary>The scheme cannot run at this setting (a single-miner scheme at N = 2, a joint head too large); see the reason.</summary>
    [JsonStringEnumMemberName("not-applicable")]
    NotApplicable,
}

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

/// <summary>
/// The finished result of one cell, the one result type of every job: written atomically as JSON, and the reason a
/// cell is skipped when the job is run again.
/// </summary>
public sealed record CellResult
{
    public required string Key { get; init; }

    public required Scheme Scheme { get; init; }

    public required CellStatus Status { get; init; }

    /// <summary>Why the cell did not apply, or what it did not do (a baseline in a train-only sweep).</summary>
    public string? Reason { get; init; }

    /// <summary>The setting's values, as the cell's specification gives them.</summary>
    public IReadOnlyDictionary<string, string> Values { get; init; } = new Dictionary<string, string>();

    /// <summary>The configuration the cell ran under (null in files written before it was recorded).</summary>
    public CellConfiguration? Configuration { get; init; }

    /// <summary>How training went, or null when nothing was trained.</summary>
    public TrainingStatus? Training { get; init; }

    public ulong? TrainingSeed { get; init; }

    public double TrainingSeconds { get; init; }

    public double EvaluationSeconds { get; init; }

    public int Runs { get; init; }

    public long SlotsPerRun { get; init; }

    public ulong? EvaluationSeed { get; init; }

    /// <summary>The cell's scheme first, then its baselines, all on the same evaluation seeds; empty when it did not evaluate.</summary>
    public IReadOnlyList<SchemeEvaluation> Evaluations { get; init; } = [];

    [JsonIgnore]
    public bool IsOk => Status == CellStatus.Ok;

    /// <summary>The cell's own scheme's evaluation, or null when it did not evaluate.</summary>
    [JsonIgnore]
    public SchemeEvaluation? Own => Evaluations.Count > 0 ? Evaluations[0] : null;

    /// <summary>The result of a cell whose scheme cannot run at its setting.</summary>
    public static CellResult NotApplicable(CellSpec spec, string reason)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new CellResult { Key = spec.Key, Scheme = spec.Scheme, Status = CellStatus.NotApplicable, Reason = reason, Values = spec.Values, Configuration = CellConfiguration.Of(spec) };
    }
}
