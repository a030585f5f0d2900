using static EdgeMine.Reporting.ReportFormat;

namespace EdgeMine.Experiments;

/// <summary>
/// Fig. 4: the learning curves of RLO and DRLO for beta = 0.5 and 0.8 (reward per slot, moving average), in the
/// multi-miner setting of Table II so that the curves and the table share their training. Paper: both stabilise after
/// about 2,500 slots; DRLO converges to about 4.5 (beta 0.5, 12.5% above RLO's 4) and about 5 (beta 0.8, 16.3% above).
/// </summary>
internal sealed class Fig4LearningCurves : Experiment
{
    /// <summary>The file of the thinned curves: scheme, beta, slot, reward, moving average.</summary>
    public const string CurvesFile = "fig4_curves.csv";

    /// <summary>Slot after which the paper says both learning curves are stable.</summary>
    public const long StabilisedAfterSlots = 2_500;

    /// <summary>The paper's Fig. 4 at each beta: DRLO's converged reward and its margin over RLO (percent).</summary>
    public static IReadOnlyList<PaperCurve> PaperCurves { get; } = [new(0.5, 4.5, 12.5), new(0.8, 5.0, 16.3)];

    public static Fig4LearningCurves Instance { get; } = new();

    public override string Name => "fig4";

    public override string Title => "Fig. 4: learning curves";

    public override IReadOnlyList<Scheme> Schemes { get; } =
        [ReproductionSchemes.Drlo, ReproductionSchemes.DrloPaper, ReproductionSchemes.Rlo, BaselineScheme.Random, BaselineScheme.Optimal];

    protected override IReadOnlyList<Metric> CsvMetrics { get; } =
        [Metrics.Power, Metrics.Latency, Metrics.LatencyPerTask, Metrics.Cost, Metrics.Privacy, Metrics.Reward];

    public override IReadOnlyList<Setting> Settings(ReproductionSizes sizes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        int multi = sizes.MultiMiners[0];
        return [new Setting(multi, 2, 0.5), new Setting(multi, 2, 0.8)];
    }

    public override ExperimentOutput Assemble(ExperimentResults results, OutputContext output)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(output);
        var files = new List<string> { WriteCsv(results, output) };
        var curves = ReadCurves(results, output, out string curvesText);
        results = new ExperimentResults(this, results.Settings, results.Rows) { Curves = curves };
        string curvesPath = Path.Combine(output.OutDirectory, CurvesFile);
        AtomicFile.WriteAllText(curvesPath, curvesText);
        files.Add(curvesPath);

        var figures = new List<Figure>();
        foreach (double beta in results.Settings.Select(s => s.Beta).Distinct())
        {
            var setting = results.Settings.First(s => s.Beta == beta);
            figures.Add(Plots.Save(
                output.FiguresDirectory, Name, FormattableString.Invariant($"fig4_beta{beta}"),
                FormattableString.Invariant($"Fig. 4: learning curves, {setting.Describe()}"),
                Plots.LearningCurves(results, curves, setting)));
        }

