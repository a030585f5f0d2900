using System.Globalization;
using System.Text;
using EdgeMine.Cells;
using EdgeMine.Schemes;
using EdgeMine.Simulation;

namespace EdgeMine.Sweeps;

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

    /// <summary>The file of each cell's ranking: its schemes by mean reward, ranks, and each adjacent pair's verdict.</summary>
    public const string RankingFile = "ranking.csv";

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

        var references = References(evaluations, c.Cell.Environment.Miners * c.Cell.Environment.TasksPerMiner);
        var ranking = RankingOf(c);
        return evaluations.Select(e =>
        {
            var yardsticks = references?.Of(e.PerRun[Metrics.Reward.Key], e.FractionalActions);
            return new SweepRow(c, e.Scheme, e, yardsticks?.OptimalityRatio ?? double.NaN)
            {
                Yardsticks = yardsticks,
                Rank = ranking.First(r => r.Name == e.Scheme.Name).Rank,
            };
        }).ToArray();
    }

    /// <summary>
    /// The ranking of one cell's schemes (<see cref="Ranking"/>: by mean reward, each adjacent pair judged on the cell's
    /// common runs), or none when the cell has no evaluation.
    /// </summary>
    public static IReadOnlyList<(string Name, int Rank, PairedComparison? AgainstNext)> RankingOf(CollectedCell c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var evaluations = c.Result?.Evaluations ?? [];
        return evaluations.Count == 0 ? [] : Ranking.Of(evaluations.Select(e => (e.Scheme.Name, (IReadOnlyList<double>)e.PerRun[Metrics.Reward.Key])).ToArray());
    }

    /// <summary>
    /// The references of a cell's yardsticks from its own evaluations, or null without Random and the optimum: the best
    /// simple baseline is the best of those of NO, EO, Random and GO the cell evaluated.
    /// </summary>
    private static YardstickReferences? References(IReadOnlyList<SchemeEvaluation> evaluations, int tasks)
    {
        SchemeEvaluation? Of(Scheme scheme) => evaluations.FirstOrDefault(e => e.Scheme.Equals(scheme));
        if (Of(BaselineScheme.Random) is not { } random || Of(BaselineScheme.Optimal) is not { } optimal)
        {
            return null;
        }

        var best = BaselineScheme.Simple.Select(Of).OfType<SchemeEvaluation>().MaxBy(e => e[Metrics.Reward].Mean)!;
        var fractional = Of(BaselineScheme.OptimalFractional);
        return new YardstickReferences(
            Random: random.PerRun[Metrics.Reward.Key],
            Optimal: optimal.PerRun[Metrics.Reward.Key],
            FractionalOptimal: fractional?.PerRun[Metrics.Reward.Key],
            BestBaseline: best.PerRun[Metrics.Reward.Key],
            Tasks: tasks,
            RewardScale: YardstickReferences.ScaleOf(evaluations.Select(e => e[Metrics.Reward].Mean)))
        {
            OptimalIsBound = optimal.BoundsRuns != false,
            FractionalOptimalIsBound = fractional is not null && fractional.CarriesOver != true && optimal.SlotsWhereACapCouldBind is not > 0,
        };
    }

    /// <summary>
    /// Reads every cell of <paramref name="job"/> in index order and writes the CSV to <paramref name="csv"/> as it goes:
    /// index, slug, the grid values, status, scheme, each metric as X, X_ci95_low, X_ci95_high, X_n, the optimality ratio
    /// and headroom captured (when Random and the optimum were evaluated in the cell; against the fractional optimum for
    /// a scheme that took a fractional action; empty where the denominator is noise, <see cref="Yardsticks.Meaningful"/>),
    /// and the scheme's rank in its cell (<see cref="Ranking"/>). With <paramref name="ranking"/>, also ranking.csv:
    /// per cell, the schemes in order, each with its rank and the verdict of "above the next" (MODEL.md section 11). Numbers are round-trip invariant text, so equal
    /// results give equal bytes. <paramref name="keepEvaluatedRows"/> keeps the evaluated rows for figures.
    /// </summary>
    public static SweepSummary Collect(SweepJob job, TextWriter csv, bool keepEvaluatedRows = false, TextWriter? ranking = null)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(csv);
        var definition = job.Definition;
        var store = CellJobs.Store(job);
        var header = new List<string> { "index", "slug" };
        header.AddRange(definition.Grid.Select(g => g.Key));
        header.AddRange(["status", "scheme"]);
        header.AddRange(Columns.SelectMany(m => new[] { m.Key, $"{m.Key}_ci95_low", $"{m.Key}_ci95_high", $"{m.Key}_n" }));
        header.AddRange(["optimality_ratio", "headroom_captured", "rank"]);
        csv.Write(string.Join(',', header));
        csv.Write('\n');
        if (ranking is not null)
        {
            var rankingHeader = new List<string> { "index", "slug" };
            rankingHeader.AddRange(definition.Grid.Select(g => g.Key));
            rankingHeader.AddRange(["position", "scheme", "rank", "reward", "next_scheme", "verdict_above_next", "difference", "difference_ci95_low", "difference_ci95_high", "difference_n", "runs_to_decide"]);
            ranking.Write(string.Join(',', rankingHeader));
            ranking.Write('\n');
        }

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

            if (ranking is not null)
            {
                WriteRanking(ranking, c);
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

    /// <summary>ranking.csv's rows of one cell: its schemes by mean reward, each with its rank and its verdict against the next.</summary>
    private static void WriteRanking(TextWriter csv, CollectedCell c)
    {
        var ranked = RankingOf(c);
        for (int i = 0; i < ranked.Count; i++)
        {
            var (name, rank, next) = ranked[i];
            var row = new List<string> { c.Cell.Index.ToString(CultureInfo.InvariantCulture), c.Cell.Slug };
            row.AddRange(c.Cell.Values.Select(v => v.Value));
            double reward = c.Result!.Evaluations.First(e => e.Scheme.Name == name)[Metrics.Reward].Mean;
            row.AddRange([(i + 1).ToString(CultureInfo.InvariantCulture), name, rank.ToString(CultureInfo.InvariantCulture), Number(reward)]);
            row.AddRange(next is null
                ? ["", "", "", "", "", "", ""]
                :
                [
                    ranked[i + 1].Name, PairedComparison.Word(next.Outcome), Number(next.Difference.Mean), Number(next.Difference.Low),
                    Number(next.Difference.High), next.Difference.Count.ToString(CultureInfo.InvariantCulture),
                    next.RunsToDecide?.ToString(CultureInfo.InvariantCulture) ?? "",
                ]);
            csv.Write(string.Join(',', row.Select(Quote)));
            csv.Write('\n');
        }
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
        row.Add(Number(r.Yardsticks?.HeadroomCaptured ?? double.NaN));
        row.Add(r.Rank?.ToString(CultureInfo.InvariantCulture) ?? "");
        csv.Write(string.Join(',', row.Select(Quote)));
        csv.Write('\n');
    }

    private static string Number(double value) => double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : "";

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
