using static EdgeMine.Reporting.ReportFormat;

namespace EdgeMine.Experiments;

/// <summary>
/// Figs. 5-6: a single miner (N = 1) with M = 2..12 tasks, at beta 0.5 (Fig. 5) and 0.8 (Fig. 6): energy, latency and
/// cost of DRLO, RLO, EO and NO. Paper: NO costs most (36 at M = 12, beta 0.5), EO rises from 15 to 30, RLO reaches 9;
/// DRLO lowest; at beta 0.8, M = 12, DRLO's cost is 18.7%, 57% and 65% below RLO, EO and NO.
/// </summary>
internal sealed class SingleMinerFigures : Experiment
{
    /// <summary>Fig. 5 (beta 0.5): NO's cost at M = 12, the highest of all schemes.</summary>
    public const double NeverOffloadCostAtLargestM = 36;

    /// <summary>Fig. 5 (beta 0.5): EO's cost rises from 15 (M = 2) to 30 (M = 12).</summary>
    public const double AlwaysOffloadCostFirst = 15;

    public const double AlwaysOffloadCostLast = 30;

    /// <summary>Fig. 5 (beta 0.5): RLO's cost reaches 9 at M = 12.</summary>
    public const double RloCostAtLargestM = 9;

    private readonly bool _fig5;

    private SingleMinerFigures(bool fig5) => _fig5 = fig5;

    /// <summary>Fig. 6 (beta 0.8, M = 12): DRLO's cost below RLO, EO and NO, in percent of theirs.</summary>
    public static IReadOnlyList<(Scheme Scheme, double Percent)> Fig6CostReductionPercent { get; } =
        [(ReproductionSchemes.Rlo, 18.7), (BaselineScheme.Always, 57), (BaselineScheme.Never, 65)];

    /// <summary>Fig. 5: beta = 0.5.</summary>
    public static SingleMinerFigures Fig5 { get; } = new(fig5: true);

    /// <summary>Fig. 6: beta = 0.8.</summary>
    public static SingleMinerFigures Fig6 { get; } = new(fig5: false);

    public override string Name => _fig5 ? "fig5" : "fig6";

    public override string Title => _fig5 ? "Fig. 5: single miner, beta = 0.5" : "Fig. 6: single miner, beta = 0.8";

    private double Beta => _fig5 ? 0.5 : 0.8;

    public override IReadOnlyList<Scheme> Schemes => ReproductionSchemes.Comparison;

    protected override IReadOnlyList<Metric> CsvMetrics { get; } = [Metrics.Energy, Metrics.Latency, Metrics.Cost, Metrics.Privacy, Metrics.Reward];

    /// <summary>The metrics drawn against M, one figure each.</summary>
    private static readonly (Metric Metric, string Suffix)[] Drawn = [(Metrics.Energy, "energy"), (Metrics.Latency, "latency"), (Metrics.Cost, "cost")];

    public override IReadOnlyList<Setting> Settings(ReproductionSizes sizes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        return sizes.SingleMinerTasks.Select(m => new Setting(1, m, Beta)).ToArray();
    }

    public override ExperimentOutput Assemble(ExperimentResults results, OutputContext output)
    {
        ArgumentNullException.ThrowIfNull(output);
        string csv = WriteCsv(results, output);
        var figures = Drawn.Select(d => Plots.Save(
            output.FiguresDirectory, Name, $"{Name}_{d.Suffix}", $"{Title}: {d.Suffix} vs M",
            Plots.Lines(results, Plots.ComparisonSchemes, s => s.Tasks, "Number of tasks M", d.Metric))).ToArray();
        var claims = Claims(results);
        var columns = new List<ReportColumn>
        {
            Ours(Metrics.Energy),
            Ours(Metrics.Latency),
            Ours(Metrics.Cost),
            new("cost (paper)", r => _fig5 ? PaperFig5Cost(r) : ""),
            Ours(Metrics.Privacy),
            Ours(Metrics.Reward),
        };
        return new ExperimentOutput([csv], figures, claims, Section(results, figures, columns, claims));
    }

    /// <summary>DRLO lowest at every M; Fig. 5: NO costs most, EO rises, RLO below EO and NO; Fig. 6: DRLO's reductions at M = 12.</summary>
    public override IReadOnlyList<Claim> Claims(ExperimentResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var context = new ClaimContext(results);
        if (results.Settings.Count == 0)
        {
            return [context.NotEvaluated(Title, "the experiment has no settings")];
        }

        var drloVariants = ReproductionSchemes.DrloVariants(results);
        var claims = drloVariants.Select(d => LowestCostAtEveryM(context, d)).ToList();
        if (_fig5)
        {
            claims.Add(NeverOffloadCostsMost(context));
            claims.Add(context.Rises(
                FormattableString.Invariant($"EO's cost rises with M (paper: from {AlwaysOffloadCostFirst} at M=2 to {AlwaysOffloadCostLast} at M={Experiments.Paper.LargestTasks})"),
                BaselineScheme.Always, Metrics.Cost, s => FormattableString.Invariant($"M={s.Tasks}")));
            claims.Add(RloBelowBaselines(context));
        }
        else
        {
            claims.AddRange(drloVariants.Select(d => Fig6Reductions(context, d)));
        }

        return WithGaps(context, claims);
    }

