using EdgeMine.Experiments;
using EdgeMine.Schemes;
using EdgeMine.Simulation;
using static EdgeMine.Tests.Claims.Synthetic;

namespace EdgeMine.Tests.Claims;

/// <summary>
/// The claim helpers' keys, p-values, tolerances and magnitudes, and their argument guards: what a comparison or a
/// trend carries besides its outcome.
/// </summary>
public sealed class ClaimContextEdgeTests
{
    private static readonly Setting N5 = new(5, 2, 0.5);
    private static readonly Metric Cost = Metrics.Cost;
    private static readonly double[] Noise = [0.1, -0.1, 0.1, -0.1];
    private static readonly Scheme Drlo = ReproductionSchemes.DrloPaper, No = BaselineScheme.Never;

    private static ClaimContext Context(IReadOnlyList<Setting> settings, params ResultRow[] rows) =>
        new(new ExperimentResults(MultiMinerTables.Table2, settings, rows));

    [Fact]
    public void Compare_KeysTheLowerSchemeFirst_AndGivesThePValueOfItsDifference()
    {
        // DRLO 1, 1.2, 0.8 against NO's 4 (as ClaimContextTests): -3 +- 0.497 over 3 seeds, far from 0: p well below 5%.
        var context = Context([N5], Learner(N5, Drlo, Noise, (Cost, [1.0, 1.2, 0.8])), Baseline(N5, No, (Cost, Constant(4))));
        var below = context.Compare(N5, Drlo, No, Cost, Direction.Below);
        Assert.Equal($"n5-m2-b0.5|{Cost.Key}|{Drlo.Name}<{No.Name}", below.Key);
        Assert.Equal($"n5-m2-b0.5|{Cost.Key}|{No.Name}<{Drlo.Name}", context.Compare(N5, Drlo, No, Cost, Direction.Above).Key);
        Assert.InRange(below.PValue, 0, 0.01);
        Assert.Equal([Drlo, No], below.Schemes);
    }

    [Fact]
    public void NotEvaluated_IsTheExperimentsNoneClaim()
    {
        var context = Context([N5]);
        var claim = context.NotEvaluated("S", "nothing ran");
        Assert.Equal(MultiMinerTables.Table2.Name + ".none", claim.Id);
        Assert.Equal(ClaimOutcome.NotEvaluated, claim.Outcome);
    }

    [Fact]
    public void Trend_CarriesItsSchemeKeyAndPValue()
    {
        // NO's cost 1 +- 0.1 at N = 5 and 2 +- 0.1 at N = 10: slope 1 / 5 = 0.2 per miner, far beyond its noise.
        Setting n10 = new(10, 2, 0.5);
        var context = Context([N5, n10], Baseline(N5, No, (Cost, [1.0, 1.1, 0.9, 1.0])), Baseline(n10, No, (Cost, [2.0, 2.1, 1.9, 2.0])));
        var rises = context.Trend(No, Cost, s => s.Miners, "miner", Direction.Above);
        Assert.Equal(ClaimOutcome.Holds, rises.Outcome);
        Assert.Equal([No], rises.Schemes);
        Assert.Equal($"n5-m2-b0.5+n10-m2-b0.5|{Cost.Key}|{No.Name}|trend-Above", rises.Key);
        Assert.InRange(rises.PValue, 0, 0.01);
        Assert.NotNull(rises.StandIn);
    }

    [Fact]
    public void FromParts_KeepsTheGivenTolerance_AndMagnitudeDiffersWhenAnyPaperValueIsOutside()
    {
        var context = Context([N5]);
        ClaimPart Part(double paper) => new(ClaimOutcome.Holds, new Interval(2, 1, 3, 3, "training seeds"), 2, "d") { PValue = 0.01, PaperValue = paper };
        var claim = context.FromParts("t.s", "S", [Part(2), Part(5)], "margin", tolerance: "within one slot");
        Assert.Equal("within one slot", claim.Tolerance);
        Assert.Equal(Magnitude.Differs, claim.Magnitude); // 2 inside [1, 3], 5 outside
        Assert.Equal(Magnitude.Consistent, context.FromParts("t.s", "S", [Part(2), Part(3)], "margin").Magnitude);
        Assert.Equal(Judge.RelativeToleranceText, context.FromParts("t.s", "S", [Part(2)], "margin").Tolerance);
        Assert.Equal("within one slot", context.FromParts("t.n", "S", [ClaimPart.NotEvaluated("n/a")], "margin", tolerance: "within one slot").Tolerance);
    }

    [Fact]
    public void EveryHelper_WithoutItsArgument_IsRefusedNamingIt()
    {
        var row = Baseline(N5, No, (Cost, Constant(4)));
        var context = Context([N5], row);
        Assert.Equal("setting", Assert.Throws<ArgumentNullException>(() => context.Compare(null!, Drlo, No, Cost, Direction.Below)).ParamName);
        Assert.Equal("metric", Assert.Throws<ArgumentNullException>(() => context.Compare(N5, Drlo, No, null!, Direction.Below)).ParamName);
        Assert.Equal("rowA", Assert.Throws<ArgumentNullException>(() => ClaimContext.Compare(null!, "A", row, "B", Cost, Direction.Below)).ParamName);
        Assert.Equal("rowB", Assert.Throws<ArgumentNullException>(() => ClaimContext.Compare(row, "A", null!, "B", Cost, Direction.Below)).ParamName);
        Assert.Equal("metric", Assert.Throws<ArgumentNullException>(() => context.Trend(Drlo, null!, s => s.Miners, "miner", Direction.Above)).ParamName); // DRLO has no row
        Assert.Equal("x", Assert.Throws<ArgumentNullException>(() => context.Trend(No, Cost, null!, "miner", Direction.Above)).ParamName);
        Assert.Equal("parts", Assert.Throws<ArgumentNullException>(() => context.FromParts("t.s", "S", null!, "margin")).ParamName);
        Assert.Equal("interval", Assert.Throws<ArgumentNullException>(() => ClaimContext.Bounds(null!)).ParamName);
    }
}
