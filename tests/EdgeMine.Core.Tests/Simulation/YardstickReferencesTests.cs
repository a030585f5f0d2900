using EdgeMine.Model;
using EdgeMine.Policies;
using EdgeMine.Simulation;

namespace EdgeMine.Tests.Simulation;

/// <summary>
/// The yardsticks that know what they measure (issues 21 and 26): ratios dropped when their denominator is noise, the
/// fractional optimum for a policy that took a fractional action, the flag of a policy above its yardstick, and whether
/// the per-slot optimum bounds the runs. Expected values are worked out by hand in the comments.
/// </summary>
public sealed class YardstickReferencesTests
{
    // Three runs. Random -10, -10, -10; optimum -4, -3, -2 (mean -3); fractional optimum -2, -1, 0 (mean -1);
    // best baseline -5, -4, -3 (mean -4). Optimum - Random = 6, 7, 8: mean 7, interval 7 +- 4.303 x 1 / sqrt(3) = 7 +- 2.48.
    private static readonly YardstickReferences References = new(
        Random: [-10, -10, -10],
        Optimal: [-4, -3, -2],
        FractionalOptimal: [-2, -1, 0],
        BestBaseline: [-5, -4, -3],
        Tasks: 2,
        RewardScale: 5);

    [Fact]
    public void BinaryPolicy_IsMeasuredAgainstTheBinaryOptimum_AndKeepsTheFractionalRatio()
    {
        // R = -4, -3.5, -3 (mean -3.5): ratio (-3.5 + 10) / 7 = 0.928571; headroom (-3.5 + 4) / (-3 + 4) = 0.5;
        // regret (-3 + 3.5) / 2 = 0.25; fractional ratio (-3.5 + 10) / (-1 + 10) = 6.5 / 9.
        var y = References.Of([-4, -3.5, -3], fractionalActions: false);
        Assert.Equal("optimal", y.Yardstick);
        Assert.Equal(6.5 / 7, y.OptimalityRatio, 12);
        Assert.Equal(0.5, y.HeadroomCaptured, 12);
        Assert.Equal(0.25, y.RegretPerTask, 12);
        Assert.Equal(6.5 / 9, y.FractionalOptimalityRatio, 12);
        Assert.False(y.AboveYardstick); // R - R_opt = 0, -0.5, -1: below
    }

    [Fact]
    public void FractionalPolicy_IsMeasuredAgainstTheFractionalOptimum()
    {
        // R = -2, -1.5, -1 (mean -1.5): against the fractional optimum, ratio (-1.5 + 10) / (-1 + 10) = 8.5 / 9;
        // headroom (-1.5 + 4) / (-1 + 4) = 2.5 / 3; regret (-1 + 1.5) / 2 = 0.25. Against the binary optimum it would
        // read 8.5 / 7 > 1: a fractional rule "beating the optimum" (issue 26).
        var y = References.Of([-2, -1.5, -1], fractionalActions: true);
        Assert.Equal("optimal-fractional", y.Yardstick);
        Assert.Equal(8.5 / 9, y.OptimalityRatio, 12);
        Assert.Equal(2.5 / 3, y.HeadroomCaptured, 12);
        Assert.Equal(0.25, y.RegretPerTask, 12);
        Assert.Equal(y.OptimalityRatio, y.FractionalOptimalityRatio, 12);
        Assert.True(y.YardstickIsBound);
    }

    [Fact]
    public void FractionalPolicy_WithoutAFractionalOptimum_HasNoYardstick()
    {
        var y = (References with { FractionalOptimal = null }).Of([-2, -1.5, -1], fractionalActions: true);
        Assert.Equal("none", y.Yardstick);
        Assert.True(double.IsNaN(y.OptimalityRatio) && double.IsNaN(y.HeadroomCaptured) && double.IsNaN(y.RegretPerTask));
        Assert.False(y.AboveYardstick);
    }

    [Fact]
    public void AboveTheYardstick_OnlyWhenThePairedIntervalIsAboveZero()
    {
        // R - R_opt = 1, 1.1, 0.9: mean 1, sd 0.1, half-width 4.303 x 0.1 / sqrt(3) = 0.248: [0.75, 1.25], above 0.
        var above = References.Of([-3, -1.9, -1.1], fractionalActions: false);
        Assert.True(above.AboveYardstick);
        Assert.Equal(1, above.AboveYardstickBy!.Value.Mean, 12);
        // R - R_opt = 2, -1, 0.5: mean 0.5, sd 1.5, half-width 4.303 x 1.5 / sqrt(3) = 3.73: the interval holds 0.
        Assert.False(References.Of([-2, -4, -1.5], fractionalActions: false).AboveYardstick);
    }

