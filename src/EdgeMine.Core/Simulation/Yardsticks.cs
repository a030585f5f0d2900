namespace EdgeMine.Simulation;

/// <summary>
/// The yardsticks of a policy (MODEL.md section 6), from mean rewards per slot on common seeds.
/// </summary>
/// <param name="OptimalityRatio">(R - R_random) / (R_opt - R_random): 1 is the binary per-slot optimum, 0 Random.</param>
/// <param name="HeadroomCaptured">(R - R_base) / (R_opt - R_base), R_base the best of NO, EO, Random and GO: below 0 is worse than a rule of thumb.</param>
/// <param name="RegretPerTask">(R_opt - R) / (N M), in reward units.</param>
/// <param name="FractionalOptimalityRatio">(R - R_random) / (R_fopt - R_random) against the fractional per-slot optimum, which bounds every scheme.</param>
public readonly record struct Yardsticks(double OptimalityRatio, double HeadroomCaptured, double RegretPerTask, double FractionalOptimalityRatio)
{
    /// <summary>The yardsticks of mean reward <paramref name="reward"/>; a ratio is NaN when its span is not positive.</summary>
    public static Yardsticks Of(double reward, double random, double optimal, double fractionalOptimal, double baseline, int tasks) => new(
        Ratio(reward, random, optimal),
        Ratio(reward, baseline, optimal),
        (optimal - reward) / tasks,
        Ratio(reward, random, fractionalOptimal));

    /// <summary>(R - from) / (to - from), NaN unless to &gt; from.</summary>
    public static double Ratio(double reward, double from, double to) => to - from > 0 ? (reward - from) / (to - from) : double.NaN;
}
