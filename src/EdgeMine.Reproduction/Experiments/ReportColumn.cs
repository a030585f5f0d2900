namespace EdgeMine.Experiments;

/// <summary>A column of an experiment's report table: header and the cell text of a row.</summary>
internal sealed record ReportColumn(string Header, Func<ResultRow, string> Cell);
