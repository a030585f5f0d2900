using EdgeMine.Experiments;
using EdgeMine.Schemes;
using EdgeMine.Simulation;
using static EdgeMine.Tests.Claims.Synthetic;

namespace EdgeMine.Tests.Claims;

/// <summary>
/// The paired difference every comparison is judged on (MODEL.md section 11), by hand for each pairing: learner with
/// baseline, learner with learner (fewer seeds on one side), two baselines, and seeds that agree; and the small rules
/// around it (an interval's bounds, scaling, equivalence at a zero tolerance, the causes' words).
/// t(1) = 12.706, t(2) = 4.303, t(3) = 3.182.
/// </summary>
public sealed class PairedTests
{
    private static readonly Setting N5 = new(5, 2, 0.5);
    private static readonly Metric Cost = Metrics.Cost;
    private static readonly double[] Noise = [0.1, -0.1, 0.1, -0.1];

    [Fact]
    public void LearnerWithBaseline_IsOverTheSeeds_EachAgainstTheBaselinesMean()
    {
        // Seeds 1, 1.2, 0.8 against 3 on every run: differences -2, -1.8, -2.2; half-width 4.303 * 0.2 / sqrt(3).
        var d = Judge.Paired(Learner(N5, ReproductionSchemes.DrloPaper, Noise, (Cost, [1.0, 1.2, 0.8])), Baseline(N5, BaselineScheme.Never, (Cost, Constant(3))), Cost);
        Assert.Equal("training seeds", d.Units);
        Assert.Equal(3, d.N);
        Approx.Equal(-2, d.Mean, relative: 1e-12);
        Approx.Equal(-2 - (4.303 * 0.2 / Math.Sqrt(3)), d.Low, relative: 1e-9);
        Approx.Equal(-2 + (4.303 * 0.2 / Math.Sqrt(3)), d.High, relative: 1e-9);

        // And the other way round: the baseline first, the same difference negated.
        var back = Judge.Paired(Baseline(N5, BaselineScheme.Never, (Cost, Constant(3))), Learner(N5, ReproductionSchemes.DrloPaper, Noise, (Cost, [1.0, 1.2, 0.8])), Cost);
        Approx.Equal(2, back.Mean, relative: 1e-12);
        Assert.Equal(3, back.N);
    }

    [Fact]
    public void TwoLearners_PairSeedKWithSeedK_OverTheFewerSeeds()
    {
        // A: 1, 2, 3; B: 2, 2 (two seeds): differences -1, 0 over 2 seeds: mean -0.5, sd 0.7071, half-width 12.706 * 0.5.
        var a = Learner(N5, ReproductionSchemes.DrloPaper, Noise, (Cost, [1.0, 2.0, 3.0]));
        var b = Learner(N5, ReproductionSchemes.Rlo, Noise, (Cost, [2.0, 2.0]));
        var d = Judge.Paired(a, b, Cost);
        Assert.Equal(2, d.N);
        Approx.Equal(-0.5, d.Mean, relative: 1e-12);
        Approx.Equal(-0.5 - (12.706 * 0.5), d.Low, relative: 1e-9);
        Assert.Equal("training seeds", d.Units);
    }

    [Fact]
    public void TwoBaselines_PairRunRWithRunR()
    {
        // Runs (3, 4, 5, 6) against (2, 2, 2, 2): differences 1, 2, 3, 4: mean 2.5, sd sqrt(5/3), half-width 3.182 sqrt(5/12).
        var d = Judge.Paired(Baseline(N5, BaselineScheme.Never, (Cost, [3.0, 4, 5, 6])), Baseline(N5, BaselineScheme.Always, (Cost, Constant(2))), Cost);
        Assert.Equal("evaluation runs", d.Units);
        Assert.Equal(4, d.N);
        Approx.Equal(2.5, d.Mean, relative: 1e-12);
        Approx.Equal(2.5 + (3.182 * Math.Sqrt(5.0 / 12)), d.High, relative: 1e-9);
    }

    [Fact]
    public void SeedsThatAgree_AreJudgedOnTheEvaluationRuns()
    {
        // Seeds 2, 2, 2 (half-width 0) with run noise +-0.1 against 3: the runs' differences -0.9, -1.1, -0.9, -1.1 are wider.
        var d = Judge.Paired(Learner(N5, ReproductionSchemes.DrloPaper, Noise, (Cost, [2.0, 2.0, 2.0])), Baseline(N5, BaselineScheme.Never, (Cost, Constant(3))), Cost);
        Assert.Equal("evaluation runs", d.Units);
        Assert.Equal(4, d.N);
        Approx.Equal(-1, d.Mean, relative: 1e-12);
        Approx.Equal(-1 + (3.182 * Math.Sqrt(0.04 / 3 / 4)), d.High, relative: 1e-9); // sd of the runs: sqrt(0.04 / 3)
    }