    private static Claim LowestCostAtEveryM(ClaimContext context, Scheme drlo)
    {
        string statement = $"{drlo.Label} has the lowest cost among {drlo.Label}/RLO/EO/NO at every M";
        var parts = new List<string>();
        var missing = new List<string>();
        bool holds = true;
        foreach (var setting in context.Settings)
        {
            if (context.Value(setting, drlo, Metrics.Cost) is not { } own)
            {
                return context.NotEvaluated(statement, context.Missing(setting, drlo));
            }

            var others = new Scheme[] { ReproductionSchemes.Rlo, BaselineScheme.Always, BaselineScheme.Never }
                .Select(s => (Scheme: s, Cost: context.Value(setting, s, Metrics.Cost)))
                .ToArray();
            missing.AddRange(others.Where(o => o.Cost is null).Select(o => context.Missing(setting, o.Scheme)));
            var best = others.Where(o => o.Cost is not null).MinBy(o => o.Cost!.Value);
            if (best.Scheme is null)
            {
                return context.NotEvaluated(statement, $"no baseline to compare with at {setting.Describe()}");
            }

            holds &= own < best.Cost!.Value;
            parts.Add(FormattableString.Invariant(
                $"M={setting.Tasks}: {drlo.Label} {Number(own)} vs best other {best.Scheme.Label} {Number(best.Cost!.Value)} ({BelowOrAbove(own, best.Cost!.Value)})"));
        }

        if (missing.Count > 0)
        {
            parts.Add("partial: " + string.Join("; ", missing));
        }

        return context.Verdict(statement, holds, string.Join("; ", parts)) with { Partial = missing.Count > 0 };
    }

    private Claim NeverOffloadCostsMost(ClaimContext context)
    {
        var (setting, where) = context.LargestM();
        string statement = FormattableString.Invariant($"NO costs most at M={Experiments.Paper.LargestTasks} (paper: {NeverOffloadCostAtLargestM})");
        if (context.Value(setting, BaselineScheme.Never, Metrics.Cost) is not { } no)
        {
            return context.NotEvaluated(statement, context.Missing(setting, BaselineScheme.Never));
        }

        var others = Schemes.Where(s => s.Equals(ReproductionSchemes.Drlo) || s.Equals(ReproductionSchemes.DrloPaper) || s.Equals(ReproductionSchemes.Rlo) || s.Equals(BaselineScheme.Always))
            .Select(s => (s.Label, Cost: context.Value(setting, s, Metrics.Cost)))
            .Where(o => o.Cost is not null)
            .ToArray();
        if (others.Length == 0)
        {
            return context.NotEvaluated(statement, $"no other scheme {where}");
        }

        var highest = others.MaxBy(o => o.Cost!.Value);
        return context.Verdict(statement, no > highest.Cost!.Value, FormattableString.Invariant(
            $"{where}: NO {Number(no)} vs the next highest, {highest.Label}, {Number(highest.Cost!.Value)} (NO {Percent(PercentAbove(no, highest.Cost!.Value))} above); compared with {string.Join(", ", others.Select(o => o.Label))}"));
    }

    private static Claim RloBelowBaselines(ClaimContext context)
    {
        var (setting, where) = context.LargestM();
        string statement = FormattableString.Invariant(
            $"At M={Experiments.Paper.LargestTasks}, RLO's cost ({RloCostAtLargestM}) is below EO's ({AlwaysOffloadCostLast}) and NO's ({NeverOffloadCostAtLargestM})");
        foreach (var s in new Scheme[] { ReproductionSchemes.Rlo, BaselineScheme.Always, BaselineScheme.Never })
        {
            if (context.Value(setting, s, Metrics.Cost) is null)
            {
                return context.NotEvaluated(statement, context.Missing(setting, s));
            }
        }

        double rlo = context.Value(setting, ReproductionSchemes.Rlo, Metrics.Cost)!.Value;
        double eo = context.Value(setting, BaselineScheme.Always, Metrics.Cost)!.Value;
        double no = context.Value(setting, BaselineScheme.Never, Metrics.Cost)!.Value;
        return context.Verdict(statement, rlo < eo && rlo < no, FormattableString.Invariant(
            $"{where}: RLO {Number(rlo)}, EO {Number(eo)}, NO {Number(no)}: RLO {BelowOrAbove(rlo, eo)} EO, {BelowOrAbove(rlo, no)} NO (paper: {BelowOrAbove(RloCostAtLargestM, AlwaysOffloadCostLast)}, {BelowOrAbove(RloCostAtLargestM, NeverOffloadCostAtLargestM)})"));
    }

    private static Claim Fig6Reductions(ClaimContext context, Scheme drlo)
    {
        var (setting, where) = context.LargestM();
        var paper = Fig6CostReductionPercent;
        string statement = FormattableString.Invariant(
            $"At beta=0.8, M={Experiments.Paper.LargestTasks}, {drlo.Label}'s cost is below RLO's, EO's and NO's (the ranking is what is judged; paper: {paper[0].Percent}%, {paper[1].Percent}%, {paper[2].Percent}% below)");
        if (context.Value(setting, drlo, Metrics.Cost) is not { } own)
        {
            return context.NotEvaluated(statement, context.Missing(setting, drlo));
        }

        return context.AgainstOthers(setting, statement, where, own, Metrics.Cost, paper, lowerIsBetter: true);
    }

    private static string PaperFig5Cost(ResultRow r)
    {
        bool largest = r.Setting.Tasks == Experiments.Paper.LargestTasks;
        if (r.Scheme.Equals(BaselineScheme.Never) && largest)
        {
            return PaperNumber(NeverOffloadCostAtLargestM);
        }

        if (r.Scheme.Equals(BaselineScheme.Always))
        {
            return r.Setting.Tasks == 2 ? PaperNumber(AlwaysOffloadCostFirst) : largest ? PaperNumber(AlwaysOffloadCostLast) : "";
        }

        return r.Scheme.Equals(ReproductionSchemes.Rlo) && largest ? PaperNumber(RloCostAtLargestM) : "";
    }
}
