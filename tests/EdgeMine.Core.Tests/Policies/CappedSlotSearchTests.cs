using CsCheck;
using EdgeMine.Model;
using EdgeMine.Policies;
using EdgeMine.Randomness;
using EdgeMine.Simulation;

namespace EdgeMine.Tests.Policies;

/// <summary>
/// The per-slot optimum where a cap can bind (issue 21): worked by hand, and against an independent brute force over all
/// 2^(N M) binary actions scored by <see cref="SlotModel.Evaluate"/>, which shares nothing with the search but the
/// physics; the budget and its label.
/// </summary>
public sealed class CappedSlotSearchTests
{
    /// <summary>docs/calibration-run/paper-fit.json applied on the calibrated preset, as <c>--config</c> does.</summary>
    private static ModelParameters PaperFit { get; } =
        ParameterCatalog.Validate(ParameterCatalog.ApplyFile(Presets.Calibrated, Repository.File("docs/calibration-run/paper-fit.json")));

    /// <summary>The first seed from 0 whose miners' channels all start as <paramref name="good"/>.</summary>
    private static void ResetWithChannels(MiningEnvironment env, bool good)
    {
        ulong seed = 0;
        env.Reset(seed);
        while (env.ChannelGood.ToArray().Any(g => g != good))
        {
            env.Reset(++seed);
        }
    }

    [Fact]
    public void Act_ThreeTasksUploadCapBinds_SendsTheCapAndDefersTheRest_WorkedByHand()
    {
        // One miner, three tasks of D = D1 = 1e6 bits, D0 = 0, Q = 0, bad channel (Pu = 0, lambda 0.5), beta 0.5, raw units
        // (e_unit 1 J, l_unit 1 s), t_local = e_local = 1e-7 (local cap 1e7 bits: never binds), rate_bad 1.5e6 (upload cap
        // U = 1.5e6 < 3e6: binds), X = 1000, F = 1e10 (MEC energy 1e-26 (10/K)^3 W: below 1e-23 J, negligible).
        // Local:   E = 0.1 J, L = 0.1 s: C = 0.05 + 0.05 = 0.1, r = -0.1.
        // Full:    Lu = 1e6 / 1.5e6 = 2/3 s, Lp = 1e6 * 1000 K / 1e10 = 0.1 K s, E = 0.5 * 2/3 = 1/3 J:
        //          C = 1/6 + (2/3 + 0.1 K) / 2 = 0.5 + 0.05 K; P = 0.5: r = -0.05 K.
        // Partial (the 0.5e6 bits left of U): Lu = 1/3 s, Lp = 0.05 K s, E = 1/6 J: C = 0.25 + 0.025 K, r = 0.25 - 0.025 K.
        // Deferred (offloaded after U is spent: nothing served): r = 0.
        // 000: -0.3. One offloaded (K = 1): -0.05 - 0.2 = -0.25. Two offloaded (K = 2: full + partial + one local):
        // -0.1 + 0.2 - 0.1 = 0. All three (K = 2: full, partial, deferred): -0.1 + 0.2 + 0 = 0.1, the best.
        var p = Presets.Calibrated with
        {
            ArrivalMinBits = 1e6,
            ArrivalMaxBits = 1e6,
            LocalSecondsPerBit = 1e-7,
            LocalJoulesPerBit = 1e-7,
            EnergyUnitJoules = 1,
            LatencyUnitSeconds = 1,
            RateBadBps = 1.5e6,
        };
        var env = new MiningEnvironment(p, new EnvironmentSettings { Miners = 1, TasksPerMiner = 3, Beta = 0.5 });
        ResetWithChannels(env, good: false);
        var optimum = new PerSlotOptimum();
        var action = new double[3];

        optimum.Act(env, action);

        Assert.Equal([1.0, 1.0, 1.0], action);
        Assert.Equal(0.1, SlotModelScores.Reward(env, action), 9);
        Assert.True(optimum.LastActionExact);
        env.Step(action);
        var served = env.LastOutcomes.ToArray();
        Assert.Equal(1e6, served[0].ServedOffloadBits);
        Assert.Equal(0.5e6, served[1].ServedOffloadBits);
        Assert.Equal(0, served[2].ServedOffloadBits);
    }

