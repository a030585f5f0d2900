using EdgeMine.Schemes;
using EdgeMine.Simulation;

namespace EdgeMine.Experiments;

/// <summary>
/// The references of one setting that the yardsticks of MODEL.md section 6 need: the mean rewards of Random, the binary
/// and the fractional per-slot optimum, and the best of the simple baselines (NO, EO, Random, GO).
/// </summary>
internal sealed record SettingReferences(double Random, double Optimal, double FractionalOptimal, BaselineScheme? BestBaseline, double BestBaselineReward, int Tasks)
{
    /// <summary>
    /// The references run by run (Core's <see cref="YardstickReferences"/>: the denominators' intervals, the bound flags,
    /// the reward's scale), or null when a reference has no runs.
    /// </summary>
    public YardstickReferences? Runs { get; init; }

    /// <summary>
    /// Whether the binary per-slot optimum bounds this setting's runs (its own runs carried nothing over), or null when
    /// its cell has no numbers.
    /// </summary>
    public bool? OptimalIsBound => Runs?.OptimalIsBound;

    /// <summary>
    /// The yardsticks of a mean reward per slot (the figures' error bars): against the binary optimum, a ratio dropped
    /// when its denominator is below 1e-3 of the reward's scale (<see cref="Yardsticks.Meaningful"/>).
    /// </summary>
    public Yardsticks Of(double reward) =>
        Runs is { } runs
            ? new Yardsticks(
                Ratio(reward, Random, Optimal, runs.Random, runs.Optimal, runs.RewardScale),
                Ratio(reward, BestBaselineReward, Optimal, runs.BestBaseline, runs.Optimal, runs.RewardScale),
                (Optimal - reward) / Tasks,
                runs.FractionalOptimal is { } f ? Ratio(reward, Random, FractionalOptimal, runs.Random, f, runs.RewardScale) : double.NaN)
            { YardstickIsBound = runs.OptimalIsBound }
            : Yardsticks.Of(reward, Random, Optimal, FractionalOptimal, BestBaselineReward, Tasks);

    private static double Ratio(double reward, double from, double to, IReadOnlyList<double> fromRuns, IReadOnlyList<double> toRuns, double scale) =>
        Yardsticks.RatioOf(reward, from, to, YardstickReferences.Difference(toRuns, fromRuns), scale);
}
