using EdgeMine.Experiments;

namespace EdgeMine.Tests.Claims;

/// <summary>A claim's derived words and flags: its defaults, fragility across seed subsets, and what would decide an inconclusive claim.</summary>
public sealed class ClaimPropertiesTests
{
    private static ClaimPart Inconclusive(int? units, int n) =>
        new(ClaimOutcome.Inconclusive, new Interval(0.1, -1, 1.2, n, "training seeds"), 0.1, "d") { UnitsToDecide = units };

    [Fact]
    public void ANewClaim_HasNoIdToleranceOrParts()
    {
        var claim = new Claim("table2", "DRLO costs least", ClaimOutcome.Holds, "detail");
        Assert.Equal("", claim.Id);
        Assert.Equal("", claim.Tolerance);
        Assert.Empty(claim.Parts);
        Assert.True(claim.FromPaper);
    }

    [Fact]
    public void Fragile_OnlyWhenTheSeedSubsetsDisagree()
    {
        var claim = new Claim("table2", "s", ClaimOutcome.Holds, "d");
        Assert.False(claim.Fragile); // no subsets
        Assert.False((claim with { SeedOutcomes = [(1, ClaimOutcome.Holds), (3, ClaimOutcome.Holds)] }).Fragile);
        Assert.True((claim with { SeedOutcomes = [(1, ClaimOutcome.Holds), (3, ClaimOutcome.Inconclusive)] }).Fragile);
    }

    [Fact]
    public void Deciding_TheMostUnitsAnyUndecidedPartNeeds()
    {
        var claim = new Claim("table2", "s", ClaimOutcome.Inconclusive, "d") { Parts = [Inconclusive(12, 3), Inconclusive(40, 5)] };
        Assert.Equal("about 40 training seeds would decide it at the observed effect (it has 5)", claim.Deciding);
    }

    [Fact]
    public void Deciding_APartThatNoNumberDecides_SaysSo_AndADecidedClaimSaysNothing()
    {
        var claim = new Claim("table2", "s", ClaimOutcome.Inconclusive, "d") { Parts = [Inconclusive(12, 3), Inconclusive(null, 1)] };
        Assert.Equal("no number of units decides it at the observed effect (an effect of 0, or a single unit without an interval)", claim.Deciding);
        Assert.Equal("", (claim with { Outcome = ClaimOutcome.Holds }).Deciding);
    }
}
