using System.Globalization;
using System.Text;
using EdgeMine.IO;
using EdgeMine.Reporting;
using EdgeMine.Schemes;
using EdgeMine.Simulation;

using static EdgeMine.Reporting.ReportFormat;

namespace EdgeMine.Experiments;

/// <summary>
/// One experiment of the paper's Section IV (MODEL.md section 8) as a feature: its settings and schemes (hence its
/// cells), its CSV columns, its figures, its claims and the paper's numbers it is judged against, all in its own file.
/// Nothing switches on an experiment's name.
/// </summary>
internal abstract class Experiment
{
    /// <summary>The name of <c>--only</c> and of its files: <c>fig5</c>, <c>table2</c>.</summary>
    public abstract string Name { get; }

    public abstract string Title { get; }

    /// <summary>The schemes compared at each setting (every baseline among them: they give the yardsticks).</summary>
    public abstract IReadOnlyList<Scheme> Schemes { get; }

    /// <summary>The settings at the given sizes.</summary>
    public abstract IReadOnlyList<Setting> Settings(ReproductionSizes sizes);

    /// <summary>How many runs of how many slots each scheme is evaluated on at a setting: the sizes' by default.</summary>
    public virtual (int Runs, long Slots) Evaluation(ReproductionSizes sizes, Setting setting)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        return (sizes.EvaluationRuns, sizes.EvaluationSlots);
    }

    /// <summary>
    /// Why <paramref name="scheme"/> is not run at <paramref name="setting"/> (no cell is made), or null when it is: for
    /// a scheme whose cost grows beyond the experiment's budget at some settings.
    /// </summary>
    public virtual string? NotRun(Setting setting, Scheme scheme) => null;

    /// <summary>
    /// Learners run with options of their own beside <see cref="Schemes"/> (an ablation's changed arms), each with its
    /// own cells; none by default.
    /// </summary>
    public virtual IReadOnlyList<OptionArm> OptionArms(ReproductionSizes sizes) => [];

    /// <summary>
    /// What this experiment's results show about the causes of other experiments' claims (MODEL.md section 11: the
    /// paper's claims that do not hold judged again with an ablation's arms in the learners' place, whose
    /// <see cref="ChoiceReexamination.Evidence"/> gives cause "paper"), from this run's results of every experiment run
    /// (<paramref name="all"/>, this one's among them); none by default.
    /// </summary>
    public virtual IReadOnlyList<ChoiceReexamination> Reexamine(ExperimentResults own, IReadOnlyList<ExperimentResults> all) => [];

    /// <summary>The metric columns of the CSV.</summary>
    protected abstract IReadOnlyList<Metric> CsvMetrics { get; }

    /// <summary>Writes the experiment's files, draws its figures, checks its claims and builds its report section.</summary>
    public abstract ExperimentOutput Assemble(ExperimentResults results, OutputContext output);

    /// <summary>The paper's claims of this experiment, judged on <paramref name="results"/> (MODEL.md section 11).</summary>
    public abstract IReadOnlyList<Claim> Claims(ExperimentResults results);

    /// <summary>
    /// The claims with what the whole run tells about them: the verdicts on the first 1, 3 and 5 training seeds of the
    /// same run (fragility), and each cause from <paramref name="evidence"/> (<see cref="ClaimCauses"/>).
    /// </summary>
    public IReadOnlyList<Claim> Judged(ExperimentResults results, ClaimEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(evidence);
        var claims = Claims(results);
        int seeds = results.TrainingSeeds;
        var subsets = ClaimSet.SeedSubsets(seeds);
        var verdicts = subsets.Where(k => k < seeds).ToDictionary(k => k, k => Claims(results.WithSeeds(k)).ToDictionary(c => c.Id, c => c.Outcome, StringComparer.Ordinal));
        return claims.Select(c => ClaimCauses.Find(c with
        {
            SeedOutcomes = subsets.Select(k => (k, k == seeds ? c.Outcome : verdicts[k].GetValueOrDefault(c.Id, ClaimOutcome.NotEvaluated))).ToArray(),
        }, evidence)).ToArray();
    }

    public sealed override string ToString() => Name;

    /// <summary>The learners of the experiment.</summary>
    protected IEnumerable<Scheme> Learners => Schemes.Where(s => s.IsLearner);

    /// <summary>
    /// Writes <c>{Name}.csv</c>: setting columns, scheme, whether it is model-assisted and its discount (a learner's),
    /// status, training seeds, each metric as mean, 95% interval and
    /// its n (seeds for a learner with several, else evaluation runs), the yardsticks of MODEL.md section 6, the LP's
    /// predictions.
    /// </summary>
    protected string WriteCsv(ExperimentResults results, OutputContext output)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(output);
        string path = Path.Combine(output.OutDirectory, Name + ".csv");
        var text = new StringBuilder("miners,tasks,beta,arrival_kbit,scheme,model_assisted,discount,status,seeds");
        foreach (var m in CsvMetrics)
        {
            text.Append(CultureInfo.InvariantCulture, $",{m.ColumnKey},{m.ColumnKey}_ci95_low,{m.ColumnKey}_ci95_high,{m.ColumnKey}_n");
        }

        text.Append(",optimality_ratio,headroom_captured,best_baseline,regret_per_task,fractional_optimality_ratio,predicted_privacy,predicted_cost,yardstick,per_slot_optimum_is_bound,above_yardstick\n");
        foreach (var row in results.Rows)
        {
            var s = row.Setting;
            text.Append(CultureInfo.InvariantCulture, $"{s.Miners},{s.Tasks},{s.Beta},{CsvNumber(s.ArrivalKbit)},{row.Scheme.Name},{(ReproductionSchemes.IsModelAssisted(row.Scheme) ? "true" : "false")},{ReproductionSchemes.DiscountOf(row.Scheme)?.ToString(CultureInfo.InvariantCulture)},{(row.IsOk ? "ok" : "not-applicable")},{row.Seeds}");
            foreach (var m in CsvMetrics)
            {
                var e = row.Shown(m);
                text.Append(CultureInfo.InvariantCulture, $",{CsvNumber(e?.Mean)},{CsvNumber(e?.Ci95Low)},{CsvNumber(e?.Ci95High)},{(e is null ? "" : e.N.ToString(CultureInfo.InvariantCulture))}");
            }

            var y = results.YardsticksOf(row);
            var references = results.References(s);
            text.Append(CultureInfo.InvariantCulture, $",{CsvNumber(y?.OptimalityRatio)},{CsvNumber(y?.HeadroomCaptured)},{references.BestBaseline?.Name},{CsvNumber(y?.RegretPerTask)},{CsvNumber(y?.FractionalOptimalityRatio)}");
            var predicted = row.IsOk ? row.Cells[0].Own!.Predicted : new Dictionary<string, double>();
            text.Append(CultureInfo.InvariantCulture, $",{CsvNumber(predicted.GetValueOrDefault(Metrics.Privacy.Key, double.NaN))}");
            text.Append(CultureInfo.InvariantCulture, $",{CsvNumber(predicted.GetValueOrDefault(Metrics.Cost.Key, double.NaN))}");
            string bound = references.OptimalIsBound is { } b ? (b ? "true" : "false") : "";
            text.Append(CultureInfo.InvariantCulture, $",{y?.Yardstick},{bound},{(y is { } a ? (a.AboveYardstick ? "true" : "false") : "")}\n");
        }

        AtomicFile.WriteAllText(path, text.ToString());
        return path;
    }

    /// <summary>The report's table of numbers: setting, scheme, the given columns, training seeds and status.</summary>
    protected static Table NumbersTable(ExperimentResults results, IReadOnlyList<ReportColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(results);
        var all = new List<ReportColumn> { new("setting", r => r.Setting.Describe()), new("scheme", r => r.Scheme.Label) };
        all.AddRange(columns);
        all.Add(new("seeds", r => r.Scheme.IsLearner ? r.Seeds.ToString(CultureInfo.InvariantCulture) : ""));
        all.Add(new("status", r => r.IsOk ? "ok" : $"n/a: {r.Reason ?? "not-applicable"}"));
        return new Table(
            all.Select(c => c.Header).ToArray(),
            results.Rows.Select(r => (IReadOnlyList<string>)all.Select(c => c.Cell(r)).ToArray()).ToArray());
    }

    /// <summary>
    /// Every learner's yardsticks at every setting (MODEL.md section 6), and whether it falls below its best simple
    /// baseline: the paired comparison of rewards, judged as a claim is.
    /// </summary>
    public IReadOnlyList<LearnerStanding> Standings(ExperimentResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var context = new ClaimContext(results);
        var standings = new List<LearnerStanding>();
        foreach (var setting in results.Settings)
        {
            var references = results.References(setting);
            foreach (var learner in Learners)
            {
                if (context.Ok(setting, learner) is not { } row || results.YardsticksOf(row) is not { } yardsticks)
                {
                    continue;
                }

                var against = references.BestBaseline is { } best && context.Ok(setting, best) is { } bestRow
                    ? (Outcome: Judge.Identical(row, bestRow, Metrics.Reward) ? ClaimOutcome.ExactTie : Judge.Compare(Judge.Paired(row, bestRow, Metrics.Reward), Direction.Above), Difference: Judge.Paired(row, bestRow, Metrics.Reward))
                    : (Outcome: ClaimOutcome.NotEvaluated, Difference: null);
                standings.Add(new LearnerStanding(Name, setting, learner, row, yardsticks, references, against.Outcome, against.Difference));
            }
        }

        return standings;
    }

    /// <summary>The report's table of the learners' yardsticks.</summary>
    protected static IEnumerable<Block> StandingsTable(IReadOnlyList<LearnerStanding> standings) =>
        TableSection(
            "Yardsticks of the learners",
            "Optimality ratio (R - R_random) / (R_opt - R_random); headroom captured (R - R_base) / (R_opt - R_base) over the "
            + "best of NO, EO, Random and GO (named), below 0 when a rule of thumb does better; regret per task (R_opt - R) / (N M); "
            + "the fractional ratio against the fractional per-slot optimum, which bounds every scheme (MODEL.md section 6). "
            + "Against the best baseline: the paired difference of rewards, judged as a claim is (MODEL.md section 11). "
            + $"A ratio is n/a when {Yardsticks.NotGivenWhen}; "
            + "\"(not a bound)\" marks a setting where the per-slot optimum carried a buffer or a backlog over (MODEL.md section 13), "
            + "and ABOVE a learner above its yardstick beyond noise.",
            ["setting", "learner", "reward (unit-free, per slot)", "optimality ratio (fraction of R_opt - R_random)", "headroom captured (fraction of R_opt - R_base)", "regret per task (reward)", "fractional ratio (fraction)", "against the best baseline (absolute: reward per slot)"],
            standings.Select(s => (IReadOnlyList<string>)[
                s.Setting.Describe(), s.Learner.Label, Estimate(s.Row.Shown(Metrics.Reward)!),
                s.RatioText, s.HeadroomText,
                Number(s.Yardsticks.RegretPerTask), Number(s.Yardsticks.FractionalOptimalityRatio), s.Verdict,
            ]).ToArray());

    /// <summary>A subsection (level 3) of a table and the paragraph that says how to read it; nothing when the table has no rows.</summary>
    protected static IEnumerable<Block> TableSection(string heading, string explanation, IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows) =>
        rows.Count == 0 ? [] : [new Heading(3, heading), new Paragraph(explanation), new Table(headers, rows)];

    /// <summary>A column of our estimate of <paramref name="metric"/> (mean ± CI half-width), its header with its unit.</summary>
    protected static ReportColumn Ours(Metric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return new(UnitHeader(metric), r => r.Shown(metric) is { } e ? Estimate(e) : "n/a");
    }

    /// <summary>
    /// A metric's header with its unit, also for those without one: privacy and reward are unit-free, cost is in the
    /// preset's cost units (normalised in the calibrated preset, MODEL.md section 9); every number is per slot.
    /// </summary>
    public static string UnitHeader(Metric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return metric.DisplayUnit.Length > 0 ? metric.Header
            : metric.Key == Metrics.Cost.Key ? $"{metric.ShortName} (preset's units, per slot)"
            : $"{metric.ShortName} (unit-free, per slot)";
    }

    /// <summary>
    /// The report section shared by every experiment: the title, the figures, the numbers, the experiment's own blocks,
    /// the learners' yardsticks, the claims, and the cells that did not apply.
    /// </summary>
    protected IReadOnlyList<Block> Section(
        ExperimentResults results, IReadOnlyList<Figure> figures, IReadOnlyList<ReportColumn> columns, IReadOnlyList<Claim> claims, IReadOnlyList<LearnerStanding> standings, IEnumerable<Block>? own = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        var blocks = new List<Block> { new Heading(2, Title) };
        blocks.AddRange(figures.Select(f => new FigureBlock(f)));
        blocks.Add(new Heading(3, "Numbers"));
        blocks.Add(NumbersTable(results, columns));
        blocks.AddRange(own ?? []);
        blocks.AddRange(StandingsTable(standings));
        blocks.Add(new Heading(3, "Claims"));
        blocks.Add(new Bullets(claims.Select(c => ($"{c.OutcomeText}:", $"{c.Statement}. {c.Detail}.{(c.Deciding.Length > 0 ? $" {char.ToUpperInvariant(c.Deciding[0])}{c.Deciding[1..]}." : "")}{(c.CauseText.Length > 0 ? $" Cause: {c.CauseText}." : "")}")).ToArray()));
        var notApplicable = results.Rows.Where(r => !r.IsOk).ToArray();
        if (notApplicable.Length > 0)
        {
            blocks.Add(new Heading(3, "Cells that did not apply"));
            blocks.Add(new Bullets(notApplicable
                .GroupBy(r => (r.Scheme.Label, Reason: r.Reason ?? "not-applicable"))
                .Select(g => ($"{g.Key.Label}:", $"{g.Key.Reason} ({string.Join("; ", g.Select(r => r.Setting.Describe()))})"))
                .ToArray()));
        }

        return blocks;
    }
}
