using System.Globalization;
using System.Text;
using EdgeMine.IO;
using EdgeMine.Learning.Dqn;
using EdgeMine.Learning.Tabular;
using EdgeMine.Reporting;
using EdgeMine.Schemes;
using EdgeMine.Simulation;

using static EdgeMine.Reporting.ReportFormat;

namespace EdgeMine.Experiments;

/// <summary>
/// Beyond the paper (issue 20 item 3): what each change to a learner does, judged as a claim is (MODEL.md section 11:
/// paired rewards over the training seeds on common evaluation runs). Five ablations, each a claim "the changed learner
/// earns a higher reward": the paper's DQN and RLO at discount 0 against the paper's 0.85; EdgeMine's shared learner
/// with the reward model's targets against the same network learning from the observed reward alone; RLO with the team
/// reward against its own; RLO with the rule for unseen states (nearest) against never offloading there.
/// <para>
/// Where: Table II's N = 5, M = 2, beta 0.5 (Fig. 4's beta 0.5 shares it) for the first four: the setting of the paper's
/// claims about DRLO against RLO, where several miners congest the MEC (which the team reward is about) and where issue
/// 20 measured the discount's effect; the single miner at M = 8 (the largest M up to 8 that the sizes run) for the
/// unseen-state rule: from M = 5 on, almost every state RLO meets is new and RLO acts as NO. The arms without a change
/// are the other experiments' cells at those settings, so only the changed arms cost anything.
/// </para>
/// <para>
/// The discount and RLO's own reward are the paper's stated choices: <see cref="PaperEvidence"/> re-judges the other
/// experiments' claims with the changed arms in place of the paper's learners, and a claim that does not hold with the
/// paper's choice and holds with the other gets cause "paper" (MODEL.md section 11).
/// </para>
/// </summary>
internal sealed class AblationsExperiment : Experiment
{
    /// <summary>The M of the unseen-state ablation at the paper's sizes: issue 20 measured RLO equal to NO from M = 5 on (at M = 8, 8.000 against 8.004).</summary>
    public const int UnseenStateTasks = 8;

    /// <summary>
    /// The claims' measure: the changed arm's reward above the other's. Beyond the paper, so no magnitude: the paper has
    /// no number for either arm.
    /// </summary>
    public const string Measure = "relative: the changed learner's evaluated reward above the other arm's, in % of |the other's|";

    /// <summary>Why an ablation's claim that does not hold has no cause: its verdict is itself the finding.</summary>
    public const string NoCause = "none sought: an ablation measures what one change does, and \"does not hold\" means the change lowers the reward";

    /// <summary>DRLO's <c>model-free</c> variant: the shared network learning from the observed reward alone.</summary>
    public static LearnerScheme DrloModelFree { get; } = new(DrloAlgorithm.Instance, DrloAlgorithm.ModelFreeVariant);

    /// <summary>The paper's discount of 0.85 [Alg. 1-2], shared by its DQN and RLO (MODEL.md section 7).</summary>
    public static StatedChoice Discount { get; } = new(
        "discount", string.Create(CultureInfo.InvariantCulture, $"discount of {QLearningOptions.DefaultDiscount} (its DQN's and RLO's)"), "discount 0",
        [ReproductionSchemes.DrloPaper, ReproductionSchemes.DrloPaperBranching, ReproductionSchemes.Rlo]);

    /// <summary>RLO's per-miner reward: "each miner acts as an agent" (Sec. II-D, MODEL.md section 7).</summary>
    public static StatedChoice OwnReward { get; } = new(
        "reward", "per-miner reward for RLO (each miner learns from its own tasks' reward: \"each miner acts as an agent\", Sec. II-D)", "the team reward",
        [ReproductionSchemes.Rlo]);

