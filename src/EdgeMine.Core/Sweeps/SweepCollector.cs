namespace EdgeMine.Sweeps;

/// <summary>The state of one cell when collecting: done (with its result), failed (with its marker) or missing.</summary>
public sealed record CollectedCell(SweepCell Cell, CellState State, CellResult? Result, CellFailure? Failure);

/// <summary>Merges a sweep's cells into <c>results.csv</c>: one row per cell, in index order, whatever its state.</summary>
public static class SweepCollector
{
    public const string ResultsFile = "results.csv";

    /// <summary>The metrics of the CSV, each as mean and 95% CI bounds.</summary>
    public static IReadOnlyList<Metric> Columns { get; } = [Metrics.Reward, Metrics.Cost, Metrics.Privacy, Metrics.Energy, Metrics.Latency];

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

    /// <summary>
    /// The CSV text: index, slug, the grid values, status, the policy, each metric's mean and CI bounds, and the
    /// optimality ratio. Numbers are round-trip invariant text, so equal results give equal bytes.
    /// </summary>
    public static string ToCsv(SweepDefinition definition, IReadOnlyList<CollectedCell> cells)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(cells);
        var text = new StringBuilder();
        var header = new List<string> { "index", "slug" };
        header.AddRange(definition.Grid.Select(g => g.Key));
        header.AddRange(["status", "policy"]);
        header.AddRange(Columns.SelectMany(m => new[] { $"{m.Key}_mean", $"{m.Key}_ci95_low", $"{m.Key}_ci95_high" }));
        header.Add("optimality_ratio");
        text.Append(string.Join(',', header)).Append('\n');
        foreach (var c in cells)
        {
            var row = new List<string> { c.Cell.Index.ToString(CultureInfo.InvariantCulture), c.Cell.Slug };
            row.AddRange(c.Cell.Values.Select(v => v.Value));
            row.Add(c.Result is { } r ? (r.IsOk ? "ok" : "not-applicable") : c.State == CellState.Failed ? "failed" : "missing");
            row.Add(c.Result?.Own?.Scheme.Name ?? "");
            foreach (var metric in Columns)
            {
                if (c.Result?.Own is { } own)
                {
                    var e = own[metric];
                    row.AddRange([Number(e.Mean), Number(e.Ci95Low), Number(e.Ci95High)]);
                }
                else
                {
                    row.AddRange(["", "", ""]);
                }
            }

            row.Add(c.Result is { } done ? Number(OptimalityRatio(done)) : "");
            text.Append(string.Join(',', row.Select(Quote))).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The cell's optimality ratio (MODEL.md section 6) when random and the optimum were evaluated beside it, else NaN.</summary>
    public static double OptimalityRatio(CellResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        double Reward(Scheme scheme) => result.Evaluations.FirstOrDefault(e => e.Scheme.Equals(scheme))?[Metrics.Reward].Mean ?? double.NaN;
        return result.Own is { } own
            ? PolicyEvaluation.OptimalityRatio(own[Metrics.Reward].Mean, Reward(BaselineScheme.Random), Reward(BaselineScheme.Optimal))
            : double.NaN;
    }

    private static string Number(double value) => double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : "";

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
