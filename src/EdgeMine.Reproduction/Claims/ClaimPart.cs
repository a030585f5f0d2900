namespace EdgeMine.Experiments;

/// <summary>
/// One part of a claim (one comparison, one trend, one window test), judged on its own.
/// </summary>
/// <param name="Outcome">The part's outcome.</param>
/// <param name="Value">The part's measured quantity (a margin in percent, a slope, a difference), or null when not evaluated.</param>
/// <param name="Support">How far the part goes the claim's way (larger is more in favour): picks the part that decides a claim.</param>
/// <param name="Detail">The part in words, with its numbers.</param>
/// <param name="Paper">The paper's value of the same quantity, as text, or empty.</param>
/// <param name="Cause">Why the part does not hold, when it does not.</param>
internal sealed record ClaimPart(ClaimOutcome Outcome, Interval? Value, double Support, string Detail, string Paper = "", ClaimCause? Cause = null)
{
    public static ClaimPart NotEvaluated(string why) => new(ClaimOutcome.NotEvaluated, null, double.NaN, why);
}
