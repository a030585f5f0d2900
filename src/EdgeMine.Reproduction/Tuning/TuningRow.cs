using EdgeMine.Simulation;

namespace EdgeMine.Tuning;

/// <summary>
/// A configuration's result over the tuning seeds: each seed's mean reward per slot over the evaluation runs, their mean
/// with a t-interval over the seeds (MODEL.md section 11), and the paired difference from the defaults' (same tuning
/// seed, same evaluation seeds), or why the configuration could not run.
/// </summary>
/// <param name="Configuration">The configuration.</param>
/// <param name="SeedRewards">Mean reward per slot of each tuning seed, in seed order; empty when it could not run.</param>
/// <param name="Problem">Why it could not run (a cell not applicable), or null.</param>
public sealed record TuningRow(TuningConfiguration Configuration, IReadOnlyList<double> SeedRewards, string? Problem = null)
{
    /// <summary>The mean over the seeds with its 95% t-interval (NaN mean when the configuration did not run).</summary>
    public Estimate Reward => SeedRewards.Count == 0 ? new Estimate(double.NaN, double.NaN, 0) : Estimate.Of([.. SeedRewards]);

    /// <summary>The paired difference from <paramref name="defaults"/>, seed by seed, with its 95% t-interval.</summary>
    public Estimate DifferenceFrom(TuningRow defaults)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        if (SeedRewards.Count == 0 || defaults.SeedRewards.Count != SeedRewards.Count)
        {
            return new Estimate(double.NaN, double.NaN, 0);
        }

        return Estimate.Of([.. SeedRewards.Select((r, k) => r - defaults.SeedRewards[k])]);
    }
}
