namespace EdgeMine.Cells;

/// <summary>Where a cell stands in its output directory.</summary>
public enum CellState
{
    /// <summary>Neither a result nor a failure marker: never run, or killed while running.</summary>
    Missing,

    /// <summary>Its result file is there: skipped by every later run.</summary>
    Done,

    /// <summary>Its last run threw: a failure marker (the message) is there, and the next run tries again.</summary>
    Failed,
}
