namespace EdgeMine.Experiments;

/// <summary>
/// Where a claim that does not hold points (MODEL.md section 11), or that a claim is true by construction. Learner is
/// our addition to the section's three classes: the per-slot optimum satisfies the claim, so a learner that does not
/// falls short of what the model allows.
/// </summary>
internal enum CauseClass
{
    /// <summary>A consequence of the model: even the reward-maximising per-slot optimum does not satisfy the claim.</summary>
    Model,

    /// <summary>The preset's choice of a constant the paper does not state (MODEL.md section 9).</summary>
    Preset,

    /// <summary>Our learner (its settings or its training budget) falls short where the optimum shows the claim is possible.</summary>
    Learner,

    /// <summary>An inconsistency of the paper itself (MODEL.md section 12).</summary>
    Paper,

    /// <summary>Not a cause of failure: the claim holds by construction of the model.</summary>
    ByConstruction,
}
