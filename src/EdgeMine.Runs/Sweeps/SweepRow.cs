using EdgeMine.Cells;
using EdgeMine.Schemes;
using EdgeMine.Simulation;

namespace EdgeMine.Sweeps;

/// <summary>
/// One row of a sweep's results: a scheme's evaluation in a cell (the cell's own scheme, then each baseline evaluated
/// beside it on the same seeds), or the cell itself when it has no evaluation (missing, failed, not applicable, train
/// only).
/// </summary>
/// <param name="Cell">The cell and its state.</param>
/// <param name="Scheme">The scheme of the row: the cell's own, or a baseline.</param>
/// <param name="Evaluation">The scheme's evaluation in the cell, or null.</param>
/// <param name="OptimalityRatio">(R - R_random) / (R_opt - R_random) from the cell's own Random and optimum, or NaN.</param>
public sealed record SweepRow(CollectedCell Cell, Scheme Scheme, SchemeEvaluation? Evaluation, double OptimalityRatio)
{
    /// <summary>The scheme's yardsticks in its cell (headroom captured included), or null without Random and the optimum.</summary>
    public Yardsticks? Yardsticks { get; init; }

    /// <summary>The scheme's rank in its cell by paired comparison on the cell's runs (<see cref="Ranking"/>; ties share a rank), or null.</summary>
    public int? Rank { get; init; }

    /// <summary>The row's status: ok, not-applicable, failed or missing.</summary>
    public string Status => Cell.Result is { } r ? (r.IsOk ? "ok" : "not-applicable") : Cell.State == CellState.Failed ? "failed" : "missing";
}
