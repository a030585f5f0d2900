using EdgeMine.Reporting;
using EdgeMine.Schemes;
using EdgeMine.Simulation;

using static EdgeMine.Reporting.ReportFormat;

namespace EdgeMine.Experiments;

/// <summary>
/// Tables II-III: N = 5 and 10 miners with M = 2 tasks, at beta 0.5 (Table II) and 0.8 (Table III): average power,
/// latency and cost of DRLO, RLO, EO and NO. The paper's ranking in every column: DRLO &lt; RLO &lt; NO &lt; EO.
/// </summary>
internal sealed class MultiMinerTables : Experiment
{
    private readonly bool _table2;

    private MultiMinerTables(bool table2) => _table2 = table2;

    /// <summary>Table II: beta = 0.5.</summary>
    public static MultiMinerTables Table2 { get; } = new(table2: true);

    /// <summary>Table III: beta = 0.8.</summary>
    public static MultiMinerTables Table3 { get; } = new(table2: false);

    /// <summary>Tables II (beta 0.5) and III (beta 0.8): power (W), latency (ms), cost, for N = 5 and 10, as the paper prints them.</summary>
    public static IReadOnlyList<PaperTableRow> PaperRows { get; } =
    [
        new(0.5, ReproductionSchemes.DrloPaper, 5, 3.5, 32.6, 19.8), new(0.5, ReproductionSchemes.DrloPaper, 10, 6.9, 55.8, 34.8),
        new(0.5, ReproductionSchemes.Rlo, 5, 4.2, 35.3, 21.9), new(0.5, ReproductionSchemes.Rlo, 10, 8.6, 63.2, 40.2),
        new(0.5, BaselineScheme.Always, 5, 6.2, 53.2, 32.8), new(0.5, BaselineScheme.Always, 10, 14.3, 94.6, 53.5),
        new(0.5, BaselineScheme.Never, 5, 4.5, 39.7, 24.6), new(0.5, BaselineScheme.Never, 10, 9.1, 75.4, 46.8),
        new(0.8, ReproductionSchemes.DrloPaper, 5, 3.3, 55.9, 13.8), new(0.8, ReproductionSchemes.DrloPaper, 10, 6.5, 90.7, 23.3),
        new(0.8, ReproductionSchemes.Rlo, 5, 3.9, 59.1, 14.9), new(0.8, ReproductionSchemes.Rlo, 10, 8.3, 98.5, 26.3),
        new(0.8, BaselineScheme.Always, 5, 6.0, 82.2, 21.2), new(0.8, BaselineScheme.Always, 10, 13.9, 163.8, 35.6),
        new(0.8, BaselineScheme.Never, 5, 4.2, 66.3, 16.6), new(0.8, BaselineScheme.Never, 10, 8.5, 116.7, 30.1),
    ];

    /// <summary>
    /// The ranking the tables show in every column: DRLO &lt; RLO &lt; NO &lt; EO, DRLO being the paper's DQN at the setting
    /// (its joint head, or the branching substitute where that head is too large).
    /// </summary>
    public static IReadOnlyList<Scheme> PaperRanking(Setting setting) => [ReproductionSchemes.PaperDrlo(setting), ReproductionSchemes.Rlo, BaselineScheme.Never, BaselineScheme.Always];

    /// <summary>The schemes of the paper's tables, as its rows name them (DRLO: the paper's DQN).</summary>
    private static readonly Scheme[] PaperSchemes = [ReproductionSchemes.DrloPaper, ReproductionSchemes.Rlo, BaselineScheme.Never, BaselineScheme.Always];

    /// <summary>The metrics of the tables, each ranked and drawn as grouped bars.</summary>
    public static IReadOnlyList<(Metric Metric, Func<PaperTableRow, double> Paper, string Suffix)> TableMetrics { get; } =
        [(Metrics.Power, p => p.PowerWatts, "power"), (Metrics.Latency, p => p.LatencyMs, "latency"), (Metrics.Cost, p => p.Cost, "cost")];

    public override string Name => _table2 ? "table2" : "table3";

    public override string Title => _table2 ? "Table II: multiple miners, beta = 0.5" : "Table III: multiple miners, beta = 0.8";

    private double Beta => _table2 ? 0.5 : 0.8;

    public override IReadOnlyList<Scheme> Schemes => ReproductionSchemes.Comparison;

    public override string? NotRun(Setting setting, Scheme scheme) => ReproductionSchemes.PaperDrloNotRun(setting, scheme);

    protected override IReadOnlyList<Metric> CsvMetrics { get; } =
        [Metrics.Power, Metrics.Latency, Metrics.LatencyPerTask, Metrics.Cost, Metrics.Privacy, Metrics.Reward];

    public override IReadOnlyList<Setting> Settings(ReproductionSizes sizes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        return sizes.MultiMiners.Select(n => new Setting(n, 2, Beta)).ToArray();
    }

