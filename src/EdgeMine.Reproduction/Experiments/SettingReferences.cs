using EdgeMine.Schemes;
using EdgeMine.Simulation;

namespace EdgeMine.Experiments;

/// <summary>
/// The references of one setting that the yardsticks of MODEL.md section 6 need: the mean rewards of Random, the binary
/// and the fractional per-slot optimum, and the best of the simple baselines (NO, EO, Random, GO).
/// </summary>
internal sealed record SettingReferences(double Random, double Optimal, double FractionalOptimal, BaselineScheme? BestBaseline, double BestBaselineReward, int Tasks)
{
    /// <summary>The yardsticks of a mean reward per slot.</summary>
    public Yardsticks Of(double reward) => Yardsticks.Of(reward, Random, Optimal, FractionalOptimal, BestBaselineReward, Tasks);
}
