using EdgeMine.Schemes;
using EdgeMine.Simulation;

using static EdgeMine.Reporting.ReportFormat;

namespace EdgeMine.Experiments;

/// <summary>
/// A learner at a setting: its yardsticks, and the paired difference of its reward per slot over the best simple
/// baseline's, judged as a claim "the learner is above it" is.
/// </summary>
internal sealed record LearnerStanding(
    string Experiment, Setting Setting, Scheme Learner, ResultRow Row, Yardsticks Yardsticks, SettingReferences References, ClaimOutcome AgainstBest, Interval? Difference)
{
    /// <summary>True when the learner's reward is below the best baseline's outside noise.</summary>
    public bool BelowBest => AgainstBest == ClaimOutcome.DoesNotHold;

    /// <summary>The optimality ratio, labelled with its yardstick when that is not a bound or is the fractional optimum, and ABOVE when the learner beats it beyond noise.</summary>
    public string RatioText => Number(Yardsticks.OptimalityRatio) + Label;

    /// <summary>
    /// The headroom captured and its baseline, or why it is not given: off scale (more than
    /// <see cref="Yardsticks.MaximumRatioMagnitude"/> gaps from the baseline), or a denominator that is noise (the
    /// baseline is within noise of the optimum).
    /// </summary>
    public string HeadroomText => References.BestBaseline is not { } best ? "n/a"
        : double.IsFinite(Yardsticks.HeadroomCaptured) ? $"{Number(Yardsticks.HeadroomCaptured)} (over {best.Label}){Label}"
        : OffScale(References.BestBaselineReward) ? $"n/a (off scale: more than {Yardsticks.MaximumRatioMagnitude.ToString("0", System.Globalization.CultureInfo.InvariantCulture)} times the optimum's gain over {best.Label} away from it)"
        : $"n/a ({best.Label} is within noise of the optimum)";

    private bool OffScale(double from) =>
        References.Optimal - from > 0 && Math.Abs((Row.Shown(Metrics.Reward)!.Mean - from) / (References.Optimal - from)) > Yardsticks.MaximumRatioMagnitude;

    private string Label =>
        (Yardsticks.Yardstick == BaselineScheme.Optimal.Name && Yardsticks.YardstickIsBound ? "" : $" (vs {Yardsticks.YardstickLabel})")
        + (Yardsticks.AboveYardstick ? " ABOVE" : "");

    /// <summary>"above GO by 0.0625 (95% CI ...)", "BELOW GO by ...", "an exact tie with GO" (the same rewards in every run and seed), "inconclusive against GO (...)".</summary>
    public string Verdict
    {
        get
        {
            string best = References.BestBaseline?.Label ?? "n/a";
            string word = AgainstBest switch
            {
                ClaimOutcome.Holds => $"above {best}",
                ClaimOutcome.DoesNotHold => $"BELOW {best}",
                ClaimOutcome.ExactTie => $"an exact tie with {best}",
                ClaimOutcome.Equivalent => $"equivalent to {best}",
                ClaimOutcome.Inconclusive => $"inconclusive against {best}",
                _ => "not evaluated",
            };
            return Difference is { } d ? $"{word}: {(d.Mean > 0 ? "+" : "")}{Number(d.Mean)} reward per slot {ClaimContext.Bounds(d)}" : word;
        }
    }
}
