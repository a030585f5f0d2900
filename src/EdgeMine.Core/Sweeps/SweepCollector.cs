namespace EdgeMine.Sweeps;

/// <summary>The state of one cell when collecting: done (with its result), failed (with its marker) or missing.</summary>
public sealed record CollectedCell(SweepCell Cell, CellState State, CellResult? Result, CellFailure? Failure);

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
    /// <summary>The row's status: ok, not-applicable, failed or missing.</summary>
    public string Status => Cell.Result is { } r ? (r.IsOk ? "ok" : "not-applicable") : Cell.State == CellState.Failed ? "failed" : "missing";
}

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

/// <summary>
/// Merges a sweep's cells into <c>results.csv</c>: for each done or failed cell, in index order, one row per scheme it
/// evaluated (its own scheme first, then its baselines, all on the cell's common seeds), or one row for the cell when
/// it has no evaluation. A missing cell has no row (there is nothing to say about it but its index): the collection's
/// summary gives the missing indices as ranges. Cells are read one at a time and rows streamed to the file, so a
/// sweep of a million cells is collected in bounded memory.
/// </summary>
public static class SweepCollector
{
    public const string ResultsFile = "results.csv";

    /// <summary>Most failures and missing ranges a collection keeps to name (the counts cover the rest).</summary>
    public const int Listed = 20;

    /// <summary>The metrics of the CSV: every metric of the metric table, each as X, X_ci95_low, X_ci95_high, X_n (SI units, as in the cell files).</summary>
    public static IReadOnlyList<Metric> Columns => Metrics.All;

    /// <summary>The state of the cell <paramref name="cell"/>, read from <paramref name="store"/>.</summary>
    public static CollectedCell Read(CellStore store, SweepCell cell)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(cell);
        var result = store.TryRead(cell.Slug);
        if (result is not null)
        {
            return new CollectedCell(cell, CellState.Done, result, null);
        }

        var failure = store.TryReadFailure(cell.Slug);
        return new CollectedCell(cell, failure is null ? CellState.Missing : CellState.Failed, null, failure);
    }

    /// <summary>The rows of one cell: one per scheme it evaluated, or one for the cell when it has no evaluation.</summary>
    public static IReadOnlyList<SweepRow> Rows(CollectedCell c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var evaluations = c.Result?.Evaluations ?? [];
        if (evaluations.Count == 0)
        {
            return [new SweepRow(c, c.Result?.Scheme ?? c.Cell.Scheme, null, double.NaN)];
        }

        double Reward(Scheme scheme) => evaluations.FirstOrDefault(e => e.Scheme.Equals(scheme))?[Metrics.Reward].Mean ?? double.NaN;
        double random = Reward(BaselineScheme.Random), optimal = Reward(BaselineScheme.Optimal);
        return evaluations.Select(e => new SweepRow(c, e.Scheme, e, PolicyEvaluation.OptimalityRatio(e[Metrics.Reward].Mean, random, optimal))).ToArray();
    }

    /// <summary>
    /// Reads every cell of <paramref name="job"/> in index order and writes the CSV to <paramref name="csv"/> as it goes:
    /// index, slug, the grid values, status, scheme, each metric as X, X_ci95_low, X_ci95_high, X_n, and the optimality
    /// ratio (when Random and the optimum were evaluated in the cell). Numbers are round-trip invariant text, so equal
    /// results give equal bytes. <paramref name="keepEvaluatedRows"/> keeps the evaluated rows for figures.
    /// </summary>
    public static SweepSummary Collect(SweepJob job, TextWriter csv, bool keepEvaluatedRows = false)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(csv);
        var definition = job.Definition;
        var store = CellJobs.Store(job);
        var header = new List<string> { "index", "slug" };
        header.AddRange(definition.Grid.Select(g => g.Key));
        header.AddRange(["status", "scheme"]);
        header.AddRange(Columns.SelectMany(m => new[] { m.Key, $"{m.Key}_ci95_low", $"{m.Key}_ci95_high", $"{m.Key}_n" }));
        header.Add("optimality_ratio");
        csv.Write(string.Join(',', header));
        csv.Write('\n');

        int done = 0, notApplicable = 0, failed = 0, missing = 0, missingRanges = 0;
        var failures = new List<CollectedCell>();
        var ranges = new List<(int First, int Last)>();
        var evaluated = new List<SweepRow>();
        int runStart = -1, runEnd = -1;
        void EndRun()
        {
            if (runStart >= 0)
            {
                missingRanges++;
                if (ranges.Count < Listed)
                {
                    ranges.Add((runStart, runEnd));
                }
            }

            runStart = -1;
        }

        foreach (var cell in definition.Cells)
        {
            var c = Read(store, cell);
            if (c.State == CellState.Missing)
            {
                missing++;
                if (runStart >= 0 && runEnd == cell.Index - 1)
                {
                    runEnd = cell.Index;
                }
                else
                {
                    EndRun();
                    runStart = runEnd = cell.Index;
                }

                continue;
            }

            if (c.State == CellState.Failed)
            {
                failed++;
                if (failures.Count < Listed)
                {
                    failures.Add(c);
                }
            }
            else
            {
                done++;
                notApplicable += c.Result is { IsOk: false } ? 1 : 0;
            }

            foreach (var r in Rows(c))
            {
                WriteRow(csv, r);
                if (keepEvaluatedRows && r.Evaluation is not null)
                {
                    evaluated.Add(r);
                }
            }
        }

        EndRun();
        return new SweepSummary(definition.Cells.Count, done, notApplicable, failed, failures, missing, ranges, missingRanges, evaluated);
    }

    /// <summary>The CSV text of a whole sweep (what <see cref="Collect"/> writes), for tests and small sweeps.</summary>
    public static string ToCsv(SweepJob job)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        Collect(job, text);
        return text.ToString();
    }

    private static void WriteRow(TextWriter csv, SweepRow r)
    {
        var row = new List<string> { r.Cell.Cell.Index.ToString(CultureInfo.InvariantCulture), r.Cell.Cell.Slug };
        row.AddRange(r.Cell.Cell.Values.Select(v => v.Value));
        row.Add(r.Status);
        row.Add(r.Scheme.Name);
        foreach (var metric in Columns)
        {
            row.AddRange(r.Evaluation is { } e
                ? [Number(e[metric].Mean), Number(e[metric].Ci95Low), Number(e[metric].Ci95High), e[metric].N.ToString(CultureInfo.InvariantCulture)]
                : ["", "", "", ""]);
        }

        row.Add(Number(r.OptimalityRatio));
        csv.Write(string.Join(',', row.Select(Quote)));
        csv.Write('\n');
    }

    private static string Number(double value) => double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : "";

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
