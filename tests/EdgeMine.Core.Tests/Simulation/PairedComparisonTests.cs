using EdgeMine.Simulation;

namespace EdgeMine.Tests.Simulation;

/// <summary>
/// MODEL.md section 11's verdicts at their edges: an interval whose end is exactly 0, a tolerance met exactly, one
/// side within the tolerance only, two runs, and refused input. With two runs t(1) = 12.706 and the standard error of
/// A - B = (x, y) is |x - y| / 2; with B all 0, A - B is A. Worked by hand in the comments.
/// </summary>
public sealed class PairedComparisonTests
{
    private static readonly double[] Zeros = [0, 0];

    [Fact]
    public void AnIntervalWhoseLowEndIsExactly0_DoesNotHold_AsAbove()
    {
        // A - B = 11.706, 13.706: mean 12.706, standard error 1, half-width 12.706: [0, 25.412]. Not above 0, not
        // within +-1: inconclusive.
        var c = PairedComparison.Judge([11.706, 13.706], Zeros, 1);
        Assert.Equal(0, c.Difference.Low);
        Assert.Equal(PairedOutcome.Inconclusive, c.Outcome);
    }

    [Fact]
    public void AnIntervalWhoseHighEndIsExactly0_IsNotBelow()
    {
        // A - B = -13.706, -11.706: [-25.412, 0]: not below 0, not within +-1: inconclusive.
        var c = PairedComparison.Judge([-13.706, -11.706], Zeros, 1);
        Assert.Equal(0, c.Difference.High);
        Assert.Equal(PairedOutcome.Inconclusive, c.Outcome);
    }

    [Fact]
    public void AToleranceMetExactly_IsEquivalent()
    {
        // A - B = -1, 1: mean 0, standard error 1, interval [-12.706, 12.706], within +-12.706 exactly.
        Assert.Equal(PairedOutcome.Equivalent, PairedComparison.Judge([-1, 1], Zeros, 12.706).Outcome);
        // Within +-12.7 it is not.
        Assert.Equal(PairedOutcome.Inconclusive, PairedComparison.Judge([-1, 1], Zeros, 12.7).Outcome);
    }

    [Fact]
    public void OneEndWithinTheTolerance_IsNotEquivalent()
    {
        // A - B = 0, 2: mean 1, half-width 12.706: [-11.706, 13.706]. Against +-12 the low end is within, the high not.
        var c = PairedComparison.Judge([0, 2], Zeros, 12);
        Assert.Equal(PairedOutcome.Inconclusive, c.Outcome);
        // Reversed, [-13.706, 11.706]: the high end is within, the low not.
        Assert.Equal(PairedOutcome.Inconclusive, PairedComparison.Judge(Zeros, [0, 2], 12).Outcome);
    }

    [Fact]
    public void RunsToDecide_FromTwoRuns_IsAtLeastOneMoreRun()
    {
        // A - B = 1, 1.2: mean 1.1, standard error 0.1, half-width 1.2706: [-0.1706, 2.3706], inconclusive at +-0.01.
        // sd = 1.2706 x sqrt(2) / 12.706 = 0.14142; (1.96 x 0.14142 / 1.1)^2 = 0.0635, ceiling 1: at least 2 + 1 = 3.
        var c = PairedComparison.Judge([1, 1.2], Zeros, 0.01);
        Assert.Equal(PairedOutcome.Inconclusive, c.Outcome);
        Assert.Equal(3, c.RunsToDecide);
    }

    [Fact]
    public void Words_AreMODELsWords()
    {
        Assert.Equal("holds", PairedComparison.Word(PairedOutcome.Holds));
        Assert.Equal("does not hold", PairedComparison.Word(PairedOutcome.DoesNotHold));
        Assert.Equal("exact tie", PairedComparison.Word(PairedOutcome.ExactTie));
        Assert.Equal("equivalent", PairedComparison.Word(PairedOutcome.Equivalent));
        Assert.Equal("inconclusive", PairedComparison.Word(PairedOutcome.Inconclusive));
    }

    [Fact]
    public void UnpairedRuns_AreRefused_WithTheCounts()
    {
        var e = Assert.Throws<ArgumentException>(() => PairedComparison.Judge([1, 2], [1], 0));
        Assert.Equal("paired comparison of 2 and 1 runs; allowed: the same number, at least 1", e.Message);
        Assert.Throws<ArgumentException>(() => PairedComparison.Judge([], [], 0));
        Assert.Equal("a", Assert.Throws<ArgumentNullException>(() => PairedComparison.Judge(null!, [1], 0)).ParamName);
        Assert.Equal("b", Assert.Throws<ArgumentNullException>(() => PairedComparison.Judge([1], null!, 0)).ParamName);
    }
}
