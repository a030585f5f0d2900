using EdgeMine.Cells;

namespace EdgeMine.Sweeps;

/// <summary>The state of one cell when collecting: done (with its result), failed (with its marker) or missing.</summary>
public sealed record CollectedCell(SweepCell Cell, CellState State, CellResult? Result, CellFailure? Failure);
