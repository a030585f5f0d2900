using EdgeMine.Cli;

namespace EdgeMine.Tests.Cli;

/// <summary>Progress a user can watch: redirected output ends on the final count, and the live bar fits the terminal.</summary>
public sealed class ProgressDisplayTests
{
    [Fact]
    public void Redirected_EndsOnTheFinalCount_WithTheLastStatus()
    {
        using var error = new StringWriter();

        // Every report printed (no interval), and the work stops reporting at 599 of 1000.
        int result = ProgressDisplay.Plain(error, "reproduce", 1000, sink =>
        {
            sink.Report(300, "10/40 cells");
            sink.Report(599, "30/40 cells");
            return 7;
        }, TimeSpan.Zero);

        Assert.Equal(7, result);
        Assert.Equal(
            "reproduce: 300/1000 (30%) 10/40 cells\n" +
            "reproduce: 599/1000 (60%) 30/40 cells\n" +
            "reproduce: 1000/1000 (100%) 30/40 cells\n",
            error.ToString());
    }

    [Fact]
    public void Redirected_ShortWork_PrintsNothing()
    {
        using var error = new StringWriter();

        ProgressDisplay.Plain(error, "simulate eo", 10, sink =>
        {
            sink.Report(10);
            return 0;
        }, TimeSpan.FromHours(1));

        Assert.Equal("", error.ToString());
    }

    [Theory]
    [InlineData(80, 79, 19, 36)]   // 36 + 19 + 24 = 79: one column short of the edge
    [InlineData(200, 199, 40, 135)] // the bar at its widest
    [InlineData(20, 39, 10, 8)]     // narrower than any row: a 40-column row, the terminal wraps it once
    public void Live_TheRowFitsTheTerminal(int terminal, int width, int bar, int description)
    {
        Assert.Equal((width, bar, description), ProgressDisplay.Layout(terminal));
    }

    [Fact]
    public void Live_ALongDescriptionIsCutWithAnEllipsis()
    {
        // 35 characters and the ellipsis: 36.
        Assert.Equal("reproduce: 72/132 cells, last n2-m2…", ProgressDisplay.Fit("reproduce: 72/132 cells, last n2-m2-b0.5__drlo__seed2", 36));
        Assert.Equal("train rlo", ProgressDisplay.Fit("train rlo", 36));
    }
}
