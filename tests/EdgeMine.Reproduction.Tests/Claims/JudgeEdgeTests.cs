using EdgeMine.Experiments;
using EdgeMine.Schemes;
using EdgeMine.Simulation;
using static EdgeMine.Tests.Claims.Synthetic;

namespace EdgeMine.Tests.Claims;

/// <summary>
/// The judging rules at their edges, by hand: a decided difference is never sent to the equivalence test, an infinite
/// bound decides nothing, TOST needs both one-sided tests, the search for the units that would decide (and its 1% steps
/// beyond 1,000), Holm's "p &lt;= alpha / (k - j)", identical rows learner by learner, the slope of no points, and every
/// argument guard. t_{0.975}(2) = 4.303, t_{0.95}(2) = 2.919986.
/// </summary>
public sealed class JudgeEdgeTests
{
    private static readonly Setting N5 = new(5, 2, 0.5);
    private static readonly Metric Cost = Metrics.Cost;
    private static readonly double[] Noise = [0.1, -0.1, 0.1, -0.1];

    /// <summary>An interval over 3 units (2 degrees of freedom) around <paramref name="mean"/> whose standard error is <paramref name="se"/>.</summary>
    private static Interval Over3(double mean, double se) => new(mean, mean - (4.303 * se), mean + (4.303 * se), 3, "training seeds");

    [Fact]
    public void Compare_ADecidedDifference_IsDecided_EvenWithATolerance()
    {
        // -2 +- 1 lies below 0: holds for "below" whatever the tolerance (it is never sent to the equivalence test).
        Assert.Equal(ClaimOutcome.Holds, Judge.Compare(new Interval(-2, -3, -1, 3, "x"), Direction.Below, 5, identical: false));
        Assert.Equal(ClaimOutcome.DoesNotHold, Judge.Compare(new Interval(-2, -3, -1, 3, "x"), Direction.Above, 5, identical: false));
    }

    [Fact]
    public void Decide_AnInfiniteBound_DecidesNothing() =>
        Assert.Null(Judge.Decide(new Interval(-5, double.NegativeInfinity, -1, 3, "x"), Direction.Below));

    [Fact]
    public void Equivalent_NeedsBothOneSidedTests()
    {
        // se 0.1: the 90% interval is mean +- 0.292. At -0.9 it reaches -1.192, below -1: not equivalent at tolerance 1,
        // though its upper end -0.608 is inside; at -0.5 (-0.792 to -0.208) it is; at +0.9 (0.608 to 1.192) it is not.
        Assert.False(Judge.Equivalent(Over3(-0.9, 0.1), 1));
        Assert.True(Judge.Equivalent(Over3(-0.5, 0.1), 1));
        Assert.False(Judge.Equivalent(Over3(0.9, 0.1), 1));
    }

    [Fact]
    public void UnitsToDecide_NoneWithoutASpreadOrAnInterval()
    {
        Assert.Null(Judge.UnitsToDecide(new Interval(1, 1, 1, 3, "x"))); // se 0
        Assert.Null(Judge.UnitsToDecide(new Interval(1, double.NaN, double.NaN, 1, "x"))); // one unit: no interval
    }

    [Fact]
    public void UnitsToDecide_ADifferenceAlreadyDecided_NeedsItsOwnUnits()
    {
        // Mean 10, se 1 over 4 units (t(3) = 3.182: bounds 6.818 and 13.182): decided already, so 4, not fewer.
        Assert.Equal(4, Judge.UnitsToDecide(new Interval(10, 10 - 3.182, 10 + 3.182, 4, "x")));
    }

    [Fact]
    public void UnitsToDecide_SmallUnderTheStep_AndByOnePercentStepsBeyondAThousand()
    {
        // sd = se sqrt(3) = 1. Up to 1,000 units the search steps by one: mean 0.5 needs t(n-1) / sqrt(n) < 0.5:
        // n = 18 gives 2.110 / 4.243 = 0.4974 (17: 2.120 / 4.123 = 0.5142).
        Assert.Equal(18, Judge.UnitsToDecide(Over3(0.5, 1 / Math.Sqrt(3))));

        // Beyond 1,000 it steps by 1% (n -> floor(1.01 n) + 1): 1000, 1011, 1022, 1033. Mean 0.0612: t(n-1) / sqrt(n) with
        // t ~ 1.9623 is 0.06138 at 1022 (not below) and 0.06105 at 1033, so 1033 (the least n by single steps is 1029).
        Assert.Equal(1033, Judge.UnitsToDecide(Over3(0.0612, 1 / Math.Sqrt(3))));

        // Mean 1e-4 would need about 3.8e8 units: more than the million searched, so none.
        Assert.Null(Judge.UnitsToDecide(Over3(1e-4, 1 / Math.Sqrt(3))));
    }

    [Fact]
    public void Holm_APValueExactlyAtItsThreshold_IsRejected()
    {
        // k = 2: 0.025 <= 0.05 / 2 and then 0.05 <= 0.05 / 1: both rejected ("p <= alpha / (k - j)").
        Assert.Equal([true, true], Judge.Holm([0.05, 0.025]));
        Assert.Equal([false, false], Judge.Holm([0.05, 0.0251])); // 0.0251 > 0.025 stops it at once
    }

    [Fact]
    public void Identical_ARowWithoutNumbers_IsNotIdentical()
    {
        var never = Baseline(N5, BaselineScheme.Never, (Cost, Constant(3)));
        Assert.False(Judge.Identical(never, NotApplicable(N5, BaselineScheme.Always), Cost));
        Assert.False(Judge.Identical(NotApplicable(N5, BaselineScheme.Always), never, Cost));
    }

