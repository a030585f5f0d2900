using EdgeMine.Schemes;

namespace EdgeMine.Cells;

/// <summary>
/// A job of cells bound to one output directory. <c>reproduce</c> and <c>sweep</c> are jobs that differ only in how
/// they list their cells; <see cref="CellJobs"/> binds, runs, resumes and reports them the same way.
/// </summary>
public interface ICellJob
{
    /// <summary>What the output directory holds.</summary>
    DirectoryKind Kind { get; }

    /// <summary>The canonical text of the job's configuration, bound to the output directory.</summary>
    string Manifest { get; }

    /// <summary>The output directory.</summary>
    string OutDirectory { get; }

    /// <summary>Resolves the scheme names of the result files.</summary>
    SchemeCatalog Catalog { get; }

    /// <summary>Every cell, in index order (the index is what a job-array task runs).</summary>
    IReadOnlyList<CellSpec> Cells { get; }

    /// <summary>Relative cost of a cell, for progress and for running the longest cells first.</summary>
    long Weight(CellSpec cell);
}