    [Trait("Category", "Slow")] // left out of mutation runs (scripts/mutation.sh): brute force over 4,096 actions a slot for 300 slots; PerSlotOptimumTinyTests pins the search paths fast
    [Fact]
    public void Act_PaperFitOneMinerTwelveTasks_NoSlotBeatenByBruteForce()
    {
        // Issue 21's done-when: the trace of `simulate --policy optimal --config paper-fit.json --miners 1 --tasks 12`
        // (run 0 of seed 1000), whose rate_bad of 1.17 Mbit/s is below a bad slot's 0.6-1.8 Mbit: the upload cap binds,
        // and the optimum's own deferrals fill the buffer. Each slot against all 4,096 actions.
        var env = new MiningEnvironment(PaperFit, new EnvironmentSettings { Miners = 1, TasksPerMiner = 12, Beta = 0.5 });
        env.Reset(PolicyEvaluation.EnvironmentSeed(1000, 0));
        var optimum = new PerSlotOptimum();
        var heuristic = new PerSlotOptimum();
        var action = new double[12];
        int bindingSlots = 0, heuristicBeaten = 0;
        double largestShortfall = double.NegativeInfinity;
        const int Slots = 300;
        for (int t = 0; t < Slots; t++)
        {
            bool binding = PerSlotOptimum.AnyCapCanBind(env);
            optimum.Act(env, action);
            double chosen = SlotModelScores.Reward(env, action);
            double best = SlotModelScores.BestBinaryReward(env);
            largestShortfall = Math.Max(largestShortfall, best - chosen);
            Assert.True(best - chosen <= 1e-9, $"slot {t}: optimum {chosen:R}, brute force {best:R}");
            Assert.True(optimum.LastActionExact, $"slot {t} labelled inexact");
            Assert.All(action, v => Assert.True(v is 0 or 1));
            if (binding)
            {
                bindingSlots++;
                if (best - heuristic.SearchByOffloadCountScored(env) > 1e-9)
                {
                    heuristicBeaten++;
                }
            }

            env.Step(action);
        }

        // The trace exercises what the issue found: binding slots, many where the search of before (the heuristic kept
        // beyond the budget) is beaten.
        Assert.InRange(bindingSlots, 100, Slots);
        Assert.InRange(heuristicBeaten, 50, Slots);
        Assert.Equal(new OptimumExactness(Slots, 0, 0), optimum.Exactness);
        Assert.True(largestShortfall <= 1e-9);
    }

    public static TheoryData<int, int, double, int> PaperFitSmallSystems => new()
    {
        // miners, tasks per miner, rate_bad (bit/s), the fewest slots (of 60) where GO must beat the old heuristic
        { 2, 7, 6e5, 15 },     // one or two miners bind (7 tasks of 50-150 kbit above 0.6 Mbit); GO beat the old search
        { 7, 2, 1.5e5, 10 },   // every bad-channel miner binds (2 tasks above 0.15 Mbit): many units in the DP
        { 14, 1, 1e5, 0 },     // one task per miner, each binding in a bad channel
        { 1, 14, 1165662.4304362263, 0 }, // paper-fit's own rate, one miner of 14 tasks
    };

