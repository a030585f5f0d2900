using CsCheck;
using EdgeMine.Model;
using EdgeMine.Policies;
using EdgeMine.Randomness;

namespace EdgeMine.Tests.Policies;

/// <summary>
/// The fast checks of the binary per-slot optimum that mutation testing runs (scripts/mutation.sh leaves the Slow ones
/// out): systems of at most 6 tasks, where a brute force over every binary action costs microseconds, in random states
/// that reach every path of both searches (no cap; binding miners with concave and non-concave values, the DP over
/// several of them, separable miners beside them, the early stop, the lazy re-valuation past MonotoneFrom, the budget),
/// and slots worked by hand for the tie rules.
/// </summary>
public sealed class PerSlotOptimumTinyTests
{
    /// <summary>
    /// Random systems of at most 6 tasks: either preset (paper-literal: MonotoneFrom from 1 to a few hundred as beta and F
    /// vary, often past every K, so that the scan runs on without the early stop),
    /// rate_bad and t_local low enough for either cap to bind, any F, deadlines with penalties, beta, lambda, threshold
    /// and usage privacy form. Beta stays below 1, where MonotoneFrom's loop runs to 2^24 (tens of milliseconds a slot).
    /// </summary>
    private static Gen<(ModelParameters Parameters, int Miners, int TasksPerMiner, double Beta, ulong Seed)> Systems(double rateBadLow, double localHigh) =>
        from paperLiteral in Gen.Bool
        from miners in Gen.Int[1, 3]
        from tasksPerMiner in Gen.Int[1, 4]
        from beta in Gen.Double[0, 0.97]
        from rateBadExponent in Gen.Double[rateBadLow, 6.3]
        from localExponent in Gen.Double[-6.7, localHigh]
        from capacityExponent in Gen.Double[8.5, 10.5]
        from deadline in Gen.Double[0.05, 5]
        from penalty in Gen.Double[0, 2]
        from lambda in Gen.Double[0, 1]
        from threshold in Gen.OneOfConst(0.0, 0.5, 1.0)
        from form in Gen.OneOfConst(UsagePrivacyForm.Eq8, UsagePrivacyForm.Withheld)
        from seed in Gen.ULong
        select (
            (paperLiteral ? Presets.PaperLiteral : Presets.Calibrated) with
            {
                RateBadBps = Math.Pow(10, rateBadExponent),
                LocalSecondsPerBit = Math.Pow(10, localExponent),
                MecCapacityHz = Math.Pow(10, capacityExponent),
                DeadlineSeconds = deadline,
                DeadlinePenalty = penalty,
                LocationPrivacyWeight = lambda,
                GoodChannelThreshold = threshold,
                UsagePrivacyForm = form,
            },
            miners,
            Math.Min(tasksPerMiner, 6 / miners),
            beta,
            seed);

    [Fact]
    public void Act_TinySystemsWithCapsThatMayBind_MatchBruteForce()
    {
        // Four slots each, alternating the optimum's action and random ones so that buffers and backlogs build up.
        int binding = 0, slots = 0;
        PinnedSample.Run(
            Systems(rateBadLow: 4.5, localHigh: -5.5),
            c =>
            {
                var env = new MiningEnvironment(c.Parameters, new EnvironmentSettings { Miners = c.Miners, TasksPerMiner = c.TasksPerMiner, Beta = c.Beta });
                var optimum = new PerSlotOptimum();
                var random = new Xoshiro256(c.Seed ^ 0x7E1);
                var action = new double[env.Model.Tasks];
                env.Reset(c.Seed);
                for (int t = 0; t < 4; t++)
                {
                    binding += PerSlotOptimum.AnyCapCanBind(env) ? 1 : 0;
                    slots++;
                    optimum.Act(env, action);
                    double chosen = SlotModelScores.Reward(env, action), best = SlotModelScores.BestBinaryReward(env);
                    Assert.True(best - chosen <= 1e-9 * Math.Max(1, Math.Abs(best)), $"slot {t}: optimum {chosen:R}, brute force {best:R}");
                    Assert.All(action, v => Assert.True(v is 0 or 1));
                    Assert.True(optimum.LastActionExact);
                    Assert.Equal(0, optimum.LastGapBound);
                    if (t % 2 == 1)
                    {
                        for (int i = 0; i < action.Length; i++)
                        {
                            action[i] = random.NextInt(2);
                        }
                    }

                    env.Step(action);
                }

                Assert.Equal(new OptimumExactness(4, 0, 0), optimum.Exactness);
            },
            200,
            PinnedSample.DefaultSeed);
        Assert.InRange(binding, slots / 4, slots - (slots / 4)); // both searches, each in many slots
    }