    /// <summary>
    /// The paper's row for a scheme at beta and N, or null (schemes and N the paper does not report). The paper's DRLO row
    /// belongs to its DQN, and to the branching substitute where that stands in.
    /// </summary>
    public static PaperTableRow? PaperRow(double beta, Scheme scheme, int miners)
    {
        var paperScheme = scheme.Equals(ReproductionSchemes.DrloPaperBranching) ? ReproductionSchemes.DrloPaper : scheme;
        return PaperRows.FirstOrDefault(r => r.Beta == beta && r.Scheme.Equals(paperScheme) && r.Miners == miners);
    }

    public override ExperimentOutput Assemble(ExperimentResults results, OutputContext output)
    {
        ArgumentNullException.ThrowIfNull(output);
        string csv = WriteCsv(results, output);
        var figures = TableMetrics.Select(t => Plots.Save(
            output.FiguresDirectory, Name, $"{Name}_{t.Suffix}", $"{Title}: {t.Suffix} per scheme and N", Plots.Bars(results, t.Metric))).ToArray();
        var claims = Judged(results, output.Evidence);
        var standings = Standings(results);
        var columns = new List<ReportColumn>();
        foreach (var (metric, paper, _) in TableMetrics)
        {
            columns.Add(Ours(metric));
            columns.Add(new(metric.DisplayUnit.Length > 0 ? $"{metric.ShortName} (paper, {metric.DisplayUnit})" : $"{metric.ShortName} (paper, its units)", r => PaperRow(r.Setting.Beta, r.Scheme, r.Setting.Miners) is { } p && r.Setting.Tasks == 2 ? PaperNumber(paper(p)) : ""));
        }

        columns.Add(Ours(Metrics.Privacy));
        columns.Add(Ours(Metrics.Reward));
        return new ExperimentOutput([csv], figures, claims, standings, Section(results, figures, columns, claims, standings, PaperTable(results)));
    }

    /// <summary>The ranking DRLO &lt; RLO &lt; NO &lt; EO in power, latency and cost, at every N.</summary>
    public override IReadOnlyList<Claim> Claims(ExperimentResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var context = new ClaimContext(results);
        if (results.Settings.Count == 0)
        {
            return [context.NotEvaluated(Title, "the experiment has no settings")];
        }

        return results.Settings.SelectMany(s => TableMetrics.Select(t => Ranking(context, s, t.Metric, t.Paper, t.Suffix))).ToArray();
    }

    /// <summary>
    /// One ranking claim, DRLO &lt; RLO &lt; NO &lt; EO in a metric at one N, as its three adjacent comparisons, each
    /// beside the paper's step where the paper reports this N.
    /// </summary>
    private static Claim Ranking(ClaimContext context, Setting setting, Metric metric, Func<PaperTableRow, double> paperValue, string suffix)
    {
        var ranking = PaperRanking(setting);
        string statement = FormattableString.Invariant($"DRLO < RLO < NO < EO in {metric.Header} at N={setting.Miners}");
        double? Paper(Scheme s) => PaperRow(setting.Beta, s, setting.Miners) is { } row && setting.Tasks == 2 ? paperValue(row) : null;
        var parts = Enumerable.Range(1, ranking.Count - 1).Select(i =>
        {
            var (lower, higher) = (ranking[i - 1], ranking[i]);
            double? paper = Paper(lower) is { } a && Paper(higher) is { } b ? PercentBelow(a, b) : null;
            return context.Compare(setting, lower, higher, metric, Direction.Below, paper);
        }).ToArray();
        string? note = ranking.All(s => Paper(s) is null)
            ? FormattableString.Invariant($"the paper reports N={string.Join(" and ", Experiments.Paper.TableMiners)} only")
            : null;
        string id = FormattableString.Invariant($"{context.Results.Experiment.Name}.{suffix}.n{setting.Miners}");
        return context.FromParts(id, statement, parts, "relative: the lower scheme's value below the next one's, in % of the next one's (the closest step)", prefix: note);
    }

    /// <summary>The paper's table at this beta, for reading beside ours.</summary>
    private IEnumerable<Block> PaperTable(ExperimentResults results)
    {
        if (results.Settings.Count == 0)
        {
            yield break;
        }

        var ns = Experiments.Paper.TableMiners;
        yield return new Heading(3, FormattableString.Invariant($"The paper's numbers (beta={Beta}, M=2)"));
        yield return new Table(
            ["scheme", .. ns.Select(n => FormattableString.Invariant($"power N={n} (W)")), .. ns.Select(n => FormattableString.Invariant($"latency N={n} (ms)")), .. ns.Select(n => FormattableString.Invariant($"cost N={n} (its units)"))],
            PaperSchemes.Select(s =>
            {
                string Of(int n, Func<PaperTableRow, double> value) => PaperRow(Beta, s, n) is { } p ? PaperNumber(value(p)) : "";
                return (IReadOnlyList<string>)[
                    s.Label,
                    .. ns.Select(n => Of(n, p => p.PowerWatts)),
                    .. ns.Select(n => Of(n, p => p.LatencyMs)),
                    .. ns.Select(n => Of(n, p => p.Cost)),
                ];
            }).ToArray());
    }
}

/// <summary>One row of the paper's Tables II-III: a scheme at beta and N (M = 2), as the paper prints it.</summary>
internal sealed record PaperTableRow(double Beta, Scheme Scheme, int Miners, double PowerWatts, double LatencyMs, double Cost);