    [Trait("Category", "Slow")] // left out of mutation runs (scripts/mutation.sh): brute force over 16,384 actions a slot; PerSlotOptimumTinyTests pins the search paths fast
    [Theory]
    [MemberData(nameof(PaperFitSmallSystems))]
    public void Act_PaperFitWithBindingCaps_MatchesBruteForceAndBeatsGo(int miners, int tasksPerMiner, double rateBad, int goBeatsHeuristicAtLeast)
    {
        // N M = 14: brute force over 16,384 actions a slot. The trajectory follows the optimum, so buffers build up.
        var env = new MiningEnvironment(PaperFit with { RateBadBps = rateBad }, new EnvironmentSettings { Miners = miners, TasksPerMiner = tasksPerMiner, Beta = 0.5 });
        env.Reset(PolicyEvaluation.EnvironmentSeed(1000, 0));
        var optimum = new PerSlotOptimum();
        var heuristic = new PerSlotOptimum();
        var go = new GoodChannelOffload();
        var action = new double[env.Model.Tasks];
        var goAction = new double[env.Model.Tasks];
        int goBeatsHeuristic = 0, binding = 0;
        for (int t = 0; t < 60; t++)
        {
            binding += PerSlotOptimum.AnyCapCanBind(env) ? 1 : 0;
            optimum.Act(env, action);
            go.Act(env, goAction);
            double chosen = SlotModelScores.Reward(env, action), best = SlotModelScores.BestBinaryReward(env), goReward = SlotModelScores.Reward(env, goAction);
            Assert.True(best - chosen <= 1e-9 * Math.Max(1, Math.Abs(best)), $"slot {t}: optimum {chosen:R}, brute force {best:R}");
            Assert.True(chosen >= goReward - 1e-9, $"slot {t}: GO {goReward:R} above the optimum {chosen:R}");
            Assert.True(optimum.LastActionExact);
            if (goReward > heuristic.SearchByOffloadCountScored(env) + 1e-9)
            {
                goBeatsHeuristic++;
            }

            env.Step(action);
        }

        Assert.True(binding >= 20, $"only {binding} slots with a cap that can bind");
        Assert.True(goBeatsHeuristic >= goBeatsHeuristicAtLeast, $"GO beat the old heuristic in {goBeatsHeuristic} slots only");
    }

    [Trait("Category", "Slow")] // left out of mutation runs (scripts/mutation.sh): 80 slots of 60 tasks; PerSlotOptimumTinyTests pins the search paths fast
    [Fact]
    public void Act_PaperFitFiveMinersTwelveTasks_NeverBelowASimpleBaseline()
    {
        // The N = 5, M = 12 under paper-fit, where GO beat the old "optimal" (-44.78 against -45.88): 2^60 actions
        // are out of reach of brute force, but every baseline's action is one of them, so none may score above the optimum
        // in any slot, and the optimum's mean is at least GO's.
        var env = new MiningEnvironment(PaperFit, new EnvironmentSettings { Miners = 5, TasksPerMiner = 12, Beta = 0.5 });
        env.Reset(PolicyEvaluation.EnvironmentSeed(1000, 0));
        IOffloadingPolicy[] baselines = [new NeverOffload(), new AlwaysOffload(), new RandomOffload(), new GoodChannelOffload()];
        baselines[2].Reset(3);
        var optimum = new PerSlotOptimum();
        var action = new double[60];
        var other = new double[60];
        double optimalSum = 0, goSum = 0;
        const int Slots = 80;
        for (int t = 0; t < Slots; t++)
        {
            optimum.Act(env, action);
            double chosen = SlotModelScores.Reward(env, action);
            foreach (var baseline in baselines)
            {
                baseline.Act(env, other);
                double r = SlotModelScores.Reward(env, other);
                Assert.True(r <= chosen + 1e-9, $"slot {t}: {baseline.Name} {r:R} above the optimum {chosen:R}");
                goSum += baseline is GoodChannelOffload ? r : 0;
            }

            optimalSum += chosen;
            env.Step(action);
        }

        Assert.True(optimalSum >= goSum, $"mean reward: optimal {optimalSum / Slots:R}, GO {goSum / Slots:R}");
        Assert.True(optimum.Exactness.AllExact);
    }

