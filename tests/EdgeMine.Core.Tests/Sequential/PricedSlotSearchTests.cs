using EdgeMine.Model;
using EdgeMine.Policies;
using EdgeMine.Sequential;
using EdgeMine.Randomness;
using EdgeMine.Tests.Model;

namespace EdgeMine.Tests.Sequential;

/// <summary>
/// The per-slot search with the next slot priced in, against a brute force over all binary actions scored by the literal
/// reference slot (<see cref="ReferenceSlot"/>, which shares no code with the model).
/// </summary>
public class PricedSlotSearchTests
{
    /// <summary>The largest priced objective over all 2^(N M) binary actions, by the reference slot.</summary>
    private static double BruteForce(MiningEnvironment env, SlotPrices prices, bool linear)
    {
        var s = env.Settings;
        int tasks = s.Miners * s.TasksPerMiner;
        var x = new double[tasks];
        double best = double.NegativeInfinity;
        for (int index = 0; index < 1 << tasks; index++)
        {
            ActionSpace.DecodeBinary(index, x);
            best = Math.Max(best, Objective(env, x, prices, linear));
        }

        return best;
    }

    /// <summary>r - p_Q [Q + X sum Do - F dt]^+ (no ^+ when linear) - p_D sum D0', by the reference slot.</summary>
    private static double Objective(MiningEnvironment env, double[] x, SlotPrices prices, bool linear)
    {
        var s = env.Settings;
        var p = env.Parameters;
        var r = ReferenceSlot.Compute(p, s.Miners, s.TasksPerMiner, s.Beta, env.ChannelGood.ToArray(), env.BufferedBits.ToArray(), env.ArrivedBits.ToArray(), x, env.MecBacklogCycles);
        double next = env.MecBacklogCycles + (r.Tasks.Sum(t => t.ServedOffload) * p.MecCyclesPerBit) - (p.MecCapacityHz * p.SlotSeconds);
        return r.Reward - (prices.BacklogPerCycle * (linear ? next : Math.Max(0, next))) - (prices.BufferPerBit * r.Tasks.Sum(t => t.NextD0));
    }

    /// <summary>
    /// Exact paths: with no prices (the per-slot optimum), with the linear price (the bound's relaxation), and wherever
    /// the overflow price does not meet free capacity that the gains would overfill, the search's objective and its
    /// action's are the brute force's, on 12 tasks (the separable search) and 8 (enumeration when a cap binds).
    /// </summary>
    [Theory]
    [InlineData("paper-literal", 12, 1, 0.0, false)]
    [InlineData("paper-literal", 12, 1, 5e-8, true)]
    [InlineData("paper-literal", 3, 4, 5e-8, true)]
    [InlineData("calibrated", 6, 2, 0.0, false)]
    [InlineData("calibrated", 6, 2, 3e-9, true)]
    public void Search_ExactPaths_MatchTheBruteForce(string preset, int miners, int tasksPerMiner, double price, bool linear)
    {
        var parameters = Presets.Find(preset)!;
        var env = new MiningEnvironment(parameters, new EnvironmentSettings { Miners = miners, TasksPerMiner = tasksPerMiner, Beta = 0.5 });
        var search = new PricedSlotSearch();
        var prices = new SlotPrices(price, 0);
        var action = new double[env.Model.Tasks];
        var random = new RandomOffload();
        random.Reset(3);
        env.Reset(41);
        for (int t = 0; t < 6; t++)
        {
            double value = search.Search(env, prices, linear, action);
            double best = BruteForce(env, prices, linear);
            Assert.True(Approx.Close(best, value, 1e-9, 1e-9), $"slot {t}: search {value:R}, brute force {best:R}");
            Assert.True(Approx.Close(best, Objective(env, action, prices, linear), 1e-9, 1e-9), $"slot {t}: the action's objective differs");
            random.Act(env, action);
            env.Step(action); // random actions build a backlog, so later slots search at Q > 0
        }
    }

    /// <summary>Where caps bind (a slow bad channel, two tasks a miner), enumeration with a buffer price is exact.</summary>
    [Fact]
    public void Search_CapsBindWithABufferPrice_MatchesTheBruteForce()
    {
        var parameters = Presets.Calibrated with { SlotSeconds = 0.1 };
        var env = new MiningEnvironment(parameters, new EnvironmentSettings { Miners = 2, TasksPerMiner = 2, Beta = 0.5 });
        var search = new PricedSlotSearch();
        var action = new double[4];
        var never = new NeverOffload();
        env.Reset(8);
        foreach (double bufferPrice in new[] { 4e-6, -4e-6, 0 })
        {
            var prices = new SlotPrices(1e-9, bufferPrice);
            for (int t = 0; t < 4; t++)
            {
                double value = search.Search(env, prices, false, action);
                Assert.True(Approx.Close(BruteForce(env, prices, false), value, 1e-9, 1e-9), $"buffer price {bufferPrice}, slot {t}");
                never.Act(env, action);
                env.Step(action); // never offloading fills the buffers: the local cap is 210 kbit a slot
            }
        }
    }

