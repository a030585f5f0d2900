namespace EdgeMine.Cells;

/// <summary>What one pass over the pending cells did.</summary>
public sealed record CellRunSummary(int Skipped, int Succeeded, IReadOnlyList<CellFailure> Failures);
