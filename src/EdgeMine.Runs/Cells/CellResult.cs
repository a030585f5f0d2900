using System.Text.Json.Serialization;
using EdgeMine.Schemes;
using EdgeMine.Training;

namespace EdgeMine.Cells;

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

    /// <summary>
    /// Whether the binary per-slot optimum bounds this cell's runs (MODEL.md section 13): its own runs in this cell
    /// (the cell's scheme or one of its baselines) carried no buffer and no MEC backlog over, and no cap could bind
    /// (<see cref="SchemeEvaluation.BoundsRuns"/>). Null when the cell did not evaluate the optimum (in a reproduction,
    /// read it from the setting's <c>optimal</c> cell).
    /// </summary>
    [JsonIgnore]
    public bool? PerSlotOptimumIsBound => Evaluations.FirstOrDefault(e => e.Scheme.Equals(BaselineScheme.Optimal))?.BoundsRuns;

    /// <summary>The result of a cell whose scheme cannot run at its setting.</summary>
    public static CellResult NotApplicable(CellSpec spec, string reason)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new CellResult { Key = spec.Key, Scheme = spec.Scheme, Status = CellStatus.NotApplicable, Reason = reason, Values = spec.Values, Configuration = CellConfiguration.Of(spec) };
    }
}
