using EdgeMine.Experiments;
using EdgeMine.Schemes;
using EdgeMine.Simulation;
using static EdgeMine.Tests.Claims.Synthetic;

namespace EdgeMine.Tests.Claims;

/// <summary>
/// The paper's claims judged on synthetic cells with known differences: each outcome of the rule (holds,
/// indistinguishable, does not hold, not evaluated), the deciding value beside the paper's, the causes, the magnitudes
/// with their intervals worked out by hand (t(2) = 4.303, t(3) = 3.182).
/// </summary>
public sealed class ClaimsTests
{
    private static readonly Scheme Drlo = ReproductionSchemes.DrloPaper, Rlo = ReproductionSchemes.Rlo;
    private static readonly Scheme Eo = BaselineScheme.Always, No = BaselineScheme.Never, Opt = BaselineScheme.Optimal;
    private static readonly Metric Cost = Metrics.Cost, Power = Metrics.Power, Latency = Metrics.Latency, Reward = Metrics.Reward, Privacy = Metrics.Privacy;

    // Noise that averages to 0 over four runs: a seed's mean is exactly its value.
    private static readonly double[] Noise = [0.1, -0.1, 0.1, -0.1];

    private static Claim Find(IReadOnlyList<Claim> claims, string start) => Assert.Single(claims, c => c.Statement.StartsWith(start, StringComparison.Ordinal));

    private static IReadOnlyList<Claim> Table2(Setting setting, params ResultRow[] rows) =>
        MultiMinerTables.Table2.Claims(new ExperimentResults(MultiMinerTables.Table2, [setting], rows));

    private static IReadOnlyList<Claim> Table2Judged(Setting setting, ClaimEvidence evidence, params ResultRow[] rows) =>
        MultiMinerTables.Table2.Judged(new ExperimentResults(MultiMinerTables.Table2, [setting], rows), evidence);

    /// <summary>A calibration's points.csv with one claim column: the preset's row, then points p1, p2, ... (p2 the best fit).</summary>
    internal static ClaimEvidence Calibration(string claimId, params string[] outcomes) => ClaimEvidence.Default with
    {
        Calibration = CalibrationEvidence.Parse(
            $"point,phase,objective_fitted,held_out_holding,{claimId}\npreset,preset,0.1,0,holds\n"
            + string.Concat(outcomes.Select((o, i) => FormattableString.Invariant($"p{i + 1},latin,{(i == 1 ? 1 : 5 + i)},0,{o}\n"))),
            "points.csv"),
    };

    [Fact]
    public void A_ranking_holds_when_every_step_holds_and_reports_its_closest_step()
    {
        Setting n5 = new(5, 2, 0.5);
        var claims = Table2(
            n5,
            Learner(n5, Drlo, Noise, (Power, [1.0, 1.1, 0.9])),
            Learner(n5, Rlo, Noise, (Power, [2.0, 2.1, 1.9])),
            Baseline(n5, No, (Power, Constant(3))),
            Baseline(n5, Eo, (Power, Constant(4))));

        var power = Find(claims, "DRLO < RLO < NO < EO in power (W) at N=5");
        Assert.Equal(ClaimOutcome.Holds, power.Outcome);

        // Steps: DRLO 1 vs RLO 2 (50% below), RLO 2 vs NO 3 (33.3%), NO 3 vs EO 4 (25%, exact on every run): the closest
        // step decides, beside the paper's (4.5 vs 6.2: 27.4% below).
        Approx.Equal(25, power.Ours!.Mean);
        Approx.Equal(25, power.Ours.Low);
        Assert.Equal("evaluation runs", power.Ours.Units);
        Assert.Equal("27.42% below", power.Paper);
        Assert.Null(power.Cause);
        Assert.Contains("DRLO (paper DQN) 1.000 vs RLO 2.000: 50.0% below", power.Detail, StringComparison.Ordinal);
        Assert.Equal("table2.power.n5", power.Id);
        Assert.Equal(["drlo-paper", "rlo", "no", "eo"], power.Schemes.Select(s => s.Name));
        Assert.False(power.ModelAssisted);
    }

