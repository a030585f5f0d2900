using EdgeMine.Experiments;
using EdgeMine.Schemes;
using EdgeMine.Simulation;
using static EdgeMine.Tests.Claims.Synthetic;

namespace EdgeMine.Tests.Claims;

/// <summary>
/// The share of a gap a learner captures, and L - (1 - s) F - s T with its paired interval, by hand: from F = 2.5 to
/// T = 3.5 at s = 0.8 the reference is 0.2 * 2.5 + 0.8 * 3.5 = 3.3. t(2) = 4.303, t(3) = 3.182.
/// </summary>
public sealed class GapCaptureTests
{
    private static readonly Setting N5 = new(5, 2, 0.5);
    private static readonly Metric Cost = Metrics.Cost;
    private static readonly double[] Noise = [0.1, -0.1, 0.1, -0.1];
    private static readonly ResultRow From = Baseline(N5, BaselineScheme.Never, (Cost, Constant(2.5)));
    private static readonly ResultRow To = Baseline(N5, BaselineScheme.Always, (Cost, Constant(3.5)));

    [Fact]
    public void Ratio_IsTheShareOfTheGap_InEitherDirection_AndNaNWithoutAGap()
    {
        Approx.Equal(0.9, GapCapture.Ratio(3.4, 2.5, 3.5), relative: 1e-12); // 0.9 / 1
        Approx.Equal(0.5, GapCapture.Ratio(2, 3, 1), relative: 1e-12); // -1 / -2
        Approx.Equal(-0.25, GapCapture.Ratio(2.25, 2.5, 3.5), relative: 1e-12); // below the reference it starts from
        Assert.True(double.IsNaN(GapCapture.Ratio(3, 3, 3)));
        Assert.True(double.IsNaN(GapCapture.Ratio(4, 3, 3))); // no gap: not 1 / 0 = infinity
    }

    [Fact]
    public void Excess_OneSeed_IsOverTheEvaluationRuns()
    {
        // One seed at 3.4 with the noise: runs 3.5, 3.3, 3.5, 3.3, less 3.3: 0.2, 0, 0.2, 0; mean 0.1, sd sqrt(0.04 / 3).
        var learner = Learner(N5, ReproductionSchemes.DrloPaper, Noise, (Cost, [3.4]));
        var excess = GapCapture.Excess(learner, From, To, 0.8, Cost);
        Assert.Equal(("evaluation runs", 4), (excess.Units, excess.N));
        Approx.Equal(0.1, excess.Mean, relative: 1e-9);
        Approx.Equal(0.1 - (3.182 * Math.Sqrt(0.04 / 3 / 4)), excess.Low, relative: 1e-9);
        Approx.Equal(0.1 + (3.182 * Math.Sqrt(0.04 / 3 / 4)), excess.High, relative: 1e-9);
    }

    [Fact]
    public void Excess_OverTheFewestRunsOfTheThreeRows()
    {
        // The target with 3 runs: the first three runs only, 0.2, 0, 0.2: mean 0.2 / 1.5 = 0.1333...
        var learner = Learner(N5, ReproductionSchemes.DrloPaper, Noise, (Cost, [3.4]));
        var to = Baseline(N5, BaselineScheme.Always, (Cost, Constant(3.5, runs: 3)));
        var excess = GapCapture.Excess(learner, From, to, 0.8, Cost);
        Assert.Equal(3, excess.N);
        Approx.Equal(0.4 / 3, excess.Mean, relative: 1e-9);
        excess = GapCapture.Excess(learner, Baseline(N5, BaselineScheme.Never, (Cost, Constant(2.5, runs: 2))), To, 0.8, Cost);
        Assert.Equal(2, excess.N); // runs 0.2, 0
        Approx.Equal(0.1, excess.Mean, relative: 1e-9);
    }

    [Fact]
    public void Excess_SeveralSeeds_IsOverTheSeedsAgainstTheReferencesMeans()
    {
        // Seeds 3.3, 3.4, 3.5 less 3.3: 0, 0.1, 0.2, mean 0.1, sd 0.1, half-width 4.303 * 0.1 / sqrt(3) = 0.248; the runs'
        // combination (0.2, 0, 0.2, 0: half-width 3.182 * 0.0577 = 0.184) is narrower, so the seeds decide.
        var learner = Learner(N5, ReproductionSchemes.DrloPaper, Noise, (Cost, [3.3, 3.4, 3.5]));
        var excess = GapCapture.Excess(learner, From, To, 0.8, Cost);
        Assert.Equal(("training seeds", 3), (excess.Units, excess.N));
        Approx.Equal(0.1, excess.Mean, relative: 1e-9);
        Approx.Equal(0.1 - (4.303 * 0.1 / Math.Sqrt(3)), excess.Low, relative: 1e-9);
        Approx.Equal(0.1 + (4.303 * 0.1 / Math.Sqrt(3)), excess.High, relative: 1e-9);
    }

    [Fact]
    public void Excess_SeedsThatAgree_AreJudgedOnTheEvaluationRuns()
    {
        // Seeds 3.4, 3.4, 3.4 (half-width 0): the runs' combination 0.2, 0, 0.2, 0 is wider and decides.
        var learner = Learner(N5, ReproductionSchemes.DrloPaper, Noise, (Cost, [3.4, 3.4, 3.4]));
        var excess = GapCapture.Excess(learner, From, To, 0.8, Cost);
        Assert.Equal(("evaluation runs", 4), (excess.Units, excess.N));
        Approx.Equal(0.1, excess.Mean, relative: 1e-9);
        Approx.Equal(0.1 + (3.182 * Math.Sqrt(0.04 / 3 / 4)), excess.High, relative: 1e-9);
    }

    [Fact]
    public void Excess_WithoutARow_IsRefused()
    {
        var learner = Learner(N5, ReproductionSchemes.DrloPaper, Noise, (Cost, [3.4]));
        Assert.Equal("learner", Assert.Throws<ArgumentNullException>(() => GapCapture.Excess(null!, From, To, 0.8, Cost)).ParamName);
        Assert.Equal("from", Assert.Throws<ArgumentNullException>(() => GapCapture.Excess(learner, null!, To, 0.8, Cost)).ParamName);
        Assert.Equal("to", Assert.Throws<ArgumentNullException>(() => GapCapture.Excess(learner, From, null!, 0.8, Cost)).ParamName);
    }
}