    [Fact]
    public void SearchByOffloadCount_TinySystemsWithoutBindingCaps_MatchBruteForce()
    {
        // No cap binds (rate_bad 10^6.3 and more, t_local below 1e-6.7 s/bit: 6 tasks of 150 kbit at most fit both),
        // so the search by offload count is the whole search; it is called directly, and through Act.
        PinnedSample.Run(
            Systems(rateBadLow: 6.3, localHigh: -6.7),
            c =>
            {
                var p = c.Parameters with { RateBadBps = Math.Max(c.Parameters.RateBadBps, 2e6), LocalSecondsPerBit = Math.Min(c.Parameters.LocalSecondsPerBit, 4.75e-7) };
                var env = new MiningEnvironment(p, new EnvironmentSettings { Miners = c.Miners, TasksPerMiner = c.TasksPerMiner, Beta = c.Beta });
                var optimum = new PerSlotOptimum();
                var random = new Xoshiro256(c.Seed ^ 0x5EA);
                var action = new double[env.Model.Tasks];
                env.Reset(c.Seed);
                for (int t = 0; t < 4; t++)
                {
                    Assert.False(PerSlotOptimum.AnyCapCanBind(env));
                    optimum.SearchByOffloadCount(env);
                    double best = SlotModelScores.BestBinaryReward(env);
                    Assert.True(best - SlotModelScores.Reward(env, optimum.BestAction) <= 1e-9 * Math.Max(1, Math.Abs(best)), $"slot {t}: search {SlotModelScores.Reward(env, optimum.BestAction):R}, brute force {best:R}");
                    optimum.Act(env, action);
                    Assert.True(best - SlotModelScores.Reward(env, action) <= 1e-9 * Math.Max(1, Math.Abs(best)));
                    Assert.All(action, v => Assert.True(v is 0 or 1));
                    for (int i = 0; i < action.Length; i++)
                    {
                        action[i] = random.NextInt(3) == 0 ? 1 : 0; // a backlog for the next slots
                    }

                    env.Step(action);
                }

                Assert.Equal(0, optimum.SlotsWhereACapCouldBind);
            },
            100,
            PinnedSample.DefaultSeed);
    }

