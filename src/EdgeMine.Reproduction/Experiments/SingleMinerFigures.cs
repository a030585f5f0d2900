using EdgeMine.Reporting;
using EdgeMine.Schemes;
using EdgeMine.Simulation;

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

    public override string? NotRun(Setting setting, Scheme scheme) => ReproductionSchemes.PaperDrloNotRun(setting, scheme);

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
        var claims = Judged(results, output.Evidence);
        var standings = Standings(results);
        var columns = new List<ReportColumn>
        {
            Ours(Metrics.Energy),
            Ours(Metrics.Latency),
            Ours(Metrics.Cost),
            new("cost (paper, its units)", r => _fig5 ? PaperFig5Cost(r) : ""),
            Ours(Metrics.Privacy),
            Ours(Metrics.Reward),
        };
        return new ExperimentOutput([csv], figures, claims, standings, Section(results, figures, columns, claims, standings));
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

        var claims = new List<Claim> { LowestCostAtEveryM(context) };
        if (_fig5)
        {
            claims.Add(NeverOffloadCostsMost(context));
            claims.Add(context.FromParts(
                "fig5.eo-cost-rises",
                FormattableString.Invariant($"EO's cost rises with M (paper: from {AlwaysOffloadCostFirst} at M=2 to {AlwaysOffloadCostLast} at M={Experiments.Paper.LargestTasks})"),
                [context.Trend(BaselineScheme.Always, Metrics.Cost, s => s.Tasks, "task", Direction.Above)],
                "absolute: least-squares slope of EO's cost (normalised cost units) per task added",
                FormattableString.Invariant($"{PaperNumber((AlwaysOffloadCostLast - AlwaysOffloadCostFirst) / (Experiments.Paper.LargestTasks - 2))} per task ({AlwaysOffloadCostFirst} to {AlwaysOffloadCostLast})")));
            claims.Add(RloBelowBaselines(context));
        }
        else
        {
            claims.Add(Fig6Reductions(context));
        }

        return claims;
    }

    /// <summary>DRLO (the paper's DQN at each M) has the lowest cost among DRLO, RLO, EO and NO at every M.</summary>
    private static Claim LowestCostAtEveryM(ClaimContext context)
    {
        const string Statement = "DRLO has the lowest cost among DRLO/RLO/EO/NO at every M";
        var parts = context.Settings
            .SelectMany(setting => new Scheme[] { ReproductionSchemes.Rlo, BaselineScheme.Always, BaselineScheme.Never }
                .Select(other => context.Compare(setting, ReproductionSchemes.PaperDrlo(setting), other, Metrics.Cost, Direction.Below, label: FormattableString.Invariant($"M={setting.Tasks}"))))
            .ToArray();
        return context.FromParts(context.Results.Experiment.Name + ".drlo-lowest-cost", Statement, parts, "relative: DRLO's cost below the other scheme's, in % of the other's (the closest comparison)");
    }

    private Claim NeverOffloadCostsMost(ClaimContext context)
    {
        var (setting, where) = context.LargestM();
        string statement = FormattableString.Invariant($"NO costs most at M={Experiments.Paper.LargestTasks} (paper: {NeverOffloadCostAtLargestM})");
        var others = new Scheme[] { ReproductionSchemes.PaperDrlo(setting), ReproductionSchemes.Rlo, BaselineScheme.Always };
        var parts = others.Select(o => context.Compare(setting, BaselineScheme.Never, o, Metrics.Cost, Direction.Above)).ToArray();
        return context.FromParts("fig5.no-costs-most", statement, parts, "relative: NO's cost above the other scheme's, in % of the other's (the closest comparison)", FormattableString.Invariant($"NO {NeverOffloadCostAtLargestM}, the highest"), where);
    }

    private static Claim RloBelowBaselines(ClaimContext context)
    {
        var (setting, where) = context.LargestM();
        string statement = FormattableString.Invariant(
            $"At M={Experiments.Paper.LargestTasks}, RLO's cost ({RloCostAtLargestM}) is below EO's ({AlwaysOffloadCostLast}) and NO's ({NeverOffloadCostAtLargestM})");
        ClaimPart Below(Scheme other, double paperOther) =>
            context.Compare(setting, ReproductionSchemes.Rlo, other, Metrics.Cost, Direction.Below, PercentBelow(RloCostAtLargestM, paperOther));
        return context.FromParts("fig5.rlo-below-eo-no", statement, [Below(BaselineScheme.Always, AlwaysOffloadCostLast), Below(BaselineScheme.Never, NeverOffloadCostAtLargestM)], "relative: RLO's cost below the baseline's, in % of the baseline's (the closer one)", prefix: where);
    }

    private static Claim Fig6Reductions(ClaimContext context)
    {
        var (setting, where) = context.LargestM();
        var drlo = ReproductionSchemes.PaperDrlo(setting);
        var paper = Fig6CostReductionPercent;
        string statement = FormattableString.Invariant(
            $"At beta=0.8, M={Experiments.Paper.LargestTasks}, DRLO's cost is {paper[0].Percent}%, {paper[1].Percent}% and {paper[2].Percent}% below RLO's, EO's and NO's");
        var parts = paper.Select(p => context.Compare(setting, drlo, p.Scheme, Metrics.Cost, Direction.Below, p.Percent)).ToArray();
        return context.FromParts("fig6.drlo-reductions", statement, parts, "relative: DRLO's cost below the other scheme's, in % of the other's (the closest comparison)", prefix: where);
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
