using System.Globalization;
using System.Text;
using EdgeMine.IO;
using EdgeMine.Reporting;
using EdgeMine.Schemes;
using EdgeMine.Sequential;
using EdgeMine.Simulation;

using static EdgeMine.Reporting.ReportFormat;

namespace EdgeMine.Experiments;

/// <summary>
/// Beyond the paper (issue 22): the scenarios of MODEL.md section 13 where the future matters (<see
/// cref="SequentialScenario"/>), at N = 1, 5 and 10, with every learner (the default DRLO, model-assisted; its model-free
/// variant; the paper's DQN; RLO with the backlog in its state) against every reference: the per-slot optimum (myopic,
/// not a bound here), the lookahead, the MDP optimum where it exists (one miner), the upper bound where it holds (no cap
/// can bind) and the best rule of thumb. Its claims are ours (issue 22's targets and a reviewer's questions).
/// </summary>
internal sealed class SequentialExperiment : Experiment
{
    /// <summary>
    /// Evaluation runs at most: a learner's interval is over its training seeds, and every scheme meets the same runs, so
    /// 10 runs bound the cost (the per-slot optimum and the lookahead search harder where caps bind).
    /// </summary>
    public const int MaxEvaluationRuns = 10;

    /// <summary>Slots per evaluation run at most: long enough for a backlog to build (the per-slot optimum degrades with the horizon).</summary>
    public const long MaxEvaluationSlots = 1_000;

    /// <summary>The share of the gap from the per-slot optimum to the MDP optimum DRLO is to capture (issue 22 item 4).</summary>
    public const double GapShare = 0.8;

    public override string Name => "sequential";

    public override string Title => "Beyond the paper: where the future matters (sequential scenarios)";

    /// <summary>The learners of issue 22 item 4 and the paper's DQN (its joint head, where it runs: <see cref="JointHeadMaxTasks"/>).</summary>
    private static IReadOnlyList<LearnerScheme> SequentialLearners { get; } =
        [ReproductionSchemes.DrloShared, ReproductionSchemes.DrloPlanner, ReproductionSchemes.DrloModelFree, ReproductionSchemes.DrloPaper, ReproductionSchemes.RloBacklog];

    // After the learners: static initialisers run in textual order, and the instance's schemes read them.
    public static SequentialExperiment Instance { get; } = new();

    // The fractional optimum is left out: it is no bound where the future matters, and its search costs O((N M)^2) a slot.
    public override IReadOnlyList<Scheme> Schemes { get; } =
    [
        .. SequentialLearners,
        BaselineScheme.Never, BaselineScheme.Always, BaselineScheme.GoodChannel, BaselineScheme.Random, BaselineScheme.Optimal,
        SequentialSchemes.Lookahead, SequentialSchemes.MdpOptimal,
    ];

    protected override IReadOnlyList<Metric> CsvMetrics { get; } = [Metrics.Reward, Metrics.Cost, Metrics.Privacy, Metrics.OffloadedFraction, Metrics.MecBacklog, Metrics.Buffered];

    /// <summary>Every scenario at every N of the sizes, beta 0.5, M the scenario's (12 for paper-literal at N = 1, where the backlog can carry).</summary>
    public override IReadOnlyList<Setting> Settings(ReproductionSizes sizes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        return SequentialScenario.All
            .SelectMany(scenario => sizes.SequentialMiners.Select(n => new Setting(n, scenario.TasksAt(n), 0.5, Scenario: scenario)))
            .ToArray();
    }