    [Fact]
    public void Two_fixed_policies_in_the_wrong_order_fail_the_ranking_preset_where_the_calibration_satisfies_it_else_model()
    {
        Setting n5 = new(5, 2, 0.5);
        ResultRow[] rows =
        [
            Learner(n5, Drlo, Noise, (Power, [1.0, 1.1, 0.9])),
            Learner(n5, Rlo, Noise, (Power, [2.0, 2.1, 1.9])),
            Baseline(n5, No, (Power, Constant(3))),
            Baseline(n5, Eo, (Power, Constant(2.5))),
            Baseline(n5, Opt, (Power, Constant(0.5))),
        ];

        // NO 3 vs EO 2.5: -20% (3 is 20% above 2.5), the step most against the claim. No stand-in helps: NO and EO are
        // not learners. The calibration says where it holds: at p1 and p2 of 3 points (p2 is the best fit, paper-fit).
        var preset = Find(Table2Judged(n5, Calibration("table2.power.n5", "holds (partial)", "holds", "does not hold"), rows), "DRLO < RLO < NO < EO in power (W) at N=5");
        Assert.Equal(ClaimOutcome.DoesNotHold, preset.Outcome);
        Approx.Equal(-20, preset.Ours!.Mean);
        Assert.Equal(CauseClass.Preset, preset.Cause!.Class);
        Assert.StartsWith("holds at 2 of 3 points of the calibration's feasible set, e.g. paper-fit", preset.Cause.Reason, StringComparison.Ordinal);

        // At no point: the model.
        var model = Find(Table2Judged(n5, Calibration("table2.power.n5", "does not hold", "inconclusive (partial)", "does not hold"), rows), "DRLO < RLO < NO < EO in power (W) at N=5");
        Assert.Equal(CauseClass.Model, model.Cause!.Class);
        Assert.StartsWith("it fails at every one of the 3 points", model.Cause.Reason, StringComparison.Ordinal);

        // At one point, not the best: named by its id.
        var named = Find(Table2Judged(n5, Calibration("table2.power.n5", "does not hold", "does not hold", "holds"), rows), "DRLO < RLO < NO < EO in power (W) at N=5");
        Assert.StartsWith("holds at 1 of 3 points of the calibration's feasible set, e.g. p3", named.Cause!.Reason, StringComparison.Ordinal);

        // No calibration, or one without this claim: undetermined, and said so.
        var none = Find(Table2Judged(n5, ClaimEvidence.Default, rows), "DRLO < RLO < NO < EO in power (W) at N=5");
        Assert.Null(none.Cause);
        Assert.Contains("no calibration run given", none.CauseText, StringComparison.Ordinal);
        var other = Find(Table2Judged(n5, Calibration("table2.cost.n5", "holds"), rows), "DRLO < RLO < NO < EO in power (W) at N=5");
        Assert.Contains("did not judge this claim", other.CauseText, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tie_or_a_difference_inside_noise_leaves_the_ranking_indistinguishable()
    {
        Setting n5 = new(5, 2, 0.5);
        ResultRow[] Rows(double[] drloSeeds) =>
        [
            Learner(n5, Drlo, Noise, (Power, drloSeeds)),
            Learner(n5, Rlo, Noise, (Power, [2.0, 2.0, 2.0])),
            Baseline(n5, No, (Power, Constant(3))),
            Baseline(n5, Eo, (Power, Constant(4))),
        ];

        // The same policy: identical values in every run and seed, an exact tie ("0 [0, 0]" in the report).
        var tie = Find(Table2(n5, Rows([2.0, 2.0, 2.0])), "DRLO < RLO < NO < EO in power");
        Assert.Equal(ClaimOutcome.ExactTie, tie.Outcome);
        Assert.Equal(ClaimOutcome.ExactTie, tie.OutcomeHolm);
        Assert.Contains("an exact tie (identical in every run and seed)", tie.Detail, StringComparison.Ordinal);
        Assert.Equal("exact tie: 0% [0%, 0%]", EdgeMine.Reporting.ReportBuilder.OursText(tie));

        // Seeds 1, 3, 2 against 2: differences -1, 1, 0, mean 0: no number of seeds decides it.
        var noisy = Find(Table2(n5, Rows([1.0, 3.0, 2.0])), "DRLO < RLO < NO < EO in power");
        Assert.Equal(ClaimOutcome.Inconclusive, noisy.Outcome);
        Assert.StartsWith("no number of units decides it", noisy.Deciding, StringComparison.Ordinal);
        Approx.Equal(0, noisy.Ours!.Mean, absolute: 1e-12);
        Assert.Equal("training seeds", noisy.Ours.Units);
    }

    [Fact]
    public void A_learner_short_of_what_the_optimum_does_has_a_learner_cause_and_otherwise_a_model_cause()
    {
        Setting n5 = new(5, 2, 0.5);
        IReadOnlyList<Claim> Claims(double optimumLatency) => Table2Judged(
            n5,
            Calibration("table2.latency.n5", "does not hold", "does not hold"),
            Learner(n5, Drlo, Noise, (Latency, [100, 110, 90])),
            Learner(n5, Rlo, Noise, (Latency, [500, 510, 490])),
            Baseline(n5, No, (Latency, Constant(300))),
            Baseline(n5, Eo, (Latency, Constant(400))),
            Baseline(n5, Opt, (Latency, Constant(optimumLatency))));

        // RLO (500 ms) above NO (300 ms): the step RLO < NO does not hold. With the optimum (200 ms) in RLO's place, in
        // every part: DRLO 100 < 200 < NO 300 < EO 400: it holds, so RLO falls short.
        var learner = Find(Claims(optimumLatency: 200), "DRLO < RLO < NO < EO in latency");
        Assert.Equal(ClaimOutcome.DoesNotHold, learner.Outcome);
        Assert.Equal(CauseClass.Learner, learner.Cause!.Class);
        Assert.Equal("with the per-slot optimum in the place of RLO, in every part, it holds; RLO falls short", learner.Cause.Reason);

        // The optimum at 350 ms: in RLO's place 350 < NO 300 fails; in DRLO's place RLO 500 < NO 300 still fails; in both,
        // 350 < 300 fails. No stand-in satisfies it, and the calibration has it at no point: the model.
        var model = Find(Claims(optimumLatency: 350), "DRLO < RLO < NO < EO in latency");
        Assert.Equal(CauseClass.Model, model.Cause!.Class);

        // The brief's case (Table II's cost at N = 5): the optimum in RLO's place still needs DRLO below the optimum.
        // DRLO 100 is not below an optimum of 50 there, and in DRLO's place RLO 500 < NO 300 fails: not "learner".
        var chain = Find(Claims(optimumLatency: 50), "DRLO < RLO < NO < EO in latency");
        Assert.Equal(CauseClass.Model, chain.Cause!.Class);
    }

    [Fact]
    public void Fig6_margins_over_seeds_with_their_intervals_by_hand()
    {
        Setting m2 = new(1, 2, 0.8), m4 = new(1, 4, 0.8);
        var rows = new List<ResultRow>();
        foreach (var (setting, scale) in new[] { (m2, 0.5), (m4, 1.0) })
        {
            rows.Add(Learner(setting, Drlo, Noise, (Cost, [8 * scale, 8.2 * scale, 7.8 * scale])));
            rows.Add(Learner(setting, Rlo, Noise, (Cost, [10 * scale, 10 * scale, 10 * scale])));
            rows.Add(Baseline(setting, Eo, (Cost, Constant(20 * scale))));
            rows.Add(Baseline(setting, No, (Cost, Constant(25 * scale))));
        }

        var claims = SingleMinerFigures.Fig6.Claims(new ExperimentResults(SingleMinerFigures.Fig6, [m2, m4], rows));
        var reductions = Find(claims, "At beta=0.8, M=12, DRLO's cost");
        Assert.Equal(ClaimOutcome.Holds, reductions.Outcome);

        // At M=4: DRLO - RLO over seeds -2, -1.8, -2.2: mean -2, half-width 4.303 * 0.2 / sqrt(3), as % of RLO's 10.
        double halfWidth = 4.303 * 0.2 / Math.Sqrt(3) * 10;
        Approx.Equal(20, reductions.Ours!.Mean, relative: 1e-9);
        Approx.Equal(20 - halfWidth, reductions.Ours.Low, relative: 1e-9);
        Approx.Equal(20 + halfWidth, reductions.Ours.High, relative: 1e-9);
        Assert.Equal("18.7% below", reductions.Paper);
        Assert.Contains("60.0% below", reductions.Detail, StringComparison.Ordinal); // (20 - 8) / 20
        Assert.Contains("68.0% below", reductions.Detail, StringComparison.Ordinal); // (25 - 8) / 25
        Assert.Contains("largest M run here", reductions.Detail, StringComparison.Ordinal);
        Assert.Equal(ClaimOutcome.Holds, Find(claims, "DRLO has the lowest cost").Outcome);
    }

    [Fact]
    public void A_learner_whose_seeds_agree_is_judged_on_the_evaluation_runs()
    {
        // Three identical seeds (an LP's policy) give a zero-width interval over seeds; the runs still vary: DRLO - NO per
        // run is -0.1 + (1, -1, 1, -1), which spans 0.
        Setting n5 = new(5, 2, 0.5);
        double[] wide = [1, -1, 1, -1];
        var claims = Table2(
            n5,
            Learner(n5, Drlo, wide, (Cost, [2.9, 2.9, 2.9])),
            Learner(n5, Rlo, wide, (Cost, [2.95, 2.95, 2.95])),
            Baseline(n5, No, (Cost, Constant(3))),
            Baseline(n5, Eo, (Cost, Constant(4))));
        var cost = Find(claims, "DRLO < RLO < NO < EO in cost");
        Assert.Equal(ClaimOutcome.Inconclusive, cost.Outcome);
        Assert.Equal("evaluation runs", cost.Ours!.Units);
    }

    [Fact]
    public void Cells_that_did_not_apply_leave_the_claim_not_evaluated_or_partial()
    {
        Setting n5 = new(5, 2, 0.5);
        var claims = Table2(
            n5,
            NotApplicable(n5, Drlo),
            Learner(n5, Rlo, Noise, (Cost, [2.0, 2.1, 1.9])),
            Baseline(n5, No, (Cost, Constant(3))),
            Baseline(n5, Eo, (Cost, Constant(4))));
        var cost = Find(claims, "DRLO < RLO < NO < EO in cost");
        Assert.Equal(ClaimOutcome.Holds, cost.Outcome);
        Assert.True(cost.Partial);
        Assert.Equal("holds (partial)", cost.OutcomeText);
        Assert.Contains("joint head too large", cost.Detail, StringComparison.Ordinal);

        foreach (var experiment in Reproduction.Experiments)
        {
            var none = experiment.Claims(new ExperimentResults(experiment, experiment.Settings(ReproductionSizes.Quick), []));
            Assert.NotEmpty(none);
            Assert.All(none, c => Assert.Equal(ClaimOutcome.NotEvaluated, c.Outcome));
        }
    }

    [Fact]
    public void A_trend_is_judged_by_its_slope()
    {
        // EO's cost 1.5 M + noise at M = 2, 4, 6: slope 1.5 (the noise averages to 0 at every M).
        Setting[] settings = [new(1, 2, 0.5), new(1, 4, 0.5), new(1, 6, 0.5)];
        var rows = settings.Select(s => Baseline(s, Eo, (Cost, Noise.Select(n => (1.5 * s.Tasks) + n).ToArray()))).ToArray();
        var claims = SingleMinerFigures.Fig5.Claims(new ExperimentResults(SingleMinerFigures.Fig5, settings, rows));
        var rises = Find(claims, "EO's cost rises with M");
        Assert.Equal(ClaimOutcome.Holds, rises.Outcome);
        Approx.Equal(1.5, rises.Ours!.Mean, relative: 1e-9);
        Assert.Equal(12, rises.Ours.N); // 4 runs at 3 settings
        Assert.Equal("1.5 per task (15 to 30)", rises.Paper);

        // Flat at 3 with the noise: slope 0; Sxx = 4 (4 + 0 + 4) = 32, SSE = 12 * 0.01, se = sqrt(0.12 / 10 / 32) = 0.01936;
        // the tolerance 2.6% of 3 over the range 4 is 0.0195 per task, and t(0.95, 10) se = 1.812 * 0.01936 = 0.0351 exceeds
        // it: not shown equivalent (flat), inconclusive. With a tenth of the noise, se = 0.001936 and 0.00351 < 0.0195:
        // equivalent.
        IReadOnlyList<Claim> Flat(double noise) => SingleMinerFigures.Fig5.Claims(new ExperimentResults(
            SingleMinerFigures.Fig5, settings, settings.Select(s => Baseline(s, Eo, (Cost, Noise.Select(n => 3 + (n * noise)).ToArray()))).ToArray()));
        Assert.Equal(ClaimOutcome.Inconclusive, Find(Flat(1), "EO's cost rises").Outcome);
        Assert.Equal(ClaimOutcome.Equivalent, Find(Flat(0.1), "EO's cost rises").Outcome);
    }

    [Fact]
    public void Stability_compares_two_windows_of_training_within_five_percent_of_the_optimum_over_random()
    {
        // Random -10, optimum -2: tolerance 0.05 * 8 = 0.4. Curves of 400 slots: the 25-50% window is slots 100-199,
        // the 75-100% window slots 300-399. Seed differences of the window means: DRLO 0.1, 0.2, 0 ([-0.148, 0.348]:
        // within), RLO 1, 1.1, 0.9 (wholly beyond), DRLO (paper) 0.3, 0.5, 0.4 ([0.152, 0.648]: across 0.4).
        Setting b5 = new(2, 2, 0.5);
        static double[] Curve(double late) => Enumerable.Range(0, 400).Select(t => t < 100 ? -20.0 : t < 300 ? -5.0 : -5.0 + late).ToArray();
        var curves = new List<LearningCurve>();
        void Add(Scheme scheme, double[] lates)
        {
            for (int k = 0; k < lates.Length; k++)
            {
                curves.Add(new LearningCurve(scheme, 0.5, k + 1, Enumerable.Range(0, 400).Select(t => (long)t).ToArray(), Curve(lates[k]), new double[400]));
            }
        }

        Add(Drlo, [0.1, 0.2, 0]);
        Add(Rlo, [1, 1.1, 0.9]);
        var rows = new[]
        {
            Baseline(b5, BaselineScheme.Random, (Reward, Constant(-10))),
            Baseline(b5, Opt, (Reward, Constant(-2))),
        };
        var experiment = Fig4LearningCurves.Instance;
        var claims = experiment.Claims(new ExperimentResults(experiment, [b5], rows) { Curves = curves });

        var drlo = Find(claims, "DRLO (paper DQN)'s learning curve is stable");
        Assert.Equal(ClaimOutcome.Holds, drlo.Outcome);
        Approx.Equal(0.1 / 8 * 100, drlo.Ours!.Mean, relative: 1e-9); // 1.25% of R_opt - R_random
        var rlo = Find(claims, "RLO's learning curve is stable");
        Assert.Equal(ClaimOutcome.DoesNotHold, rlo.Outcome);
        Assert.Equal(CauseClass.Learner, ClaimCauses.Find(rlo, ClaimEvidence.Default).Cause!.Class);

        // Across 0.4: inconclusive.
        curves.Clear();
        Add(Drlo, [0.3, 0.5, 0.4]);
        var across = Find(experiment.Claims(new ExperimentResults(experiment, [b5], rows) { Curves = curves }), "DRLO (paper DQN)'s learning curve is stable");
        Assert.Equal(ClaimOutcome.Inconclusive, across.Outcome);

        // Without evaluated rewards the margin over RLO is not evaluated.
        Assert.Equal(ClaimOutcome.NotEvaluated, Find(claims, "DRLO (paper DQN) converges above RLO").Outcome);
    }

    [Fact]
    public void Fig4_margin_over_RLO_is_judged_on_the_evaluated_rewards()
    {
        Setting b5 = new(2, 2, 0.5);
        var rows = new[]
        {
            Learner(b5, Drlo, Noise, (Reward, [4.5, 4.6, 4.4])),
            Learner(b5, Rlo, Noise, (Reward, [4.0, 4.0, 4.0])),
        };
        var experiment = Fig4LearningCurves.Instance;
        var margin = Find(experiment.Claims(new ExperimentResults(experiment, [b5], rows)), "DRLO (paper DQN) converges above RLO at beta=0.5");

        // (4.5 - 4) / 4 = 12.5%, the paper's margin; seed differences 0.5, 0.6, 0.4.
        Assert.Equal(ClaimOutcome.Holds, margin.Outcome);
        Approx.Equal(12.5, margin.Ours!.Mean, relative: 1e-9);
        Assert.Equal("12.5% above", margin.Paper);
    }

    [Fact]
    public void Fig7_privacy_trend_and_the_margins_are_judged_with_the_papers_DQN()
    {
        Setting d10 = new(1, 1, 0.5, 10), d100 = new(1, 1, 0.5, 100);
        var rows = new List<ResultRow>();
        foreach (var (setting, scale) in new[] { (d10, 1.0), (d100, 2.0) })
        {
            rows.Add(Learner(setting, Drlo, Noise, (Privacy, [1.1 * scale, 1.1 * scale, 1.1 * scale])));
            rows.Add(Learner(setting, ReproductionSchemes.RlPrivacy, Noise, (Privacy, [1.0 * scale, 1.0 * scale, 1.0 * scale])));
            rows.Add(Learner(setting, ReproductionSchemes.Cmdp, Noise, (Privacy, [0.5 * scale, 0.5 * scale, 0.5 * scale])));
        }

        var claims = Fig7Privacy.Instance.Claims(new ExperimentResults(Fig7Privacy.Instance, [d10, d100], rows));
        var rises = Find(claims, "Privacy rises with");
        Assert.Equal(ClaimOutcome.Holds, rises.Outcome);
        Assert.Null(rises.Cause); // not true by construction: under paper-fit the optimum's privacy falls with d

        // (1.1 - 1.0) / 1.0 = 10% above RL-privacy (the closer), (1.1 - 0.5) / 0.5 = 120% above CMDP: beyond 100%, the
        // report writes 1.20 times |CMDP| above.
        var at10 = Find(claims, "At d=10 kbit");
        Assert.Equal(ClaimOutcome.Holds, at10.Outcome);
        Approx.Equal(10, at10.Ours!.Mean, relative: 1e-9);
        Assert.Contains("10.0% above", at10.Detail, StringComparison.Ordinal);
        Assert.Contains("1.20x |CMDP [28]| above", at10.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Standings_give_each_learner_its_yardsticks_by_hand_and_flag_one_below_the_best_rule()
    {
        // Rewards: NO -10, EO -5, GO -4 (the best simple baseline), Random -8, optimum -3, fractional optimum -2.5.
        // DRLO -3.5: ratio (-3.5 + 8) / (-3 + 8) = 0.9, headroom (-3.5 + 4) / (-3 + 4) = 0.5, regret (0.5) / (N M = 10),
        // fractional ratio 4.5 / 5.5. RLO -4.5: below GO by 0.5 on every seed.
        Setting n5 = new(5, 2, 0.5);
        var rows = new[]
        {
            Baseline(n5, No, (Reward, Constant(-10))), Baseline(n5, Eo, (Reward, Constant(-5))),
            Baseline(n5, BaselineScheme.GoodChannel, (Reward, Constant(-4))), Baseline(n5, BaselineScheme.Random, (Reward, Constant(-8))),
            Baseline(n5, Opt, (Reward, Constant(-3))), Baseline(n5, BaselineScheme.OptimalFractional, (Reward, Constant(-2.5))),
            Learner(n5, Drlo, Noise, (Reward, [-3.4, -3.5, -3.6])),
            Learner(n5, Rlo, Noise, (Reward, [-4.5, -4.5, -4.5])),
            // The shared learner earns GO's -4 in every run of every seed: the same policy, an exact tie, not "inconclusive".
            Learner(n5, ReproductionSchemes.DrloShared, [0, 0, 0, 0], (Reward, [-4.0, -4.0, -4.0])),
        };
        var standings = MultiMinerTables.Table2.Standings(new ExperimentResults(MultiMinerTables.Table2, [n5], rows));

        var drlo = Assert.Single(standings, s => s.Learner.Equals(Drlo));
        Approx.Equal(0.9, drlo.Yardsticks.OptimalityRatio, relative: 1e-12);
        Approx.Equal(0.5, drlo.Yardsticks.HeadroomCaptured, relative: 1e-12);
        Approx.Equal(0.05, drlo.Yardsticks.RegretPerTask, relative: 1e-12);
        Approx.Equal(4.5 / 5.5, drlo.Yardsticks.FractionalOptimalityRatio, relative: 1e-12);
        Assert.Equal(BaselineScheme.GoodChannel, drlo.References.BestBaseline);
        Assert.False(drlo.BelowBest);

        var rlo = Assert.Single(standings, s => s.Learner.Equals(Rlo));
        Assert.True(rlo.BelowBest);
        Approx.Equal(-0.5, rlo.Yardsticks.HeadroomCaptured, relative: 1e-12);
        Assert.StartsWith("BELOW GO", rlo.Verdict, StringComparison.Ordinal);

        var shared = Assert.Single(standings, s => s.Learner.Equals(ReproductionSchemes.DrloShared));
        Assert.Equal(ClaimOutcome.ExactTie, shared.AgainstBest);
        Assert.StartsWith("an exact tie with GO", shared.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void Scaling_claim_compares_DRLO_with_the_best_rule_at_every_N_and_skips_what_would_not_fit()
    {
        var scaling = ScalingExperiment.Instance;
        Setting n1 = new(1, 2, 0.5), n10 = new(10, 2, 0.5), n1000 = new(1000, 2, 0.5);
        Assert.Null(scaling.NotRun(n1, ReproductionSchemes.DrloPaper)); // 2^2 joint actions
        Assert.NotNull(scaling.NotRun(n10, ReproductionSchemes.DrloPaper)); // 2^20
        Assert.Null(scaling.NotRun(n10, ReproductionSchemes.DrloBranching));
        Assert.NotNull(scaling.NotRun(n1000, ReproductionSchemes.DrloBranching));

        // At N = 10 the best rule is GO (-4 against NO -10, EO -6, Random -8); DRLO's seeds beat it by 0.5 exactly.
        ResultRow[] Rows(double drlo) =>
        [
            Baseline(n10, No, (Reward, Constant(-10))), Baseline(n10, Eo, (Reward, Constant(-6))),
            Baseline(n10, BaselineScheme.GoodChannel, (Reward, Constant(-4))), Baseline(n10, BaselineScheme.Random, (Reward, Constant(-8))),
            Learner(n10, ReproductionSchemes.DrloShared, Noise, (Reward, [drlo, drlo, drlo])),
        ];
        var beats = Assert.Single(scaling.Claims(new ExperimentResults(scaling, [n10], Rows(-3.5))));
        Assert.Equal(ClaimOutcome.Holds, beats.Outcome);
        Assert.False(beats.FromPaper);
        Assert.True(beats.ModelAssisted); // the shared learner uses the reward model: judged only beyond the paper
        // Both discounts read from the learner's options: its network's and its learned backlog value's (it plans).
        var options = EdgeMine.Learning.Dqn.SharedDqnOptions.Default;
        string discounts = FormattableString.Invariant($"discount {options.Discount} for its network, {options.ValueDiscount} for its learned value of the carried MEC backlog");
        Assert.Contains("model-assisted (uses the reward model's counterfactuals and the backlog's dynamics), " + discounts, beats.Statement, StringComparison.Ordinal);
        Approx.Equal(12.5, beats.Ours!.Mean, relative: 1e-9); // 0.5 / |-4|
        Assert.Equal(ClaimOutcome.DoesNotHold, Assert.Single(scaling.Claims(new ExperimentResults(scaling, [n10], Rows(-4.5)))).Outcome);
    }
}