    [Fact]
    public void Act_ThreeIdenticalTasksNoCap_OffloadsOnlyTheFirst_WorkedByHand()
    {
        // Calibrated, beta 0.5, one miner of three tasks of D = D1 = 100 kbit, D0 = 0, good channel, eq8, Q = 0, F = 1e9 Hz
        // (no cap binds: 3e5 bits < 1e7 upload, < 2.1e6 local).
        // Local: E = 0.0325 J, L = 0.0475 s: C = 1; Pu = |0 - 0| = 0: r = -1.
        // Offloaded with K offloads: Lu = 1e5 / 1e7 = 0.01 s, Lp = 1e5 * 1000 K / 1e9 = 0.1 K s, E = 0.5 * 0.01 = 0.005 J
        //   (MEC energy 1e-26 (1/K)^3 W, nil): C = 0.5 * 0.005 / 0.0325 + 0.5 (0.01 + 0.1 K) / 0.0475 = 0.1821862 + 1.0526316 K;
        //   Pu = |0 - 1e5| / 1e5 = 1: gain over local g(K) = 1 - C + 1 = 1.8178138 - 1.0526316 K: 0.7651822 at K = 1,
        //   -0.2874494 at K = 2, -1.3400810 at K = 3.
        // Slot reward -3 + K g(K): -3, -2.2348178, -3.5748988, -7.0202429 for K = 0..3: K = 1, and with three equal gains
        // the tie goes to the first task in task order.
        var p = Presets.Calibrated with { MecCapacityHz = 1e9 };
        var env = SlotState.Create(p, 1, 3, 0.5, [0, 0, 0], [1e5, 1e5, 1e5], [true]);
        var optimum = new PerSlotOptimum();
        var action = new double[3];

        optimum.Act(env, action);

        Assert.Equal([1.0, 0, 0], action);
        Assert.Equal(-2.2348178, SlotModelScores.Reward(env, action), 6);
        Assert.Equal(0, optimum.SlotsWhereACapCouldBind);
    }

    [Fact]
    public void Act_FourTasksOfTwoSizes_TakesTheFirstOfTheTiedLargestGains_WorkedByHand()
    {
        // As above (F = 1e9, gains g(K) = 1.8178138 - 1.0526316 K for a 100 kbit task on a good channel, r_local = -1),
        // plus two tasks of 50 kbit: local C = 0.5 + 0.5 = 1 - 0.5 = 0.5 (E and L halve): r = -0.5; offloaded Lu = 0.005 s,
        // Lp = 0.05 K s, E = 0.0025 J, C = 0.0384615 + 0.0526316 + 0.5263158 K, Pu = 0.5: gain 0.9089069 - 0.5263158 K.
        // Four tasks [100k, 50k, 100k, 50k]. K = 1: the best gain is 0.7651822 (a 100 kbit task, above 0.3825911): -2.2348178.
        // K = 2: 100k gains -0.2874494, 50k gains -0.1437247: the two 50 kbit tasks, -3 - 0.2874494 = -3.2874494 < K = 1.
        // So K = 1 and the tie between tasks 0 and 2 goes to task 0.
        var p = Presets.Calibrated with { MecCapacityHz = 1e9 };
        var env = SlotState.Create(p, 2, 2, 0.5, [0, 0, 0, 0], [1e5, 5e4, 1e5, 5e4], [true, true]);
        var action = new double[4];

        new PerSlotOptimum().Act(env, action);

        Assert.Equal([1.0, 0, 0, 0], action);
        Assert.Equal(-2.2348178, SlotModelScores.Reward(env, action), 6);

        // The heuristic (sort the gains at each K, score the K largest) finds the same: the largest gain at K = 1.
        var heuristic = new PerSlotOptimum();
        Assert.Equal(-2.2348178, heuristic.SearchByOffloadCountScored(env), 6);
        Assert.Equal(-2.2348178, SlotModelScores.Reward(env, heuristic.BestAction), 6);
        Assert.Equal(1, heuristic.BestAction.ToArray().Sum());
    }

    [Fact]
    public void Act_TaskWithNoData_StaysOutOfK_WorkedByHand()
    {
        // Paper-literal with beta 1 (energy only; MonotoneFrom never: the MEC energy gamma (F/K)^3 Lp of a task falls as
        // 1/K^2). Task 0 has no data; task 1 D1 = 1e5 bits, good channel, eq8 (Pu in kbit: |0 - Do| / 1e3), F = 3e9 Hz.
        // Local: E = 1e5 * 3.25e-7 = 0.0325 J: r = -0.0325 (task 0: 0 either way).
        // Task 1 offloaded with K offloads: Lu = 0.01 s (0.005 J), Lp = 1e5 * 18000 K / 3e9 = 0.6 K s at 1e-26 (3e9 / K)^3 W:
        //   162 / K^2 J. K = 1 (the only K an action can reach, task 0 having nothing to send): r = 100 - 162.005 = -62.005,
        //   below local: the optimum keeps everything local. Were task 0 counted in K, K = 2 would value task 1 at
        //   100 - 40.505 = 59.495 and offload it, which really scores -62.005.
        var p = Presets.PaperLiteral with { MecCapacityHz = 3e9 };
        var env = SlotState.Create(p, 2, 1, 1.0, [0, 0], [0, 1e5], [true, true]);
        var action = new double[2];
        var optimum = new PerSlotOptimum();

        optimum.Act(env, action);

        Assert.Equal(0, action[1]);
        Assert.Equal(-0.0325, SlotModelScores.Reward(env, action), 9);
        Assert.Equal(-62.005, SlotModelScores.Reward(env, [0, 1]), 9);
    }

