namespace EdgeMine.Cells;

/// <summary>How a cell evaluates: runs of slots, with run r's seeds derived from <paramref name="Seed"/> (as <c>edgemine evaluate</c>).</summary>
public sealed record EvaluationPlan(int Runs, long Slots, ulong Seed);
