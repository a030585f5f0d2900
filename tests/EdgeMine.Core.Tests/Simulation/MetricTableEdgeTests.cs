using EdgeMine.Simulation;

namespace EdgeMine.Tests.Simulation;

/// <summary>The table's yardstick rows, its cells without a mean, and its split at widths met exactly or exceeded by one column alone; worked by hand.</summary>
public sealed class MetricTableEdgeTests
{
    /// <summary>Two runs of one policy: every base metric 0 in both runs except reward (1, 3).</summary>
    private static PolicySummary TwoRuns(string name)
    {
        var perRun = Metrics.Base.ToDictionary(m => m, _ => new double[] { 0, 0 });
        perRun[Metrics.Reward] = [1, 3];
        return PolicyEvaluation.Summarise(name, perRun, slotsPerRun: 10, new RunShape(Tasks: 4, SlotSeconds: 1));
    }

    [Fact]
    public void YardstickRows_SayWhichOptimum_WhetherAbove_AndNaForAPolicyWithout()
    {
        var yardsticks = new Dictionary<string, Yardsticks>
        {
            // R - R_yardstick = 1 +- 0.5: [0.5, 1.5], above beyond noise.
            ["above"] = new Yardsticks(1, 1, 0, 1) { AboveYardstickBy = new Estimate(1, 0.5, 2) },
            // -1 +- 0.5: below.
            ["below"] = new Yardsticks(0.5, 0.25, 0.125, 0.5) { Yardstick = "optimal-fractional", YardstickIsBound = false, AboveYardstickBy = new Estimate(-1, 0.5, 2) },
        };
        var table = MetricTable.Of([TwoRuns("above"), TwoRuns("below"), TwoRuns("none")], yardsticks);

        var rows = table.Rows.Skip(Metrics.All.Count).ToArray();
        Assert.Equal(["yardstick of the ratios below", "optimal", "optimal-fractional (not a bound)", "n/a"], rows[0]);
        Assert.Equal(["above its yardstick beyond noise", "YES", "no", "n/a"], rows[1]);
        Assert.Equal(["optimality ratio", "1.0000", "0.5000", "n/a"], rows[2]);
        Assert.Equal(["headroom captured", "1.0000", "0.2500", "n/a"], rows[3]);
        Assert.Equal(["regret per task", "0.0000", "0.1250", "n/a"], rows[4]);
        Assert.Equal(["fractional optimality ratio", "1.0000", "0.5000", "n/a"], rows[5]);
        Assert.Equal(6, rows.Length);
    }

    [Fact]
    public void Of_NullSummaries_IsRefusedByName() =>
        Assert.Equal("summaries", Assert.Throws<ArgumentNullException>(() => MetricTable.Of(null!)).ParamName);

    [Fact]
    public void Format_WithoutAMean_IsNa()
    {
        Assert.Equal("n/a", MetricTable.Format(new Estimate(double.NaN, double.NaN, 0), "F2"));
        Assert.Equal("n/a", MetricTable.Format(new Estimate(double.NaN, 1, 2), "F2"));
        Assert.Equal("1.50", MetricTable.Format(new Estimate(1.5, double.NaN, 1), "F2"));
    }

    // Widths with 2 per column: the first column max(1, 6) + 2 = 8, "aaaa" max(4, 1) + 2 = 6, "bbbbbb" max(6, 1) + 2 = 8.
    private static MetricTable Narrow() => new(["m", "aaaa", "bbbbbb"], [["metric", "1", "2"]]);

    [Fact]
    public void Split_AWidthMetExactly_KeepsOneTable()
    {
        // 8 + 6 + 8 = 22: fits in 22.
        var parts = Narrow().Split(22);
        Assert.Single(parts);
        Assert.Equal(["m", "aaaa", "bbbbbb"], parts[0].Header);
        // In 21 it does not: 8 + 6 = 14, then 14 + 8 = 22 > 21.
        Assert.Equal(2, Narrow().Split(21).Count);
    }

    [Fact]
    public void Split_NarrowerThanItsColumns_GivesOneTablePerColumn_NoneEmpty()
    {
        // 8 + 6 = 14 > 10 already, but a table keeps at least one column: "aaaa" alone, then "bbbbbb" alone.
        var parts = Narrow().Split(10);
        Assert.Equal(2, parts.Count);
        Assert.Equal(["m", "aaaa"], parts[0].Header);
        Assert.Equal(["metric", "1"], parts[0].Rows[0]);
        Assert.Equal(["m", "bbbbbb"], parts[1].Header);
        Assert.Equal(["metric", "2"], parts[1].Rows[0]);
    }

    [Fact]
    public void Split_AColumnIsAsWideAsItsLongestCell()
    {
        // Column 1's longest cell is "123456789" (9): width 11; column 0's is "metric" (6): 8; column 2's "bbbbbb": 8.
        // 8 + 11 = 19, then 19 + 8 = 27 > 22: two tables (with the shortest cells, 3 + 6 + 8 = 17 would fit in one).
        var table = new MetricTable(["m", "aaaa", "bbbbbb"], [["metric", "1", "2"], ["x", "123456789", "2"]]);
        Assert.Equal(2, table.Split(22).Count);
        Assert.Single(table.Split(27));
    }

    [Fact]
    public void ToText_AHeaderWiderThanItsCells_SetsTheColumnsWidth()
    {
        // Widths: max("metric name", "x") = 11, max("policy", "1") = 6; the rule is 11 + 2 + 6 = 19 long.
        var table = new MetricTable(["metric name", "policy"], [["x", "1"]]);
        Assert.Equal(
            "metric name  policy\n" +
            "-------------------\n" +
            "x                 1\n",
            table.ToText());
    }
}