    [Fact]
    public void Act_BudgetBelowTheEnumeration_ReturnsTheHeuristicLabelledInexact()
    {
        // One miner of four tasks, 3.6e5 bits above its local capacity (t_local 3e-6 s/bit: 3.33e5 bits), on a good channel
        // where offloading pays (eq8): enumeration costs 4 * 2^4 = 64 units. A budget of 63 searches nothing (the
        // heuristic's action, no bound); a budget of exactly 64 enumerates and then runs out in the scan over K, with a
        // finite bound (calibrated: MonotoneFrom 1).
        var p = Presets.Calibrated with { LocalSecondsPerBit = 3e-6, MecCapacityHz = 1e9 };
        var env = SlotState.Create(p, 1, 4, 0.5, [0, 0, 0, 0], [1e5, 6e4, 1.2e5, 8e4], [true]);
        Assert.Equal(64, CappedSlotSearch.EnumerationWork(env));
        var heuristic = new PerSlotOptimum();
        double heuristicReward = heuristic.SearchByOffloadCountScored(env);
        var action = new double[4];

        var none = new PerSlotOptimum(workBudget: 63);
        none.Act(env, action);
        Assert.False(none.LastActionExact);
        Assert.Equal(double.PositiveInfinity, none.LastGapBound);
        Assert.Equal(heuristicReward, SlotModelScores.Reward(env, action));
        Assert.Equal(new OptimumExactness(1, 1, double.PositiveInfinity), none.Exactness);
        Assert.Equal(1, none.SlotsWhereACapCouldBind);

        var cut = new PerSlotOptimum(workBudget: 64);
        cut.Act(env, action);
        double best = SlotModelScores.BestBinaryReward(env), chosen = SlotModelScores.Reward(env, action);
        Assert.False(cut.LastActionExact);
        Assert.True(double.IsFinite(cut.LastGapBound));
        Assert.True(best - chosen <= cut.LastGapBound + 1e-12);
        Assert.True(chosen >= heuristicReward);

        var exact = new PerSlotOptimum();
        exact.Act(env, action);
        Assert.True(exact.LastActionExact);
        Assert.Equal(best, SlotModelScores.Reward(env, action), 12);
    }

