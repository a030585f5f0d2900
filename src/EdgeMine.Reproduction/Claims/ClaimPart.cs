using EdgeMine.Schemes;

namespace EdgeMine.Experiments;

/// <summary>
/// One part of a claim (one comparison, one trend, one window test), judged on its own.
/// </summary>
/// <param name="Outcome">The part's outcome.</param>
/// <param name="Value">The part's measured quantity (a margin in percent, a slope, a difference), or null when not evaluated.</param>
/// <param name="Support">How far the part goes the claim's way (larger is more in favour; positive: the claim's way): picks the part that decides a claim.</param>
/// <param name="Detail">The part in words, with its numbers.</param>
/// <param name="Paper">The paper's value of the same quantity, as text, or empty.</param>
/// <param name="Cause">A cause fixed by the part's kind (a training window that still moves), or null: found from the stand-ins.</param>
internal sealed record ClaimPart(ClaimOutcome Outcome, Interval? Value, double Support, string Detail, string Paper = "", ClaimCause? Cause = null)
{
    public static ClaimPart NotEvaluated(string why, params Scheme[] schemes) => new(ClaimOutcome.NotEvaluated, null, double.NaN, why) { Schemes = schemes };

    /// <summary>The schemes the part compares.</summary>
    public IReadOnlyList<Scheme> Schemes { get; init; } = [];

    /// <summary>The two-sided p-value of its test (<see cref="Judge.PValue"/>), or NaN for a part Holm leaves as it is (a window test).</summary>
    public double PValue { get; init; } = double.NaN;

    /// <summary>What the part is when no test decides it (Holm's correction can undecide it): exact tie, equivalent or inconclusive.</summary>
    public ClaimOutcome Undecided { get; init; } = ClaimOutcome.Inconclusive;

    /// <summary>The paper's value of <see cref="Value"/>'s quantity in its unit (a percentage in the claimed direction), or null.</summary>
    public double? PaperValue { get; init; }

    /// <summary>How many units of <see cref="Value"/>'s kind would decide the part at the observed effect, when it is inconclusive.</summary>
    public int? UnitsToDecide { get; init; }

    /// <summary>The comparison in a canonical form (setting, metric, lower scheme, higher scheme), for duplicates; null when none.</summary>
    public string? Key { get; init; }

    /// <summary>
    /// The part's outcome with the per-slot optimum in the place of the given learners (a comparison of the optimum with
    /// itself is not evaluated); null when the part cannot be stood in for (a training window).
    /// </summary>
    public Func<IReadOnlySet<Scheme>, ClaimOutcome>? StandIn { get; init; }

    /// <summary>The outcome as Holm-Bonferroni leaves it: decided by the sign of the value when <paramref name="rejected"/>, else undecided.</summary>
    public ClaimOutcome HolmOutcome(bool rejected) =>
        double.IsNaN(PValue) || Outcome == ClaimOutcome.NotEvaluated ? Outcome
        : rejected ? (Support > 0 ? ClaimOutcome.Holds : ClaimOutcome.DoesNotHold)
        : Undecided;

    /// <summary>True when the paper gives a value for the part and it lies inside the part's 95% interval; null when not judged.</summary>
    public bool? PaperInside => PaperValue is { } paper && Value is { HasBounds: true } v && Outcome != ClaimOutcome.NotEvaluated
        ? paper >= v.Low && paper <= v.High
        : null;
}
