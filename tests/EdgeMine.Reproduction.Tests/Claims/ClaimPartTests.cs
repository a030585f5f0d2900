using EdgeMine.Experiments;

namespace EdgeMine.Tests.Claims;

/// <summary>A part's outcome as Holm's correction leaves it, and whether the paper's value lies inside its interval (bounds included).</summary>
public sealed class ClaimPartTests
{
    private static ClaimPart Part(ClaimOutcome outcome, double support, double pValue) =>
        new(outcome, new Interval(support, support - 1, support + 1, 3, "training seeds"), support, "d") { PValue = pValue, Undecided = ClaimOutcome.Equivalent };

    [Fact]
    public void HolmOutcome_APartWithoutAPValue_KeepsItsOutcome()
    {
        // A window test has no p-value: Holm leaves it as it is, rejected or not.
        Assert.Equal(ClaimOutcome.Holds, Part(ClaimOutcome.Holds, 1, double.NaN).HolmOutcome(false));
        Assert.Equal(ClaimOutcome.DoesNotHold, Part(ClaimOutcome.DoesNotHold, -1, double.NaN).HolmOutcome(true));
    }

    [Fact]
    public void HolmOutcome_Rejected_IsDecidedBySupportsSign_ElseUndecided()
    {
        Assert.Equal(ClaimOutcome.Holds, Part(ClaimOutcome.Holds, 2, 0.01).HolmOutcome(true));
        Assert.Equal(ClaimOutcome.DoesNotHold, Part(ClaimOutcome.DoesNotHold, -2, 0.01).HolmOutcome(true));
        Assert.Equal(ClaimOutcome.DoesNotHold, Part(ClaimOutcome.DoesNotHold, 0, 0.01).HolmOutcome(true)); // no support is not the claim's way
        Assert.Equal(ClaimOutcome.Equivalent, Part(ClaimOutcome.Holds, 2, 0.04).HolmOutcome(false));
    }

    [Fact]
    public void PaperInside_IncludesBothBounds()
    {
        // The interval 2 +- 1: the paper's 1 and 3 (its bounds) are inside, 0.999 and 3.001 are not.
        ClaimPart With(double paper) => Part(ClaimOutcome.Holds, 2, 0.01) with { PaperValue = paper };
        Assert.True(With(1).PaperInside);
        Assert.True(With(3).PaperInside);
        Assert.False(With(0.999).PaperInside);
        Assert.False(With(3.001).PaperInside);
        Assert.Null(Part(ClaimOutcome.Holds, 2, 0.01).PaperInside);
    }
}
