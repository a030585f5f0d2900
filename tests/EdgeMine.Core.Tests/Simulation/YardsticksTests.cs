using EdgeMine.Simulation;

namespace EdgeMine.Tests.Simulation;

/// <summary>
/// The one rule for every ratio of the yardsticks (MODEL.md section 6, issue 21) at its edges: a denominator exactly at
/// 1e-3 of the scale, an interval whose low end is exactly 0, a denominator of 0 or below, the flag of a policy above its
/// yardstick and the label of a yardstick that is not a bound. Every expected value is worked by hand in the comments.
/// </summary>
public sealed class YardsticksTests
{
    [Fact]
    public void Ratio_WithoutAScale_IsTheShareOfTheGapCovered()
    {
        // (R - from) / (to - from) = (2 - 1) / (3 - 1) = 0.5; a reward below "from": (0 - 1) / 2 = -0.5.
        Assert.Equal(0.5, Yardsticks.Ratio(2, 1, 3));
        Assert.Equal(-0.5, Yardsticks.Ratio(0, 1, 3));
        // A ratio above 1: (4 - 1) / (2 - 1) = 3.
        Assert.Equal(3, Yardsticks.Ratio(4, 1, 2));
    }

    [Fact]
    public void Ratio_WithoutAScale_IsNaN_WhenTheTargetIsNotAboveTheStart()
    {
        // to - from = 1 - 2 = -1 < 0: no ratio (computed anyway it would be (0 - 2) / -1 = 2, on scale).
        Assert.True(double.IsNaN(Yardsticks.Ratio(0, 2, 1)));
        // to - from = 0: no ratio.
        Assert.True(double.IsNaN(Yardsticks.Ratio(5, 2, 2)));
    }

    [Fact]
    public void Meaningful_NeedsAPositiveDenominator_EvenAtAScaleOfZero()
    {
        // Mean 0 against a scale of 0: 0 >= 1e-3 x 0 holds, and no interval; only "positive" refuses it.
        Assert.False(Yardsticks.Meaningful(new Estimate(0, double.NaN, 1), 0));
        Assert.True(Yardsticks.Meaningful(new Estimate(1e-9, double.NaN, 1), 0));
    }

    [Fact]
    public void Meaningful_ADenominatorExactlyAtTheShareOfTheScale_Counts()
    {
        // 1e-3 x 1 is the double 1e-3 itself: "at least 1e-3 of the scale" is met exactly.
        Assert.True(Yardsticks.Meaningful(new Estimate(Yardsticks.MinimumDenominatorShare, double.NaN, 1), 1));
        // 0.5 against a scale of 1,000: 0.5 < 1e-3 x 1,000 = 1, noise (1e-3 / 1,000 = 1e-6 would pass it).
        Assert.False(Yardsticks.Meaningful(new Estimate(0.5, double.NaN, 1), 1000));
        Assert.True(Yardsticks.Meaningful(new Estimate(2, double.NaN, 1), 1000));
    }

    [Fact]
    public void Meaningful_AnIntervalWhoseLowEndIsExactly0_IsNoise()
    {
        // Mean 1, half-width 1: the interval [0, 2] includes 0.
        Assert.False(Yardsticks.Meaningful(new Estimate(1, 1, 3), 1));
        // Half-width 0.5: [0.5, 1.5] excludes 0.
        Assert.True(Yardsticks.Meaningful(new Estimate(1, 0.5, 3), 1));
    }

    [Fact]
    public void AboveYardstick_NeedsTheLowEndStrictlyAbove0()
    {
        // R - R_yardstick = 1 +- 1: [0, 2], the low end is 0, not above: no.
        Assert.False(new Yardsticks(1, 1, 0, 1) { AboveYardstickBy = new Estimate(1, 1, 3) }.AboveYardstick);
        // 1 +- 0.75: [0.25, 1.75]: yes.
        Assert.True(new Yardsticks(1, 1, 0, 1) { AboveYardstickBy = new Estimate(1, 0.75, 3) }.AboveYardstick);
        // No yardstick: no.
        Assert.False(new Yardsticks(1, 1, 0, 1).AboveYardstick);
    }

    [Fact]
    public void Label_NamesAYardstickThatIsNotABound()
    {
        var bound = new Yardsticks(1, 1, 0, 1);
        Assert.True(bound.YardstickIsBound); // the default: the binary optimum, a bound
        Assert.Equal("optimal", bound.Yardstick);
        Assert.Equal("optimal", bound.YardstickLabel);
        var notBound = new Yardsticks(1, 1, 0, 1) { Yardstick = "optimal-fractional", YardstickIsBound = false };
        Assert.Equal("optimal-fractional (not a bound)", notBound.YardstickLabel);
    }
}
