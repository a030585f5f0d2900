using EdgeMine.Cells;

namespace EdgeMine.Experiments;

/// <summary>Some cells of a reproduction threw; each left a failure marker and is retried by the next run.</summary>
public sealed class ReproductionCellsFailedException(IReadOnlyList<CellFailure> failures)
    : Exception($"{failures.Count} cell(s) failed (retried by the next run): {string.Join("; ", failures.Select(f => $"{f.Key}: {f.Error}: {f.Message}"))}")
{
    public IReadOnlyList<CellFailure> Failures { get; } = failures;
}
