using static EdgeMine.Reporting.ReportFormat;

namespace EdgeMine.Experiments;

/// <summary>One row of an experiment's results: a scheme at a setting, its cell's result, and its optimality ratio.</summary>
internal sealed record ResultRow(Setting Setting, Scheme Scheme, CellResult Result, double OptimalityRatio)
{
    /// <summary>The metric's estimate in its shown unit (e.g. ms), or null when the cell did not apply.</summary>
    public MetricEstimate? Shown(Metric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return Result.IsOk && Result.Own is { } own && own.Metrics.TryGetValue(metric.Key, out var e) ? e.Scaled(metric.DisplayScale) : null;
    }
}

/// <summary>The results of one experiment: its settings and, per setting and scheme, the cell's result.</summary>
internal sealed class ExperimentResults(Experiment experiment, IReadOnlyList<Setting> settings, IReadOnlyList<ResultRow> rows)
{
    public Experiment Experiment { get; } = experiment;

    public IReadOnlyList<Setting> Settings { get; } = settings;

    /// <summary>Setting by setting, scheme by scheme, in the experiment's order.</summary>
    public IReadOnlyList<ResultRow> Rows { get; } = rows;

    /// <summary>The learners' training curves, when the experiment reads them (Fig. 4).</summary>
    public IReadOnlyList<CurvePoint> Curves { get; init; } = [];

    /// <summary>The row of <paramref name="scheme"/> at <paramref name="setting"/>, or null.</summary>
    public ResultRow? Row(Setting setting, Scheme scheme) => Rows.FirstOrDefault(r => r.Setting == setting && r.Scheme.Equals(scheme));

    /// <summary>The rows of the experiment's settings from the cell results, with optimality ratios per setting.</summary>
    public static ExperimentResults From(Experiment experiment, IReadOnlyList<Setting> settings, IReadOnlyDictionary<string, CellResult> results)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(results);
        var rows = new List<ResultRow>();
        foreach (var setting in settings)
        {
            CellResult Of(Scheme s) => results[Reproduction.CellKey(setting, s)];
            double random = Of(BaselineScheme.Random).Own![Metrics.Reward].Mean;
            double optimal = Of(BaselineScheme.Optimal).Own![Metrics.Reward].Mean;
            foreach (var scheme in experiment.Schemes)
            {
                var result = Of(scheme);
                double ratio = result.IsOk ? PolicyEvaluation.OptimalityRatio(result.Own![Metrics.Reward].Mean, random, optimal) : double.NaN;
                rows.Add(new ResultRow(setting, scheme, result, ratio));
            }
        }

        return new ExperimentResults(experiment, settings, rows);
    }
}

/// <summary>Where an experiment writes: the output directory, its figures folder, and the run's configuration.</summary>
internal sealed record OutputContext(ReproductionOptions Options, CellStore Store)
{
    public string OutDirectory => Options.OutDirectory;

    public string FiguresDirectory => Path.Combine(OutDirectory, Plots.Directory);
}

