using EdgeMine.Experiments;
using EdgeMine.Schemes;
using EdgeMine.Simulation;
using EdgeMine.Tests.Claims;

namespace EdgeMine.Tests.Experiments;

/// <summary>
/// How a learner's headroom reads in the report when it is not given: off scale (more than 100 gaps from the best rule,
/// issue 21) or a denominator that is noise (the best rule within noise of the optimum). Values worked by hand.
/// </summary>
public sealed class LearnerStandingTests
{
    private static readonly Setting N5 = new(5, 2, 0.5);

    private static LearnerStanding Standing(double learnerReward, double bestBaselineReward, double optimalReward)
    {
        var row = Synthetic.Learner(N5, ReproductionSchemes.Rlo, [0, 0], (Metrics.Reward, [learnerReward]));
        var references = new SettingReferences(-10, optimalReward, optimalReward, BaselineScheme.Never, bestBaselineReward, 10);
        var yardsticks = new Yardsticks(double.NaN, double.NaN, double.NaN, double.NaN);
        return new LearnerStanding("table2", N5, ReproductionSchemes.Rlo, row, yardsticks, references, ClaimOutcome.DoesNotHold, null);
    }

    [Fact]
    public void A_headroom_off_scale_says_so()
    {
        // NO at -2, the optimum at -1.9 (a gap of 0.1); the learner at -12.5 is (-12.5 + 2) / 0.1 = -105 gaps away: off scale.
        Assert.StartsWith("n/a (off scale: more than 100 times", Standing(-12.5, -2, -1.9).HeadroomText);
    }

    [Fact]
    public void A_headroom_whose_denominator_is_noise_says_so()
    {
        // The learner at -2.5 is (-2.5 + 2) / 0.1 = -5 gaps away, on scale: its headroom is missing because the
        // denominator was judged noise (the yardsticks say NaN), and the text says the rule is within noise of the optimum.
        Assert.Equal("n/a (NO is within noise of the optimum)", Standing(-2.5, -2, -1.9).HeadroomText);
    }
}