    [Fact]
    public void Interval_BoundsScalingAndWords()
    {
        var interval = new Interval(1, 0.5, 2, 3, "training seeds");
        Assert.True(interval.HasBounds);
        Assert.False((interval with { High = double.NaN }).HasBounds);
        Assert.False((interval with { Low = double.NaN }).HasBounds);
        Assert.Equal((10.0, 5.0, 20.0), (interval.Scaled(10).Mean, interval.Scaled(10).Low, interval.Scaled(10).High));
        foreach (var scaled in new[] { new Interval(-0.0, -0.0, -0.0, 3, "x").Scaled(1), new Interval(0.0, 0.0, 0.0, 3, "x").Scaled(-1) })
        {
            // + 0.0 turns a negative zero into 0: the report never prints "-0".
            Assert.False(double.IsNegative(scaled.Mean) || double.IsNegative(scaled.Low) || double.IsNegative(scaled.High));
        }

        // ReportFormat.Number: three significant digits below 1 (G3), three decimals from 1 to 10 (F3).
        Assert.Equal("(95% CI 0.5% to 2.000%, 3 training seeds)", ClaimContext.Bounds(interval, "%"));
        Assert.Equal("(no interval: 1 training seeds)", ClaimContext.Bounds(new Interval(1, double.NaN, double.NaN, 1, "training seeds")));
        Assert.Throws<ArgumentNullException>(() => Interval.Of(null!, "x"));
    }

    [Fact]
    public void Within_AZeroOrNegativeTolerance_DecidesNothing()
    {
        var wide = new Interval(0.2, 0.1, 0.3, 3, "training seeds");
        Assert.Equal(ClaimOutcome.Inconclusive, Judge.Within(wide, 0));
        Assert.Equal(ClaimOutcome.Inconclusive, Judge.Within(wide, -1));
        Assert.Equal(ClaimOutcome.DoesNotHold, Judge.Within(wide, 0.1));   // the whole interval at or beyond 0.1
        Assert.Equal(ClaimOutcome.Inconclusive, Judge.Within(wide, 0.2));
        Assert.Equal(ClaimOutcome.Holds, Judge.Within(wide, 0.31));
        Assert.Equal(ClaimOutcome.DoesNotHold, Judge.Within(new Interval(-0.2, -0.3, -0.1, 3, "x"), 0.1));

        // The bounds are strict: an interval that reaches a tolerance exactly is not within it.
        Assert.Equal(ClaimOutcome.Inconclusive, Judge.Within(new Interval(0, -0.1, 0.05, 3, "x"), 0.1));
        Assert.Equal(ClaimOutcome.Inconclusive, Judge.Within(new Interval(0.05, 0, 0.1, 3, "x"), 0.1));
        Assert.Equal(ClaimOutcome.Inconclusive, Judge.Within(new Interval(-0.1, -0.3, 0.05, 3, "x"), 0.1)); // straddles -0.1
    }

    [Fact]
    public void TwoBaselines_WithUnequalRuns_PairTheRunsBothHave()
    {
        // (3, 4, 5) against (2, 2, 2, 2): three differences 1, 2, 3.
        var d = Judge.Paired(Baseline(N5, BaselineScheme.Never, (Cost, [3.0, 4, 5])), Baseline(N5, BaselineScheme.Always, (Cost, Constant(2))), Cost);
        Assert.Equal(3, d.N);
        Approx.Equal(2, d.Mean, relative: 1e-12);
    }

    [Fact]
    public void Slope_OfTwoPoints_HasAMeanButNoInterval()
    {
        var slope = Judge.Slope([(1, 1), (3, 5)], "evaluation runs");
        Approx.Equal(2, slope.Mean, relative: 1e-12);
        Assert.False(slope.HasBounds);
        Assert.Equal(2, slope.N);
    }

    [Fact]
    public void Causes_AndOutcomes_InTheWordsOfClaimsCsv()
    {
        Assert.Equal("model: the reward trades", new ClaimCause(CauseClass.Model, "the reward trades").ToString());
        Assert.Equal(["model", "preset", "learner", "paper", "by construction"], new[] { CauseClass.Model, CauseClass.Preset, CauseClass.Learner, CauseClass.Paper, CauseClass.ByConstruction }.Select(c => new ClaimCause(c, "").ClassText));
        Assert.Equal(["holds", "does not hold", "exact tie", "equivalent", "inconclusive", "not evaluated"], Enum.GetValues<ClaimOutcome>().Select(Claim.Text));
        Assert.Equal(["consistent", "differs", "n/a"], new[] { Magnitude.Consistent, Magnitude.Differs, Magnitude.NotApplicable }.Select(Claim.Text));

        var claim = new Claim("fig5", "X", ClaimOutcome.Holds, "");
        Assert.Equal("holds", claim.OutcomeText);
        Assert.Equal("holds (partial)", (claim with { Partial = true }).OutcomeText);
        Assert.Equal("not evaluated", (claim with { Partial = true, Outcome = ClaimOutcome.NotEvaluated }).OutcomeText);
        Assert.True(claim.FromPaper);

        // One cause per claim, its class first; a claim without one that could not be diagnosed says why.
        Assert.Equal("preset: holds at 3 of 9 points", (claim with { Cause = new(CauseClass.Preset, "holds at 3 of 9 points") }).CauseText);
        Assert.Equal("undetermined: no calibration", (claim with { CauseUndetermined = "no calibration" }).CauseText);
        Assert.Equal("", claim.CauseText);
    }
}