    [Trait("Category", "Slow")] // left out of mutation runs (scripts/mutation.sh): brute force over up to 2^14 actions a slot
    [Fact]
    public void Act_RandomStatesWithCapsThatMayBind_MatchesBruteForce()
    {
        // N M from 2 to 14; both presets (paper-literal: MonotoneFrom 27 or never, so the scan runs to the end); rate_bad
        // and t_local low enough for either cap to bind; backlogs, deadlines with penalties, any beta, lambda, threshold,
        // both usage privacy forms. The trajectory alternates the optimum's action and random ones, to build buffers.
        var generator =
            from paperLiteral in Gen.Bool
            from miners in Gen.Int[1, 7]
            from tasksPerMiner in Gen.Int[1, 7]
            from beta in Gen.Double[0, 1]
            from rateBadExponent in Gen.Double[4.5, 6.3]
            from localExponent in Gen.Double[-6.7, -5.5]
            from capacityExponent in Gen.Double[8.5, 10.5]
            from deadline in Gen.Double[0.05, 5]
            from penalty in Gen.Double[0, 2]
            from lambda in Gen.Double[0, 1]
            from threshold in Gen.OneOfConst(0.0, 0.5, 1.0)
            from form in Gen.OneOfConst(UsagePrivacyForm.Eq8, UsagePrivacyForm.Withheld)
            from seed in Gen.ULong
            select (paperLiteral, miners, tasksPerMiner: Math.Min(tasksPerMiner, Math.Max(1, 14 / miners)), beta, rateBadExponent, localExponent,
                capacityExponent, deadline, penalty, lambda, threshold, form, seed);
        int binding = 0;
        PinnedSample.Run(
            generator,
            c =>
            {
                var p = (c.paperLiteral ? Presets.PaperLiteral : Presets.Calibrated) with
                {
                    RateBadBps = Math.Pow(10, c.rateBadExponent),
                    LocalSecondsPerBit = Math.Pow(10, c.localExponent),
                    MecCapacityHz = Math.Pow(10, c.capacityExponent),
                    DeadlineSeconds = c.deadline,
                    DeadlinePenalty = c.penalty,
                    LocationPrivacyWeight = c.lambda,
                    GoodChannelThreshold = c.threshold,
                    UsagePrivacyForm = c.form,
                };
                var env = new MiningEnvironment(ParameterCatalog.Validate(p), new EnvironmentSettings { Miners = c.miners, TasksPerMiner = c.tasksPerMiner, Beta = c.beta });
                var optimum = new PerSlotOptimum();
                var random = new Xoshiro256(c.seed ^ 0xCA9);
                var action = new double[env.Model.Tasks];
                env.Reset(c.seed);
                for (int t = 0; t < 4; t++)
                {
                    binding += PerSlotOptimum.AnyCapCanBind(env) ? 1 : 0;
                    optimum.Act(env, action);
                    double chosen = SlotModelScores.Reward(env, action), best = SlotModelScores.BestBinaryReward(env);
                    Assert.True(best - chosen <= 1e-9 * Math.Max(1, Math.Abs(best)), $"slot {t}: optimum {chosen:R}, brute force {best:R}");
                    Assert.True(optimum.LastActionExact);
                    if (t % 2 == 1)
                    {
                        for (int i = 0; i < action.Length; i++)
                        {
                            action[i] = random.NextInt(2);
                        }
                    }

                    env.Step(action);
                }
            },
            120,
            PinnedSample.DefaultSeed);
        Assert.True(binding >= 160, $"only {binding} of 480 slots had a cap that can bind"); // a third at least
    }

    [Fact]
    public void Act_BudgetBelowTheEnumeration_ReturnsTheHeuristicLabelledInexactWithoutABound()
    {
        // Paper-fit, N = 1, M = 12: enumerating the binding miner costs 12 * 2^12 = 49,152 units, one more than the budget.
        var env = new MiningEnvironment(PaperFit, new EnvironmentSettings { Miners = 1, TasksPerMiner = 12, Beta = 0.5 });
        ResetWithChannels(env, good: false);
        Assert.True(PerSlotOptimum.AnyCapCanBind(env));
        var limited = new PerSlotOptimum(workBudget: (12 << 12) - 1);
        var heuristic = new PerSlotOptimum();
        var action = new double[12];

        limited.Act(env, action);

        Assert.False(limited.LastActionExact);
        Assert.Equal(double.PositiveInfinity, limited.LastGapBound);
        Assert.Equal(new OptimumExactness(1, 1, double.PositiveInfinity), limited.Exactness);
        Assert.Equal(heuristic.SearchByOffloadCountScored(env), SlotModelScores.Reward(env, action));
    }

