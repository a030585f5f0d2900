using System.Globalization;
using System.Text;
using EdgeMine.Cells;
using EdgeMine.Schemes;
using EdgeMine.Simulation;

namespace EdgeMine.Sweeps;

/// <summary>
/// Merges a sweep's cells into <c>results.csv</c>: for each cell, in index order whatever its state, one row per scheme
/// it evaluated (its own scheme first, then its baselines, all on the cell's common seeds), or one row for the cell when
/// it has no evaluation.
/// </summary>
public static class SweepCollector
{
    public const string ResultsFile = "results.csv";

    /// <summary>The metrics of the CSV: every metric of the metric table, each as X, X_ci95_low, X_ci95_high, X_n (SI units, as in the cell files).</summary>
    public static IReadOnlyList<Metric> Columns => Metrics.All;

    /// <summary>Reads the state of every cell of the sweep.</summary>
    public static IReadOnlyList<CollectedCell> Read(SweepJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var store = CellJobs.Store(job);
        var definition = job.Definition;
        return definition.Cells.Select(cell =>
        {
            var result = store.TryRead(cell.Slug);
            if (result is not null)
            {
                return new CollectedCell(cell, CellState.Done, result, null);
            }

            var failure = store.TryReadFailure(cell.Slug);
            return new CollectedCell(cell, failure is null ? CellState.Missing : CellState.Failed, null, failure);
        }).ToArray();
    }

    /// <summary>The rows of the results: one per scheme evaluated in each cell, or one per cell without an evaluation.</summary>
    public static IReadOnlyList<SweepRow> Rows(IReadOnlyList<CollectedCell> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var rows = new List<SweepRow>();
        foreach (var c in cells)
        {
            var evaluations = c.Result?.Evaluations ?? [];
            if (evaluations.Count == 0)
            {
                rows.Add(new SweepRow(c, c.Result?.Scheme ?? c.Cell.Scheme, null, double.NaN));
                continue;
            }

            double Reward(Scheme scheme) => evaluations.FirstOrDefault(e => e.Scheme.Equals(scheme))?[Metrics.Reward].Mean ?? double.NaN;
            double random = Reward(BaselineScheme.Random), optimal = Reward(BaselineScheme.Optimal);
            rows.AddRange(evaluations.Select(e => new SweepRow(c, e.Scheme, e, PolicyEvaluation.OptimalityRatio(e[Metrics.Reward].Mean, random, optimal))));
        }

        return rows;
    }

    /// <summary>
    /// The CSV text: index, slug, the grid values, status, scheme, each metric as X, X_ci95_low, X_ci95_high, X_n, and
    /// the optimality ratio (when Random and the optimum were evaluated in the cell). Numbers are round-trip invariant
    /// text, so equal results give equal bytes.
    /// </summary>
    public static string ToCsv(SweepDefinition definition, IReadOnlyList<CollectedCell> cells)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var text = new StringBuilder();
        var header = new List<string> { "index", "slug" };
        header.AddRange(definition.Grid.Select(g => g.Key));
        header.AddRange(["status", "scheme"]);
        header.AddRange(Columns.SelectMany(m => new[] { m.Key, $"{m.Key}_ci95_low", $"{m.Key}_ci95_high", $"{m.Key}_n" }));
        header.Add("optimality_ratio");
        text.Append(string.Join(',', header)).Append('\n');
        foreach (var r in Rows(cells))
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
            text.Append(string.Join(',', row.Select(Quote))).Append('\n');
        }

        return text.ToString();
    }

    private static string Number(double value) => double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : "";

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