        var claims = Claims(results);
        var columns = new List<ReportColumn>
        {
            Ours(Metrics.Reward),
            new("reward (paper, converged)", PaperReward),
            Ours(Metrics.Power),
            Ours(Metrics.Latency),
            Ours(Metrics.Cost),
            Ours(Metrics.Privacy),
        };
        return new ExperimentOutput(files, figures, claims, Section(results, figures, columns, claims));
    }

    /// <summary>The claims: DRLO's final margin over RLO, and each learner's stability, at each beta.</summary>
    public override IReadOnlyList<Claim> Claims(ExperimentResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var curves = results.Curves;
        var context = new ClaimContext(results);
        if (results.Settings.Count == 0)
        {
            return [context.NotEvaluated(Title, "the experiment has no settings")];
        }

        var claims = new List<Claim>();
        foreach (double beta in results.Settings.Select(s => s.Beta).Distinct())
        {
            foreach (var drlo in ReproductionSchemes.DrloVariants(results))
            {
                claims.Add(CurveMargin(context, curves, beta, drlo));
            }

            claims.AddRange(Learners.Select(s => Stabilises(context, curves, beta, s)));
        }

        return WithGaps(context, claims);
    }

    /// <summary>
    /// The learners' training curves (<c>curve.csv</c> of each learner cell's training directory), thinned to at most
    /// about 1,000 points per curve, and their CSV text (scheme, beta, slot, reward, moving average).
    /// </summary>
    private List<CurvePoint> ReadCurves(ExperimentResults results, OutputContext output, out string csv)
    {
        var text = new StringBuilder("scheme,beta,slot,reward,moving_average\n");
        var points = new List<CurvePoint>();
        foreach (var setting in results.Settings)
        {
            foreach (var scheme in Learners)
            {
                string curve = Path.Combine(output.Store.ModelDirectory(Reproduction.CellKey(setting, scheme)), TrainingDirectory.CurveFile);
                if (!File.Exists(curve))
                {
                    continue;
                }

                string[] lines = File.ReadAllLines(curve);
                int stride = Math.Max(1, (lines.Length - 1) / 1000);
                for (int i = 1; i < lines.Length; i += stride)
                {
                    string[] f = lines[i].Split(',');
                    text.Append(CultureInfo.InvariantCulture, $"{scheme.Name},{setting.Beta},{f[0]},{f[1]},{f[2]}\n");
                    points.Add(new CurvePoint(
                        scheme,
                        setting.Beta,
                        long.Parse(f[0], CultureInfo.InvariantCulture),
                        double.Parse(f[1], CultureInfo.InvariantCulture),
                        double.Parse(f[2], CultureInfo.InvariantCulture)));
                }
            }
        }

        csv = text.ToString();
        return points;
    }

    private static Claim CurveMargin(ClaimContext context, IReadOnlyList<CurvePoint> curves, double beta, Scheme drlo)
    {
        var paper = PaperCurves.FirstOrDefault(c => c.Beta == beta);
        string statement = paper is null
            ? FormattableString.Invariant($"{drlo.Label} converges above RLO at beta={beta}")
            : FormattableString.Invariant($"{drlo.Label} converges above RLO at beta={beta} (paper: about {PaperNumber(paper.DrloReward)} vs {(beta == 0.5 ? "4" : PaperNumber(Math.Round(paper.RloReward, 1)) + " implied")}, {PaperNumber(paper.PercentAboveRlo)}% above)");
        var setting = context.Settings.First(s => s.Beta == beta);
        double? FinalAverage(Scheme scheme) =>
            curves.Where(c => c.Scheme.Equals(scheme) && c.Beta == beta).MaxBy(c => c.Slot)?.MovingAverage;
        double? ownFinal = FinalAverage(drlo), rloFinal = FinalAverage(ReproductionSchemes.Rlo);
        if (ownFinal is null || rloFinal is null)
        {
            var who = ownFinal is null ? drlo : ReproductionSchemes.Rlo;
            return context.NotEvaluated(statement, $"no learning curve: {context.Missing(setting, who)}");
        }

        double margin = PercentAbove(ownFinal.Value, rloFinal.Value);
        string detail = FormattableString.Invariant(
            $"final moving-average reward {drlo.Label} {Number(ownFinal.Value)} vs RLO {Number(rloFinal.Value)}: {Percent(margin)} above (percent of |RLO|)");
        if (context.Value(setting, drlo, Metrics.Reward) is { } own && context.Value(setting, ReproductionSchemes.Rlo, Metrics.Reward) is { } rlo)
        {
            detail += FormattableString.Invariant($"; evaluated (greedy) reward {Number(own)} vs {Number(rlo)}: {Percent(PercentAbove(own, rlo))} above");
        }

        return context.Verdict(statement, ownFinal > rloFinal, detail);
    }

    private static Claim Stabilises(ClaimContext context, IReadOnlyList<CurvePoint> curves, double beta, Scheme scheme)
    {
        const double Tolerance = 10;
        double fraction = (double)StabilisedAfterSlots / Experiments.Paper.TrainingSlots;
        string statement = FormattableString.Invariant(
            $"{scheme.Label}'s learning curve is stable after {StabilisedAfterSlots:N0} of {Experiments.Paper.TrainingSlots:N0} slots at beta={beta} (criterion here: moving average at {fraction * 100:F0}% of training within {Tolerance}% of its final value)");
        var curve = curves.Where(c => c.Scheme.Equals(scheme) && c.Beta == beta).OrderBy(c => c.Slot).ToArray();
        if (curve.Length < 2)
        {
            return context.NotEvaluated(statement, $"no learning curve: {context.Missing(context.Settings.First(s => s.Beta == beta), scheme)}");
        }

        long at = (long)(fraction * curve[^1].Slot);
        var early = curve.Last(c => c.Slot <= at);
        double change = Math.Abs(PercentAbove(curve[^1].MovingAverage, early.MovingAverage));
        return context.Verdict(statement, change <= Tolerance, FormattableString.Invariant(
            $"moving average {Number(early.MovingAverage)} at slot {early.Slot}, {Number(curve[^1].MovingAverage)} at slot {curve[^1].Slot}: {Percent(change)} change"));
    }

    private static string PaperReward(ResultRow row)
    {
        var paper = PaperCurves.FirstOrDefault(c => c.Beta == row.Setting.Beta);
        if (paper is null)
        {
            return "";
        }

        if (row.Scheme.Equals(ReproductionSchemes.Drlo))
        {
            return "about " + PaperNumber(paper.DrloReward);
        }

        if (row.Scheme.Equals(ReproductionSchemes.Rlo))
        {
            return paper.Beta == 0.5 ? "about 4" : "about " + PaperNumber(Math.Round(paper.RloReward, 1)) + " (implied by DRLO's +" + PaperNumber(paper.PercentAboveRlo) + "%)";
        }

        return "";
    }
}

/// <summary>The paper's Fig. 4 statement at one beta: DRLO's converged reward and its margin over RLO (percent).</summary>
internal sealed record PaperCurve(double Beta, double DrloReward, double PercentAboveRlo)
{
    /// <summary>RLO's converged reward implied by the two numbers (the paper states it only for beta 0.5: 4).</summary>
    public double RloReward => DrloReward / (1 + (PercentAboveRlo / 100));
}
