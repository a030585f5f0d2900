using EdgeMine.Experiments;

namespace EdgeMine.Tests.Claims;

/// <summary>
/// Duplicates by their parts' keys (every part keyed, compared as a set), and Holm-Bonferroni across the paper's claims
/// not counted apart: k = 3 p-values 0.01, 0.02, 0.04 against 0.05/3, 0.05/2, 0.05/1 are all rejected.
/// </summary>
public sealed class ClaimSetTests
{
    private static ClaimPart Keyed(string? key) => new(ClaimOutcome.Holds, null, 1, "d") { Key = key };

    private static Claim WithParts(string id, params ClaimPart[] parts) => new("table2", id, ClaimOutcome.Holds, "d") { Id = id, Parts = parts };

    [Fact]
    public void MarkDuplicates_AClaimWithAPartWithoutAKey_IsNeverADuplicate()
    {
        // B's keyed part is A's, but its other part has no key: B's comparisons are not known to be A's.
        var marked = ClaimSet.MarkDuplicates([WithParts("a", Keyed("k1")), WithParts("b", Keyed("k1"), Keyed(null))]);
        Assert.Equal(["", ""], marked.Select(c => c.DuplicateOf));
    }

    [Fact]
    public void MarkDuplicates_ClaimsWithoutKeys_AreKeptOnceEach_Unmarked()
    {
        var marked = ClaimSet.MarkDuplicates([WithParts("a", Keyed(null)), WithParts("b", Keyed(null)), WithParts("c")]);
        Assert.Equal(["a", "b", "c"], marked.Select(c => c.Id));
        Assert.All(marked, c => Assert.Equal("", c.DuplicateOf));
    }

    [Fact]
    public void MarkDuplicates_KeysAreComparedWhole_NotRunTogether()
    {
        // "a" + "bc" and "ab" + "c" read the same run together; as keys they are different comparisons.
        var marked = ClaimSet.MarkDuplicates([WithParts("x", Keyed("a"), Keyed("bc")), WithParts("y", Keyed("ab"), Keyed("c")), WithParts("z", Keyed("bc"), Keyed("a"))]);
        Assert.Equal(["", "", "x"], marked.Select(c => c.DuplicateOf));
    }

    [Fact]
    public void AcrossThePaper_OneFamilyOfThePapersClaimsNotCountedApart()
    {
        ClaimPart Tested(ClaimOutcome outcome, double support, double p) => new(outcome, null, support, "d") { PValue = p };
        var first = WithParts("first", Tested(ClaimOutcome.Holds, 1, 0.01), Tested(ClaimOutcome.Holds, 1, 0.04));
        var second = WithParts("second", Tested(ClaimOutcome.DoesNotHold, -1, 0.02)) with { Outcome = ClaimOutcome.DoesNotHold };
        var ours = WithParts("ours", Tested(ClaimOutcome.Holds, 1, 0.2)) with { FromPaper = false };
        var duplicate = WithParts("dup", Tested(ClaimOutcome.Holds, 1, 0.3)) with { DuplicateOf = "first" };
        var judged = ClaimSet.AcrossThePaper([first, ours, second, duplicate]);

        // The family is first's two parts and second's one: 0.01, 0.02, 0.04, all rejected (see above). Were ours
        // (0.2) or the duplicate (0.3) in it, k = 4 would stop the procedure at its second, 0.02 > 0.05 / 3.
        Assert.Equal(ClaimOutcome.Holds, judged[0].OutcomeAcrossPaper);
        Assert.Null(judged[1].OutcomeAcrossPaper);
        Assert.Equal(ClaimOutcome.DoesNotHold, judged[2].OutcomeAcrossPaper);
        Assert.Null(judged[3].OutcomeAcrossPaper);
    }

    [Fact]
    public void AcrossThePaper_APValueNotTested_IsLeftOut()
    {
        // first's second part was not evaluated: the family is 0.03 alone (k = 1), rejected at 0.05.
        var first = WithParts("first", new ClaimPart(ClaimOutcome.Holds, null, 1, "d") { PValue = 0.03 }, ClaimPart.NotEvaluated("n/a"));
        Assert.Equal(ClaimOutcome.Holds, ClaimSet.AcrossThePaper([first])[0].OutcomeAcrossPaper);
    }

    [Fact]
    public void SeedSubsets_NoneWithoutSeeds_AndTheGuards()
    {
        Assert.Empty(ClaimSet.SeedSubsets(0));
        Assert.Equal("claims", Assert.Throws<ArgumentNullException>(() => ClaimSet.MarkDuplicates(null!)).ParamName);
        Assert.Equal("claims", Assert.Throws<ArgumentNullException>(() => ClaimSet.AcrossThePaper(null!)).ParamName);
    }
}