/// <summary>What an experiment wrote and reports: its files, figures, claims and report section.</summary>
internal sealed record ExperimentOutput(IReadOnlyList<string> Files, IReadOnlyList<Figure> Figures, IReadOnlyList<Claim> Claims, IReadOnlyList<Block> Section);

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

    /// <summary>The schemes compared at each setting (random and the optimum always among them: they give the ratios).</summary>
    public abstract IReadOnlyList<Scheme> Schemes { get; }

    /// <summary>The settings at the given sizes.</summary>
    public abstract IReadOnlyList<Setting> Settings(ReproductionSizes sizes);

    /// <summary>The metric columns of the CSV.</summary>
    protected abstract IReadOnlyList<Metric> CsvMetrics { get; }

    /// <summary>Writes the experiment's files, draws its figures, checks its claims and builds its report section.</summary>
    public abstract ExperimentOutput Assemble(ExperimentResults results, OutputContext output);

    /// <summary>The paper's claims of this experiment checked on <paramref name="results"/>, then each learner's gap to the optimum.</summary>
    public abstract IReadOnlyList<Claim> Claims(ExperimentResults results);

    public sealed override string ToString() => Name;

    /// <summary>The learners of the experiment.</summary>
    protected IEnumerable<Scheme> Learners => Schemes.Where(s => s.IsLearner);

    /// <summary>Writes <c>{Name}.csv</c>: setting columns, scheme, status, each metric with its CI, the optimality ratio, the LP's predictions.</summary>
    protected string WriteCsv(ExperimentResults results, OutputContext output)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(output);
        string path = Path.Combine(output.OutDirectory, Name + ".csv");
        var text = new StringBuilder("miners,tasks,beta,arrival_kbit,scheme,status");
        foreach (var m in CsvMetrics)
        {
            text.Append(CultureInfo.InvariantCulture, $",{m.ColumnKey},{m.ColumnKey}_ci_low,{m.ColumnKey}_ci_high");
        }

        text.Append(",optimality_ratio,predicted_privacy,predicted_cost\n");
        foreach (var row in results.Rows)
        {
            var s = row.Setting;
            text.Append(CultureInfo.InvariantCulture, $"{s.Miners},{s.Tasks},{s.Beta},{CsvNumber(s.ArrivalKbit)},{row.Scheme.Name},{(row.Result.IsOk ? "ok" : "not-applicable")}");
            foreach (var m in CsvMetrics)
            {
                var e = row.Shown(m);
                text.Append(CultureInfo.InvariantCulture, $",{CsvNumber(e?.Mean)},{CsvNumber(e?.Ci95Low)},{CsvNumber(e?.Ci95High)}");
            }

            var predicted = row.Result.Own?.Predicted ?? new Dictionary<string, double>();
            text.Append(CultureInfo.InvariantCulture, $",{CsvNumber(row.OptimalityRatio)}");
            text.Append(CultureInfo.InvariantCulture, $",{CsvNumber(predicted.GetValueOrDefault(Metrics.Privacy.Key, double.NaN))}");
            text.Append(CultureInfo.InvariantCulture, $",{CsvNumber(predicted.GetValueOrDefault(Metrics.Cost.Key, double.NaN))}\n");
        }

        AtomicFile.WriteAllText(path, text.ToString());
        return path;
    }

    /// <summary>The report's table of numbers: setting, scheme, the given columns, optimality ratio and status.</summary>
    protected static Table NumbersTable(ExperimentResults results, IReadOnlyList<ReportColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(results);
        var all = new List<ReportColumn> { new("setting", r => r.Setting.Describe()), new("scheme", r => r.Scheme.Label) };
        all.AddRange(columns);
        all.Add(new("optimality ratio", r => r.Result.IsOk ? Number(r.OptimalityRatio) : "n/a"));
        all.Add(new("status", r => r.Result.IsOk ? "ok" : $"n/a: {r.Result.Reason ?? "not-applicable"}"));
        return new Table(
            all.Select(c => c.Header).ToArray(),
            results.Rows.Select(r => (IReadOnlyList<string>)all.Select(c => c.Cell(r)).ToArray()).ToArray());
    }

    /// <summary>A column of our estimate of <paramref name="metric"/> (mean ± CI half-width) in its shown unit.</summary>
    protected static ReportColumn Ours(Metric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return new(metric.Header, r => r.Shown(metric) is { } e ? Estimate(e) : "n/a");
    }

    /// <summary>
    /// The report section shared by every experiment: the title, the figures, the numbers, the experiment's own blocks,
    /// the claims, and the cells that did not apply.
    /// </summary>
    protected IReadOnlyList<Block> Section(ExperimentResults results, IReadOnlyList<Figure> figures, IReadOnlyList<ReportColumn> columns, IReadOnlyList<Claim> claims, IEnumerable<Block>? own = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        var blocks = new List<Block> { new Heading(2, Title) };
        blocks.AddRange(figures.Select(f => new FigureBlock(f)));
        blocks.Add(new Heading(3, "Numbers"));
        blocks.Add(NumbersTable(results, columns));
        blocks.AddRange(own ?? []);
        blocks.Add(new Heading(3, "Claims"));
        blocks.Add(new Bullets(claims.Select(c => ($"{c.OutcomeText}:", $"{c.Statement}. {c.Detail}.")).ToArray()));
        var notApplicable = results.Rows.Where(r => !r.Result.IsOk).ToArray();
        if (notApplicable.Length > 0)
        {
            blocks.Add(new Heading(3, "Cells that did not apply"));
            blocks.Add(new Bullets(notApplicable
                .GroupBy(r => (r.Scheme.Label, Reason: r.Result.Reason ?? "not-applicable"))
                .Select(g => ($"{g.Key.Label}:", $"{g.Key.Reason} ({string.Join("; ", g.Select(r => r.Setting.Describe()))})"))
                .ToArray()));
        }

        return blocks;
    }

    /// <summary>The claims of the experiment followed by every learner's gap to the per-slot optimum.</summary>
    protected IReadOnlyList<Claim> WithGaps(ClaimContext context, IEnumerable<Claim> claims)
    {
        ArgumentNullException.ThrowIfNull(context);
        return [.. claims, .. Learners.Select(context.GapToOptimum)];
    }
}

/// <summary>A column of an experiment's report table: header and the cell text of a row.</summary>
internal sealed record ReportColumn(string Header, Func<ResultRow, string> Cell);