    [Fact]
    public void HeadroomIsDropped_WhenItsDenominatorsIntervalIncludesZero()
    {
        // Best baseline -3.5, -3.5, -1.5 against the optimum -4, -3, -2: differences -0.5, 0.5, -0.5 (mean -1/6 < 0):
        // dropped. Best baseline -4.5, -2.5, -2.5: differences 0.5, -0.5, 0.5, mean 1/6 > 0 but sd 0.577, half-width
        // 4.303 x 0.577 / sqrt(3) = 1.43: the interval holds 0, dropped too. The optimality ratio (interval [4.5, 9.5]) stays.
        var y = (References with { BestBaseline = [-4.5, -2.5, -2.5] }).Of([-4, -3.5, -3], fractionalActions: false);
        Assert.True(double.IsNaN(y.HeadroomCaptured));
        Assert.Equal(6.5 / 7, y.OptimalityRatio, 12);
        Assert.True(double.IsNaN((References with { BestBaseline = [-3.5, -3.5, -1.5] }).Of([-4, -3.5, -3], false).HeadroomCaptured));
    }

    [Fact]
    public void HeadroomIsDropped_WhenItsDenominatorIsBelowAThousandthOfTheScale()
    {
        // Best baseline 1e-6 below the optimum in every run (an interval of width 0, above 0), scale 5: 1e-6 < 5e-3,
        // dropped; this is Fig. 6 at M = 7, where EO is within 1e-6 of the optimum and the headroom read -1,216,313.
        // 0.01 below in every run: 0.01 >= 5e-3, kept: (-3.5 - (-3.01)) / 0.01 = -49.
        var tiny = References with { BestBaseline = [-4 - 1e-6, -3 - 1e-6, -2 - 1e-6] };
        Assert.True(double.IsNaN(tiny.Of([-4, -3.5, -3], false).HeadroomCaptured));
        var small = References with { BestBaseline = [-4.01, -3.01, -2.01] };
        Assert.Equal(-49, small.Of([-4, -3.5, -3], false).HeadroomCaptured, 6);
    }

    [Fact]
    public void A_catastrophic_scheme_does_not_make_a_real_denominator_noise()
    {
        // N = 1,000, calibrated (measured): NO -1999.5, the optimum -1987.8, EO -4.3e7, so the mean |reward| of the schemes
        // is about 1e7 and 1e-3 of it (1e4) would drop the headroom's denominator 11.7. Judged at the scale of the two
        // rewards it is the difference of, min(1e7, max(1999.5, 1987.8)) = 1999.5, it stands (11.7 >= 2.0): the headroom
        // of a learner at -1989.5 is (-1989.5 + 1999.5) / 11.7 = 10 / 11.7.
        Assert.Equal(1999.5, Yardsticks.ScaleOfRatio(1e7, -1999.5, -1987.8));
        Approx.Equal(10 / 11.7, Yardsticks.Ratio(-1989.5, -1999.5, -1987.8, scale: 1e7), relative: 1e-9);
        // A denominator of 1e-6 between rewards near -5 stays noise whatever the scale: 1e-6 < 1e-3 x 5.
        Assert.True(double.IsNaN(Yardsticks.Ratio(-5.5, -5.000001, -5.0, scale: 1e7)));
    }

    [Fact]
    public void A_ratio_beyond_100_is_off_scale_and_not_given()
    {
        // From -2,000 to -1,990 (a gap of 10, meaningful at any scale up to 10,000): a reward of -3,000 is
        // (-3,000 + 2,000) / 10 = -100, kept (the rule is |ratio| <= 100); -3,000.5 is -100.05, dropped; -1,990 + 1,000.5
        // is +100.05 above, dropped too.
        Assert.Equal(-100, Yardsticks.Ratio(-3000, -2000, -1990, scale: 2000), 12);
        Assert.True(double.IsNaN(Yardsticks.Ratio(-3000.5, -2000, -1990, scale: 2000)));
        Assert.True(double.IsNaN(Yardsticks.Ratio(-989.5, -2000, -1990, scale: 2000)));
        Assert.True(double.IsNaN(Yardsticks.Ratio(-3000.5, -2000, -1990)));
        // Through the paired references: the best baseline -5, -4, -3 and the optimum -4, -3, -2 (a gap of 1 in every
        // run); a scheme at -106, -105, -104 is (-105 + 4) / 1 = -101 gaps below: no headroom. Its optimality ratio,
        // (-105 + 10) / 7 = -13.6, stays.
        var far = References.Of([-106, -105, -104], fractionalActions: false);
        Assert.True(double.IsNaN(far.HeadroomCaptured));
        Assert.Equal(-95.0 / 7, far.OptimalityRatio, 12);
    }

