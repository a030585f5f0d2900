using System.Collections.Concurrent;
using EdgeMine.Model;
using EdgeMine.Simulation;

namespace EdgeMine.Sequential;

/// <summary>
/// Tunes the lookahead's prices for an instance (parameters, N, M, beta), once per process: a deterministic search on
/// the tuning seed (<see cref="SequentialTuning"/>) that keeps the prices of the highest mean reward per slot.
/// <list type="number">
/// <item>Nothing carries over (<see cref="CarryOver.Nothing"/>): no prices; the lookahead is the per-slot optimum.</item>
/// <item>The backlog can carry: <c>p_Q</c> in <c>{0} U {2^-j s_Q : j = -2..10}</c> with the buffer price 0, where <c>s_Q</c> is
/// the largest reward gain per offloaded cycle of a mean-size task at an empty MEC (over K and the channel): from
/// <c>s_Q</c> on no such task is worth offloading beyond the free capacity; the grid goes to 4 s_Q because a backlog price
/// lasts (the backlog a slot leaves delays the next ones too), and tuning often keeps <c>s_Q</c> or above.</item>
/// <item>Caps can bind: <c>p_D</c> in <c>{0} U {+-2^-j s_D : j = 0..4}</c> at the best <c>p_Q</c>, <c>s_D</c> the largest reward
/// magnitude per bit of a mean-size task (either sign: buffered data must be served later, but earns usage privacy
/// under eq. 8).</item>
/// <item>Then <c>p_Q</c> once more at <c>2^(+-1/2)</c> times the best.</item>
/// </list>
/// Each candidate is the mean reward of the lookahead over <see cref="SequentialTuning.Runs"/> runs of
/// <see cref="SequentialTuning.Slots"/> slots of <see cref="SequentialTuning.Seed"/>, from an empty MEC and empty buffers.
/// </summary>
public static class LookaheadTuning
{
    private static readonly ConcurrentDictionary<(ModelParameters Parameters, int Miners, int Tasks, double Beta), Lazy<TunedPrices>> Cache = new();

    /// <summary>The tuned prices of the instance, computed on first request and kept for the process.</summary>
    public static TunedPrices For(ModelParameters parameters, EnvironmentSettings settings) =>
        Cache.GetOrAdd((parameters, settings.Miners, settings.TasksPerMiner, settings.Beta), _ => new Lazy<TunedPrices>(() => Tune(parameters, settings))).Value;

    private static TunedPrices Tune(ModelParameters parameters, EnvironmentSettings settings)
    {
        var carry = CarryOver.Of(parameters, settings.Miners, settings.TasksPerMiner);
        var shape = settings with { ExtendedObservation = false, EpisodeSlots = 0 }; // N, M and beta only: a continuing process
        int tasks = settings.Miners * settings.TasksPerMiner;
        long slots = SequentialTuning.Slots(tasks);
        if (carry.Nothing)
        {
            return new TunedPrices(SlotPrices.None, double.NaN, [], slots, carry);
        }

        var model = new SlotModel(parameters, settings.Miners, settings.TasksPerMiner, settings.Beta);
        var (perCycle, perBit) = Scales(model);
        var tried = new List<(SlotPrices Prices, double MeanReward)>();
        double Score(SlotPrices prices)
        {
            foreach (var (p, r) in tried)
            {
                if (p == prices)
                {
                    return r;
                }
            }

            var policy = new LookaheadPolicy(prices);
            double reward = PolicyEvaluation.Evaluate(parameters, shape, policy, SequentialTuning.Runs, slots, SequentialTuning.Seed).Reward.Mean;
            tried.Add((prices, reward));
            return reward;
        }

        SlotPrices Best(IEnumerable<SlotPrices> candidates) => candidates.MaxBy(Score); // the first of equal maxima

        var best = SlotPrices.None;
        if (carry.BacklogCanCarry && perCycle > 0)
        {
            best = Best([best, .. Enumerable.Range(-2, 13).Select(j => best with { BacklogPerCycle = perCycle * Math.Pow(2, -j) })]);
        }

        if (carry.CapsCanBind && perBit > 0)
        {
            var p = best;
            best = Best([p, .. Enumerable.Range(0, 5).SelectMany(j => new[] { p with { BufferPerBit = perBit * Math.Pow(2, -j) }, p with { BufferPerBit = -perBit * Math.Pow(2, -j) } })]);
        }

        if (best.BacklogPerCycle > 0)
        {
            var p = best;
            best = Best([p, p with { BacklogPerCycle = p.BacklogPerCycle * Math.Sqrt(2) }, p with { BacklogPerCycle = p.BacklogPerCycle / Math.Sqrt(2) }]);
        }

        return new TunedPrices(best, Score(best), tried, slots, carry);
    }

    /// <summary>
    /// <c>s_Q</c>: the largest reward gain per offloaded cycle of a mean-size task at an empty MEC, over the channel
    /// states and K = 1..N M; <c>s_D</c>: the largest reward magnitude per bit of such a task, offloaded or local. Scored
    /// with <see cref="SlotModel.ScoreTask"/> on a task with no buffer and no cap binding.
    /// </summary>
    public static (double PerCycle, double PerBit) Scales(SlotModel model)
    {
        var p = model.Parameters;
        double bits = p.ArrivalMeanBits;
        double perCycle = 0, perBit = 0;
        foreach (bool good in (ReadOnlySpan<bool>)[true, false])
        {
            var local = new TaskOutcome { ChannelGood = good, ArrivedBits = bits, ServedLocalBits = bits };
            model.ScoreTask(ref local, 0, 0);
            double localReward = model.TaskReward(local);
            perBit = Math.Max(perBit, Math.Abs(localReward) / bits);
            for (int k = 1; k <= model.Tasks; k++)
            {
                var offloaded = new TaskOutcome { ChannelGood = good, ArrivedBits = bits, OffloadFraction = 1, ServedOffloadBits = bits };
                model.ScoreTask(ref offloaded, k, 0);
                double reward = model.TaskReward(offloaded);
                perCycle = Math.Max(perCycle, (reward - localReward) / (bits * p.MecCyclesPerBit));
                perBit = Math.Max(perBit, Math.Abs(reward) / bits);
            }
        }

        return (perCycle, perBit);
    }
}
