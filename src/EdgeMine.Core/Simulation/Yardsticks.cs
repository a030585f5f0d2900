using EdgeMine.Schemes;

namespace EdgeMine.Simulation;

/// <summary>
/// The yardsticks of a policy (MODEL.md section 6), from rewards per slot on common seeds (<see cref="YardstickReferences.Of"/>).
/// The optimality ratio, headroom and regret are measured against <see cref="Yardstick"/>: the binary per-slot optimum
/// for a policy whose actions were all 0 or 1, the fractional one for a policy that took any fractional action (the
/// binary optimum does not bound those). A ratio is NaN (null in JSON, n/a in tables) when its denominator is noise
/// (<see cref="Meaningful"/>) or the ratio is off scale (beyond <see cref="MaximumRatioMagnitude"/>): every ratio is
/// computed by <see cref="RatioOf"/>.
/// </summary>
/// <param name="OptimalityRatio">(R - R_random) / (R_opt - R_random) against <see cref="Yardstick"/>: 1 is the yardstick, 0 Random.</param>
/// <param name="HeadroomCaptured">(R - R_base) / (R_opt - R_base) against <see cref="Yardstick"/>, R_base the best of NO, EO, Random and GO: below 0 is worse than a rule of thumb.</param>
/// <param name="RegretPerTask">(R_opt - R) / (N M) against <see cref="Yardstick"/>, in reward units.</param>
/// <param name="FractionalOptimalityRatio">(R - R_random) / (R_fopt - R_random) against the fractional per-slot optimum, whatever the policy's actions.</param>
public readonly record struct Yardsticks(double OptimalityRatio, double HeadroomCaptured, double RegretPerTask, double FractionalOptimalityRatio)
{
    /// <summary>
    /// A ratio's denominator (R_opt - R_from) is ignored below this share of the reward's scale
    /// (<see cref="YardstickReferences.RewardScale"/>): a difference that small makes the ratio a quotient of noise.
    /// </summary>
    public const double MinimumDenominatorShare = 1e-3;

    /// <summary>
    /// A ratio whose magnitude exceeds this is not given (issue 21: no headroom beyond +-100 in any output). Such a
    /// ratio places a scheme more than 100 gaps (to - from) away from its reference: EO at N = 1,000, calibrated,
    /// loses 4.3e7 per slot against a gap of 11.7 between NO and the optimum, a headroom of -3.7e6 whose digits say only
    /// "far below the rule". The paired difference of rewards, which every output gives beside the ratios, says how far.
    /// </summary>
    public const double MaximumRatioMagnitude = 100;

    /// <summary>The optimum the ratios, headroom and regret are measured against: <c>optimal</c>, <c>optimal-fractional</c>, or <c>none</c> (no fitting optimum was evaluated).</summary>
    public string Yardstick { get; init; } = BaselineScheme.Optimal.Name;

    /// <summary>
    /// True when <see cref="Yardstick"/> bounds the run (its own runs carried no buffer and no backlog over, MODEL.md
    /// section 13); false when the ratios are against a myopic policy that is not a bound.
    /// </summary>
    public bool YardstickIsBound { get; init; } = true;

    /// <summary>R - R_yardstick per run, paired on the common seeds (mean and 95% interval over runs); null when there is no yardstick.</summary>
    public Estimate? AboveYardstickBy { get; init; }

    /// <summary>True when the policy beats its yardstick beyond noise: the paired interval of R - R_yardstick lies above 0.</summary>
    public bool AboveYardstick => AboveYardstickBy is { } d && d.Low > 0;

    /// <summary>"optimal-fractional" or "optimal (not a bound)": the yardstick as a table names it.</summary>
    public string YardstickLabel => YardstickIsBound ? Yardstick : $"{Yardstick} (not a bound)";

    /// <summary>
    /// The yardsticks of mean reward <paramref name="reward"/> from mean rewards alone (no intervals, so only the scale
    /// rule of <see cref="Meaningful"/> applies, with the scale of these rewards); against the binary optimum.
    /// </summary>
    public static Yardsticks Of(double reward, double random, double optimal, double fractionalOptimal, double baseline, int tasks)
    {
        double scale = YardstickReferences.ScaleOf([reward, random, optimal, baseline]);
        return new(
            Ratio(reward, random, optimal, scale),
            Ratio(reward, baseline, optimal, scale),
            (optimal - reward) / tasks,
            Ratio(reward, random, fractionalOptimal, scale));
    }

    /// <summary>(R - from) / (to - from), NaN unless to &gt; from and the ratio is within +-<see cref="MaximumRatioMagnitude"/>.</summary>
    public static double Ratio(double reward, double from, double to) => to - from > 0 ? OnScale((reward - from) / (to - from)) : double.NaN;

    /// <summary>(R - from) / (to - from), NaN unless the denominator is meaningful at <paramref name="scale"/> (<see cref="Meaningful"/>, without an interval).</summary>
    public static double Ratio(double reward, double from, double to, double scale) =>
        RatioOf(reward, from, to, new Estimate(to - from, double.NaN, 1), scale);

    /// <summary>
    /// The one rule for every ratio of the yardsticks: (R - from) / (to - from), or NaN when its
    /// <paramref name="denominator"/> (to - from, estimated over paired runs) is not <see cref="Meaningful"/> at
    /// <see cref="ScaleOfRatio"/> of <paramref name="scale"/>, or when the ratio is beyond +-<see cref="MaximumRatioMagnitude"/>.
    /// </summary>
    public static double RatioOf(double reward, double from, double to, Estimate denominator, double scale) =>
        Meaningful(denominator, ScaleOfRatio(scale, from, to)) ? OnScale((reward - from) / (to - from)) : double.NaN;

    /// <summary>When a ratio is not given, as the outputs' notes say it (after "n/a when" or "null when").</summary>
    public const string NotGivenWhen =
        "its denominator's 95% interval includes 0 or it is below 1e-3 of the mean |reward| (or of the larger |reward| of the two it is the difference of, when smaller), "
        + "or the ratio is beyond +-100 (off scale: the paired difference of rewards says how far)";

    private static double OnScale(double ratio) => Math.Abs(ratio) <= MaximumRatioMagnitude ? ratio : double.NaN;

    /// <summary>
    /// The scale a ratio's denominator to - from is judged at: the reward's <paramref name="scale"/>, but never more than
    /// the larger magnitude of the two rewards it is the difference of. One catastrophic scheme (EO at N = 1,000,
    /// calibrated: -4.3e7 per slot against the optimum's -1,988) must not make a real difference between two others
    /// (the optimum 11.7 above NO there) look like noise.
    /// </summary>
    public static double ScaleOfRatio(double scale, double from, double to) => Math.Min(scale, Math.Max(Math.Abs(from), Math.Abs(to)));

    /// <summary>
    /// Whether a ratio's denominator (R_opt - R_from, estimated over paired runs) means something (issue 21): it is
    /// positive, at least <see cref="MinimumDenominatorShare"/> of the reward's <paramref name="scale"/>, and its 95%
    /// interval excludes 0 (an estimate without an interval, from one run, is judged by the first two rules).
    /// </summary>
    public static bool Meaningful(Estimate denominator, double scale) =>
        denominator.Mean > 0 && denominator.Mean >= MinimumDenominatorShare * scale && !(denominator.Low <= 0);
}
