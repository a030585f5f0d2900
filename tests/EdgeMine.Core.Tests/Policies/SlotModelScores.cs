using EdgeMine.Model;

namespace EdgeMine.Tests.Policies;

/// <summary>
/// A slot's reward as the slot model scores it, and the best over every binary action by brute force: the yardstick the
/// per-slot searches are checked against (PerSlotOptimumTests checks them against the independent ReferenceSlot instead).
/// </summary>
internal static class SlotModelScores
{
    /// <summary>The reward of <paramref name="action"/> in the environment's current start-of-slot state.</summary>
    public static double Reward(MiningEnvironment env, ReadOnlySpan<double> action) =>
        env.Model.Evaluate(env.BufferedBits, env.ArrivedBits, env.ChannelGood, env.MecBacklogCycles, action, new TaskOutcome[env.Model.Tasks]).Reward;

    /// <summary>The best reward over all 2^(N M) binary actions (bit i of the index offloads task i).</summary>
    public static double BestBinaryReward(MiningEnvironment env)
    {
        int tasks = env.Model.Tasks;
        var x = new double[tasks];
        var outcomes = new TaskOutcome[tasks];
        double best = double.NegativeInfinity;
        for (long index = 0; index < 1L << tasks; index++)
        {
            for (int i = 0; i < tasks; i++)
            {
                x[i] = (index >> i) & 1;
            }

            best = Math.Max(best, env.Model.Evaluate(env.BufferedBits, env.ArrivedBits, env.ChannelGood, env.MecBacklogCycles, x, outcomes).Reward);
        }

        return best;
    }
}