    [Fact]
    public void Act_BudgetsAcrossTheScan_LabelInexactWithBoundsThatHold()
    {
        // One miner of five tasks whose data often exceeds its local capacity (t_local 2e-6 s/bit: 5e5 bits; enumeration
        // 5 * 32 = 160 units), budgets from 160 to 260: each slot either finishes (exact, bound 0) or is cut with a bound
        // that the brute force respects, and never below the heuristic. States from random actions on a slow MEC.
        var p = Presets.Calibrated with { LocalSecondsPerBit = 2e-6, MecCapacityHz = 1e9 };
        int inexact = 0, positive = 0, exactSlots = 0;
        var random = new Xoshiro256(41);
        for (long budget = 160; budget <= 260; budget += 20)
        {
            var env = new MiningEnvironment(p, new EnvironmentSettings { Miners = 1, TasksPerMiner = 5, Beta = 0.5 });
            env.Reset((ulong)budget);
            var limited = new PerSlotOptimum(budget);
            var action = new double[5];
            double largest = 0;
            int cut = 0;
            for (int t = 0; t < 12; t++)
            {
                bool binding = PerSlotOptimum.AnyCapCanBind(env);
                limited.Act(env, action);
                double chosen = SlotModelScores.Reward(env, action), best = SlotModelScores.BestBinaryReward(env);
                Assert.True(best - chosen <= limited.LastGapBound + 1e-9, $"budget {budget}, slot {t}: lost {best - chosen:R}, bound {limited.LastGapBound:R}");
                Assert.True(chosen >= new PerSlotOptimum().SearchByOffloadCountScored(env) - 1e-12);
                if (limited.LastActionExact)
                {
                    Assert.Equal(0, limited.LastGapBound);
                    Assert.Equal(best, chosen, 9);
                    exactSlots++;
                }
                else
                {
                    Assert.True(binding);
                    Assert.True(double.IsFinite(limited.LastGapBound));
                    cut++;
                    positive += limited.LastGapBound > 0 ? 1 : 0;
                    largest = Math.Max(largest, limited.LastGapBound);
                }

                for (int i = 0; i < action.Length; i++)
                {
                    action[i] = random.NextInt(2);
                }

                env.Step(action);
            }

            Assert.Equal(new OptimumExactness(12, cut, largest), limited.Exactness);
            inexact += cut;
        }

        Assert.True(inexact >= 10, $"only {inexact} slots were cut");
        Assert.True(positive > 0);
        Assert.True(exactSlots >= 10, $"only {exactSlots} slots finished");
    }

    [Fact]
    public void Act_CutScan_ReturnsTheBetterOfWhatTheSearchReachedAndTheHeuristic()
    {
        // The states and budgets of Act_BudgetsAcrossTheScan_LabelInexactWithBoundsThatHold. In a cut slot Act must return
        // the better of two actions it does not compute here: the cut search's (a separate CappedSlotSearch with the same
        // budget, deterministic) and the heuristic's (a separate PerSlotOptimum), each scored by the slot model. Some cut
        // slots must have the search ahead, or the rule is not exercised.
        var p = Presets.Calibrated with { LocalSecondsPerBit = 2e-6, MecCapacityHz = 1e9 };
        int cut = 0, searchAhead = 0;
        var random = new Xoshiro256(41);
        for (long budget = 160; budget <= 260; budget += 20)
        {
            var env = new MiningEnvironment(p, new EnvironmentSettings { Miners = 1, TasksPerMiner = 5, Beta = 0.5 });
            env.Reset((ulong)budget);
            var limited = new PerSlotOptimum(budget);
            var action = new double[5];
            var reachedAction = new double[5];
            for (int t = 0; t < 12; t++)
            {
                limited.Act(env, action);
                if (!limited.LastActionExact)
                {
                    var reached = new CappedSlotSearch().Search(env, budget, reachedAction);
                    Assert.True(reached.Searched);
                    double heuristic = new PerSlotOptimum().SearchByOffloadCountScored(env);
                    Assert.Equal(SlotModelScores.Reward(env, reachedAction), reached.Reward, 12);
                    Assert.Equal(Math.Max(reached.Reward, heuristic), SlotModelScores.Reward(env, action), 12);
                    cut++;
                    searchAhead += reached.Reward > heuristic ? 1 : 0;
                }

                for (int i = 0; i < action.Length; i++)
                {
                    action[i] = random.NextInt(2);
                }

                env.Step(action);
            }
        }

        Assert.True(cut >= 10, $"only {cut} slots were cut");
        Assert.True(searchAhead >= 1, $"the cut search was ahead of the heuristic in none of {cut} cut slots");
    }

