namespace EdgeMine.Sweeps;

/// <summary>
/// What collecting a sweep found: how many cells are in each state, and the few that a summary names. Its size does not
/// grow with the sweep: at most <see cref="SweepCollector.Listed"/> failures and missing ranges are kept, the counts say
/// the rest.
/// </summary>
/// <param name="Cells">Cells of the sweep.</param>
/// <param name="Done">Cells with a result (the not applicable ones included).</param>
/// <param name="NotApplicable">Done cells whose scheme does not apply to their setting.</param>
/// <param name="Failed">Cells with a failure marker.</param>
/// <param name="FirstFailures">The first failed cells, in index order.</param>
/// <param name="Missing">Cells neither done nor failed.</param>
/// <param name="MissingRanges">The missing cells' indices as runs (first, last), in order: the first ones only.</param>
/// <param name="MissingRangeCount">How many runs the missing indices make in all.</param>
/// <param name="EvaluatedRows">The rows with an evaluation (for figures), when asked for; else empty.</param>
public sealed record SweepSummary(
    int Cells,
    int Done,
    int NotApplicable,
    int Failed,
    IReadOnlyList<CollectedCell> FirstFailures,
    int Missing,
    IReadOnlyList<(int First, int Last)> MissingRanges,
    int MissingRangeCount,
    IReadOnlyList<SweepRow> EvaluatedRows);
