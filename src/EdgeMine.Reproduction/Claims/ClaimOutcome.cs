namespace EdgeMine.Experiments;

/// <summary>How a claim of the paper fares in our numbers (MODEL.md section 11).</summary>
internal enum ClaimOutcome
{
    /// <summary>Every part's 95% interval excludes the null in the claimed direction.</summary>
    Holds,

    /// <summary>No part goes against the claim outside noise, but some part is not decided (ties included).</summary>
    Indistinguishable,

    /// <summary>Some part's 95% interval excludes the null against the claim.</summary>
    DoesNotHold,

    /// <summary>The data the claim needs is missing (not-applicable cells, experiment not run, sizes too small).</summary>
    NotEvaluated,
}
