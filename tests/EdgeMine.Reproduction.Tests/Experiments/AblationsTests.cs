using System.Globalization;
using EdgeMine.Cells;
using EdgeMine.Experiments;
using EdgeMine.Model;
using EdgeMine.Reporting;
using EdgeMine.Schemes;
using static EdgeMine.Simulation.Metrics;
using static EdgeMine.Tests.Claims.Synthetic;

namespace EdgeMine.Tests.Experiments;

/// <summary>
/// The ablations experiment (issue 20 item 3): the cause rule "paper" on hand-made evidence tables, worked by hand, and
/// the experiment end to end at a tiny size (its cells, ablations.csv's columns, its claims in claims.csv).
/// t quantile: t(0.975; 2) = 4.303.
/// </summary>
public sealed class AblationsTests
{
    private static readonly Setting N5 = new(5, 2, 0.5), Single = new(1, 8, 0.5);
    private static readonly LearnerScheme Drlo = ReproductionSchemes.DrloPaper, Rlo = ReproductionSchemes.Rlo;

    // Four evaluation runs whose noise averages to 0, the same for every row: the seeds' differences decide.
    private static readonly double[] Noise = [0.1, -0.1, 0.1, -0.1];

    // ablations.csv's scheme, learner_options, model_assisted, discount, status and seeds of the paper DQN's two arms.
    private static readonly string[] ChangedDiscountRow = ["drlo-paper", "discount=0", "false", "0", "ok", "2"], BaseDiscountRow = ["drlo-paper", "", "false", "0.85", "ok", "2"];

    private static readonly SortedDictionary<string, string> DiscountZero = new(StringComparer.Ordinal) { ["discount"] = "0" };

    /// <summary>
    /// The run's results as the ablations experiment sees them: its settings and the two discount-0 arms at N = 5 (3 seeds
    /// each), and Fig. 4's results at N = 5, beta 0.5 with the paper's learners at 0.85.
    /// </summary>
    private static (ExperimentResults Own, ExperimentResults Fig4) Run(double[] drloAt085, double[] rloAt085, double[] drloAt0, double[]? rloAt0)
    {
        var arms = new List<ArmRow> { new(new OptionArm(N5, Drlo, "discount0", DiscountZero), Learner(N5, Drlo, Noise, (Reward, drloAt0))) };
        if (rloAt0 is not null)
        {
            arms.Add(new(new OptionArm(N5, Rlo, "discount0", DiscountZero), Learner(N5, Rlo, Noise, (Reward, rloAt0))));
        }

        var own = new ExperimentResults(AblationsExperiment.Instance, [N5, Single], []) { ArmRows = arms };
        var fig4 = new ExperimentResults(Fig4LearningCurves.Instance, [N5], [Learner(N5, Drlo, Noise, (Reward, drloAt085)), Learner(N5, Rlo, Noise, (Reward, rloAt085))]);
        return (own, fig4);
    }

    /// <summary>The evidence the ablations give about the run's claims (only claims that hold with the change give one).</summary>
    private static PaperEvidence[] Evidence(ExperimentResults own, ExperimentResults fig4) =>
        [.. AblationsExperiment.Instance.Reexamine(own, [own, fig4]).Select(r => r.Evidence).OfType<PaperEvidence>()];

    private static Claim AboveRlo(ExperimentResults fig4, IReadOnlyList<PaperEvidence> evidence)
    {
        var claim = fig4.Experiment.Claims(fig4).Single(c => c.Id == "fig4.drlo-above-rlo.b0.5");
        return ClaimCauses.Find(claim, ClaimEvidence.Default with { Paper = [.. ClaimEvidence.Default.Paper, .. evidence] });
    }

