namespace EdgeMine.Cells;

/// <summary>What running a job found and did.</summary>
/// <param name="Results">Every finished cell's result (earlier runs' included), by key.</param>
/// <param name="Summary">What this pass did: cells skipped as done, succeeded, failed.</param>
public sealed record JobOutcome(IReadOnlyDictionary<string, CellResult> Results, CellRunSummary Summary);
