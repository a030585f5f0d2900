using EdgeMine.Simulation;

namespace EdgeMine.Tests.Simulation;

/// <summary>MODEL.md section 11's outcomes of a paired comparison and the ranking built on them, on hand-made runs.</summary>
public sealed class RankingTests
{
    [Fact]
    public void Judge_HoldsDoesNotHoldExactTieEquivalentInconclusive()
    {
        // A - B = 1, 1.1, 0.9: mean 1, half-width 4.303 x 0.1 / sqrt(3) = 0.248 > 0: holds; reversed: does not hold.
        double[] b = [0, 0, 0];
        Assert.Equal(PairedOutcome.Holds, PairedComparison.Judge([1, 1.1, 0.9], b, 0.1).Outcome);
        Assert.Equal(PairedOutcome.DoesNotHold, PairedComparison.Judge(b, [1, 1.1, 0.9], 0.1).Outcome);
        Assert.Equal(PairedOutcome.ExactTie, PairedComparison.Judge([2, 3, 4], [2, 3, 4], 0).Outcome);
        // A - B = 0.01, -0.01, 0: mean 0, sd 0.01, half-width 0.0248, inside +-0.05: equivalent; with +-0.02: inconclusive.
        Assert.Equal(PairedOutcome.Equivalent, PairedComparison.Judge([0.01, -0.01, 0], b, 0.05).Outcome);
        var inconclusive = PairedComparison.Judge([0.01, -0.01, 0], b, 0.02);
        Assert.Equal(PairedOutcome.Inconclusive, inconclusive.Outcome);
        Assert.Null(inconclusive.RunsToDecide); // a mean of 0: no number of runs decides it
        // A - B = 1, -0.5, 0.5: mean 1/3, sd 0.764; runs to decide (1.96 x 0.764 / 0.333)^2 = 20.2 -> 21.
        var decide = PairedComparison.Judge([1, -0.5, 0.5], b, 0.01);
        Assert.Equal(PairedOutcome.Inconclusive, decide.Outcome);
        Assert.Equal(21, decide.RunsToDecide);
        Assert.Equal("exact tie", PairedComparison.Word(PairedOutcome.ExactTie));
    }

    [Fact]
    public void Ranking_ByMeanReward_ANewRankOnlyWhereTheOneAboveHolds_TiesKept()
    {
        // opt 3 +- noise above go (exact copy of eo), eo 1: opt holds over eo/go, eo and go tie, go holds over no.
        var ranked = Ranking.Of(
        [
            ("no", [-1, -1.1, -0.9]),
            ("eo", [1, 1.2, 0.8]),
            ("go", [1, 1.2, 0.8]),
            ("optimal", [3, 3.1, 2.9]),
        ]);
        Assert.Equal(["optimal", "eo", "go", "no"], ranked.Select(r => r.Name));
        Assert.Equal([1, 2, 2, 4], ranked.Select(r => r.Rank));
        Assert.Equal(PairedOutcome.Holds, ranked[0].AgainstNext!.Outcome);
        Assert.Equal(PairedOutcome.ExactTie, ranked[1].AgainstNext!.Outcome);
        Assert.Equal(PairedOutcome.Holds, ranked[2].AgainstNext!.Outcome);
        Assert.Null(ranked[3].AgainstNext);
    }

    [Fact]
    public void Ranking_OrdersByTheMeanReward_NotTheWorstRun()
    {
        // "wide" 0, 10: mean 5 (worst run 0); "steady" 3, 3: mean 3 (worst run 3). By mean, wide first.
        var ranked = Ranking.Of([("steady", [3.0, 3.0]), ("wide", [0.0, 10.0])]);
        Assert.Equal(["wide", "steady"], ranked.Select(r => r.Name));
    }

    [Fact]
    public void Ranking_EquivalenceTolerance_IsAShareOfTheRewardScale()
    {
        // Means 100 and 100: scale 100, tolerance 0.01 x 100 = 1. A - B = 0.25, -0.25, 0: mean 0, sd 0.25,
        // half-width 4.303 x 0.25 / sqrt(3) = 0.621: [-0.621, 0.621] within +-1, equivalent (at 0.01 / 100 it would not be).
        var ranked = Ranking.Of([("a", [100.25, 99.75, 100.0]), ("b", [100.0, 100.0, 100.0])]);
        Assert.Equal(["a", "b"], ranked.Select(r => r.Name)); // equal means keep their order
        Assert.Equal(PairedOutcome.Equivalent, ranked[0].AgainstNext!.Outcome);
        Assert.Equal([1, 1], ranked.Select(r => r.Rank));
    }

    [Fact]
    public void Ranking_NullRewards_IsRefusedByName() =>
        Assert.Equal("rewards", Assert.Throws<ArgumentNullException>(() => Ranking.Of(null!)).ParamName);
}
