using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeMine.Cells;
using EdgeMine.IO;

namespace EdgeMine.Experiments;

/// <summary>
/// Where a reproduction's CPU went: per experiment and scheme, the cells, their training and evaluation seconds (as
/// every cell's result.json records them) and the longest cell; written as <see cref="FileName"/> and as a table of the
/// report's configuration section, so that docs/reproduction.md's cost table is produced by the run, not typed.
/// Seconds are each cell's own wall time inside its job (its CPU time when every job has a core; more on a machine busy
/// with other work): with several jobs in parallel their sum exceeds the run's wall time. Cells reused from an earlier
/// invocation count with the seconds they took then.
/// </summary>
public sealed class CostBreakdown
{
    /// <summary>The file in the reproduction's directory (apart from reproduction.json, the manifest, which must not change after the first cell).</summary>
    public const string FileName = "cost.json";

    private CostBreakdown(IReadOnlyList<CostRow> rows) => Rows = rows;

    /// <summary>One row per experiment and scheme, in report order (experiments), then by first appearance (schemes).</summary>
    public IReadOnlyList<CostRow> Rows { get; }

    /// <summary>Cells in all rows.</summary>
    public int Cells => Rows.Sum(r => r.Cells);

    /// <summary>Training seconds of all cells.</summary>
    public double TrainingSeconds => Rows.Sum(r => r.TrainingSeconds);

    /// <summary>Evaluation seconds of all cells.</summary>
    public double EvaluationSeconds => Rows.Sum(r => r.EvaluationSeconds);

    /// <summary>
    /// The breakdown of <paramref name="results"/>: each cell under the experiment <paramref name="experimentOf"/> names
    /// for its key (in the order of <paramref name="cellKeys"/>, the job's cells).
    /// </summary>
    public static CostBreakdown From(IReadOnlyList<string> cellKeys, IReadOnlyDictionary<string, string> experimentOf, IReadOnlyDictionary<string, CellResult> results)
    {
        ArgumentNullException.ThrowIfNull(cellKeys);
        ArgumentNullException.ThrowIfNull(experimentOf);
        ArgumentNullException.ThrowIfNull(results);
        var rows = new List<CostRow>();
        var index = new Dictionary<(string, string), int>();
        foreach (string key in cellKeys)
        {
            if (!results.TryGetValue(key, out var result))
            {
                continue; // not run (a cell that failed is reported as a failure before any output is written)
            }

            var id = (experimentOf[key], result.Scheme.Name);
            double seconds = result.TrainingSeconds + result.EvaluationSeconds;
            if (!index.TryGetValue(id, out int at))
            {
                index[id] = rows.Count;
                rows.Add(new CostRow(id.Item1, id.Item2, 1, result.TrainingSeconds, result.EvaluationSeconds, key, seconds));
                continue;
            }

            var row = rows[at];
            bool longer = seconds > row.LongestCellSeconds;
            rows[at] = row with
            {
                Cells = row.Cells + 1,
                TrainingSeconds = row.TrainingSeconds + result.TrainingSeconds,
                EvaluationSeconds = row.EvaluationSeconds + result.EvaluationSeconds,
                LongestCell = longer ? key : row.LongestCell,
                LongestCellSeconds = longer ? seconds : row.LongestCellSeconds,
            };
        }

        return new CostBreakdown(rows);
    }

    /// <summary>
    /// Writes <see cref="FileName"/> into <paramref name="directory"/>: <c>wall_seconds</c> of the invocation, the
    /// totals, and one object per row (experiment, scheme, cells, training_seconds, evaluation_seconds, longest_cell,
    /// longest_cell_seconds); returns its path.
    /// </summary>
    public string Write(string directory, double wallSeconds)
    {
        var rows = new JsonArray();
        foreach (var row in Rows)
        {
            rows.Add(new JsonObject
            {
                ["experiment"] = row.Experiment,
                ["scheme"] = row.Scheme,
                ["cells"] = row.Cells,
                ["training_seconds"] = row.TrainingSeconds,
                ["evaluation_seconds"] = row.EvaluationSeconds,
                ["longest_cell"] = row.LongestCell,
                ["longest_cell_seconds"] = row.LongestCellSeconds,
            });
        }

        var root = new JsonObject
        {
            ["wall_seconds"] = wallSeconds,
            ["cells"] = Cells,
            ["training_seconds"] = TrainingSeconds,
            ["evaluation_seconds"] = EvaluationSeconds,
            ["rows"] = rows,
        };
        string path = Path.Combine(directory, FileName);
        AtomicFile.WriteAllText(path, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        return path;
    }

    /// <summary>The report's rows: experiment, scheme, cells, training s, evaluation s, share of all cell seconds, longest cell; then the total.</summary>
    public IReadOnlyList<IReadOnlyList<string>> TableRows()
    {
        double total = TrainingSeconds + EvaluationSeconds;
        string Share(double seconds) => total > 0 ? Invariant($"{100 * seconds / total:F1}%") : "n/a";
        var rows = Rows
            .Select(r => (IReadOnlyList<string>)[r.Experiment, r.Scheme, Invariant($"{r.Cells}"), Invariant($"{r.TrainingSeconds:F1}"), Invariant($"{r.EvaluationSeconds:F1}"), Share(r.TotalSeconds), Invariant($"{r.LongestCell} ({r.LongestCellSeconds:F1} s)")])
            .ToList();
        rows.Add(["all", "", Invariant($"{Cells}"), Invariant($"{TrainingSeconds:F1}"), Invariant($"{EvaluationSeconds:F1}"), Share(total), ""]);
        return rows;
    }

    /// <summary>The report table's headers, in the order of <see cref="TableRows"/>.</summary>
    public static IReadOnlyList<string> TableHeaders { get; } = ["experiment", "scheme", "cells", "training (s)", "evaluation (s)", "share", "longest cell"];

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
