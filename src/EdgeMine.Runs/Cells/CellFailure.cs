namespace EdgeMine.Cells;

/// <summary>The marker a failed cell leaves, so that collecting can say why; removed when the cell later succeeds.</summary>
public sealed record CellFailure(string Key, string Error, string Message, string Host, DateTimeOffset TimeUtc);
