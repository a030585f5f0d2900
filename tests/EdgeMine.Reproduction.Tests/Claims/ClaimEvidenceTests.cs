using EdgeMine.Experiments;

namespace EdgeMine.Tests.Claims;

/// <summary>The paper's contradictions of MODEL.md sections 5 and 9, by the claims that rest on them: never a stated choice.</summary>
public sealed class ClaimEvidenceTests
{
    [Fact]
    public void PaperContradictions_NameTheClaimsThatRestOnThem()
    {
        // Fig. 5's NO cost at M = 12 (section 9, 13); Tables II/III's power and latency of NO and EO at N = 5 and 10
        // (section 9); Fig. 7's usage-pattern privacy (eq. 8 against the text, section 5).
        var evidence = ClaimEvidence.Default.Paper;
        Assert.Equal(
            ["fig5.no-costs-most", "table3.power.n5", "table3.power.n10", "table3.latency.n5", "table3.latency.n10", "fig7.privacy-rises", "fig7.margins.d10", "fig7.margins.d100"],
            evidence.Select(e => e.ClaimId));
        Assert.All(evidence, e => Assert.False(e.StatedChoice));
        Assert.Contains("MODEL.md sections 9 and 13", evidence[0].Reason, StringComparison.Ordinal);
        Assert.All(evidence.Skip(1).Take(4), e => Assert.Contains("Tables II and III", e.Reason, StringComparison.Ordinal));
        Assert.All(evidence.Skip(5), e => Assert.Contains("eq. 8", e.Reason, StringComparison.Ordinal));
        Assert.Null(ClaimEvidence.Default.Calibration);
        Assert.Empty(ClaimEvidence.Default.Proofs);
    }
}
