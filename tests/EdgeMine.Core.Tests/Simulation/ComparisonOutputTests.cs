using System.Text.Json;
using EdgeMine.Model;
using EdgeMine.Policies;
using EdgeMine.Simulation;

namespace EdgeMine.Tests.Simulation;

/// <summary>
/// A comparison's yardsticks recomputed by hand from its own policies' rewards (so the count of tasks and the fractional
/// optimum are the ones used), its JSON field by field, the table's yardstick rows, and the interval format's nulls.
/// </summary>
public sealed class ComparisonOutputTests
{
    private static Comparison Run(params (string Name, IReadOnlyList<IOffloadingPolicy> Seeds, IReadOnlyDictionary<string, string>? Notes)[] policies)
    {
        var setup = ComparisonSetup.Of("calibrated", new EnvironmentSettings { Miners = 2, TasksPerMiner = 2, Beta = 0.5 }) with { Runs = 3, Slots = 30, Seed = 4 };
        return Comparison.Run(policies, setup);
    }

    [Fact]
    public void Yardsticks_FromTheComparisonsOwnRewards_OverNTimesMTasks()
    {
        var comparison = Run(("never", [new NeverOffload()], null));
        double R(string name) => comparison[name].Summary.Reward.Mean;
        double reward = R("never"), random = R("random"), optimal = R("optimal"), fractional = R("optimal-fractional"), best = R(comparison.BestBaseline.Name);
        var y = comparison["never"].Yardsticks;
        Approx.Equal((reward - random) / (optimal - random), y.OptimalityRatio, relative: 1e-12);
        Approx.Equal((optimal - reward) / 4, y.RegretPerTask, relative: 1e-12, absolute: 1e-15); // N M = 2 x 2
        Approx.Equal((reward - random) / (fractional - random), y.FractionalOptimalityRatio, relative: 1e-12);
        Approx.Equal((reward - best) / (optimal - best), y.HeadroomCaptured, relative: 1e-12, absolute: 1e-15);
    }

    [Fact]
    public void Json_GivesEveryYardstick_SeedsOnlyWhenSeveral_AndTheNotes()
    {
        var comparison = Run(
            ("two-seeds", [new AlwaysOffload(), new AlwaysOffload()], new Dictionary<string, string> { ["trained_under"] = "preset calibrated" }),
            ("one-seed", [new NeverOffload()], null));
        using var json = JsonDocument.Parse(comparison.ToJson());
        var policies = json.RootElement.GetProperty("policies");
        var two = policies.GetProperty("two-seeds");
        Assert.Equal(2, two.GetProperty("seeds").GetInt32());
        Assert.Equal("preset calibrated", two.GetProperty("trained_under").GetString());
        Assert.False(policies.GetProperty("one-seed").TryGetProperty("seeds", out _));
        var y = comparison["one-seed"].Yardsticks;
        var yardsticks = new Dictionary<string, double>
        {
            ["optimality_ratio"] = y.OptimalityRatio,
            ["headroom_captured"] = y.HeadroomCaptured,
            ["regret_per_task"] = y.RegretPerTask,
            ["fractional_optimality_ratio"] = y.FractionalOptimalityRatio,
        };
        foreach (var (key, value) in yardsticks)
        {
            Assert.Equal(value, policies.GetProperty("one-seed").GetProperty(key).GetDouble());
        }

        Assert.Equal(comparison.BestBaseline.Name, json.RootElement.GetProperty("best_baseline").GetString());
        Assert.Equal(Metrics.All.Select(m => m.Key), policies.GetProperty("one-seed").EnumerateObject().Select(p => p.Name).Take(Metrics.All.Count));
    }

    [Fact]
    public void Table_HasOneRowPerYardstick_NaForAPolicyWithout()
    {
        var comparison = Run(("never", [new NeverOffload()], null));
        var table = comparison.ToTable();
        string[] names = table.Rows.Select(r => r[0]).ToArray();
        Assert.Equal(["optimality ratio", "headroom captured", "regret per task", "fractional optimality ratio"], names[^4..]);

        // Yardsticks worked by hand, each in four decimals: R = 0.5 per slot, Random 0, the optimum 2, the fractional
        // optimum 4, the best rule 1, N M = 2 tasks: optimality ratio (0.5 - 0) / (2 - 0) = 0.25, headroom captured
        // (0.5 - 1) / (2 - 1) = -0.5, regret (2 - 0.5) / 2 = 0.75 per task, fractional ratio (0.5 - 0) / (4 - 0) = 0.125.
        var summary = comparison["never"].Summary;
        var known = MetricTable.Of([summary], new Dictionary<string, Yardsticks> { ["never"] = Yardsticks.Of(0.5, 0, 2, 4, 1, 2) });
        Assert.Equal(["0.2500", "-0.5000", "0.7500", "0.1250"], known.Rows.TakeLast(4).Select(r => r[1]));

        // A summary without yardsticks, and a yardstick that is undefined (no headroom over a rule that is optimal): n/a.
        var partial = MetricTable.Of([summary, summary with { Policy = "other" }], new Dictionary<string, Yardsticks> { ["never"] = Yardsticks.Of(-1, -2, -1, -1, -1, 4) });
        Assert.Equal("n/a", partial.Rows[^3][1]); // headroom of a policy whose best rule is the optimum
        Assert.Equal("n/a", partial.Rows[^4][2]); // "other" has no yardsticks
        Assert.Equal("1.0000", partial.Rows[^4][1]);
    }

