using EdgeMine.Schemes;

namespace EdgeMine.Simulation;

/// <summary>
/// What a policy's yardsticks are measured against at one setting, run by run on the common seeds: the rewards per run
/// of Random, the binary and the fractional per-slot optimum and the best simple baseline, whether each optimum bounds
/// the runs, and the reward's scale. Every output (evaluate, the Python binding, sweeps, the report) computes its
/// yardsticks here.
/// </summary>
/// <param name="Random">Random's mean reward per slot, per run.</param>
/// <param name="Optimal">The binary per-slot optimum's, per run.</param>
/// <param name="FractionalOptimal">The fractional per-slot optimum's, per run, or null when it was not evaluated.</param>
/// <param name="BestBaseline">The best simple baseline's (NO, EO, Random, GO), per run.</param>
/// <param name="Tasks">N M, for the regret per task.</param>
/// <param name="RewardScale">The reward's scale (<see cref="ScaleOf"/>): a ratio whose denominator is below 1e-3 of it (or of <see cref="Yardsticks.ScaleOfRatio"/>, when smaller) is not given.</param>
public sealed record YardstickReferences(
    IReadOnlyList<double> Random,
    IReadOnlyList<double> Optimal,
    IReadOnlyList<double>? FractionalOptimal,
    IReadOnlyList<double> BestBaseline,
    int Tasks,
    double RewardScale)
{
    /// <summary>Whether the binary per-slot optimum bounds the runs (<see cref="CarriesOver(PolicySummary)"/> of its own runs is false).</summary>
    public bool OptimalIsBound { get; init; } = true;

    /// <summary>Whether the fractional per-slot optimum bounds the runs (its own runs carried nothing over).</summary>
    public bool FractionalOptimalIsBound { get; init; } = true;

    /// <summary>
    /// The yardsticks of a policy with rewards <paramref name="reward"/> per run (on the same seeds as the references);
    /// <paramref name="fractionalActions"/>: it took some action strictly between 0 and 1, so it is measured against the
    /// fractional optimum (and has no yardstick when that was not evaluated).
    /// </summary>
    public Yardsticks Of(IReadOnlyList<double> reward, bool fractionalActions)
    {
        ArgumentNullException.ThrowIfNull(reward);
        var (yardstick, name, bound) = fractionalActions
            ? (FractionalOptimal, BaselineScheme.OptimalFractional.Name, FractionalOptimalIsBound)
            : (Optimal, BaselineScheme.Optimal.Name, OptimalIsBound);
        double fractionalRatio = FractionalOptimal is null ? double.NaN : Ratio(reward, Random, FractionalOptimal);
        if (yardstick is null)
        {
            return new Yardsticks(double.NaN, double.NaN, double.NaN, fractionalRatio) { Yardstick = "none", YardstickIsBound = false };
        }

        return new Yardsticks(
            Ratio(reward, Random, yardstick),
            Ratio(reward, BestBaseline, yardstick),
            (Mean(yardstick) - Mean(reward)) / Tasks,
            fractionalRatio)
        {
            Yardstick = name,
            YardstickIsBound = bound,
            AboveYardstickBy = Difference(reward, yardstick),
        };
    }

    /// <summary>
    /// The reward's scale: the mean of |mean reward| over the schemes compared (1 when they are all 0), the unit of the
    /// rule that drops a ratio whose denominator is below 1e-3 of it.
    /// </summary>
    public static double ScaleOf(IEnumerable<double> meanRewards)
    {
        ArgumentNullException.ThrowIfNull(meanRewards);
        double[] finite = meanRewards.Where(double.IsFinite).Select(Math.Abs).ToArray();
        double scale = finite.Length == 0 ? 0 : finite.Average();
        return scale > 0 ? scale : 1;
    }

    /// <summary>
    /// Whether a policy's runs carried state over between slots (MODEL.md section 13): data left in a buffer after some
    /// slot, or an MEC backlog at the start of some slot. Both metrics are non-negative per slot, so a run's average is 0
    /// exactly when every slot's value is 0; <paramref name="bufferedPerRun"/> and <paramref name="backlogPerRun"/> are
    /// the runs' averages of <see cref="Metrics.Buffered"/> and <see cref="Metrics.MecBacklog"/>.
    /// </summary>
    public static bool CarriesOver(IReadOnlyList<double> bufferedPerRun, IReadOnlyList<double> backlogPerRun)
    {
        ArgumentNullException.ThrowIfNull(bufferedPerRun);
        ArgumentNullException.ThrowIfNull(backlogPerRun);
        return bufferedPerRun.Any(v => v != 0) || backlogPerRun.Any(v => v != 0);
    }

    /// <summary>
    /// Whether a per-slot optimum's own runs make it a bound on every policy's reward over the same runs (MODEL.md
    /// section 13): they carried no buffer and no MEC backlog over in any slot (<see cref="CarriesOver(PolicySummary)"/>),
    /// and, where it counts them, no slot had a cap that could bind (<paramref name="slotsWhereACapCouldBind"/> is 0 or
    /// unknown). Why: arrivals and channels do not depend on actions, so with no cap able to bind no policy ever buffers
    /// (every policy's D0 stays 0, as the optimum's); a policy's MEC backlog only adds waiting to its offloaded tasks (a
    /// cost, never a gain); so in each slot the optimum, acting from Q = 0 and D0 = 0, maximised over every action a reward
    /// no policy's slot can exceed. Where a cap can bind, buffered data raises a later slot's privacy (eq. 8 counts D0),
    /// so buffering could pay and the per-slot optimum proves nothing.
    /// </summary>
    public static bool Bounds(IReadOnlyList<double> bufferedPerRun, IReadOnlyList<double> backlogPerRun, long? slotsWhereACapCouldBind) =>
        !CarriesOver(bufferedPerRun, backlogPerRun) && slotsWhereACapCouldBind is not > 0;

    /// <summary><see cref="Bounds(IReadOnlyList{double}, IReadOnlyList{double}, long?)"/> of an optimum's summary.</summary>
    public static bool Bounds(PolicySummary optimum)
    {
        ArgumentNullException.ThrowIfNull(optimum);
        return Bounds(optimum.PerRun[Metrics.Buffered], optimum.PerRun[Metrics.MecBacklog], optimum.SlotsWhereACapCouldBind);
    }

    /// <summary><see cref="CarriesOver(IReadOnlyList{double}, IReadOnlyList{double})"/> of a summary's runs.</summary>
    public static bool CarriesOver(PolicySummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return CarriesOver(summary.PerRun[Metrics.Buffered], summary.PerRun[Metrics.MecBacklog]);
    }

    /// <summary>R - R_to per run (paired): its mean and interval.</summary>
    public static Estimate Difference(IReadOnlyList<double> reward, IReadOnlyList<double> to)
    {
        ArgumentNullException.ThrowIfNull(reward);
        ArgumentNullException.ThrowIfNull(to);
        int runs = Math.Min(reward.Count, to.Count);
        var d = new double[runs];
        for (int r = 0; r < runs; r++)
        {
            d[r] = reward[r] - to[r];
        }

        return Estimate.Of(d);
    }

    private double Ratio(IReadOnlyList<double> reward, IReadOnlyList<double> from, IReadOnlyList<double> to)
    {
        // Judged on the paired runs; computed from the means (the same number, and exactly 1 for the yardstick itself).
        return Yardsticks.RatioOf(Mean(reward), Mean(from), Mean(to), Difference(to, from), RewardScale);
    }

    private static double Mean(IReadOnlyList<double> values) => values.Average();
}