    [Fact]
    public void Search_TinyStates_ReportsTheRewardOfItsActionAndItsWork()
    {
        // The search's own result: Searched and Exact with an unlimited budget, its Reward that of its action (the best),
        // no gap, and at least the enumeration's work; nothing searched (action untouched) below the enumeration.
        var p = Presets.Calibrated with { RateBadBps = 2e5, LocalSecondsPerBit = 3e-6 };
        var env = new MiningEnvironment(p, new EnvironmentSettings { Miners = 2, TasksPerMiner = 3, Beta = 0.5 });
        var search = new CappedSlotSearch();
        var action = new double[6];
        int searched = 0;
        for (ulong seed = 0; seed < 12; seed++)
        {
            env.Reset(seed);
            if (!PerSlotOptimum.AnyCapCanBind(env))
            {
                continue;
            }

            long enumeration = CappedSlotSearch.EnumerationWork(env);
            Assert.True(enumeration is 3 * 8 or 2 * 3 * 8);
            var result = search.Search(env, long.MaxValue, action);
            Assert.True(result.Searched);
            Assert.True(result.Exact);
            Assert.Equal(0, result.GapBound);
            Assert.Equal(SlotModelScores.Reward(env, action), result.Reward, 9);
            Assert.Equal(SlotModelScores.BestBinaryReward(env), result.Reward, 9);
            Assert.True(result.Work > enumeration);

            Array.Fill(action, 0.5);
            var refused = search.Search(env, enumeration - 1, action);
            Assert.Equal(new CappedSlotSearch.Result(false, false, double.PositiveInfinity, double.NaN, 0), refused);
            Assert.All(action, v => Assert.Equal(0.5, v));
            searched++;
        }

        Assert.True(searched >= 6, $"only {searched} states had a cap that can bind");
    }

    [Fact]
    public void Search_TwoTasksUploadCapBinds_ValuesWorkAndBudgetCut_WorkedByHand()
    {
        // One miner, two tasks of D = D1 = 1e6 bits, bad channel, the physics of
        // CappedSlotSearchTests.Act_ThreeTasksUploadCapBinds_SendsTheCapAndDefersTheRest_WorkedByHand (upload cap
        // U = 1.5e6 bits): local r = -0.1, full offload r = -0.05 K, the partial 0.5e6 bits r = 0.25 - 0.025 K.
        // MonotoneFrom = 1 (raw units: a = 5e-8 >= b (3/4), b = 5e-31).
        // Groups (F, p) of the four actions, by count: c0 {00: A = -0.2}; c1 {01: F = {0}, A = -0.1; 10: F = {1}, A = -0.1};
        // c2 {11: F = {0}, p = 1, A = 0}.
        // Work in eighths (a scoring 8, a valuation 8 + a heap step 1, a DP cell 1, a pool of P marginals P (log2(P + 1) + 1)):
        //   enumeration 2 * 2^2 = 8 units: 64.
        //   K = 0: one group valued: 73. V(0) = -0.2.
        //   K = 1: two tasks scored (16), four groups valued (36): 125; f = (-0.2, -0.15, 0.175) is not concave (marginals
        //     0.05 then 0.325), so the miner goes to the DP: no pool, (0 + 1) (2 + 1) = 3 cells: 128.
        //     V(1) = -0.15 (one full task); U(1) = max f = 0.175 > V: no stop.
        //   K = 2, lazily (K > MonotoneFrom): scoring 16: 144; c0 re-valued (8 + log2 1 = 8): 152; c1's heap [01, 10] (equal
        //     keys -0.15): 01 re-valued to -0.2 and sifted below 10 (9), 10 re-valued to -0.2 (9): 170; c2 re-valued
        //     (8): 178, f = (-0.2, -0.2, 0.1); DP 3 cells: 181. V(2) = 0.1 = U(2): the scan stops, exact.
        //   Rebuilding K = 2's action: the DP again, 3 cells: 184 eighths = 23 units.
        // A budget of 16 units (128 eighths) is not exceeded after K = 1 (128 > 128 is false): the same. A budget of 15 is:
        // the scan stops at K = 1 with V(1) = -0.15 (action 01) and the bound U(1) - V(1) = 0.325; rebuilding K = 1 adds
        // (0 + 1) (2 + 1) = 3 cells again: 131 eighths = 16 units.
        var p = Presets.Calibrated with
        {
            LocalSecondsPerBit = 1e-7,
            LocalJoulesPerBit = 1e-7,
            EnergyUnitJoules = 1,
            LatencyUnitSeconds = 1,
            RateBadBps = 1.5e6,
        };
        var env = SlotState.Create(p, 1, 2, 0.5, [0, 0], [1e6, 1e6], [false]);
        Assert.Equal(1, PerSlotOptimum.MonotoneFrom(env.Model));
        var action = new double[2];

        foreach (long budget in new[] { long.MaxValue, 16L })
        {
            var result = new CappedSlotSearch().Search(env, budget, action);
            Assert.True(result.Searched && result.Exact);
            Assert.Equal(0, result.GapBound);
            Assert.Equal(0.1, result.Reward, 12);
            Assert.Equal(23, result.Work);
            Assert.Equal([1.0, 1.0], action);
        }

        var cut = new CappedSlotSearch().Search(env, 15, action);
        Assert.True(cut.Searched);
        Assert.False(cut.Exact);
        Assert.Equal(0.325, cut.GapBound, 12);
        Assert.Equal(-0.15, cut.Reward, 12);
        Assert.Equal(16, cut.Work);
        Assert.Equal([1.0, 0], action);
        Assert.False(new CappedSlotSearch().Search(env, 7, action).Searched);

        // The policy with budget 15 returns the better of the cut search (-0.15) and the heuristic, which finds 11 (0.1):
        // inexact, with the bound V(1) + 0.325 - 0.1 = 0.075 on what it may have lost.
        var optimum = new PerSlotOptimum(15);
        optimum.Act(env, action);
        Assert.Equal([1.0, 1.0], action);
        Assert.False(optimum.LastActionExact);
        Assert.Equal(0.075, optimum.LastGapBound, 12);
    }