    /// <summary>The ablations, in report order.</summary>
    public static IReadOnlyList<Ablation> All { get; } =
    [
        new(
            "ablations.discount.drlo-paper",
            ReproductionSchemes.DrloPaper, "DRLO (paper DQN) at discount 0", "discount0", Options("discount", "0"),
            ReproductionSchemes.DrloPaper, string.Create(CultureInfo.InvariantCulture, $"DRLO (paper DQN) at the paper's discount of {QLearningOptions.DefaultDiscount}"),
            SingleMiner: false, Discount),
        new(
            "ablations.discount.rlo",
            ReproductionSchemes.Rlo, "RLO at discount 0", "discount0", Options("discount", "0"),
            ReproductionSchemes.Rlo, string.Create(CultureInfo.InvariantCulture, $"RLO at the paper's discount of {QLearningOptions.DefaultDiscount}"),
            SingleMiner: false, Discount),
        new(
            "ablations.reward-model.drlo-shared",
            ReproductionSchemes.DrloShared, "shared DQN (ours), learning from the reward model's targets (model-assisted)", "", Options(),
            DrloModelFree, "the same network learning from the observed reward alone (DRLO (model-free))",
            SingleMiner: false),
        new(
            "ablations.reward.rlo-team",
            ReproductionSchemes.Rlo, "RLO with the team reward (reward=team)", "reward-team", Options("reward", "team"),
            ReproductionSchemes.Rlo, "RLO with each miner's own reward (the paper's)",
            SingleMiner: false, OwnReward),
        new(
            "ablations.unseen-state.rlo-nearest",
            ReproductionSchemes.Rlo, "RLO acting in an unseen state as in the nearest seen one (unseen_state=nearest)", "unseen-nearest", Options("unseen_state", "nearest"),
            ReproductionSchemes.Rlo, "RLO never offloading in an unseen state (the default)",
            SingleMiner: true),
    ];

    // After the statics the instance's schemes read: static properties initialise in the order they are written.
    public static AblationsExperiment Instance { get; } = new();

    public override string Name => "ablations";

    public override string Title => "Beyond the paper: ablations";

    public override IReadOnlyList<Scheme> Schemes { get; } =
    [
        ReproductionSchemes.DrloPaper, ReproductionSchemes.Rlo, ReproductionSchemes.DrloShared, DrloModelFree,
        BaselineScheme.Never, BaselineScheme.Always, BaselineScheme.GoodChannel, BaselineScheme.Random, BaselineScheme.Optimal,
    ];

    protected override IReadOnlyList<Metric> CsvMetrics { get; } = [Metrics.Reward, Metrics.OffloadedFraction, Metrics.Cost];

    /// <summary>Table II's first N at M = 2, beta 0.5 (N = 5 at the paper's sizes), then the single miner at the largest M up to <see cref="UnseenStateTasks"/>.</summary>
    public override IReadOnlyList<Setting> Settings(ReproductionSizes sizes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        return [Multi(sizes), Single(sizes)];
    }

    /// <summary>A learner runs at a setting only where an ablation compares it there; baselines run everywhere (the yardsticks).</summary>
    public override string? NotRun(Setting setting, Scheme scheme)
    {
        ArgumentNullException.ThrowIfNull(setting);
        ArgumentNullException.ThrowIfNull(scheme);
        if (!scheme.IsLearner)
        {
            return null;
        }

        bool single = setting.Miners == 1;
        return All.Any(a => a.SingleMiner == single && (a.Base.Equals(scheme) || (a.ChangedOptions.Count == 0 && a.Changed.Equals(scheme))))
            ? ReproductionSchemes.PaperDrloNotRun(setting, scheme)
            : "no ablation compares it at this setting";
    }

    public override IReadOnlyList<OptionArm> OptionArms(ReproductionSizes sizes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        return All.Select(a => a.Arm(SettingOf(a, sizes))).OfType<OptionArm>().ToArray();
    }

    /// <summary>Learner options from key-value pairs.</summary>
    private static SortedDictionary<string, string> Options(params string[] keysAndValues) =>
        new(Enumerable.Range(0, keysAndValues.Length / 2).ToDictionary(i => keysAndValues[2 * i], i => keysAndValues[(2 * i) + 1]), StringComparer.Ordinal);

    /// <summary>The setting of <paramref name="ablation"/> at <paramref name="sizes"/>.</summary>
    public static Setting SettingOf(Ablation ablation, ReproductionSizes sizes)
    {
        ArgumentNullException.ThrowIfNull(ablation);
        return ablation.SingleMiner ? Single(sizes) : Multi(sizes);
    }

    private static Setting Multi(ReproductionSizes sizes) => new(sizes.MultiMiners[0], 2, 0.5);

    private static Setting Single(ReproductionSizes sizes) => new(1, Math.Min(UnseenStateTasks, sizes.SingleMinerTasks.Max()), 0.5);

