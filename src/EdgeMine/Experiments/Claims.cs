using System.Globalization;
using static EdgeMine.Experiments.ReportFormat;

namespace EdgeMine.Experiments;

/// <summary>Whether a claim of the paper holds in our numbers.</summary>
public enum ClaimOutcome
{
    /// <summary>The claim holds in our numbers.</summary>
    Holds,

    /// <summary>The claim does not hold in our numbers.</summary>
    DoesNotHold,

    /// <summary>The data the claim needs is missing (not-applicable cells, experiment not run, sizes too small).</summary>
    NotEvaluated,

    /// <summary>Not a claim of the paper but a measurement reported beside them (e.g. a learner's gap to the optimum).</summary>
    Measured,
}

/// <summary>One claim of the paper (or a measurement), checked against our numbers, with by how much in <see cref="Detail"/>.</summary>
public sealed record Claim(string Experiment, string Statement, ClaimOutcome Outcome, string Detail)
{
    /// <summary>False for measurements reported beside the paper's claims (a learner's gap to the optimum).</summary>
    public bool FromPaper { get; init; } = true;

    /// <summary>True when only part of the claim could be checked (some of its schemes did not apply); the detail says which.</summary>
    public bool Partial { get; init; }

    /// <summary>The outcome as the report prints it.</summary>
    public string OutcomeText => Outcome switch
    {
        ClaimOutcome.Holds => Partial ? "holds (partial)" : "holds",
        ClaimOutcome.DoesNotHold => Partial ? "does not hold (partial)" : "does not hold",
        ClaimOutcome.NotEvaluated => "not evaluated",
        _ => "measured",
    };
}