    [Fact]
    public void Identical_RowsOfDifferentRunCounts_AreNotIdentical() =>
        Assert.False(Judge.Identical(Baseline(N5, BaselineScheme.Never, (Cost, Constant(3, runs: 4))), Baseline(N5, BaselineScheme.Always, (Cost, Constant(3, runs: 3))), Cost));

    [Fact]
    public void Identical_ALearnerAndABaseline_ComparesEverySeedWithTheBaseline()
    {
        // Seeds 3 and 3 with the noise against runs 3.1, 2.9, 3.1, 2.9: every seed is the baseline; a second seed at 3.5 is not.
        var baseline = Baseline(N5, BaselineScheme.Never, (Cost, [3.1, 2.9, 3.1, 2.9]));
        var same = Learner(N5, ReproductionSchemes.DrloPaper, Noise, (Cost, [3.0, 3.0]));
        var secondDiffers = Learner(N5, ReproductionSchemes.DrloPaper, Noise, (Cost, [3.0, 3.5]));
        Assert.True(Judge.Identical(same, baseline, Cost));
        Assert.True(Judge.Identical(baseline, same, Cost));
        Assert.False(Judge.Identical(secondDiffers, baseline, Cost));
        Assert.False(Judge.Identical(baseline, secondDiffers, Cost));
    }

    [Fact]
    public void Identical_TwoLearners_PairSeedKWithSeedK_OverTheFewerSeeds()
    {
        // A's seeds 1, 2, 4 against B's 1, 2: the seeds paired are the first two, identical; A's third is never compared.
        var a = Learner(N5, ReproductionSchemes.DrloPaper, Noise, (Cost, [1.0, 2.0, 4.0]));
        var b = Learner(N5, ReproductionSchemes.Rlo, Noise, (Cost, [1.0, 2.0]));
        Assert.True(Judge.Identical(a, b, Cost));
        Assert.True(Judge.Identical(b, a, Cost));
    }

    [Fact]
    public void Identical_ToTheRoundingOfASum_IncludingZeros()
    {
        // 1e6 and 1e6 + 1e-7 differ by 1e-13 of their size (within 1e-12): identical; zeros equal zeros.
        var a = Baseline(N5, BaselineScheme.Never, (Cost, [0.0, 1e6, 2, 0]));
        var b = Baseline(N5, BaselineScheme.Always, (Cost, [0.0, 1e6 + 1e-7, 2, 0]));
        Assert.True(Judge.Identical(a, b, Cost));
        var c = Baseline(N5, BaselineScheme.Always, (Cost, [0.0, 1e6 + 1e-5, 2, 0])); // 1e-11 of its size: not
        Assert.False(Judge.Identical(a, c, Cost));
    }

    [Fact]
    public void StandardError_OfOneUnit_IsNone_EvenWithBounds()
    {
        // One unit has no degrees of freedom and so no t quantile: no standard error, whatever bounds it was given.
        Assert.True(double.IsNaN(new Interval(1, 0, 2, 1, "training seeds").StandardError));
        Assert.Equal(1, new Interval(1, 1 - 4.303, 1 + 4.303, 3, "training seeds").StandardError, 12); // 4.303 / 4.303
    }

    [Fact]
    public void Slope_OfNoPoints_HasNoSlope()
    {
        var slope = Judge.Slope([], "settings");
        Assert.True(double.IsNaN(slope.Mean));
        Assert.Equal(0, slope.N);
    }

    [Fact]
    public void EveryRule_WithoutItsArgument_IsRefusedNamingIt()
    {
        var row = Baseline(N5, BaselineScheme.Never, (Cost, Constant(3)));
        Assert.Equal("difference", Assert.Throws<ArgumentNullException>(() => Judge.Compare(null!, Direction.Below, 1, false)).ParamName);
        Assert.Equal("difference", Assert.Throws<ArgumentNullException>(() => Judge.Decide(null!, Direction.Below)).ParamName);
        Assert.Equal("difference", Assert.Throws<ArgumentNullException>(() => Judge.Equivalent(null!, 1)).ParamName);
        Assert.Equal("difference", Assert.Throws<ArgumentNullException>(() => Judge.PValue(null!)).ParamName);
        Assert.Equal("difference", Assert.Throws<ArgumentNullException>(() => Judge.UnitsToDecide(null!)).ParamName);
        Assert.Equal("difference", Assert.Throws<ArgumentNullException>(() => Judge.Within(null!, 1)).ParamName);
        Assert.Equal("pValues", Assert.Throws<ArgumentNullException>(() => Judge.Holm(null!)).ParamName);
        Assert.Equal("parts", Assert.Throws<ArgumentNullException>(() => Judge.Combine(null!)).ParamName);
        Assert.Equal("points", Assert.Throws<ArgumentNullException>(() => Judge.Slope(null!, "x")).ParamName);
        Assert.Equal("a", Assert.Throws<ArgumentNullException>(() => Judge.Identical(null!, row, Cost)).ParamName);
        Assert.Equal("b", Assert.Throws<ArgumentNullException>(() => Judge.Identical(row, null!, Cost)).ParamName);
        Assert.Equal("a", Assert.Throws<ArgumentNullException>(() => Judge.Paired(null!, row, Cost)).ParamName);
        Assert.Equal("b", Assert.Throws<ArgumentNullException>(() => Judge.Paired(row, null!, Cost)).ParamName);
        Assert.Equal("values", Assert.Throws<ArgumentNullException>(() => Interval.Of(null!, "x")).ParamName);
    }
}
