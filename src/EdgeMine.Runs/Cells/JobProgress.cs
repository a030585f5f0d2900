namespace EdgeMine.Cells;

/// <summary>Progress of a job: work units done out of the total, cells finished, and the last cell.</summary>
public readonly record struct JobProgress(long WorkDone, long WorkTotal, int CellsDone, int CellsTotal, string? LastCell);