/// <summary>One point of a Fig. 4 learning curve, as <c>fig4_curves.csv</c> stores it.</summary>
public sealed record CurvePoint(string Scheme, double Beta, long Slot, double Reward, double MovingAverage)
{
    /// <summary>Reads <c>fig4_curves.csv</c> (scheme, beta, slot, reward, moving_average); empty when the file is missing.</summary>
    public static IReadOnlyList<CurvePoint> Read(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var points = new List<CurvePoint>();
        foreach (string line in File.ReadLines(path).Skip(1))
        {
            string[] f = line.Split(',');
            if (f.Length < 5
                || !double.TryParse(f[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double beta)
                || !long.TryParse(f[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out long slot)
                || !double.TryParse(f[3], NumberStyles.Float, CultureInfo.InvariantCulture, out double reward)
                || !double.TryParse(f[4], NumberStyles.Float, CultureInfo.InvariantCulture, out double average))
            {
                continue;
            }

            points.Add(new CurvePoint(f[0], beta, slot, reward, average));
        }

        return points;
    }
}

/// <summary>
/// The paper's claims (rankings, trends, percentages; MODEL.md section 8) checked against our rows. Missing data (cells
/// that did not apply, experiments not run) gives "not evaluated", never an exception. Where the run's sizes differ from
/// the paper's (e.g. <c>--quick</c>), a claim tied to M = 12 uses the largest M run and says so.
/// </summary>
public static class Claims
{
    private static readonly string[] PaperSchemes = ["drlo", "rlo", "eo", "no"];

    /// <summary>The claims of one experiment, followed by every learner's gap to the per-slot optimum.</summary>
    public static IReadOnlyList<Claim> Evaluate(ExperimentPlan plan, IReadOnlyList<ResultRow> rows, IReadOnlyList<CurvePoint> curves)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(curves);
        var claims = new List<Claim>();
        if (plan.Settings.Count == 0)
        {
            return [NotEvaluated(plan, plan.Title, "the experiment has no settings")];
        }

        var drloVariants = DrloVariants(plan, rows);
        switch (plan.Name)
        {
            case "fig4":
                foreach (double beta in plan.Settings.Select(s => s.Beta).Distinct())
                {
                    foreach (var drlo in drloVariants)
                    {
                        claims.Add(CurveMargin(plan, rows, curves, beta, drlo));
                    }

                    claims.AddRange(plan.Schemes.Where(s => s.IsLearner).Select(s => Stabilises(plan, rows, curves, beta, s)));
                }

                break;
            case "fig5":
            case "fig6":
                foreach (var drlo in drloVariants)
                {
                    claims.Add(LowestCostAtEveryM(plan, rows, drlo));
                }

                if (plan.Name == "fig5")
                {
                    claims.Add(NeverOffloadCostsMost(plan, rows));
                    claims.Add(AlwaysOffloadCostRises(plan, rows));
                    claims.Add(RloBelowBaselines(plan, rows));
                }
                else
                {
                    foreach (var drlo in drloVariants)
                    {
                        claims.Add(Fig6Reductions(plan, rows, drlo));
                    }
                }

                break;
            case "table2":
            case "table3":
                foreach (var setting in plan.Settings)
                {
                    foreach (var (metric, name, scale) in TableMetrics)
                    {
                        claims.Add(TableRanking(plan, rows, setting, metric, name, scale));
                    }
                }

                break;
            case "fig7":
                claims.Add(PrivacyRises(plan, rows));
                foreach (var paper in PaperNumbers.Privacy)
                {
                    claims.Add(PrivacyMargins(plan, rows, paper));
                }

                break;
            default:
                break;
        }

        claims.AddRange(plan.Schemes.Where(s => s.IsLearner).Select(s => GapToOptimum(plan, rows, s)));
        return claims;
    }

    /// <summary>The metrics of Tables II-III: cell metric, printed name (with unit), scale.</summary>
    public static IReadOnlyList<(string Metric, string Name, double Scale)> TableMetrics { get; } =
        [("power_w", "power (W)", 1), ("latency_s", "latency (ms)", 1e3), ("cost", "cost", 1)];

    // DRLO, plus the paper-faithful DQN when it produced any result (it is our addition beside the default).
    private static List<Scheme> DrloVariants(ExperimentPlan plan, IReadOnlyList<ResultRow> rows)
    {
        var variants = new List<Scheme> { plan.Schemes.FirstOrDefault(s => s.Name == "drlo") ?? Scheme.Drlo };
        if (plan.Schemes.Any(s => s.Name == Scheme.DrloPaper.Name) && rows.Any(r => r.Scheme.Name == Scheme.DrloPaper.Name && r.Result.IsOk))
        {
            variants.Add(Scheme.DrloPaper);
        }

        return variants;
    }

    private static ResultRow? Row(IReadOnlyList<ResultRow> rows, Setting setting, string scheme) =>
        rows.FirstOrDefault(r => r.Setting == setting && r.Scheme.Name == scheme);

    private static double? Value(IReadOnlyList<ResultRow> rows, Setting setting, string scheme, string metric, double scale = 1) =>
        Row(rows, setting, scheme)?.Metric(metric, scale)?.Mean;

    private static string LabelOf(ExperimentPlan plan, string scheme) =>
        plan.Schemes.FirstOrDefault(s => s.Name == scheme)?.Label ?? scheme;

    /// <summary>Why a scheme has no value at a setting: its cell's reason, or "not run".</summary>
    private static string Missing(IReadOnlyList<ResultRow> rows, Setting setting, string scheme, ExperimentPlan plan)
    {
        var row = Row(rows, setting, scheme);
        string why = row is null ? "not run" : row.Result.Reason ?? row.Result.Status;
        return $"{LabelOf(plan, scheme)} n/a at {ReportFormat.Setting(setting)} ({why})";
    }

    private static Claim NotEvaluated(ExperimentPlan plan, string statement, string why) =>
        new(plan.Name, statement, ClaimOutcome.NotEvaluated, why);

    private static Claim Verdict(ExperimentPlan plan, string statement, bool holds, string detail) =>
        new(plan.Name, statement, holds ? ClaimOutcome.Holds : ClaimOutcome.DoesNotHold, detail);

    /// <summary>The single-miner setting with the largest M, and how the report names it (vs the paper's M = 12).</summary>
    private static (Setting Setting, string Where) LargestM(ExperimentPlan plan)
    {
        var setting = plan.Settings.MaxBy(s => s.Tasks)!;
        string where = setting.Tasks == PaperNumbers.LargestTasks
            ? FormattableString.Invariant($"at M={setting.Tasks}")
            : FormattableString.Invariant($"at M={setting.Tasks} (the largest M run here; the paper's is M={PaperNumbers.LargestTasks})");
        return (setting, where);
    }

    private static Claim LowestCostAtEveryM(ExperimentPlan plan, IReadOnlyList<ResultRow> rows, Scheme drlo)
    {
        string statement = $"{drlo.Label} has the lowest cost among {drlo.Label}/RLO/EO/NO at every M";
        var parts = new List<string>();
        var missing = new List<string>();
        bool holds = true;
        foreach (var setting in plan.Settings)
        {
            if (Value(rows, setting, drlo.Name, "cost") is not { } own)
            {
                return NotEvaluated(plan, statement, Missing(rows, setting, drlo.Name, plan));
            }

            var others = PaperSchemes.Skip(1)
                .Select(s => (Scheme: s, Cost: Value(rows, setting, s, "cost")))
                .ToArray();
            missing.AddRange(others.Where(o => o.Cost is null).Select(o => Missing(rows, setting, o.Scheme, plan)));
            var best = others.Where(o => o.Cost is not null).MinBy(o => o.Cost!.Value);
            if (best.Scheme is null)
            {
                return NotEvaluated(plan, statement, $"no baseline to compare with at {ReportFormat.Setting(setting)}");
            }

            holds &= own < best.Cost!.Value;
            parts.Add(FormattableString.Invariant(
                $"M={setting.Tasks}: {drlo.Label} {Number(own)} vs best other {LabelOf(plan, best.Scheme)} {Number(best.Cost!.Value)} ({BelowOrAbove(own, best.Cost!.Value)})"));
        }

        if (missing.Count > 0)
        {
            parts.Add("partial: " + string.Join("; ", missing));
        }

        return Verdict(plan, statement, holds, string.Join("; ", parts)) with { Partial = missing.Count > 0 };
    }

    private static Claim NeverOffloadCostsMost(ExperimentPlan plan, IReadOnlyList<ResultRow> rows)
    {
        var (setting, where) = LargestM(plan);
        string statement = FormattableString.Invariant($"NO costs most at M={PaperNumbers.LargestTasks} (paper: {PaperNumbers.NeverOffloadCostAtLargestM})");
        if (Value(rows, setting, "no", "cost") is not { } no)
        {
            return NotEvaluated(plan, statement, Missing(rows, setting, "no", plan));
        }

        var others = plan.Schemes.Where(s => s.Name is "drlo" or "drlo-paper" or "rlo" or "eo")
            .Select(s => (s.Label, Cost: Value(rows, setting, s.Name, "cost")))
            .Where(o => o.Cost is not null)
            .ToArray();
        if (others.Length == 0)
        {
            return NotEvaluated(plan, statement, $"no other scheme {where}");
        }

        var highest = others.MaxBy(o => o.Cost!.Value);
        return Verdict(plan, statement, no > highest.Cost!.Value, FormattableString.Invariant(
            $"{where}: NO {Number(no)} vs the next highest, {highest.Label}, {Number(highest.Cost!.Value)} (NO {Percent(PercentAbove(no, highest.Cost!.Value))} above); compared with {string.Join(", ", others.Select(o => o.Label))}"));
    }

    private static Claim AlwaysOffloadCostRises(ExperimentPlan plan, IReadOnlyList<ResultRow> rows)
    {
        string statement = FormattableString.Invariant(
            $"EO's cost rises with M (paper: from {PaperNumbers.AlwaysOffloadCostFirst} at M=2 to {PaperNumbers.AlwaysOffloadCostLast} at M={PaperNumbers.LargestTasks})");
        return Rises(plan, rows, statement, "eo", "cost", s => FormattableString.Invariant($"M={s.Tasks}"));
    }

    private static Claim Rises(ExperimentPlan plan, IReadOnlyList<ResultRow> rows, string statement, string scheme, string metric, Func<Setting, string> name)
    {
        var ordered = plan.Settings.ToArray();
        if (ordered.Length < 2)
        {
            return NotEvaluated(plan, statement, "a trend needs at least two settings");
        }

        var values = new List<double>();
        foreach (var setting in ordered)
        {
            if (Value(rows, setting, scheme, metric) is not { } v)
            {
                return NotEvaluated(plan, statement, Missing(rows, setting, scheme, plan));
            }

            values.Add(v);
        }

        int falls = Enumerable.Range(1, values.Count - 1).Count(i => values[i] <= values[i - 1]);
        string series = string.Join(" -> ", ordered.Select((s, i) => $"{Number(values[i])} ({name(s)})"));
        return Verdict(plan, statement, falls == 0, FormattableString.Invariant(
            $"{LabelOf(plan, scheme)}: {series}; {Percent(PercentAbove(values[^1], values[0]))} from first to last{(falls == 0 ? "" : $"; {falls} step(s) do not rise")}"));
    }

    private static Claim RloBelowBaselines(ExperimentPlan plan, IReadOnlyList<ResultRow> rows)
    {
        var (setting, where) = LargestM(plan);
        string statement = FormattableString.Invariant(
            $"At M={PaperNumbers.LargestTasks}, RLO's cost ({PaperNumbers.RloCostAtLargestM}) is below EO's ({PaperNumbers.AlwaysOffloadCostLast}) and NO's ({PaperNumbers.NeverOffloadCostAtLargestM})");
        foreach (string s in new[] { "rlo", "eo", "no" })
        {
            if (Value(rows, setting, s, "cost") is null)
            {
                return NotEvaluated(plan, statement, Missing(rows, setting, s, plan));
            }
        }

        double rlo = Value(rows, setting, "rlo", "cost")!.Value, eo = Value(rows, setting, "eo", "cost")!.Value, no = Value(rows, setting, "no", "cost")!.Value;
        return Verdict(plan, statement, rlo < eo && rlo < no, FormattableString.Invariant(
            $"{where}: RLO {Number(rlo)}, EO {Number(eo)}, NO {Number(no)}: RLO {BelowOrAbove(rlo, eo)} EO, {BelowOrAbove(rlo, no)} NO (paper: {BelowOrAbove(PaperNumbers.RloCostAtLargestM, PaperNumbers.AlwaysOffloadCostLast)}, {BelowOrAbove(PaperNumbers.RloCostAtLargestM, PaperNumbers.NeverOffloadCostAtLargestM)})"));
    }

    private static Claim Fig6Reductions(ExperimentPlan plan, IReadOnlyList<ResultRow> rows, Scheme drlo)
    {
        var (setting, where) = LargestM(plan);
        var paper = PaperNumbers.Fig6CostReductionPercent;
        string statement = FormattableString.Invariant(
            $"At beta=0.8, M={PaperNumbers.LargestTasks}, {drlo.Label}'s cost is below RLO's, EO's and NO's (the ranking is what is judged; paper: {paper["rlo"]}%, {paper["eo"]}%, {paper["no"]}% below)");
        if (Value(rows, setting, drlo.Name, "cost") is not { } own)
        {
            return NotEvaluated(plan, statement, Missing(rows, setting, drlo.Name, plan));
        }

        return AgainstOthers(plan, rows, setting, statement, where, own, "cost", [("rlo", paper["rlo"]), ("eo", paper["eo"]), ("no", paper["no"])], lowerIsBetter: true);
    }

    /// <summary>One ranking claim of Tables II-III: DRLO &lt; RLO &lt; NO &lt; EO in a metric at one N, with each gap.</summary>
    private static Claim TableRanking(ExperimentPlan plan, IReadOnlyList<ResultRow> rows, Setting setting, string metric, string name, double scale)
    {
        string statement = FormattableString.Invariant($"DRLO < RLO < NO < EO in {name} at N={setting.Miners}");
        var available = new List<(string Scheme, double Value)>();
        var missing = new List<string>();
        foreach (string scheme in PaperNumbers.TableRanking)
        {
            if (Value(rows, setting, scheme, metric, scale) is { } v)
            {
                available.Add((scheme, v));
            }
            else
            {
                missing.Add(Missing(rows, setting, scheme, plan));
            }
        }

        if (available.Count < 2)
        {
            return NotEvaluated(plan, statement, string.Join("; ", missing));
        }

        bool holds = Enumerable.Range(1, available.Count - 1).All(i => available[i].Value > available[i - 1].Value);
        string detail = "ours: " + Chain(plan, available, Number);
        if (missing.Count > 0)
        {
            detail += "; partial (only the available schemes ranked): " + string.Join("; ", missing);
        }

        var paper = PaperNumbers.TableRanking
            .Select(s => (Scheme: s, Row: PaperNumbers.Table(setting.Beta, s, setting.Miners)))
            .Where(p => p.Row is not null)
            .Select(p => (p.Scheme, Value: metric switch { "power_w" => p.Row!.PowerWatts, "latency_s" => p.Row!.LatencyMs, _ => p.Row!.Cost }))
            .ToList();
        detail += paper.Count > 0
            ? "; paper: " + Chain(plan, paper, Paper)
            : FormattableString.Invariant($"; the paper reports N={string.Join(" and ", PaperNumbers.TableMiners)} only");
        return Verdict(plan, statement, holds, detail) with { Partial = missing.Count > 0 };
    }

    // "DRLO 3.5 < RLO 4.2 (+20.0%) < ..." with each step's gap; a step that does not rise is marked.
    private static string Chain(ExperimentPlan plan, List<(string Scheme, double Value)> values, Func<double, string> format) =>
        string.Join(" ", values.Select((v, i) => i == 0
            ? $"{LabelOf(plan, v.Scheme)} {format(v.Value)}"
            : FormattableString.Invariant($"{(v.Value > values[i - 1].Value ? "<" : ">=")} {LabelOf(plan, v.Scheme)} {format(v.Value)} ({(PercentAbove(v.Value, values[i - 1].Value) >= 0 ? "+" : "")}{Percent(PercentAbove(v.Value, values[i - 1].Value))})")));

    private static Claim CurveMargin(ExperimentPlan plan, IReadOnlyList<ResultRow> rows, IReadOnlyList<CurvePoint> curves, double beta, Scheme drlo)
    {
        var paper = PaperNumbers.Curves.FirstOrDefault(c => c.Beta == beta);
        string statement = paper is null
            ? FormattableString.Invariant($"{drlo.Label} converges above RLO at beta={beta}")
            : FormattableString.Invariant($"{drlo.Label} converges above RLO at beta={beta} (paper: about {Paper(paper.DrloReward)} vs {(beta == 0.5 ? "4" : Paper(Math.Round(paper.RloReward, 1)) + " implied")}, {Paper(paper.PercentAboveRlo)}% above)");
        var setting = plan.Settings.First(s => s.Beta == beta);
        double? FinalAverage(string scheme) =>
            curves.Where(c => c.Scheme == scheme && c.Beta == beta).MaxBy(c => c.Slot)?.MovingAverage;
        double? ownFinal = FinalAverage(drlo.Name), rloFinal = FinalAverage("rlo");
        if (ownFinal is null || rloFinal is null)
        {
            string who = ownFinal is null ? drlo.Name : "rlo";
            return NotEvaluated(plan, statement, $"no learning curve: {Missing(rows, setting, who, plan)}");
        }

        double margin = PercentAbove(ownFinal.Value, rloFinal.Value);
        string detail = FormattableString.Invariant(
            $"final moving-average reward {drlo.Label} {Number(ownFinal.Value)} vs RLO {Number(rloFinal.Value)}: {Percent(margin)} above (percent of |RLO|)");
        if (Value(rows, setting, drlo.Name, "reward") is { } own && Value(rows, setting, "rlo", "reward") is { } rlo)
        {
            detail += FormattableString.Invariant($"; evaluated (greedy) reward {Number(own)} vs {Number(rlo)}: {Percent(PercentAbove(own, rlo))} above");
        }

        return Verdict(plan, statement, ownFinal > rloFinal, detail);
    }

    private static Claim Stabilises(ExperimentPlan plan, IReadOnlyList<ResultRow> rows, IReadOnlyList<CurvePoint> curves, double beta, Scheme scheme)
    {
        const double Tolerance = 10;
        double fraction = (double)PaperNumbers.StabilisedAfterSlots / PaperNumbers.TrainingSlots;
        string statement = FormattableString.Invariant(
            $"{scheme.Label}'s learning curve is stable after {PaperNumbers.StabilisedAfterSlots:N0} of {PaperNumbers.TrainingSlots:N0} slots at beta={beta} (criterion here: moving average at {fraction * 100:F0}% of training within {Tolerance}% of its final value)");
        var curve = curves.Where(c => c.Scheme == scheme.Name && c.Beta == beta).OrderBy(c => c.Slot).ToArray();
        if (curve.Length < 2)
        {
            return NotEvaluated(plan, statement, $"no learning curve: {Missing(rows, plan.Settings.First(s => s.Beta == beta), scheme.Name, plan)}");
        }

        long at = (long)(fraction * curve[^1].Slot);
        var early = curve.Last(c => c.Slot <= at);
        double change = Math.Abs(PercentAbove(curve[^1].MovingAverage, early.MovingAverage));
        return Verdict(plan, statement, change <= Tolerance, FormattableString.Invariant(
            $"moving average {Number(early.MovingAverage)} at slot {early.Slot}, {Number(curve[^1].MovingAverage)} at slot {curve[^1].Slot}: {Percent(change)} change"));
    }

    private static Claim PrivacyRises(ExperimentPlan plan, IReadOnlyList<ResultRow> rows)
    {
        const string Statement = "Privacy rises with the arrival size d for every scheme (DRLO, RL-privacy, CMDP)";
        var ordered = plan.Settings.OrderBy(s => s.ArrivalKbit).ToArray();
        if (ordered.Length < 2)
        {
            return NotEvaluated(plan, Statement, "a trend needs at least two arrival sizes");
        }

        var parts = new List<string>();
        var missing = new List<string>();
        bool holds = true, any = false;
        foreach (string scheme in new[] { "drlo", "rl-privacy", "cmdp", "optimal" })
        {
            var values = ordered.Select(s => Value(rows, s, scheme, "privacy")).ToArray();
            if (values.Any(v => v is null))
            {
                var where = ordered.First(s => Value(rows, s, scheme, "privacy") is null);
                missing.Add(Missing(rows, where, scheme, plan));
                continue;
            }

            int falls = Enumerable.Range(1, values.Length - 1).Count(i => values[i]!.Value <= values[i - 1]!.Value);
            if (scheme != "optimal")
            {
                any = true;
                holds &= falls == 0;
            }

            parts.Add(FormattableString.Invariant(
                $"{LabelOf(plan, scheme)}{(scheme == "optimal" ? " (for reference)" : "")}: {string.Join(" -> ", values.Select(v => Number(v!.Value)))} at d = {string.Join(", ", ordered.Select(s => s.ArrivalKbit))} kbit{(falls == 0 ? "" : $" ({falls} step(s) do not rise)")}"));
        }

        if (!any)
        {
            return NotEvaluated(plan, Statement, string.Join("; ", missing));
        }

        // The optimum is drawn for reference only: its absence does not make the claim partial.
        bool partial = missing.Any(m => !m.StartsWith(LabelOf(plan, "optimal"), StringComparison.Ordinal));
        if (missing.Count > 0)
        {
            parts.Add("partial: " + string.Join("; ", missing));
        }

        return Verdict(plan, Statement, holds, string.Join("; ", parts)) with { Partial = partial };
    }

    private static Claim PrivacyMargins(ExperimentPlan plan, IReadOnlyList<ResultRow> rows, PaperPrivacyClaim paper)
    {
        string statement = FormattableString.Invariant(
            $"At d={paper.ArrivalKbit} kbit, DRLO's privacy is {paper.PercentAboveRlPrivacy}% above RL-privacy [29] and {paper.PercentAboveCmdp}% above CMDP [28]");
        var setting = plan.Settings.FirstOrDefault(s => s.ArrivalKbit == paper.ArrivalKbit)
            ?? plan.Settings.MinBy(s => Math.Abs((s.ArrivalKbit ?? 0) - paper.ArrivalKbit))!;
        string where = setting.ArrivalKbit == paper.ArrivalKbit
            ? FormattableString.Invariant($"at d={setting.ArrivalKbit} kbit")
            : FormattableString.Invariant($"at d={setting.ArrivalKbit} kbit (the closest run here to the paper's {paper.ArrivalKbit})");
        if (Value(rows, setting, "drlo", "privacy") is not { } own)
        {
            return NotEvaluated(plan, statement, Missing(rows, setting, "drlo", plan));
        }

        return AgainstOthers(plan, rows, setting, statement, where, own, "privacy", [("rl-privacy", paper.PercentAboveRlPrivacy), ("cmdp", paper.PercentAboveCmdp)], lowerIsBetter: false);
    }

    /// <summary>
    /// Whether <paramref name="own"/> beats each other scheme's <paramref name="metric"/> at <paramref name="setting"/>
    /// (below it when lower is better, above it otherwise), with our margins and the paper's claimed ones; a scheme with
    /// no result is listed as missing and makes the verdict partial.
    /// </summary>
    private static Claim AgainstOthers(
        ExperimentPlan plan, IReadOnlyList<ResultRow> rows, Setting setting, string statement, string where, double own,
        string metric, IReadOnlyList<(string Scheme, double Claimed)> others, bool lowerIsBetter)
    {
        var parts = new List<string>();
        bool holds = true, any = false;
        foreach (var (other, claimed) in others)
        {
            if (Value(rows, setting, other, metric) is not { } theirs)
            {
                parts.Add(Missing(rows, setting, other, plan));
                continue;
            }

            any = true;
            holds &= (lowerIsBetter ? PercentBelow(own, theirs) : PercentAbove(own, theirs)) > 0;
            string relation = lowerIsBetter ? BelowOrAbove(own, theirs) : AboveOrBelow(own, theirs);
            parts.Add(FormattableString.Invariant($"{relation} {LabelOf(plan, other)} ({Number(own)} vs {Number(theirs)}; paper {claimed}% {(lowerIsBetter ? "below" : "above")})"));
        }

        return any
            ? Verdict(plan, statement, holds, $"{where}: ours {string.Join(", ", parts)}") with { Partial = parts.Any(p => p.Contains(" n/a at ", StringComparison.Ordinal)) }
            : NotEvaluated(plan, statement, string.Join("; ", parts));
    }

    /// <summary>A learner's optimality ratio at every setting (1 = the per-slot optimum, 0 = Random), and its reward gap.</summary>
    private static Claim GapToOptimum(ExperimentPlan plan, IReadOnlyList<ResultRow> rows, Scheme scheme)
    {
        string statement = $"{scheme.Label}: gap to the per-slot optimum (optimality ratio; 1 = optimum, 0 = Random)";
        var parts = new List<string>();
        foreach (var setting in plan.Settings)
        {
            var row = Row(rows, setting, scheme.Name);
            if (row is null || !row.Result.IsOk || !double.IsFinite(row.OptimalityRatio))
            {
                continue;
            }

            string gap = row.Metric("reward")?.Mean is { } own && Value(rows, setting, "optimal", "reward") is { } opt
                ? FormattableString.Invariant($", reward {Number(own)} vs optimum {Number(opt)}")
                : "";
            parts.Add(FormattableString.Invariant($"{ReportFormat.Setting(setting)}: {Number(row.OptimalityRatio)}{gap}"));
        }

        if (parts.Count == 0)
        {
            var first = plan.Settings[0];
            return NotEvaluated(plan, statement, Missing(rows, first, scheme.Name, plan)) with { FromPaper = false };
        }

        return new Claim(plan.Name, statement, ClaimOutcome.Measured, string.Join("; ", parts)) { FromPaper = false };
    }
}