    [Fact]
    public void A_claim_that_fails_at_the_papers_discount_and_holds_at_0_has_cause_paper_naming_the_discount_and_the_ablations()
    {
        // Issue 20's measurement at N = 5, M = 2, beta 0.5: paper DQN -4.48 at discount 0, -5.85 at 0.85; RLO -5.68.
        // At 0.85, DRLO - RLO per seed: -5.90 + 5.70 = -0.20, -5.85 + 5.68 = -0.17, -5.80 + 5.66 = -0.14: mean -0.17,
        // sd 0.03, half-width 4.303 * 0.03 / sqrt(3) = 0.0745: [-0.2445, -0.0955] excludes 0 the wrong way: does not hold.
        // At 0 (RLO at 0 too): -4.53 + 5.62 = 1.09, 1.12, 1.15: mean 1.12, [1.0455, 1.1945]: holds.
        var (own, fig4) = Run([-5.90, -5.85, -5.80], [-5.70, -5.68, -5.66], [-4.53, -4.48, -4.43], [-5.62, -5.60, -5.58]);
        var evidence = Evidence(own, fig4);

        var found = Assert.Single(evidence);
        Assert.Equal("fig4.drlo-above-rlo.b0.5", found.ClaimId);
        Assert.True(found.StatedChoice);
        var claim = AboveRlo(fig4, evidence);
        Assert.Equal(ClaimOutcome.DoesNotHold, claim.Outcome);
        Assert.Equal(CauseClass.Paper, claim.Cause!.Class);
        Assert.Contains("discount of 0.85", claim.Cause.Reason, StringComparison.Ordinal);
        Assert.Contains("at discount 0 instead", claim.Cause.Reason, StringComparison.Ordinal);
        Assert.Contains("ablations.discount.drlo-paper, ablations.discount.rlo", claim.Cause.Reason, StringComparison.Ordinal);
        Assert.Contains("DRLO (paper DQN) and RLO", claim.Cause.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_claim_that_fails_at_both_discounts_is_not_paper()
    {
        // At 0: -5.95 + 5.62 = -0.33, -5.90 + 5.60 = -0.30, -5.85 + 5.58 = -0.27: mean -0.30, [-0.3745, -0.2255]: it
        // fails there too, so the discount does not decide it.
        var (own, fig4) = Run([-5.90, -5.85, -5.80], [-5.70, -5.68, -5.66], [-5.95, -5.90, -5.85], [-5.62, -5.60, -5.58]);
        var evidence = Evidence(own, fig4);

        Assert.Empty(evidence);
        var reexamined = Assert.Single(AblationsExperiment.Instance.Reexamine(own, [own, fig4]));
        Assert.Equal(ClaimOutcome.DoesNotHold, reexamined.Flipped);
        Assert.Contains("so the discount does not decide it", reexamined.Text, StringComparison.Ordinal);
        var claim = AboveRlo(fig4, evidence);
        Assert.Equal(ClaimOutcome.DoesNotHold, claim.Outcome);
        Assert.NotEqual(CauseClass.Paper, claim.Cause?.Class);
    }

    [Fact]
    public void A_claim_that_holds_at_the_papers_discount_gets_no_evidence()
    {
        // At 0.85: -5.50 + 5.70 = 0.20, 0.21, 0.22: mean 0.21, [0.1852, 0.2348]: it holds; no cause is sought.
        var (own, fig4) = Run([-5.50, -5.47, -5.44], [-5.70, -5.68, -5.66], [-4.53, -4.48, -4.43], [-5.62, -5.60, -5.58]);
        Assert.Empty(Evidence(own, fig4));
    }

    [Fact]
    public void A_world_only_half_changed_proves_nothing()
    {
        // Only the paper DQN has a discount-0 arm: DRLO at 0 against RLO at 0.85 would hold (-4.48 against -5.68), but
        // the claim's other learner keeps the paper's discount, so the rule does not apply.
        var (own, fig4) = Run([-5.90, -5.85, -5.80], [-5.70, -5.68, -5.66], [-4.53, -4.48, -4.43], rloAt0: null);
        Assert.Empty(AblationsExperiment.Instance.Reexamine(own, [own, fig4]));
    }

    [Fact]
    public void A_claim_that_holds_only_because_the_change_handicaps_a_learner_is_not_paper()
    {
        // RLO's own reward is flipped for RLO alone; the DQN stays as run. DRLO at 0.85 against RLO with the team reward:
        // -5.90 + 6.82 = 0.92, -5.85 + 6.80 = 0.95, -5.80 + 6.78 = 0.98: mean 0.95, [0.8755, 1.0245]: it holds, where with
        // RLO's own reward it does not. But the team reward lowers RLO's own reward: -6.82 + 5.70 = -1.12, -1.12, -1.12
        // per seed, below 0 beyond noise: a handicap, so no evidence.
        var team = new ArmRow(
            new OptionArm(N5, Rlo, "reward-team", new SortedDictionary<string, string>(StringComparer.Ordinal) { ["reward"] = "team" }),
            Learner(N5, Rlo, Noise, (Reward, [-6.82, -6.80, -6.78])));
        var own = new ExperimentResults(AblationsExperiment.Instance, [N5, Single], []) { ArmRows = [team] };
        var fig4 = new ExperimentResults(Fig4LearningCurves.Instance, [N5], [Learner(N5, Drlo, Noise, (Reward, [-5.90, -5.85, -5.80])), Learner(N5, Rlo, Noise, (Reward, [-5.70, -5.68, -5.66]))]);

        var reexamined = Assert.Single(AblationsExperiment.Instance.Reexamine(own, [own, fig4]));
        Assert.Equal("fig4.drlo-above-rlo.b0.5", reexamined.ClaimId);
        Assert.Equal("RLO", reexamined.Learners);
        Assert.Equal(["ablations.reward.rlo-team"], reexamined.AblationIds);
        Assert.Equal(ClaimOutcome.Holds, reexamined.Flipped);
        Assert.Equal(["RLO at N=5, M=2, beta=0.5"], reexamined.Weakened);
        Assert.Null(reexamined.Evidence);
        Assert.Contains("a handicap, not a cause", reexamined.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_ablation_is_judged_on_the_paired_difference_of_its_arms()
    {
        // RLO at 0 against RLO at 0.85 per seed: -5.62 + 5.70 = 0.08, -5.60 + 5.68 = 0.08, -5.58 + 5.66 = 0.08: an exact
        // constant 0.08, so the interval has width 0 and excludes 0: holds; the margin is 0.08 / 5.68 = 1.408% above.
        var (own, _) = Run([-5.90, -5.85, -5.80], [-5.70, -5.68, -5.66], [-4.53, -4.48, -4.43], [-5.62, -5.60, -5.58]);
        var results = new ExperimentResults(AblationsExperiment.Instance, own.Settings, [Learner(N5, Rlo, Noise, (Reward, [-5.70, -5.68, -5.66]))]) { ArmRows = own.ArmRows };
        var claims = AblationsExperiment.Instance.Claims(results);

        Assert.Equal(AblationsExperiment.All.Select(a => a.Id), claims.Select(c => c.Id));
        Assert.All(claims, c => Assert.False(c.FromPaper));
        var rlo = claims.Single(c => c.Id == "ablations.discount.rlo");
        Assert.Equal(ClaimOutcome.Holds, rlo.Outcome);
        Approx.Equal(0.08 / 5.68 * 100, rlo.Ours!.Mean, relative: 1e-9);

        // The paper DQN's base arm (at 0.85) has no row here: not evaluated, never a guess.
        Assert.Equal(ClaimOutcome.NotEvaluated, claims.Single(c => c.Id == "ablations.discount.drlo-paper").Outcome);
    }

    [Fact]
    public void At_a_tiny_size_the_experiment_writes_its_cells_its_csv_and_its_five_claims()
    {
        using var directory = new TemporaryDirectory();
        var sizes = new ReproductionSizes(
            TrainingSlots: 60, TrainingSeeds: 2, EvaluationRuns: 3, EvaluationSlots: 20,
            SingleMinerTasks: [3], MultiMiners: [2], ArrivalKbits: [10], ScalingMiners: [1]);
        var options = new ReproductionOptions(Preset: "calibrated", Parameters: Presets.Calibrated, OutDirectory: directory.Path, Sizes: sizes)
        {
            Only = Reproduction.ParseOnly("ablations"),
            Jobs = 2,
        };
        var reproduction = new Reproduction(options);
        var results = reproduction.Run();
        reproduction.WriteOutputs(new ReproductionMetadata { Options = options, WallSeconds = 0, CellSeconds = 0 }, results);

        // The changed arms' cells, two seeds each, beside the unchanged learners' (N = 2 for Table II's first N; the
        // single miner at the largest M up to 8: 3), trained from the same seeds as the unchanged learner's.
        string[] arms = ["n2-m2-b0.5__drlo-paper.discount0", "n2-m2-b0.5__rlo.discount0", "n2-m2-b0.5__rlo.reward-team", "n1-m3-b0.5__rlo.unseen-nearest"];
        foreach (string arm in arms)
        {
            for (int k = 1; k <= 2; k++)
            {
                string key = string.Create(CultureInfo.InvariantCulture, $"{arm}__seed{k}");
                Assert.True(File.Exists(Path.Combine(directory.Path, "cells", key, "result.json")), key);
                Assert.Equal(CellStatus.Ok, results[key].Status);
                string unchanged = arm[..arm.LastIndexOf('.')] + string.Create(CultureInfo.InvariantCulture, $"__seed{k}");
                Assert.Equal(results[unchanged].TrainingSeed, results[key].TrainingSeed);
            }
        }

        Assert.Contains("\"discount\": \"0\"", File.ReadAllText(Path.Combine(directory.Path, "cells", "n2-m2-b0.5__rlo.discount0__seed1", "model", "config.json")), StringComparison.Ordinal);
        Assert.True(results.ContainsKey("n2-m2-b0.5__drlo-model-free__seed2"));

        var csv = Csv.Parse(File.ReadAllText(Path.Combine(directory.Path, "ablations.csv")));
        Assert.Equal(
            "ablation,miners,tasks,beta,arm,scheme,learner_options,model_assisted,discount,status,seeds,reward,reward_ci95_low,reward_ci95_high,reward_n,"
            + "offloaded_fraction,offloaded_fraction_ci95_low,offloaded_fraction_ci95_high,offloaded_fraction_n,cost,cost_ci95_low,cost_ci95_high,cost_n,"
            + "training_seconds_per_seed,reward_difference,reward_difference_ci95_low,reward_difference_ci95_high,reward_difference_n,reward_difference_units,outcome",
            string.Join(",", csv[0]));
        Assert.Equal(11, csv.Count); // five ablations, two arms each
        var discountRow = csv.Single(r => r[0] == "ablations.discount.drlo-paper" && r[4] == "changed");
        Assert.Equal(ChangedDiscountRow, discountRow.Skip(5).Take(6));
        Assert.Equal(BaseDiscountRow, csv.Single(r => r[0] == "ablations.discount.drlo-paper" && r[4] == "base").Skip(5).Take(6));

        var claims = Csv.Parse(File.ReadAllText(Path.Combine(directory.Path, ReportBuilder.ClaimsFile)));
        var header = claims[0].ToList();
        var rows = claims.Skip(1).Where(r => r[header.IndexOf("experiment")] == "ablations").ToArray();
        Assert.Equal(AblationsExperiment.All.Select(a => a.Id), rows.Select(r => r[header.IndexOf("id")]));
        Assert.All(rows, r => Assert.Equal("false", r[header.IndexOf("from_paper")]));
        Assert.All(rows, r => Assert.NotEqual("not evaluated", r[header.IndexOf("outcome")]));
        string Column(string id, string column) => rows.Single(r => r[header.IndexOf("id")] == id)[header.IndexOf(column)];
        Assert.Equal("true", Column("ablations.reward-model.drlo-shared", "model_assisted"));
        Assert.Equal("drlo-shared;drlo-model-free", Column("ablations.reward-model.drlo-shared", "schemes"));
        foreach (string id in new[] { "ablations.discount.drlo-paper", "ablations.discount.rlo", "ablations.reward.rlo-team", "ablations.unseen-state.rlo-nearest" })
        {
            Assert.Equal("false", Column(id, "model_assisted"));
        }

        Assert.Equal("rlo", Column("ablations.reward.rlo-team", "schemes"));
        string report = File.ReadAllText(Path.Combine(directory.Path, ReportBuilder.MarkdownFile));
        Assert.Contains("#### ablations.unseen-state.rlo-nearest", report, StringComparison.Ordinal);
        Assert.Contains("Paired difference of rewards (changed - base)", report, StringComparison.Ordinal);
    }
}