    /// <summary>At most <see cref="MaxEvaluationRuns"/> runs of <see cref="MaxEvaluationSlots"/> slots: what keeps the experiment to minutes at the paper's sizes.</summary>
    public override (int Runs, long Slots) Evaluation(ReproductionSizes sizes, Setting setting)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        return (Math.Min(sizes.EvaluationRuns, MaxEvaluationRuns), Math.Min(sizes.EvaluationSlots, MaxEvaluationSlots));
    }

    /// <summary>
    /// The paper's DQN (its joint head) runs where its 2^(N M) outputs are at most 2^10: every scenario at N = 5, the
    /// congested MEC (M = 1) at N = 10 too, and buffering and the congested MEC at N = 1. Beyond (paper-literal at N = 1,
    /// M = 12: 2^12; paper-literal and buffering at N = 10: 2^20) it does not:
    /// the joint head at 4,096 outputs costs 86-102 s a training seed (docs/reproduction.md), and its branching substitute
    /// at N = 10 about as much, most of this experiment's budget for one learner the paper's claims do not rest on here.
    /// </summary>
    public const int JointHeadMaxTasks = 10;

    public override string? NotRun(Setting setting, Scheme scheme)
    {
        ArgumentNullException.ThrowIfNull(setting);
        int tasks = setting.Miners * setting.Tasks;
        return scheme.Equals(SequentialSchemes.MdpOptimal) ? MdpOptimalPolicy.OutOfReach(setting.Scenario!.Parameters, setting.Environment)
            : scheme.Equals(ReproductionSchemes.DrloPaper) && tasks > JointHeadMaxTasks
                ? FormattableString.Invariant($"the joint head has 2^{tasks} outputs; run here up to 2^{JointHeadMaxTasks}, for the experiment's cost (its substitute, the branching head, costs as much at N = 10)")
            : null;
    }

    public override ExperimentOutput Assemble(ExperimentResults results, OutputContext output)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(output);
        var bounds = results.Settings.ToDictionary(s => s, s => Bound(results, s));
        var table = LearnerTable(results, bounds);
        var files = new List<string> { WriteCsv(results, output), WriteLearnerCsv(table, output) };
        var standings = Standings(results);
        var claims = Judged(results, output.Evidence);
        var columns = new List<ReportColumn> { Ours(Metrics.Reward), Ours(Metrics.OffloadedFraction), Ours(Metrics.MecBacklog), Ours(Metrics.Buffered) };
        return new ExperimentOutput(files, [], claims, standings, Section(results, [], columns, claims, standings, Own(results, table, bounds)));
    }

    /// <summary>
    /// The upper bound of MODEL.md section 13 on the runs every scheme of <paramref name="setting"/> met, or null where it
    /// does not hold (a cap can bind) or the per-slot optimum's cell has no numbers. It is not a policy, so no cell
    /// evaluates it: it is computed here from the cell's evaluation seed, runs and slots (deterministic, seconds).
    /// </summary>
    private static UpperBound? Bound(ExperimentResults results, Setting setting)
    {
        var parameters = setting.Scenario!.Parameters;
        if (UpperBound.OutOfReach(parameters, setting.Environment) is not null
            || results.Row(setting, BaselineScheme.Optimal) is not { IsOk: true } optimal
            || optimal.Cells[0] is not { EvaluationSeed: { } seed, Runs: > 0 and var runs, SlotsPerRun: > 0 and var slots })
        {
            return null;
        }

        return UpperBound.Compute(parameters, setting.Environment, runs, slots, seed);
    }

    /// <summary>One learner at one setting against every reference.</summary>
    /// <param name="Setting">The setting.</param>
    /// <param name="Row">The learner's row.</param>
    /// <param name="MinusOptimum">The paired difference to the per-slot optimum.</param>
    /// <param name="MinusLookahead">The paired difference to the lookahead.</param>
    /// <param name="MinusMdp">The paired difference to the MDP optimum, where it ran.</param>
    /// <param name="GapShare">(learner - per-slot optimum) / (MDP optimum - per-slot optimum), where the MDP optimum ran.</param>
    /// <param name="BelowBound">The upper bound minus the learner's mean, where the bound holds.</param>
    /// <param name="TrainingSeconds">Wall seconds of one training run, the mean over the seeds.</param>
    private sealed record LearnerLine(Setting Setting, ResultRow Row, Interval? MinusOptimum, Interval? MinusLookahead, Interval? MinusMdp, double GapShare, double BelowBound, double TrainingSeconds);

    private static List<LearnerLine> LearnerTable(ExperimentResults results, Dictionary<Setting, UpperBound?> bounds)
    {
        var context = new ClaimContext(results);
        var lines = new List<LearnerLine>();
        foreach (var setting in results.Settings)
        {
            var optimum = context.Ok(setting, BaselineScheme.Optimal);
            var lookahead = context.Ok(setting, SequentialSchemes.Lookahead);
            var mdp = context.Ok(setting, SequentialSchemes.MdpOptimal);
            foreach (var learner in SequentialLearners)
            {
                if (context.Ok(setting, learner) is not { } row)
                {
                    continue;
                }

                double reward = row.Mean(Metrics.Reward)!.Value;
                lines.Add(new LearnerLine(
                    setting,
                    row,
                    optimum is null ? null : Judge.Paired(row, optimum, Metrics.Reward),
                    lookahead is null ? null : Judge.Paired(row, lookahead, Metrics.Reward),
                    mdp is null ? null : Judge.Paired(row, mdp, Metrics.Reward),
                    optimum is null || mdp is null || !HasGap(mdp, optimum) ? double.NaN : GapCapture.Ratio(reward, optimum.Mean(Metrics.Reward)!.Value, mdp.Mean(Metrics.Reward)!.Value),
                    bounds[setting] is { } bound ? bound.Summary[Metrics.Reward].Mean - reward : double.NaN,
                    row.Cells.Average(c => c.TrainingSeconds)));
            }
        }

        return lines;
    }

    /// <summary>True when the MDP optimum is above the per-slot optimum beyond noise (paired over the runs): only then is there a gap to capture.</summary>
    private static bool HasGap(ResultRow mdp, ResultRow optimum) => Judge.Decide(Judge.Paired(mdp, optimum, Metrics.Reward), Direction.Above) == ClaimOutcome.Holds;

    /// <summary>How every output names a learner: its label, and "model-assisted" where it uses the reward model (MODEL.md section 11).</summary>
    private static string Labelled(Scheme scheme) => scheme.Label + (ReproductionSchemes.IsModelAssisted(scheme) ? ", model-assisted" : "");

    private static string Paired(Interval? difference) =>
        difference is null ? "-" : FormattableString.Invariant($"{Number(difference.Mean)} [{Number(difference.Low)}, {Number(difference.High)}]");

    /// <summary>
    /// Writes <c>sequential-learners.csv</c>: each learner at each setting with its reward and its paired differences to
    /// every reference (95% intervals), the share of the MDP optimum's gap it captures, its distance to the bound and
    /// its training time.
    /// </summary>
    private string WriteLearnerCsv(IReadOnlyList<LearnerLine> lines, OutputContext output)
    {
        string path = Path.Combine(output.OutDirectory, Name + "-learners.csv");
        var text = new StringBuilder("scenario,miners,tasks,beta,scheme,model_assisted,seeds,reward,reward_ci95_low,reward_ci95_high,reward_n");
        foreach (string reference in new[] { "optimal", "lookahead", "mdp_optimal" })
        {
            text.Append(CultureInfo.InvariantCulture, $",minus_{reference},minus_{reference}_ci95_low,minus_{reference}_ci95_high,minus_{reference}_n");
        }

        text.Append(",gap_captured,upper_bound_minus_reward,training_seconds_per_seed\n");
        foreach (var line in lines)
        {
            var s = line.Setting;
            var reward = line.Row.Shown(Metrics.Reward)!;
            text.Append(CultureInfo.InvariantCulture, $"{s.Scenario!.Name},{s.Miners},{s.Tasks},{s.Beta},{line.Row.Scheme.Name},{(ReproductionSchemes.IsModelAssisted(line.Row.Scheme) ? "true" : "false")},{line.Row.Seeds},{CsvNumber(reward.Mean)},{CsvNumber(reward.Ci95Low)},{CsvNumber(reward.Ci95High)},{reward.N}");
            foreach (var d in new[] { line.MinusOptimum, line.MinusLookahead, line.MinusMdp })
            {
                text.Append(CultureInfo.InvariantCulture, $",{CsvNumber(d?.Mean)},{CsvNumber(d?.Low)},{CsvNumber(d?.High)},{(d is null ? "" : d.N.ToString(CultureInfo.InvariantCulture))}");
            }

            text.Append(CultureInfo.InvariantCulture, $",{CsvNumber(line.GapShare)},{CsvNumber(line.BelowBound)},{CsvNumber(line.TrainingSeconds)}\n");
        }

        AtomicFile.WriteAllText(path, text.ToString());
        return path;
    }

    /// <summary>The experiment's own blocks: the scenarios, the references per setting, and every learner against every reference.</summary>
    private static IEnumerable<Block> Own(ExperimentResults results, IReadOnlyList<LearnerLine> lines, Dictionary<Setting, UpperBound?> bounds)
    {
        var context = new ClaimContext(results);
        yield return new Heading(3, "Scenarios");
        yield return new Bullets(SequentialScenario.All.Select(s => ($"{s.Name}:", $"{s.WhyItMatters} (examples/sequential/{s.Name}.json; M = {s.SingleMinerTasks} at N = 1, {s.Tasks} beyond; docs/sequential.md)")).ToArray());
        string Mean(Setting setting, Scheme scheme) => context.Ok(setting, scheme) is { } row ? Estimate(row.Shown(Metrics.Reward)!) : "-";
        foreach (var block in TableSection(
            "References per setting",
            "Mean reward per slot ± the half-width of its 95% interval over the evaluation runs. The per-slot optimum is myopic: where "
            + "it carried a buffer or a backlog over (\"carried over: yes\") it is not a bound, and any policy may beat it (MODEL.md section 13). "
            + "The MDP optimum exists for one miner only; the upper bound (a Lagrangian relaxation of the backlog, proof in docs/sequential.md) "
            + "only where no cap can bind, and is computed on the same runs when the report is assembled. A dash: out of reach.",
            ["setting", "NO", "GO", "EO", "Random", "per-slot optimum", "carried over", "lookahead", "MDP optimum", "upper bound"],
            results.Settings.Select(s => (IReadOnlyList<string>)[
                s.Describe(), Mean(s, BaselineScheme.Never), Mean(s, BaselineScheme.GoodChannel), Mean(s, BaselineScheme.Always), Mean(s, BaselineScheme.Random),
                Mean(s, BaselineScheme.Optimal), results.References(s).OptimalIsBound is { } b ? (b ? "no (a bound)" : "yes (not a bound)") : "-",
                Mean(s, SequentialSchemes.Lookahead), Mean(s, SequentialSchemes.MdpOptimal),
                bounds[s] is { } bound ? Estimate(MetricEstimate.From(bound.Summary[Metrics.Reward])) : "-",
            ]).ToArray()))
        {
            yield return block;
        }

        foreach (var block in TableSection(
            "Every learner against every reference",
            "Each learner's mean reward per slot ± 95% over its training seeds, and its paired differences (learner minus reference, "
            + "95% interval, MODEL.md section 11) to the per-slot optimum, the lookahead and the MDP optimum; \"of the gap\" is "
            + "(learner - per-slot optimum) / (MDP optimum - per-slot optimum), where the MDP optimum is above the per-slot optimum beyond noise (else -); \"below the bound\" the upper bound minus the learner. "
            + "Training time: wall seconds of one training run, the mean over the seeds, on the machine that ran this report (cells run in parallel).",
            ["setting", "learner", "reward (unit-free, per slot)", "minus per-slot optimum (not a bound)", "minus lookahead", "minus MDP optimum", "of the gap", "below the bound", "training (s)"],
            lines.Select(l => (IReadOnlyList<string>)[
                l.Setting.Describe(), Labelled(l.Row.Scheme), Estimate(l.Row.Shown(Metrics.Reward)!),
                Paired(l.MinusOptimum), Paired(l.MinusLookahead), Paired(l.MinusMdp),
                double.IsFinite(l.GapShare) ? Number(l.GapShare) : "-", double.IsFinite(l.BelowBound) ? Number(l.BelowBound) : "-",
                l.TrainingSeconds.ToString("F1", CultureInfo.InvariantCulture),
            ]).ToArray()))
        {
            yield return block;
        }
    }

    /// <summary>
    /// Ours, beyond the paper (issue 22 item 4's targets and what a reviewer would ask): the default DRLO (model-assisted)
    /// beats the per-slot optimum and the lookahead at every N above 1 (issue 22: N = 5 and 10); where the MDP optimum exists and is above the per-slot
    /// optimum beyond noise, DRLO captures at least <see cref="GapShare"/> of that gap; the same three for the planner
    /// (model-based: the reward model's exact search with the learned value, no network), which separates what the
    /// network's choices cost from what the learned value of the future gains; the model-free variant and the paper's DQN
    /// each beat never offloading (a learner that collapses wherever the future matters falls below it).
    /// </summary>
    public override IReadOnlyList<Claim> Claims(ExperimentResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var context = new ClaimContext(results);
        var drlo = ReproductionSchemes.DrloShared;
        string who = $"{drlo.Label}, {ReproductionSchemes.Knowledge(drlo)},";
        if (results.Settings.Count == 0)
        {
            return [context.NotEvaluated($"{who} beats the per-slot optimum where the future matters", "the experiment has no settings")];
        }

        var many = results.Settings.Where(s => s.Miners > 1).ToArray();
        string Where(Setting s) => FormattableString.Invariant($"{s.Scenario!.Name} N={s.Miners}");
        Claim Beats(string id, Scheme learner, Scheme reference, string statement) => context.FromParts(
            id,
            statement,
            many.Length == 0
                ? [ClaimPart.NotEvaluated("no setting with N > 1 ran")]
                : many.Select(s => context.Compare(s, learner, reference, Metrics.Reward, Direction.Above, label: Where(s))).ToArray(),
            $"relative: {learner.Label}'s reward above the {reference.Label}'s, in % of |the {reference.Label}'s| (the closest setting)",
            "") with { FromPaper = false };
        var planner = ReproductionSchemes.DrloPlanner;
        string plannerWho = $"The {planner.Label}, {ReproductionSchemes.Knowledge(planner)},";
        Claim AboveNever(string id, Scheme learner, string statement) => context.FromParts(
            id,
            statement,
            results.Settings.Where(s => NotRun(s, learner) is null).Select(s => context.Compare(s, learner, BaselineScheme.Never, Metrics.Reward, Direction.Above, label: Where(s))).DefaultIfEmpty(ClaimPart.NotEvaluated($"{learner.Label} ran at no setting")).ToArray(),
            "relative: the learner's reward above never offloading's, in % of |NO's| (the closest setting)",
            "") with { FromPaper = false };

        return
        [
            Beats("sequential.drlo-beats-optimum", drlo, BaselineScheme.Optimal, $"{who} beats the per-slot optimum (myopic, not a bound here) in every scenario at every N above 1 (N = 5 and 10 at the paper's sizes)"),
            Beats("sequential.drlo-beats-lookahead", drlo, SequentialSchemes.Lookahead, $"{who} beats the lookahead (the per-slot search with the next slot's backlog and buffers priced in) in every scenario at every N above 1 (N = 5 and 10 at the paper's sizes)"),
            CapturesGap(context, drlo, who, "sequential.drlo-captures-gap"),
            Beats("sequential.planner-beats-optimum", planner, BaselineScheme.Optimal, $"{plannerWho} beats the per-slot optimum (myopic, not a bound here) in every scenario at every N above 1 (N = 5 and 10 at the paper's sizes)"),
            Beats("sequential.planner-beats-lookahead", planner, SequentialSchemes.Lookahead, $"{plannerWho} beats the lookahead (the same search with a tuned linear price on the next slot's backlog and buffers) in every scenario at every N above 1 (N = 5 and 10 at the paper's sizes)"),
            CapturesGap(context, planner, plannerWho, "sequential.planner-captures-gap"),
            AboveNever("sequential.model-free-above-never", ReproductionSchemes.DrloModelFree, $"{ReproductionSchemes.DrloModelFree.Label}, {ReproductionSchemes.Knowledge(ReproductionSchemes.DrloModelFree)}, earns more than never offloading in every scenario and N"),
            AboveNever("sequential.paper-dqn-above-never", ReproductionSchemes.DrloPaper, FormattableString.Invariant($"The paper's DQN (its joint head, run where it has at most 2^{JointHeadMaxTasks} outputs), discount 0.85, earns more than never offloading in every scenario and N where it runs")),
        ];
    }

    /// <summary>"Where the MDP optimum exists, the learner captures at least 0.8 of the gap from the per-slot optimum to it" (<see cref="GapCapture"/>).</summary>
    private static Claim CapturesGap(ClaimContext context, Scheme drlo, string who, string id)
    {
        string statement = FormattableString.Invariant($"{who} captures at least {GapShare} of the gap from the per-slot optimum to the MDP optimum wherever the MDP optimum exists and is above the per-slot optimum");
        var parts = new List<ClaimPart>();
        foreach (var setting in context.Settings)
        {
            string where = FormattableString.Invariant($"{setting.Scenario!.Name} N={setting.Miners}, M={setting.Tasks}");
            if (context.Ok(setting, SequentialSchemes.MdpOptimal) is not { } mdp)
            {
                continue; // out of reach: the claim is about where it exists
            }

            if (context.Ok(setting, BaselineScheme.Optimal) is not { } optimum)
            {
                parts.Add(ClaimPart.NotEvaluated($"{where}: {context.Missing(setting, BaselineScheme.Optimal)}", drlo));
                continue;
            }

            var gap = Judge.Paired(mdp, optimum, Metrics.Reward);
            if (!HasGap(mdp, optimum))
            {
                parts.Add(ClaimPart.NotEvaluated(FormattableString.Invariant($"{where}: no gap to capture (MDP optimum minus per-slot optimum {Number(gap.Mean)}, {ClaimContext.Bounds(gap)})"), drlo));
                continue;
            }

            if (context.Ok(setting, drlo) is not { } row)
            {
                parts.Add(ClaimPart.NotEvaluated($"{where}: {context.Missing(setting, drlo)}", drlo));
                continue;
            }

            var excess = GapCapture.Excess(row, optimum, mdp, GapShare, Metrics.Reward);
            // (L - 0.2 F - 0.8 T) / (T - F) = (L - F) / (T - F) - 0.8: the share's interval, the gap taken at its mean.
            var scaled = excess.Scaled(1 / gap.Mean);
            var share = scaled with { Mean = scaled.Mean + GapShare, Low = scaled.Low + GapShare, High = scaled.High + GapShare };
            var outcome = Judge.Compare(excess, Direction.Above);
            string detail = FormattableString.Invariant($"{where}: captures {Number(share.Mean)} of the gap {Number(gap.Mean)} ({drlo.Label} {Number(row.Mean(Metrics.Reward)!.Value)}, per-slot optimum {Number(optimum.Mean(Metrics.Reward)!.Value)}, MDP optimum {Number(mdp.Mean(Metrics.Reward)!.Value)}); {ClaimContext.Bounds(share)}");
            parts.Add(new ClaimPart(outcome, share, share.Mean - GapShare, detail)
            {
                Schemes = [drlo, BaselineScheme.Optimal, SequentialSchemes.MdpOptimal],
                PValue = Judge.PValue(excess),
                UnitsToDecide = Judge.UnitsToDecide(excess),
                Key = FormattableString.Invariant($"{setting.Key}|{Metrics.Reward.Key}|gap-capture-{GapShare}|{drlo.Name}"),
            });
        }

        if (parts.Count == 0)
        {
            parts.Add(ClaimPart.NotEvaluated("the MDP optimum ran at no setting", drlo));
        }

        return context.FromParts(
            id,
            statement,
            parts,
            FormattableString.Invariant($"absolute: the share of the gap captured, (learner - per-slot optimum) / (MDP optimum - per-slot optimum); its interval from learner - {1 - GapShare:0.##} x optimum - {GapShare} x MDP optimum over the mean gap (the weakest setting)"),
            "",
            tolerance: FormattableString.Invariant($"none: holds when the 95% interval of learner - {1 - GapShare:0.##} x optimum - {GapShare} x MDP optimum is above 0, does not hold when below")) with { FromPaper = false };
    }
}