    [Fact]
    public void Baselines_TheFractionalOptimumUpToItsTaskLimitOnly()
    {
        Assert.Contains(Comparison.Baselines(Comparison.FractionalOptimumTaskLimit), b => b.Name == "optimal-fractional");
        Assert.DoesNotContain(Comparison.Baselines(Comparison.FractionalOptimumTaskLimit + 1), b => b.Name == "optimal-fractional");
        Assert.Equal(Comparison.Baselines(1).Count() - 1, Comparison.Baselines(41).Count());
    }

    [Fact]
    public void Split_KeepsTheFirstColumnInEveryPart_AndEachPartWithinTheWidth()
    {
        // Widths: first column 6 + 2, each policy column 10 + 2 = 12; 40 characters hold the first column and two policies (32).
        var table = new MetricTable(["metric", "aaaaaaaaaa", "bbbbbbbbbb", "cccccccccc"], [["reward", "1", "2", "3"]]);
        var parts = table.Split(40);
        Assert.Equal(2, parts.Count);
        Assert.Equal(["metric", "aaaaaaaaaa", "bbbbbbbbbb"], parts[0].Header);
        Assert.Equal(["metric", "cccccccccc"], parts[1].Header);
        Assert.Equal(["reward", "3"], parts[1].Rows[0]);
        Assert.Single(table.Split(1000));
    }

    [Fact]
    public void MetricEstimate_WritesNullForAMissingBound_AndReadsItBack()
    {
        var single = MetricEstimate.From(Estimate.Of([7]));
        string json = JsonSerializer.Serialize(single);
        Assert.Equal("""{"mean":7,"ci95_low":null,"ci95_high":null,"n":1}""", json);
        var back = JsonSerializer.Deserialize<MetricEstimate>(json)!;
        Assert.Equal(7, back.Mean);
        Assert.True(double.IsNaN(back.Ci95Low) && double.IsNaN(back.Ci95High));
        Assert.Equal(1, back.N);

        var full = JsonSerializer.Deserialize<MetricEstimate>("""{"mean":3,"ci95_low":2.5,"ci95_high":3.5,"n":4}""")!;
        Assert.Equal((3.0, 2.5, 3.5, 4), (full.Mean, full.Ci95Low, full.Ci95High, full.N));
    }

    [Fact]
    public void BeyondTheFractionalLimit_ItsRatioIsUndefined_AndNoColumnIsMade()
    {
        // N M = 41 > 40: the fractional optimum is not evaluated, so its ratio is NaN (null in JSON, n/a in the table).
        var setup = ComparisonSetup.Of("calibrated", new EnvironmentSettings { Miners = 41, TasksPerMiner = 1, Beta = 0.5 }) with { Runs = 2, Slots = 2, Seed = 1 };
        var comparison = Comparison.Run([new NeverOffload()], setup);
        Assert.DoesNotContain(comparison.Policies, p => p.Name == "optimal-fractional");
        Assert.True(double.IsNaN(comparison["no"].Yardsticks.FractionalOptimalityRatio));
        Assert.Equal("n/a", comparison.ToTable().Rows[^1][1]);
    }

    [Fact]
    public void Table_OneRunHasNoInterval_AndTheTextStartsWithTheHeader()
    {
        Assert.Equal("2.5000", MetricTable.Format(Estimate.Of([2.5]), "F4"));
        Assert.Equal("3.0000 ± 12.7060", MetricTable.Format(Estimate.Of([2, 4]), "F4")); // t(1) x standard error 1
        var table = new MetricTable(["metric", "a"], [["reward", "1"]]);
        string[] lines = table.ToText().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("metric", lines[0], StringComparison.Ordinal);
        Assert.Equal(3, lines.Length); // header, rule, one row
    }
}