    /// <summary>The two arms of <paramref name="ablation"/> in <paramref name="results"/>: the changed one's row and the base one's, each null without numbers.</summary>
    public static (ResultRow? Changed, ResultRow? Base) Arms(ExperimentResults results, Ablation ablation)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(ablation);
        var setting = results.Settings.FirstOrDefault(s => (s.Miners == 1) == ablation.SingleMiner);
        if (setting is null)
        {
            return (null, null);
        }

        var context = new ClaimContext(results);
        var changed = ablation.Arm(setting) is { } arm
            ? results.ArmRows.FirstOrDefault(r => r.Arm.Key == arm.Key)?.Row is { IsOk: true } row ? row : null
            : context.Ok(setting, ablation.Changed);
        return (changed, context.Ok(setting, ablation.Base));
    }

    /// <summary>Each ablation as a claim: the changed arm earns a higher reward than the base arm (paired over the training seeds).</summary>
    public override IReadOnlyList<Claim> Claims(ExperimentResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var context = new ClaimContext(results);
        var claims = new List<Claim>();
        foreach (var ablation in All)
        {
            var setting = results.Settings.FirstOrDefault(s => (s.Miners == 1) == ablation.SingleMiner);
            string statement = $"{ablation.ChangedLabel} earns a higher reward than {ablation.BaseLabel}" + (setting is null ? "" : $", at {setting.Describe()}");
            var (changed, original) = Arms(results, ablation);
            var part = changed is null || original is null
                ? ClaimPart.NotEvaluated(changed is null ? $"{ablation.ChangedLabel}: no numbers (its cells did not run)" : $"{ablation.BaseLabel}: no numbers (its cells did not run)", ablation.Changed, ablation.Base)
                : ClaimContext.Compare(changed, ablation.ChangedLabel, original, ablation.BaseLabel, Metrics.Reward, Direction.Above, label: setting!.Describe());
            claims.Add(context.FromParts(ablation.Id, statement, [part], Measure, "") with { Id = ablation.Id, FromPaper = false });
        }

        return claims;
    }

    public override ExperimentOutput Assemble(ExperimentResults results, OutputContext output)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(output);
        string csv = WriteAblationsCsv(results, output.OutDirectory);
        var claims = Judged(results, output.Evidence)
            .Select(c => c with { Cause = null, CauseUndetermined = c.Outcome == ClaimOutcome.DoesNotHold ? NoCause : "" })
            .ToArray();
        var shown = new ExperimentResults(this, results.Settings, results.Rows.Where(r => NotRun(r.Setting, r.Scheme) is null).ToArray()) { ArmRows = results.ArmRows };
        var standings = Standings(shown);
        var columns = new List<ReportColumn> { Ours(Metrics.Reward), Ours(Metrics.OffloadedFraction), Ours(Metrics.Cost) };
        var reexamined = output.Evidence.Reexamined.Where(r => r.AblationIds.Any(id => All.Any(a => a.Id == id))).ToArray();
        var figures = new[]
        {
            Plots.Save(output.FiguresDirectory, Name, "ablations_margins", "Ablations: the changed learner's reward above the other arm's (95% CI)", Margins(claims)),
        };
        return new ExperimentOutput([csv], figures, claims, standings, Section(shown, figures, columns, claims, standings, Tables(results, claims, reexamined)));
    }

    /// <summary>Each ablation's margin (the changed arm's reward above the other's, in % of |the other's|) with its 95% interval; a line at 0.</summary>
    private static ScottPlot.Plot Margins(IReadOnlyList<Claim> claims)
    {
        var plot = Plots.NewPlot("Ablation", "Reward above the unchanged arm (% of its |reward|)");
        var judged = claims.Select((c, i) => (Claim: c, Position: (double)i)).Where(x => x.Claim.Ours is not null).ToArray();
        if (judged.Length == 0)
        {
            Plots.NoData(plot);
            return plot;
        }

        double[] xs = [.. judged.Select(x => x.Position)], means = [.. judged.Select(x => x.Claim.Ours!.Mean)];
        var points = plot.Add.ScatterPoints(xs, means);
        points.Color = ScottPlot.Colors.Black;
        points.MarkerSize = 9;
        Plots.ErrorBars(plot, xs, means, [.. judged.Select(x => x.Claim.Ours!.Low)], [.. judged.Select(x => x.Claim.Ours!.High)], ScottPlot.Colors.Black);
        plot.Add.HorizontalLine(0, 1, ScottPlot.Colors.Gray);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            claims.Select((c, i) => new ScottPlot.Tick(i, c.Id["ablations.".Length..])).ToArray());
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        return plot;
    }

    /// <summary>
    /// The claims of the other experiments (<paramref name="all"/>) that do not hold, judged again with the paper's stated
    /// choices flipped, from this run's ablation cells: for each stated choice, <see cref="ReexamineWith"/> with every
    /// changed arm that flips it.
    /// </summary>
    public override IReadOnlyList<ChoiceReexamination> Reexamine(ExperimentResults own, IReadOnlyList<ExperimentResults> all)
    {
        ArgumentNullException.ThrowIfNull(own);
        ArgumentNullException.ThrowIfNull(all);
        var others = all.Where(r => r.Experiment != this).ToArray();
        return All.Where(a => a.StatedChoice is not null)
            .GroupBy(a => a.StatedChoice!)
            .SelectMany(choice => ReexamineWith(
                choice.Key,
                choice.Select(a => (a.Id, Row: ArmRowOf(a, own)))
                    .Where(x => x.Row is { Row.IsOk: true })
                    .Select(x => (x.Id, x.Row!))
                    .ToArray(),
                others))
            .ToArray();
    }

    /// <summary>The row of <paramref name="ablation"/>'s changed arm in <paramref name="results"/>, or null (none run, or the change is a variant).</summary>
    private static ArmRow? ArmRowOf(Ablation ablation, ExperimentResults results) =>
        results.Settings.FirstOrDefault(s => (s.Miners == 1) == ablation.SingleMiner) is { } setting && ablation.Arm(setting) is { } arm
            ? results.ArmRows.FirstOrDefault(r => r.Arm.Key == arm.Key)
            : null;

    /// <summary>
    /// The cause rule "paper" from ablations (MODEL.md section 11): each claim of the paper in <paramref name="experiments"/>
    /// that does not hold is judged again with every learner it compares that makes <paramref name="choice"/>
    /// (<see cref="StatedChoice.AppliesTo"/>) replaced, at every setting it compares them, by the arm that flips the choice
    /// (the arm's cells in the learner's row, the rest of the run as it is: RLO's reward leaves the DQN as it is).
    /// A claim that then holds has evidence (<see cref="ChoiceReexamination.Evidence"/>) that the paper's stated choice
    /// decides it, unless the change lowers the reward of a learner it replaced (the claim then holds only because one
    /// side is handicapped: RLO with the team reward below RLO with its own makes "DRLO above RLO" easier, which says
    /// nothing against the paper's choice); one that fails both ways, or is undecided with the change, has none. A claim some learner or setting
    /// of which has no such arm (a part with no comparison key, a learner that makes the choice and has no arm there) is not judged again: a
    /// world only half changed proves nothing.
    /// </summary>
    public static IReadOnlyList<ChoiceReexamination> ReexamineWith(
        StatedChoice choice, IReadOnlyList<(string AblationId, ArmRow Arm)> arms, IReadOnlyList<ExperimentResults> experiments)
    {
        ArgumentNullException.ThrowIfNull(choice);
        ArgumentNullException.ThrowIfNull(arms);
        ArgumentNullException.ThrowIfNull(experiments);
        var reexamined = new List<ChoiceReexamination>();
        if (arms.Count == 0)
        {
            return reexamined;
        }

        ArmRow? ArmOf(string settingKey, Scheme scheme) => arms.Select(a => a.Arm).FirstOrDefault(a => a.Arm.Setting.Key == settingKey && a.Arm.Scheme.Equals(scheme));
        foreach (var results in experiments)
        {
            var changed = new ExperimentResults(
                results.Experiment,
                results.Settings,
                results.Rows.Select(r => ArmOf(r.Setting.Key, r.Scheme) is { } arm ? new ResultRow(r.Setting, r.Scheme, arm.Row.Cells, r.Shape) : r).ToArray());
            var after = results.Experiment.Claims(changed).ToDictionary(c => c.Id, StringComparer.Ordinal);
            foreach (var claim in results.Experiment.Claims(results).Where(c => c.FromPaper && c.Outcome == ClaimOutcome.DoesNotHold))
            {
                var learners = claim.Schemes.Where(choice.AppliesTo.Contains).ToArray();
                bool whole = learners.Length > 0 && claim.Parts.All(p => p.Key is { } key && p.Schemes.Where(choice.AppliesTo.Contains)
                    .All(s => key.Split('|')[0].Split('+').All(setting => ArmOf(setting, s) is not null)));
                if (!whole || !after.TryGetValue(claim.Id, out var flipped))
                {
                    continue;
                }

                var used = arms.Where(a => learners.Contains(a.Arm.Arm.Scheme)).ToArray();
                var weakened = used
                    .Where(a => results.Row(a.Arm.Arm.Setting, a.Arm.Arm.Scheme) is { IsOk: true } paper
                        && Judge.Decide(Judge.Paired(a.Arm.Row, paper, Metrics.Reward), Direction.Above) == ClaimOutcome.DoesNotHold)
                    .Select(a => $"{a.Arm.Arm.Scheme.Label} at {a.Arm.Arm.Setting.Describe()}")
                    .ToArray();
                reexamined.Add(new ChoiceReexamination(
                    claim.Id, choice, string.Join(" and ", learners.Select(l => l.Label)), [.. used.Select(a => a.AblationId).Distinct()], flipped.Outcome, flipped.Detail, weakened));
            }
        }

        return reexamined;
    }

    /// <summary>
    /// Writes <c>ablations.csv</c>: one row per ablation and arm (changed, then base), with the arm's scheme, learner
    /// options, whether it is model-assisted, its discount, seeds, each metric as mean, 95% interval and n, its mean
    /// training seconds (wall clock) per seed; on the changed arm's row the paired difference of rewards (changed - base), its 95%
    /// interval and units, and the verdict.
    /// </summary>
    private string WriteAblationsCsv(ExperimentResults results, string directory)
    {
        string path = Path.Combine(directory, Name + ".csv");
        var text = new StringBuilder("ablation,miners,tasks,beta,arm,scheme,learner_options,model_assisted,discount,status,seeds");
        foreach (var m in CsvMetrics)
        {
            text.Append(CultureInfo.InvariantCulture, $",{m.ColumnKey},{m.ColumnKey}_ci95_low,{m.ColumnKey}_ci95_high,{m.ColumnKey}_n");
        }

        text.Append(",training_seconds_per_seed,reward_difference,reward_difference_ci95_low,reward_difference_ci95_high,reward_difference_n,reward_difference_units,outcome\n");
        var verdicts = Claims(results).ToDictionary(c => c.Id, StringComparer.Ordinal);
        foreach (var ablation in All)
        {
            var setting = results.Settings.FirstOrDefault(s => (s.Miners == 1) == ablation.SingleMiner);
            var (changed, original) = Arms(results, ablation);
            var difference = changed is not null && original is not null ? Judge.Paired(changed, original, Metrics.Reward) : null;
            foreach (var (arm, scheme, options, row) in new[] { ("changed", ablation.Changed, ablation.ChangedOptions, changed), ("base", ablation.Base, (IReadOnlyDictionary<string, string>)new Dictionary<string, string>(), original) })
            {
                string discount = options.TryGetValue("discount", out string? d) ? d : ReproductionSchemes.DiscountOf(scheme)?.ToString(CultureInfo.InvariantCulture) ?? "";
                text.Append(CultureInfo.InvariantCulture, $"{ablation.Id},{setting?.Miners},{setting?.Tasks},{setting?.Beta},{arm},{scheme.Name},{OptionArm.Text(options)},{(ReproductionSchemes.IsModelAssisted(scheme) ? "true" : "false")},{discount},{(row is null ? "missing" : "ok")},{row?.Seeds}");
                foreach (var m in CsvMetrics)
                {
                    var e = row?.Shown(m);
                    text.Append(CultureInfo.InvariantCulture, $",{CsvNumber(e?.Mean)},{CsvNumber(e?.Ci95Low)},{CsvNumber(e?.Ci95High)},{(e is null ? "" : e.N.ToString(CultureInfo.InvariantCulture))}");
                }

                text.Append(CultureInfo.InvariantCulture, $",{CsvNumber(row?.Cells.Average(c => c.TrainingSeconds))}");
                text.Append(arm == "changed" && difference is not null
                    ? string.Create(CultureInfo.InvariantCulture, $",{CsvNumber(difference.Mean)},{CsvNumber(difference.HasBounds ? difference.Low : null)},{CsvNumber(difference.HasBounds ? difference.High : null)},{difference.N},{difference.Units},{Claim.Text(verdicts[ablation.Id].Outcome)}\n")
                    : arm == "changed" ? $",,,,,,{Claim.Text(verdicts[ablation.Id].Outcome)}\n" : ",,,,,,\n");
            }
        }

        AtomicFile.WriteAllText(path, text.ToString());
        return path;
    }

    /// <summary>
    /// One table per ablation (both arms: reward, offloaded fraction, cost, seeds, training seconds per seed), the paired
    /// difference with its interval and the verdict beneath it; then the causes of the paper's claims the ablations give.
    /// </summary>
    private static IEnumerable<Block> Tables(ExperimentResults results, IReadOnlyList<Claim> claims, ChoiceReexamination[] reexamined)
    {
        yield return new Heading(3, "Ablations");
        yield return new Paragraph(
            "Each ablation compares a learner with one change against the same learner without it, on the same evaluation runs; seed k of the "
            + "changed arm trains from the same seed as seed k of the other (common random numbers), so the difference is paired over the training "
            + "seeds. The arm without a change is the other experiments' cells at the same setting. Training: the mean wall-clock seconds of a seed's training "
            + "(a cell runs on one core; other cells ran beside it, so a loaded machine shows longer times).");
        string[] headers = ["arm", "learner options", UnitHeader(Metrics.Reward), UnitHeader(Metrics.OffloadedFraction), UnitHeader(Metrics.Cost), "seeds", "training (s per seed)"];
        foreach (var ablation in All)
        {
            var claim = claims.First(c => c.Id == ablation.Id);
            var (changed, original) = Arms(results, ablation);
            string Cell(ResultRow? row, Metric m) => row?.Shown(m) is { } e ? Estimate(e) : "n/a";
            yield return new Heading(4, $"{ablation.Id}");
            yield return new Table(headers, [
                [ablation.ChangedLabel, ablation.ChangedOptionsText.Length > 0 ? ablation.ChangedOptionsText : $"--variant {ablation.Changed.Variant}", Cell(changed, Metrics.Reward), Cell(changed, Metrics.OffloadedFraction), Cell(changed, Metrics.Cost), changed?.Seeds.ToString(CultureInfo.InvariantCulture) ?? "", changed is null ? "" : Number(changed.Cells.Average(c => c.TrainingSeconds))],
                [ablation.BaseLabel, ablation.Base.Equals(ablation.Changed) ? "none" : $"--variant {ablation.Base.Variant}", Cell(original, Metrics.Reward), Cell(original, Metrics.OffloadedFraction), Cell(original, Metrics.Cost), original?.Seeds.ToString(CultureInfo.InvariantCulture) ?? "", original is null ? "" : Number(original.Cells.Average(c => c.TrainingSeconds))],
            ]);
            string difference = changed is not null && original is not null && Judge.Paired(changed, original, Metrics.Reward) is var d
                ? $"Paired difference of rewards (changed - base): {Number(d.Mean)} {ClaimContext.Bounds(d)}. "
                : "";
            yield return new Paragraph($"{difference}Verdict: {claim.OutcomeText} ({claim.Detail}).");
        }

        yield return new Heading(3, "What the ablations say about the paper's claims");
        yield return new Paragraph(
            "Each claim of the paper run here that does not hold with the paper's stated choices (its discount of 0.85; RLO's own reward) is judged "
            + "again with every learner it compares that makes the choice replaced by the ablation's arm that flips it, where the ablations ran one at "
            + "every setting it compares them (MODEL.md section 11): a claim that then holds has cause \"paper\", unless the change lowers the reward "
            + "of a learner it replaced (a handicap, not a cause). "
            + (reexamined.Length == 0
                ? "None could be judged again here (no such claim fails, or the ablations do not cover its learners and settings)."
                : $"{reexamined.Count(r => r.Evidence is not null)} of the {reexamined.Length} judged again get cause \"paper\"."));
        if (reexamined.Length > 0)
        {
            yield return new Bullets(reexamined.Select(r => ($"{r.ClaimId}:", r.Text + ".")).ToArray());
        }
    }
}
