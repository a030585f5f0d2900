using System.Globalization;
using System.Text.Json.Nodes;
using EdgeMine.Cells;
using EdgeMine.Experiments;
using EdgeMine.Schemes;

namespace EdgeMine.Tests.Experiments;

public sealed class CostBreakdownTests(QuickReproduction run) : IClassFixture<QuickReproduction>
{
    [Fact]
    public void Rows_sum_the_cells_of_each_experiment_and_scheme_and_keep_the_longest()
    {
        // Three cells of two schemes in two experiments, seconds chosen by hand: fig5's "no" row sums 1.5 + 0.25 and 2 + 0
        // (3.75 s in all, the longest cell b at 2 s); fig6's "no" row is cell c alone; "eo" in fig5 is cell d alone.
        var results = new Dictionary<string, CellResult>
        {
            ["a"] = Result("a", BaselineScheme.Never, 1.5, 0.25),
            ["b"] = Result("b", BaselineScheme.Never, 2, 0),
            ["c"] = Result("c", BaselineScheme.Never, 0, 4),
            ["d"] = Result("d", BaselineScheme.Always, 0.5, 0.5),
        };
        var experimentOf = new Dictionary<string, string> { ["a"] = "fig5", ["b"] = "fig5", ["c"] = "fig6", ["d"] = "fig5", ["e"] = "fig6" };

        // "e" was not run: it counts nowhere.
        var cost = CostBreakdown.From(["a", "b", "c", "d", "e"], experimentOf, results);

        Assert.Equal(
            [
                new CostRow("fig5", "no", 2, 3.5, 0.25, "b", 2),
                new CostRow("fig6", "no", 1, 0, 4, "c", 4),
                new CostRow("fig5", "eo", 1, 0.5, 0.5, "d", 1),
            ],
            cost.Rows);
        Assert.Equal(4, cost.Cells);
        Assert.Equal(4.0, cost.TrainingSeconds);
        Assert.Equal(4.75, cost.EvaluationSeconds);
    }

    [Fact]
    public void A_quick_reproduction_writes_a_breakdown_whose_sums_equal_its_cells()
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(run.OutDirectory, CostBreakdown.FileName)))!;
        var rows = json["rows"]!.AsArray().Select(r => r!).ToArray();

        // Every cell once: the cell counts add up to the run's cells, and each row's seconds to those of its cells'
        // result files (read back from the run's results, which are those files).
        Assert.Equal(run.Results.Count, json["cells"]!.GetValue<int>());
        Assert.Equal(run.Results.Count, rows.Sum(r => r["cells"]!.GetValue<int>()));
        Assert.Equal(run.Results.Values.Sum(r => r.TrainingSeconds), json["training_seconds"]!.GetValue<double>(), 9);
        Assert.Equal(run.Results.Values.Sum(r => r.EvaluationSeconds), json["evaluation_seconds"]!.GetValue<double>(), 9);
        foreach (string scheme in run.Results.Values.Select(r => r.Scheme.Name).Distinct())
        {
            var cells = run.Results.Values.Where(r => r.Scheme.Name == scheme).ToArray();
            var ofScheme = rows.Where(r => r["scheme"]!.GetValue<string>() == scheme).ToArray();
            Assert.Equal(cells.Length, ofScheme.Sum(r => r["cells"]!.GetValue<int>()));
            Assert.Equal(cells.Sum(r => r.TrainingSeconds), ofScheme.Sum(r => r["training_seconds"]!.GetValue<double>()), 9);
            Assert.Equal(cells.Sum(r => r.EvaluationSeconds), ofScheme.Sum(r => r["evaluation_seconds"]!.GetValue<double>()), 9);
            Assert.Equal(cells.Max(r => r.TrainingSeconds + r.EvaluationSeconds), ofScheme.Max(r => r["longest_cell_seconds"]!.GetValue<double>()), 9);
        }

        // The learners trained (their training seconds are positive), and each row's longest cell is one of its scheme's cells.
        Assert.All(rows, r => Assert.Equal(r["scheme"]!.GetValue<string>(), run.Results[r["longest_cell"]!.GetValue<string>()].Scheme.Name));
        Assert.Contains(rows, r => r["scheme"]!.GetValue<string>() == "drlo-paper" && r["training_seconds"]!.GetValue<double>() > 0);
        Assert.All(rows, r => Assert.Contains(r["experiment"]!.GetValue<string>(), Reproduction.ExperimentNames));

        // The report shows the same table, with its total.
        string report = File.ReadAllText(Path.Combine(run.OutDirectory, "report.md"));
        Assert.Contains("## What it cost", report, StringComparison.Ordinal);
        Assert.Contains(
            string.Create(CultureInfo.InvariantCulture, $"| all |  | {run.Results.Count} | {json["training_seconds"]!.GetValue<double>():F1} | {json["evaluation_seconds"]!.GetValue<double>():F1} | 100.0% |"),
            report,
            StringComparison.Ordinal);
    }

    private static CellResult Result(string key, Scheme scheme, double training, double evaluation) =>
        new() { Key = key, Scheme = scheme, Status = CellStatus.Ok, TrainingSeconds = training, EvaluationSeconds = evaluation };
}
