namespace EdgeMine.Simulation;

/// <summary>The outcomes of a paired comparison "A above B" (MODEL.md section 11).</summary>
public enum PairedOutcome
{
    /// <summary>The 95% interval of A - B lies above 0.</summary>
    Holds,

    /// <summary>The 95% interval of A - B lies below 0.</summary>
    DoesNotHold,

    /// <summary>A and B have identical values in every run: the same policy, as far as these runs tell.</summary>
    ExactTie,

    /// <summary>Two one-sided tests put A - B within the tolerance on both sides.</summary>
    Equivalent,

    /// <summary>None of the above: more runs would be needed to decide.</summary>
    Inconclusive,
}
