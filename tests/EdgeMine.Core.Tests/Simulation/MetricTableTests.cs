using EdgeMine.Simulation;

namespace EdgeMine.Tests.Simulation;

/// <summary>The table simulate and evaluate print, against hand-worked cells.</summary>
public sealed class MetricTableTests
{
    /// <summary>Two runs of one policy: every base metric 0 in both runs except reward (1, 3) and latency (0.1 s, 0.1 s).</summary>
    private static PolicySummary TwoRuns(string name)
    {
        var perRun = Metrics.Base.ToDictionary(m => m, _ => new double[] { 0, 0 });
        perRun[Metrics.Reward] = [1, 3];
        perRun[Metrics.Latency] = [0.1, 0.1];
        return PolicyEvaluation.Summarise(name, perRun, slotsPerRun: 10, new RunShape(Tasks: 4, SlotSeconds: 1));
    }

    [Fact]
    public void Cells_AreMeanAndHalfWidth_InTheShownUnit()
    {
        var table = MetricTable.Of([TwoRuns("mine")]);

        Assert.Equal([MetricTable.FirstColumn, "mine"], table.Header);
        // Reward 1 and 3: mean 2, standard error sqrt(2) / sqrt(2) = 1, half-width t(1) = 12.706.
        Assert.Equal(["reward", "2.0000 ± 12.7060"], table.Rows[0]);
        // 0.1 s in both runs: 100 ms summed over tasks, 25 ms per task (4 tasks), no spread.
        Assert.Equal(["latency, all tasks (ms)", "100.000 ± 0.000"], table.Rows.Single(r => r[0].StartsWith("latency, all", StringComparison.Ordinal)));
        Assert.Equal(["latency per task (ms)", "25.000 ± 0.000"], table.Rows.Single(r => r[0].StartsWith("latency per task", StringComparison.Ordinal)));
        Assert.Equal(Metrics.All.Count, table.Rows.Count); // no yardsticks asked for
    }

    [Fact]
    public void ToText_PadsEveryColumn_NamesLeftNumbersRight()
    {
        var table = new MetricTable(["metric", "a", "bb"], [["reward", "1.0", "22.0"], ["x", "3.25", "4"]]);

        Assert.Equal(
            "metric     a    bb\n" +
            "------------------\n" +
            "reward   1.0  22.0\n" +
            "x       3.25     4\n",
            table.ToText());
    }
}
