namespace EdgeMine.Experiments;

/// <summary>How a claim of the paper fares in our numbers (MODEL.md section 11).</summary>
internal enum ClaimOutcome
{
    /// <summary>Every part's 95% interval excludes the null in the claimed direction.</summary>
    Holds,

    /// <summary>Some part's 95% interval excludes the null against the claim.</summary>
    DoesNotHold,

    /// <summary>Not decided, and some part compares identical values in every run and seed: the same policy.</summary>
    ExactTie,

    /// <summary>Not decided, and some part's two one-sided tests place its difference within the claim's tolerance.</summary>
    Equivalent,

    /// <summary>Not decided either way: more seeds or runs would decide it (the claim says how many at the observed effect).</summary>
    Inconclusive,

    /// <summary>The data the claim needs is missing (not-applicable cells, experiment not run, sizes too small).</summary>
    NotEvaluated,
}
