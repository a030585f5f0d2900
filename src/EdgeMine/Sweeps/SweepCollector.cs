using System.Globalization;
using System.Text;
using EdgeMine.Experiments;
using EdgeMine.IO;

namespace EdgeMine.Sweeps;

/// <summary>The state of one cell when collecting: done (with its result), failed (with its marker) or missing.</summary>
public sealed record CollectedCell(SweepCell Cell, CellState State, SweepCellResult? Result, CellFailure? Failure);

/// <summary>Merges a sweep's cells into <c>results.csv</c>: one row per cell, in index order, whatever its state.</summary>
public static class SweepCollector
{
    public const string ResultsFile = "results.csv";

    /// <summary>The metrics of the CSV, each as mean and 95% CI bounds.</summary>
    public static IReadOnlyList<string> Metrics { get; } = ["reward", "cost", "privacy", "energy_j", "latency_s"];

    /// <summary>Reads the state of every cell of the sweep bound to <paramref name="outDirectory"/>.</summary>
    public static IReadOnlyList<CollectedCell> Read(SweepDefinition definition, string outDirectory)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var store = SweepRunner.Store(outDirectory);
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
        header.AddRange(Metrics.SelectMany(m => new[] { $"{m}_mean", $"{m}_ci95_low", $"{m}_ci95_high" }));
        header.Add("optimality_ratio");
        text.Append(string.Join(',', header)).Append('\n');
        foreach (var c in cells)
        {
            var row = new List<string> { c.Cell.Index.ToString(CultureInfo.InvariantCulture), c.Cell.Slug };
            row.AddRange(c.Cell.Values.Select(v => v.Value));
            row.Add(c.Result?.Status ?? (c.State == CellState.Failed ? "failed" : "missing"));
            row.Add(c.Result?.Policy ?? "");
            foreach (string metric in Metrics)
            {
                if (c.Result is not null && c.Result.Metrics.TryGetValue(metric, out MetricEstimate? e))
                {
                    row.AddRange([Number(e.Mean), Number(e.Low), Number(e.High)]);
                }
                else
                {
                    row.AddRange(["", "", ""]);
                }
            }

            row.Add(c.Result?.OptimalityRatio is { } ratio ? Number(ratio) : "");
            text.Append(string.Join(',', row.Select(Quote))).Append('\n');
        }

        return text.ToString();
    }

    private static string Number(double value) => double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : "";

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
