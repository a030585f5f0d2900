using EdgeMine.Schemes;

namespace EdgeMine.Experiments;

/// <summary>
/// The cause of each claim that does not hold (MODEL.md section 11), found in this order:
/// <list type="number">
/// <item>by construction: a proof that the claim is true or false under every preset (for any outcome);</item>
/// <item>paper: the paper's stated choice shown to decide it (an ablation's evidence);</item>
/// <item>a cause fixed by a part's kind (a training window that still moves: learner);</item>
/// <item>learner: with the per-slot optimum in the place of a learner, in every part of the claim (each learner in
/// turn, the others as trained), the claim holds. Not all at once: the optimum cannot be compared with itself, and a
/// claim between two learners (DRLO &lt; RLO) would lose the very part that fails (MODEL.md section 11; Table II's cost
/// at N = 5 with the optimum in RLO's place still needs DRLO below the optimum);</item>
/// <item>preset: it holds at k of the calibration's n points ("holds at k of n points, e.g. paper-fit");</item>
/// <item>paper: it holds at none, and the paper contradicts itself where the claim needs it;</item>
/// <item>model: it holds at none of the n points.</item>
/// </list>
/// Without a calibration (or one that could not judge the claim), a claim that no stand-in satisfies has no cause, and
/// says why it is undetermined.
/// </summary>
internal static class ClaimCauses
{
    public static Claim Find(Claim claim, ClaimEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(evidence);
        if (evidence.Proofs.TryGetValue(claim.Id, out string? proof))
        {
            return claim with { Cause = new ClaimCause(CauseClass.ByConstruction, proof) };
        }

        if (claim.Outcome != ClaimOutcome.DoesNotHold)
        {
            return claim;
        }

        if (evidence.Paper.FirstOrDefault(p => p.ClaimId == claim.Id && p.StatedChoice) is { } choice)
        {
            return claim with { Cause = new ClaimCause(CauseClass.Paper, choice.Reason) };
        }

        if (claim.Parts.FirstOrDefault(p => p.Outcome == ClaimOutcome.DoesNotHold && p.Cause is not null) is { Cause: { } fixedCause })
        {
            return claim with { Cause = fixedCause };
        }

        if (Learner(claim) is { } learner)
        {
            return claim with { Cause = learner };
        }

        if (evidence.Calibration?.Of(claim.Id) is not { } calibration)
        {
            string why = evidence.Calibration is null
                ? "no calibration run given (reproduce --calibration DIR), so preset and model cannot be told apart"
                : $"the calibration ({evidence.Calibration.Source}) did not judge this claim, so preset and model cannot be told apart";
            return claim with { CauseUndetermined = $"no stand-in of the optimum satisfies it; {why}" };
        }

        var (holding, points, example) = calibration;
        if (holding > 0)
        {
            return claim with { Cause = new ClaimCause(CauseClass.Preset, FormattableString.Invariant($"holds at {holding} of {points} points of the calibration's feasible set, e.g. {example} (the optimum standing in for the learners)")) };
        }

        if (evidence.Paper.FirstOrDefault(p => p.ClaimId == claim.Id) is { } contradiction)
        {
            return claim with { Cause = new ClaimCause(CauseClass.Paper, FormattableString.Invariant($"it fails at all {points} points of the calibration's feasible set, and {contradiction.Reason}")) };
        }

        return claim with { Cause = new ClaimCause(CauseClass.Model, FormattableString.Invariant($"it fails at every one of the {points} points of the calibration's feasible set (the optimum standing in for the learners)")) };
    }

    /// <summary>
    /// "learner" when the claim holds with the per-slot optimum in the place of one of its learners, in every part (the
    /// other learners as trained); null otherwise.
    /// </summary>
    private static ClaimCause? Learner(Claim claim)
    {
        var learners = claim.Schemes.Where(s => s.IsLearner).ToArray();
        if (learners.Length == 0 || claim.Parts.Any(p => p.StandIn is null))
        {
            return null;
        }

        foreach (var learner in learners)
        {
            var replaced = new HashSet<Scheme> { learner };
            var outcomes = claim.Parts.Select(p => p.Outcome == ClaimOutcome.NotEvaluated ? ClaimOutcome.NotEvaluated : p.StandIn!(replaced)).ToArray();
            if (Judge.Combine(outcomes) == ClaimOutcome.Holds && outcomes.Count(o => o == ClaimOutcome.NotEvaluated) == claim.Parts.Count(p => p.Outcome == ClaimOutcome.NotEvaluated))
            {
                return new ClaimCause(CauseClass.Learner, $"with the per-slot optimum in the place of {learner.Label}, in every part, it holds; {learner.Label} falls short");
            }
        }

        return null;
    }
}
