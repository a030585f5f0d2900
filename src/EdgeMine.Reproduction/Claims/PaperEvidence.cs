namespace EdgeMine.Experiments;

/// <summary>
/// Evidence that the paper itself causes a claim's failure (MODEL.md section 11, class "paper"): its own stated choice
/// decides the claim (e.g. its discount of 0.85, shown by an ablation), or the paper contradicts itself where the claim
/// needs it (MODEL.md section 9's list).
/// </summary>
/// <param name="ClaimId">The claim's stable id.</param>
/// <param name="Reason">What the paper chose or where it contradicts itself, with the numbers that show it.</param>
/// <param name="StatedChoice">
/// True for a stated choice shown to decide the claim (it outranks every other cause); false for a contradiction, used
/// only when no point of the calibration satisfies the claim.
/// </param>
internal sealed record PaperEvidence(string ClaimId, string Reason, bool StatedChoice);
