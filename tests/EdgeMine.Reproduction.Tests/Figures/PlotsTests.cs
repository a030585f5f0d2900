using EdgeMine.Reporting;
using EdgeMine.Schemes;
using EdgeMine.Simulation;
using EdgeMine.Tests.Experiments;

namespace EdgeMine.Tests.Figures;

/// <summary>The figures say that the per-slot optimum maximises reward, not the metric drawn.</summary>
public sealed class PlotsTests(QuickReproduction run) : IClassFixture<QuickReproduction>
{
    [Fact]
    public void TheOptimumsLegend_SaysWhatItMaximises()
    {
        Assert.Equal("Per-slot optimum (max reward, not min cost)", Plots.LegendLabel(BaselineScheme.Optimal, Metrics.Cost));
        Assert.Equal("Per-slot optimum (max reward, not max privacy)", Plots.LegendLabel(BaselineScheme.Optimal, Metrics.Privacy));
        Assert.Equal("Per-slot optimum", Plots.LegendLabel(BaselineScheme.Optimal, Metrics.Reward));
        Assert.Equal("EO", Plots.LegendLabel(BaselineScheme.Always, Metrics.Cost));
    }

    [Theory]
    [InlineData("fig5_cost")]
    [InlineData("fig6_cost")]
    [InlineData("table2_cost")]
    [InlineData("table3_cost")]
    public void CostFigures_SayIt(string figure)
    {
        string svg = File.ReadAllText(Path.Combine(run.OutDirectory, Plots.Directory, figure + ".svg"));

        Assert.Matches(@">\s*Per-slot optimum \(max reward, not min cost\)\s*<", svg);
    }
}