    [Fact]
    public void NewOptimum_IsNamedExactAndChecksItsArguments()
    {
        var optimum = new PerSlotOptimum();
        Assert.Equal("optimal", optimum.Name);
        Assert.True(optimum.LastActionExact); // before any slot: nothing inexact yet
        Assert.Equal(default, optimum.Exactness);
        Assert.Equal(PerSlotOptimum.DefaultWorkBudget, optimum.WorkBudget);
        Assert.Equal(1L << 25, PerSlotOptimum.DefaultWorkBudget);
        Assert.Equal(0, new PerSlotOptimum(0).WorkBudget);
        Assert.Throws<ArgumentOutOfRangeException>(() => new PerSlotOptimum(-1));
        Assert.Throws<ArgumentNullException>(() => optimum.Act(null!, new double[1]));
        Assert.Throws<ArgumentNullException>(() => new PerSlotFractionalOptimum().Act(null!, new double[1]));
        Assert.True(new PerSlotFractionalOptimum().LastActionExact);
    }

    [Fact]
    public void MonotoneFrom_NegativePenalty_IsNever()
    {
        // A negative deadline penalty (a reward per miss: refused by the catalogue, but the model takes it) makes a gain
        // rise as K pushes a task past its deadline, which breaks the stop's argument; a zero penalty does not.
        Assert.Equal(int.MaxValue, PerSlotOptimum.MonotoneFrom(new SlotModel(Presets.Calibrated with { DeadlinePenalty = -1 }, 2, 2, 0.5)));
        Assert.Equal(1, PerSlotOptimum.MonotoneFrom(new SlotModel(Presets.Calibrated with { DeadlinePenalty = 0 }, 2, 2, 0.5)));

        // beta = 0: no energy weight (b = 0): monotone from K = 1.
        Assert.Equal(1, PerSlotOptimum.MonotoneFrom(new SlotModel(Presets.PaperLiteral, 2, 2, 0.0)));
    }
}
