using EdgeMine.Experiments;

namespace EdgeMine.Tests.Claims;

/// <summary>The judging rules of MODEL.md section 11 on intervals worked out by hand (t quantiles from the table: t(2) = 4.303, t(3) = 3.182).</summary>
public sealed class JudgeTests
{
    [Fact]
    public void A_difference_whose_interval_excludes_zero_decides_the_comparison_both_ways()
    {
        // Differences -1, -1.2, -0.8: mean -1, sd 0.2, half-width 4.303 * 0.2 / sqrt(3) = 0.49687.
        var difference = Interval.Of([-1, -1.2, -0.8], "training seeds");
        Approx.Equal(-1, difference.Mean);
        Approx.Equal(-1 - (4.303 * 0.2 / Math.Sqrt(3)), difference.Low, relative: 1e-9);
        Approx.Equal(-1 + (4.303 * 0.2 / Math.Sqrt(3)), difference.High, relative: 1e-9);
        Assert.Equal(ClaimOutcome.Holds, Judge.Compare(difference, Direction.Below));
        Assert.Equal(ClaimOutcome.DoesNotHold, Judge.Compare(difference, Direction.Above));
    }

    [Fact]
    public void Differences_inside_noise_are_undecided()
    {
        Assert.Null(Judge.Decide(Interval.Of([0, 0, 0, 0], "evaluation runs"), Direction.Below));

        // -1, 1, 0.5: mean 1/6, the interval spans 0.
        Assert.Equal(ClaimOutcome.Inconclusive, Judge.Compare(Interval.Of([-1, 1, 0.5], "evaluation runs"), Direction.Above));

        // One unit: no interval, nothing decided.
        Assert.Equal(ClaimOutcome.Inconclusive, Judge.Compare(Interval.Of([5], "training seeds"), Direction.Above));

        // Identical values in every run and seed: an exact tie, whatever the interval says.
        Assert.Equal(ClaimOutcome.ExactTie, Judge.Compare(Interval.Of([0, 0, 0, 0], "evaluation runs"), Direction.Below, tolerance: 1, identical: true));
    }

    [Fact]
    public void A_claim_of_several_parts_holds_only_when_every_part_holds()
    {
        var (holds, tie, not, none) = (ClaimOutcome.Holds, ClaimOutcome.Inconclusive, ClaimOutcome.DoesNotHold, ClaimOutcome.NotEvaluated);
        Assert.Equal(holds, Judge.Combine([holds, holds, holds]));
        Assert.Equal(tie, Judge.Combine([holds, tie, holds]));
        Assert.Equal(not, Judge.Combine([holds, tie, not]));

        // Undecided parts: an exact tie settles most (the claimed difference cannot appear), then equivalence.
        Assert.Equal(ClaimOutcome.ExactTie, Judge.Combine([holds, ClaimOutcome.Inconclusive, ClaimOutcome.ExactTie, ClaimOutcome.Equivalent]));
        Assert.Equal(ClaimOutcome.Equivalent, Judge.Combine([ClaimOutcome.Inconclusive, ClaimOutcome.Equivalent, holds]));
        Assert.Equal(holds, Judge.Combine([holds, none]));
        Assert.Equal(none, Judge.Combine([none, none]));
    }

    [Fact]
    public void Slope_and_its_interval_by_hand()
    {
        // (1,1), (2,3), (3,2), (4,4): Sxx = 5, Sxy = 4, slope 0.8, intercept 0.5; residuals -0.3, 0.9, -0.9, 0.3, SSE 1.8;
        // standard error sqrt(1.8 / 2 / 5) = sqrt(0.18); half-width 4.303 sqrt(0.18).
        var slope = Judge.Slope([(1, 1), (2, 3), (3, 2), (4, 4)], "evaluation runs");
        Approx.Equal(0.8, slope.Mean, relative: 1e-12);
        Approx.Equal(0.8 - (4.303 * Math.Sqrt(0.18)), slope.Low, relative: 1e-9);
        Approx.Equal(0.8 + (4.303 * Math.Sqrt(0.18)), slope.High, relative: 1e-9);
        Assert.Equal(ClaimOutcome.Inconclusive, Judge.Compare(slope, Direction.Above));

        // Its t statistic on n - 2 = 2 degrees of freedom: 0.8 / sqrt(0.18) = 1.8856.
        Assert.Equal(2, slope.DegreesOfFreedom);
        Approx.Equal(Math.Sqrt(0.18), slope.StandardError, relative: 1e-9);

        // A straight line y = 2x: slope 2 with no residual: the trend holds, and its opposite does not.
        var line = Judge.Slope([(1, 2), (2, 4), (3, 6)], "evaluation runs");
        Approx.Equal(2, line.Mean);
        Assert.Equal(ClaimOutcome.Holds, Judge.Compare(line, Direction.Above));
        Assert.Equal(ClaimOutcome.DoesNotHold, Judge.Compare(line, Direction.Below));

        // A single x has no slope.
        Assert.False(Judge.Slope([(1, 2), (1, 3), (1, 4)], "runs").HasBounds);
    }

    [Fact]
    public void Stability_is_an_equivalence_test_against_the_tolerance()
    {
        // 0.1, 0.2, 0: mean 0.1, half-width 4.303 * 0.1 / sqrt(3) = 0.2484: [-0.148, 0.348].
        var small = Interval.Of([0.1, 0.2, 0], "training seeds");
        Assert.Equal(ClaimOutcome.Holds, Judge.Within(small, 0.4));
        Assert.Equal(ClaimOutcome.Inconclusive, Judge.Within(small, 0.3)); // the interval reaches beyond 0.3

        // 1, 1.1, 0.9: [0.752, 1.248], wholly beyond 0.4.
        Assert.Equal(ClaimOutcome.DoesNotHold, Judge.Within(Interval.Of([1, 1.1, 0.9], "training seeds"), 0.4));
        Assert.Equal(ClaimOutcome.DoesNotHold, Judge.Within(Interval.Of([-1, -1.1, -0.9], "training seeds"), 0.4));
    }

    [Fact]
    public void Scaling_by_a_negative_factor_swaps_the_bounds()
    {
        var interval = new Interval(1, 0.5, 2, 3, "training seeds").Scaled(-10);
        Assert.Equal((-10.0, -20.0, -5.0), (interval.Mean, interval.Low, interval.High));
    }
}