    [Trait("Category", "Slow")] // left out of mutation runs (scripts/mutation.sh): brute force over 4,096 actions a slot; PerSlotOptimumTinyTests checks the budget on five tasks
    [Fact]
    public void Act_BudgetCutsTheScanOverK_LabelsInexactWithAGapBoundThatHolds()
    {
        // Enough budget to enumerate the one miner and scan a few K (MonotoneFrom is 1 under paper-fit, so U(K) bounds
        // every larger K), not to finish: each slot is labelled inexact, with a bound the brute force must respect.
        Assert.Equal(1, PerSlotOptimum.MonotoneFrom(new SlotModel(PaperFit, 1, 12, 0.5)));
        var env = new MiningEnvironment(PaperFit, new EnvironmentSettings { Miners = 1, TasksPerMiner = 12, Beta = 0.5 });
        env.Reset(PolicyEvaluation.EnvironmentSeed(1000, 0));
        var limited = new PerSlotOptimum(workBudget: (12 << 12) + 200);
        var exact = new PerSlotOptimum();
        var action = new double[12];
        int inexact = 0, positiveBound = 0;
        double largest = 0;
        for (int t = 0; t < 80; t++)
        {
            bool binding = PerSlotOptimum.AnyCapCanBind(env);
            limited.Act(env, action);
            double chosen = SlotModelScores.Reward(env, action), best = SlotModelScores.BestBinaryReward(env);
            Assert.True(best - chosen <= limited.LastGapBound + 1e-9, $"slot {t}: lost {best - chosen:R}, bound {limited.LastGapBound:R}");
            if (!limited.LastActionExact)
            {
                Assert.True(binding);
                Assert.True(double.IsFinite(limited.LastGapBound));
                inexact++;
                positiveBound += limited.LastGapBound > 0 ? 1 : 0;
                largest = Math.Max(largest, limited.LastGapBound);
            }
            else
            {
                Assert.Equal(0, limited.LastGapBound);
            }

            exact.Act(env, action); // the trajectory of the exact optimum
            env.Step(action);
        }

        Assert.True(inexact >= 20, $"only {inexact} slots were cut");
        Assert.True(positiveBound > 0);
        Assert.Equal(new OptimumExactness(80, inexact, largest), limited.Exactness);
    }

    [Fact]
    public void Exactness_CountsEverySlotAcrossResets()
    {
        // Two runs of 5 slots of a calibrated system where no cap binds: 10 exact slots; Reset starts a run, not a count.
        var env = new MiningEnvironment(Presets.Calibrated, new EnvironmentSettings { Miners = 3, TasksPerMiner = 2, Beta = 0.5 });
        var optimum = new PerSlotOptimum();
        var action = new double[6];
        for (int run = 0; run < 2; run++)
        {
            env.Reset((ulong)run);
            optimum.Reset((ulong)run);
            for (int t = 0; t < 5; t++)
            {
                optimum.Act(env, action);
                env.Step(action);
            }
        }

        Assert.Equal(new OptimumExactness(10, 0, 0), optimum.Exactness);
        Assert.True(optimum.Exactness.AllExact);
    }

    [Fact]
    public void OptimumExactness_Add_KeepsTheLargestBound()
    {
        var totals = default(OptimumExactness).Add(true, 5).Add(false, 0.25).Add(false, 0.5).Add(true, 9).Add(false, 0.125);
        Assert.Equal(new OptimumExactness(5, 3, 0.5), totals);
        Assert.False(totals.AllExact);
        Assert.Equal(double.PositiveInfinity, totals.Add(false, double.PositiveInfinity).LargestGapBound);
    }
}