    [Fact]
    public void Meaningful_AtOneRun_JudgesBySignAndScaleAlone()
    {
        Assert.True(Yardsticks.Meaningful(new Estimate(0.01, double.NaN, 1), scale: 1));   // 0.01 >= 1e-3
        Assert.False(Yardsticks.Meaningful(new Estimate(1e-4, double.NaN, 1), scale: 1));  // 1e-4 < 1e-3
        Assert.False(Yardsticks.Meaningful(new Estimate(-1, double.NaN, 1), scale: 1));
        Assert.False(Yardsticks.Meaningful(new Estimate(1, 1.5, 5), scale: 1));           // [-0.5, 2.5] holds 0
    }

    [Fact]
    public void ScaleOf_IsTheMeanAbsoluteReward_OneWhenAllAreZero()
    {
        Assert.Equal(2, YardstickReferences.ScaleOf([-1, 3, -2, double.NaN]), 12); // (1 + 3 + 2) / 3
        Assert.Equal(1, YardstickReferences.ScaleOf([0, 0]));
    }

    [Fact]
    public void CarriesOver_WhenAnyRunHadBufferedDataOrABacklog()
    {
        Assert.False(YardstickReferences.CarriesOver([0, 0], [0, 0]));
        Assert.True(YardstickReferences.CarriesOver([0, 1e-300], [0, 0]));
        Assert.True(YardstickReferences.CarriesOver([0, 0], [5, 0]));
    }

    [Fact]
    public void Bounds_NeedsNothingCarriedOver_AndNoSlotWhereACapCouldBind()
    {
        Assert.True(YardstickReferences.Bounds([0, 0], [0, 0], slotsWhereACapCouldBind: 0));
        Assert.True(YardstickReferences.Bounds([0, 0], [0, 0], slotsWhereACapCouldBind: null)); // not counted (the fractional optimum)
        Assert.False(YardstickReferences.Bounds([0, 0], [0, 0], slotsWhereACapCouldBind: 3));   // some policy could buffer
        Assert.False(YardstickReferences.Bounds([0, 0], [0, 2], slotsWhereACapCouldBind: 0));   // its own backlog
    }

    [Theory]
    [InlineData("paper-literal", false)] // X = 18000 makes the MEC slower than a phone: the optimum's backlog grows (MODEL.md section 13)
    [InlineData("calibrated", true)]     // no cap binds and the MEC clears each slot
    public void PerSlotOptimumIsBound_FromItsOwnRuns(string preset, bool bound)
    {
        var setup = ComparisonSetup.Of(preset, new EnvironmentSettings { Miners = 5, TasksPerMiner = 2, Beta = 0.5 }) with { Runs = 3, Slots = 200, Seed = 7 };
        var comparison = Comparison.Run([new NeverOffload()], setup);
        Assert.Equal(bound, comparison.PerSlotOptimumIsBound);
        Assert.Equal(bound, comparison["no"].Yardsticks.YardstickIsBound);
        Assert.Equal(!bound, YardstickReferences.CarriesOver(comparison["optimal"].Summary));
        Assert.Contains("\"per_slot_optimum_is_bound\":" + (bound ? "true" : "false"), comparison.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheTwoLineFractionalRule_IsNotAboveTheFractionalOptimum()
    {
        // Issue 26: offload everything under a good channel and 30% under a bad one (N = 3, M = 2, calibrated) read
        // ratio 1.665 against the binary optimum. It takes fractional actions, so its yardstick is the fractional
        // optimum, which maximises every slot's reward over [0, 1]^(N M): the rule cannot beat it in any slot.
        var setup = ComparisonSetup.Of("calibrated", new EnvironmentSettings { Miners = 3, TasksPerMiner = 2, Beta = 0.5 }) with { Runs = 5, Slots = 300 };
        var comparison = Comparison.Run([new TwoLineRule()], setup);
        var rule = comparison["two-line"];
        Assert.True(rule.Summary.FractionalActions);
        Assert.False(comparison["go"].Summary.FractionalActions);
        Assert.Equal("optimal-fractional", rule.Yardsticks.Yardstick);
        Assert.False(rule.Yardsticks.AboveYardstick);
        Assert.True(rule.Yardsticks.OptimalityRatio <= 1 + 1e-12, $"ratio {rule.Yardsticks.OptimalityRatio}");
        Assert.True(rule.Yardsticks.AboveYardstickBy!.Value.Mean <= 1e-12);
        Assert.Contains("\"yardstick\":\"optimal-fractional\"", comparison.ToJson(), StringComparison.Ordinal);
        Assert.Equal("optimal", comparison["go"].Yardsticks.Yardstick);
    }

    private sealed class TwoLineRule : IOffloadingPolicy
    {
        public string Name => "two-line";

        public void Reset(ulong seed)
        {
        }

        public void Act(MiningEnvironment environment, Span<double> action)
        {
            int m = environment.Settings.TasksPerMiner;
            for (int i = 0; i < action.Length; i++)
            {
                action[i] = environment.ChannelGood[i / m] ? 1 : 0.3;
            }
        }
    }
}
