using EdgeMine.Experiments;

namespace EdgeMine.Tests.Claims;

/// <summary>
/// A claim judged again with the paper's stated choice flipped: the evidence of cause "paper" only when it then holds and
/// no learner is handicapped by the change, and the report's line for each of the three cases, word for word.
/// </summary>
public sealed class ChoiceReexaminationTests
{
    private static readonly StatedChoice Discount = new("discount", "discount of 0.85 [Alg. 1-2]", "discount 0", []);

    private static ChoiceReexamination Reexamined(ClaimOutcome flipped, params string[] weakened) =>
        new("table2.drlo-below-rlo", Discount, "DRLO (paper DQN) and RLO", ["ablation.gamma-0", "ablation.rlo-gamma-0"], flipped, "-0.5 +- 0.2 over 3 training seeds", weakened);

    [Fact]
    public void Evidence_WhenItHoldsFlipped_AndNoLearnerIsWeakened_IsTheStatedChoice()
    {
        var evidence = Reexamined(ClaimOutcome.Holds).Evidence;
        Assert.NotNull(evidence);
        Assert.Equal("table2.drlo-below-rlo", evidence.ClaimId);
        Assert.True(evidence.StatedChoice);
        Assert.Equal(
            "the paper's stated discount of 0.85 [Alg. 1-2] decides it: with DRLO (paper DQN) and RLO at discount 0 instead (this run's ablation cells: ablation.gamma-0, ablation.rlo-gamma-0) it holds (-0.5 +- 0.2 over 3 training seeds); with the paper's choice it does not",
            evidence.Reason);
    }

    [Fact]
    public void Evidence_WhenItStillFails_IsNone()
    {
        foreach (var flipped in new[] { ClaimOutcome.DoesNotHold, ClaimOutcome.Inconclusive, ClaimOutcome.NotEvaluated })
        {
            Assert.Null(Reexamined(flipped).Evidence);
        }
    }

    [Fact]
    public void Evidence_WhenTheChangeHandicapsALearner_IsNone() =>
        Assert.Null(Reexamined(ClaimOutcome.Holds, "RLO at N = 5").Evidence);

    [Fact]
    public void Text_SaysForEachCaseWhatTheFlipShows()
    {
        const string Head = "with DRLO (paper DQN) and RLO at discount 0 (ablation.gamma-0, ablation.rlo-gamma-0) it ";
        const string Tail = " (-0.5 +- 0.2 over 3 training seeds)";
        Assert.Equal(Head + "holds, so its cause is \"paper\"" + Tail, Reexamined(ClaimOutcome.Holds).Text);
        Assert.Equal(Head + "comes out does not hold, so the discount does not decide it" + Tail, Reexamined(ClaimOutcome.DoesNotHold).Text);
        Assert.Equal(
            Head + "holds, but only as the change lowers the reward of RLO at N = 5 and DRLO (paper DQN) at N = 5: a handicap, not a cause" + Tail,
            Reexamined(ClaimOutcome.Holds, "RLO at N = 5", "DRLO (paper DQN) at N = 5").Text);
    }
}
