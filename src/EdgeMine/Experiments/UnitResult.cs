using System.Text.Json;
using System.Text.Json.Serialization;
using EdgeMine.Simulation;

namespace EdgeMine.Experiments;

/// <summary>A metric's mean and 95% confidence bounds over evaluation runs, as stored in a cell file.</summary>
public sealed record MetricEstimate(double Mean, double Low, double High)
{
    public static MetricEstimate From(Estimate e) => new(e.Mean, e.Low, e.High);
}

/// <summary>
/// The finished result of one cell (one scheme at one setting): written atomically as JSON into <c>cells/</c>, and the
/// reason a cell is skipped when the job is run again.
/// </summary>
public sealed record UnitResult
{
    public required string Key { get; init; }

    public required string Scheme { get; init; }

    public required Setting Setting { get; init; }

    /// <summary><c>ok</c>, or <c>not-applicable</c> with <see cref="Reason"/> (e.g. a joint head with too many actions).</summary>
    public required string Status { get; init; }

    public string? Reason { get; init; }

    public int Runs { get; init; }

    public long SlotsPerRun { get; init; }

    public ulong EvaluationSeed { get; init; }

    public ulong TrainingSeed { get; init; }

    public double TrainingSeconds { get; init; }

    public double EvaluationSeconds { get; init; }

    /// <summary>Metric name (reward, cost, privacy, energy_j, power_w, latency_s, latency_per_task_s, ...) to estimate.</summary>
    public IReadOnlyDictionary<string, MetricEstimate> Metrics { get; init; } = new Dictionary<string, MetricEstimate>();

    /// <summary>Per-run mean rewards, in run order (for paired comparisons on the same seeds).</summary>
    public IReadOnlyList<double> RunRewards { get; init; } = [];

    /// <summary>What a model-based scheme predicts itself (the CMDP's LP: cost and privacy), if anything.</summary>
    public IReadOnlyDictionary<string, double> Predicted { get; init; } = new Dictionary<string, double>();

    public bool IsOk => Status == "ok";

    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static UnitResult FromSummary(string key, Scheme scheme, Setting setting, PolicySummary s, ulong evaluationSeed, ulong trainingSeed, double trainingSeconds, double evaluationSeconds) => new()
    {
        Key = key,
        Scheme = scheme.Name,
        Setting = setting,
        Status = "ok",
        Runs = s.Runs,
        SlotsPerRun = s.SlotsPerRun,
        EvaluationSeed = evaluationSeed,
        TrainingSeed = trainingSeed,
        TrainingSeconds = trainingSeconds,
        EvaluationSeconds = evaluationSeconds,
        Metrics = MetricsOf(s),
        RunRewards = s.PerRun.Select(r => r.Reward).ToArray(),
    };

    /// <summary>The section 6 metrics of a summary by their file names (shared by reproduction and sweep cells).</summary>
    public static Dictionary<string, MetricEstimate> MetricsOf(PolicySummary s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new Dictionary<string, MetricEstimate>
        {
            ["reward"] = MetricEstimate.From(s.Reward),
            ["cost"] = MetricEstimate.From(s.Cost),
            ["privacy"] = MetricEstimate.From(s.Privacy),
            ["energy_j"] = MetricEstimate.From(s.EnergyJoules),
            ["power_w"] = MetricEstimate.From(s.PowerWatts),
            ["latency_s"] = MetricEstimate.From(s.LatencySeconds),
            ["latency_per_task_s"] = MetricEstimate.From(s.LatencyPerTaskSeconds),
            ["deadline_misses"] = MetricEstimate.From(s.DeadlineMisses),
            ["offloaded_fraction"] = MetricEstimate.From(s.OffloadedFraction),
            ["mec_backlog_cycles"] = MetricEstimate.From(s.MecBacklogCycles),
        };
    }
}