    /// <summary>
    /// The channel-sorted selection (<see cref="AffineTaskSets"/>) gives the scored one's sums on 60 tasks at every K and
    /// price: the gains are affine in the data within a channel state where no cap binds and buffers are empty. (Prices
    /// away from s_Q: at s_Q itself the calibrated good channel's keys are all 0 up to rounding, and any set is a tie.)
    /// </summary>
    [Theory]
    [InlineData("paper-literal")]
    [InlineData("calibrated")]
    public void AffineTaskSets_EveryKAndPrice_EqualTheScoredSelection(string preset)
    {
        var parameters = Presets.Find(preset)!;
        var env = new MiningEnvironment(parameters, new EnvironmentSettings { Miners = 30, TasksPerMiner = 2, Beta = 0.5 });
        env.Reset(5);
        Assert.True(AffineTaskSets.Applies(env));
        int tasks = env.Model.Tasks;
        var outcomes = new TaskOutcome[tasks];
        var local = new double[tasks];
        env.Model.Evaluate(env.BufferedBits, env.ArrivedBits, env.ChannelGood, 3e9, new double[tasks], outcomes);
        for (int i = 0; i < tasks; i++)
        {
            local[i] = env.Model.TaskReward(outcomes[i]);
        }

        var all = Enumerable.Repeat(1.0, tasks).ToArray();
        env.Model.Evaluate(env.BufferedBits, env.ArrivedBits, env.ChannelGood, 3e9, all, outcomes);
        var affine = new AffineTaskSets();
        var scored = new ScoredTaskSets();
        affine.Begin(env, outcomes, local);
        scored.Begin(env, outcomes, local);
        var (perCycle, _) = LookaheadTuning.Scales(env.Model);
        foreach (int k in new[] { 1, 2, 7, 30, 59, 60 })
        {
            affine.Gains(k);
            scored.Gains(k);
            foreach (double price in new[] { 0, 0.37 * perCycle, 0.93 * perCycle, 2.1 * perCycle })
            {
                var a = affine.TopK(price, k);
                var s = scored.TopK(price, k);
                string where = $"K = {k}, price {price:G3}";
                Assert.True(Approx.Close(s.Gain, a.Gain, 1e-9, 1e-9), $"{where}: gains {a.Gain:R} vs {s.Gain:R}");
                Assert.True(Approx.Close(s.Cycles, a.Cycles, 1e-12, 1e-3), $"{where}: cycles");
                Assert.True(Approx.Close(s.Kth, a.Kth, 1e-9, 1e-9), $"{where}: K-th key");
                Assert.True(Approx.Close(s.PositiveKeys, a.PositiveKeys, 1e-9, 1e-9), $"{where}: positive keys");
            }
        }
    }

    /// <summary>The overflow price at N = 50 (affine selection, bisection where free capacity is overfilled) is never below the per-slot optimum's objective.</summary>
    [Fact]
    public void Search_LargeSystem_NeverBelowThePerSlotOptimumsObjective()
    {
        var env = new MiningEnvironment(Presets.PaperLiteral, new EnvironmentSettings { Miners = 50, TasksPerMiner = 2, Beta = 0.5 });
        var search = new PricedSlotSearch();
        var optimum = new PerSlotOptimum();
        var prices = new SlotPrices(3e-8, 0);
        var action = new double[env.Model.Tasks];
        var optimal = new double[env.Model.Tasks];
        env.Reset(12);
        for (int t = 0; t < 20; t++)
        {
            double value = search.Search(env, prices, false, action);
            optimum.Act(env, optimal);
            double optimalValue = Objective(env, optimal, prices, false);
            Assert.True(value >= optimalValue - 1e-9 * Math.Abs(optimalValue), $"slot {t}: {value} below {optimalValue}");
            Assert.True(Approx.Close(Objective(env, action, prices, false), value, 1e-9, 1e-9), $"slot {t}: the returned objective is not the action's");
            env.Step(action);
        }
    }
}
