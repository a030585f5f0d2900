namespace EdgeMine.Experiments;

/// <summary>
/// A claim of the paper that does not hold with the paper's stated choice, judged again with every learner it compares
/// replaced by the ablation arm that flips the choice (MODEL.md section 11, cause "paper"): the outcome it then has, and
/// the evidence it gives when it then holds.
/// </summary>
/// <param name="ClaimId">The claim's stable id.</param>
/// <param name="Choice">The paper's stated choice flipped.</param>
/// <param name="Learners">The learners replaced, by label: "DRLO (paper DQN) and RLO".</param>
/// <param name="AblationIds">The ablations whose cells stood in, by claim id.</param>
/// <param name="Flipped">The claim's outcome with the choice flipped.</param>
/// <param name="Detail">The claim's numbers with the choice flipped.</param>
/// <param name="Weakened">
/// The learners (by label, with the setting) whose reward the flipped choice lowers (paired over the seeds, beyond noise):
/// a claim that holds only because the change handicaps one side is not the paper's choice's doing.
/// </param>
internal sealed record ChoiceReexamination(string ClaimId, StatedChoice Choice, string Learners, IReadOnlyList<string> AblationIds, ClaimOutcome Flipped, string Detail, IReadOnlyList<string> Weakened)
{
    /// <summary>
    /// The evidence that the paper's choice decides the claim, when it holds with the choice flipped and the change lowers
    /// no learner's reward; else null.
    /// </summary>
    public PaperEvidence? Evidence => Flipped == ClaimOutcome.Holds && Weakened.Count == 0
        ? new PaperEvidence(
            ClaimId,
            $"the paper's stated {Choice.Stated} decides it: with {Learners} at {Choice.Alternative} instead (this run's ablation cells: {string.Join(", ", AblationIds)}) it holds ({Detail}); with the paper's choice it does not",
            StatedChoice: true)
        : null;

    /// <summary>The re-examination in one line, for the report: the learners and choice flipped, the outcome then and what it means.</summary>
    public string Text => $"with {Learners} at {Choice.Alternative} ({string.Join(", ", AblationIds)}) it "
        + (Flipped != ClaimOutcome.Holds ? $"comes out {Claim.Text(Flipped)}, so the {Choice.Name} does not decide it"
            : Weakened.Count == 0 ? "holds, so its cause is \"paper\""
            : $"holds, but only as the change lowers the reward of {string.Join(" and ", Weakened)}: a handicap, not a cause")
        + $" ({Detail})";
}
