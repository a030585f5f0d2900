using System.Globalization;
using System.Text;
using EdgeMine.Cells;
using EdgeMine.IO;
using EdgeMine.Reporting;
using EdgeMine.Schemes;
using EdgeMine.Simulation;
using EdgeMine.Training;

using static EdgeMine.Reporting.ReportFormat;

namespace EdgeMine.Experiments;

/// <summary>
/// Fig. 4: the learning curves of RLO and DRLO for beta = 0.5 and 0.8 (reward per slot, moving average), in the
/// multi-miner setting of Table II so that the curves and the table share their training. Paper: both stabilise after
/// about 2,500 slots; DRLO converges to about 4.5 (beta 0.5, 12.5% above RLO's 4) and about 5 (beta 0.8, 16.3% above).
/// </summary>
internal sealed class Fig4LearningCurves : Experiment
{
    /// <summary>The file of the learners' mean curves over seeds, thinned: scheme, beta, slot, moving average with its interval.</summary>
    public const string CurvesFile = "fig4_curves.csv";

    /// <summary>Slot after which the paper says both learning curves are stable.</summary>
    public const long StabilisedAfterSlots = 2_500;

    /// <summary>
    /// Stability's tolerance (MODEL.md section 11): the two windows' mean rewards differ by less than this fraction of
    /// R_opt - R_random.
    /// </summary>
    public const double StabilityTolerance = 0.05;

    /// <summary>Batches per window when a learner has one training seed: the windows' difference is judged over paired batch means.</summary>
    public const int BatchesPerWindow = 10;

    /// <summary>The paper's Fig. 4 at each beta: DRLO's converged reward and its margin over RLO (percent).</summary>
    public static IReadOnlyList<PaperCurve> PaperCurves { get; } = [new(0.5, 4.5, 12.5), new(0.8, 5.0, 16.3)];

    public static Fig4LearningCurves Instance { get; } = new();

    public override string Name => "fig4";

    public override string Title => "Fig. 4: learning curves";

    public override IReadOnlyList<Scheme> Schemes { get; } = ReproductionSchemes.Comparison;

    public override string? NotRun(Setting setting, Scheme scheme) => ReproductionSchemes.PaperDrloNotRun(setting, scheme);

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
        results = new ExperimentResults(this, results.Settings, results.Rows) { Curves = ReadCurves(results, output.Store) };
        string curvesPath = Path.Combine(output.OutDirectory, CurvesFile);
        AtomicFile.WriteAllText(curvesPath, CurvesCsv(results));
        files.Add(curvesPath);

        var figures = new List<Figure>();
        foreach (double beta in results.Settings.Select(s => s.Beta).Distinct())
        {
            var setting = results.Settings.First(s => s.Beta == beta);
            figures.Add(Plots.Save(
                output.FiguresDirectory, Name, FormattableString.Invariant($"fig4_beta{beta}"),
                FormattableString.Invariant($"Fig. 4: learning curves, {setting.Describe()} (mean over seeds, 95% band)"),
                Plots.LearningCurves(results, MeanCurves(results), setting)));
        }

        var claims = Judged(results, output.Evidence);
        var columns = new List<ReportColumn>
        {
            Ours(Metrics.Reward),
            new("reward (paper, converged; its units)", PaperReward),
            Ours(Metrics.Power),
            Ours(Metrics.Latency),
            Ours(Metrics.Cost),
            Ours(Metrics.Privacy),
        };
        var standings = Standings(results);
        return new ExperimentOutput(files, figures, claims, standings, Section(results, figures, columns, claims, standings));
    }

    /// <summary>The claims: each DRLO above RLO at each beta (evaluated rewards, paired), and each learner's stability.</summary>
    public override IReadOnlyList<Claim> Claims(ExperimentResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var context = new ClaimContext(results);
        if (results.Settings.Count == 0)
        {
            return [context.NotEvaluated(Title, "the experiment has no settings")];
        }

        var claims = new List<Claim>();
        foreach (var setting in results.Settings)
        {
            var drlo = ReproductionSchemes.PaperDrlo(setting);
            claims.Add(AboveRlo(context, setting, drlo));
            claims.AddRange(new[] { drlo, ReproductionSchemes.Rlo }.Select(s => Stabilises(context, setting, s)));
        }

        return claims;
    }

    /// <summary>Every learner cell's <c>curve.csv</c> (reward and moving average at every training slot), seed by seed.</summary>
    private static List<LearningCurve> ReadCurves(ExperimentResults results, CellStore store)
    {
        var curves = new List<LearningCurve>();
        foreach (var row in results.Rows.Where(r => r.Scheme.IsLearner && r.IsOk))
        {
            for (int k = 0; k < row.Cells.Count; k++)
            {
                string path = Path.Combine(store.ModelDirectory(row.Cells[k].Key), TrainingDirectory.CurveFile);
                if (!File.Exists(path))
                {
                    continue;
                }

                string[] lines = File.ReadAllLines(path);
                var slots = new long[lines.Length - 1];
                var rewards = new double[lines.Length - 1];
                var averages = new double[lines.Length - 1];
                for (int i = 1; i < lines.Length; i++)
                {
                    string[] f = lines[i].Split(',');
                    slots[i - 1] = long.Parse(f[0], CultureInfo.InvariantCulture);
                    rewards[i - 1] = double.Parse(f[1], CultureInfo.InvariantCulture);
                    averages[i - 1] = double.Parse(f[2], CultureInfo.InvariantCulture);
                }

                curves.Add(new LearningCurve(row.Scheme, row.Setting.Beta, k + 1, slots, rewards, averages));
            }
        }

        return curves;
    }

    /// <summary>
    /// Each learner's moving average at each beta, the mean over its seeds with a 95% t-interval over them (no interval
    /// with one seed), thinned to about 1,000 points.
    /// </summary>
    internal static IReadOnlyList<MeanCurve> MeanCurves(ExperimentResults results)
    {
        var means = new List<MeanCurve>();
        foreach (var group in results.Curves.GroupBy(c => (c.Scheme, c.Beta)))
        {
            var seeds = group.ToArray();
            int length = seeds.Min(c => c.Slots.Length);
            int stride = Math.Max(1, length / 1000);
            var points = new List<(long Slot, Simulation.Estimate Average)>();
            for (int i = 0; i < length; i += stride)
            {
                points.Add((seeds[0].Slots[i], Simulation.Estimate.Of(seeds.Select(c => c.MovingAverages[i]).ToArray())));
            }

            means.Add(new MeanCurve(group.Key.Scheme, group.Key.Beta, seeds.Length, points));
        }

        return means;
    }

    private static string CurvesCsv(ExperimentResults results)
    {
        var text = new StringBuilder("scheme,beta,slot,moving_average,moving_average_ci95_low,moving_average_ci95_high,moving_average_n\n");
        foreach (var curve in MeanCurves(results))
        {
            foreach (var (slot, e) in curve.Points)
            {
                text.Append(CultureInfo.InvariantCulture, $"{curve.Scheme.Name},{curve.Beta},{slot},{CsvNumber(e.Mean)},{CsvNumber(e.Low)},{CsvNumber(e.High)},{e.Count}\n");
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// DRLO converges above RLO: judged on the paired difference of their evaluated (greedy) rewards; the training
    /// curves' last quarter is reported beside it, as the paper's margin is read from its curves.
    /// </summary>
    private static Claim AboveRlo(ClaimContext context, Setting setting, Scheme drlo)
    {
        var paper = PaperCurves.FirstOrDefault(c => c.Beta == setting.Beta);
        string statement = paper is null
            ? FormattableString.Invariant($"{drlo.Label} converges above RLO at beta={setting.Beta}")
            : FormattableString.Invariant($"{drlo.Label} converges above RLO at beta={setting.Beta} (paper: about {PaperNumber(paper.DrloReward)} vs {(setting.Beta == 0.5 ? "4" : PaperNumber(Math.Round(paper.RloReward, 1)) + " implied")}, {PaperNumber(paper.PercentAboveRlo)}% above)");
        var part = context.Compare(setting, drlo, ReproductionSchemes.Rlo, Metrics.Reward, Direction.Above, paper?.PercentAboveRlo);
        string? curves = null;
        if (LastQuarter(context.Results, drlo, setting.Beta) is { } own && LastQuarter(context.Results, ReproductionSchemes.Rlo, setting.Beta) is { } rlo)
        {
            curves = FormattableString.Invariant(
                $"training curves, mean reward over the last quarter: {drlo.Label} {Number(own)} vs RLO {Number(rlo)} ({AboveOrBelow(own, rlo, "RLO")}); evaluated (greedy) rewards");
        }

        return context.FromParts(FormattableString.Invariant($"fig4.drlo-above-rlo.b{setting.Beta}"), statement, [part], $"relative: {drlo.Label}'s evaluated reward above RLO's, in % of |RLO's|", prefix: curves);
    }

    /// <summary>The mean over seeds of a learner's mean training reward over the last quarter of its slots, or null.</summary>
    private static double? LastQuarter(ExperimentResults results, Scheme scheme, double beta)
    {
        var curves = results.Curves.Where(c => c.Scheme.Equals(scheme) && c.Beta == beta).ToArray();
        return curves.Length == 0 ? null : curves.Average(c => Window(c.Rewards, 0.75, 1.0).Average());
    }

    /// <summary>The rewards from fraction <paramref name="from"/> to <paramref name="to"/> of training.</summary>
    private static ArraySegment<double> Window(double[] rewards, double from, double to)
    {
        int start = (int)(from * rewards.Length), end = (int)(to * rewards.Length);
        return new ArraySegment<double>(rewards, start, Math.Max(1, end - start));
    }

    /// <summary>
    /// Stability (MODEL.md section 11): the mean training reward over 75-100% of training against 25-50%, holding when
    /// the difference's whole interval lies within 5% of R_opt - R_random. Over the seeds; with one seed, over
    /// <see cref="BatchesPerWindow"/> paired batch means of the two windows.
    /// </summary>
    private static Claim Stabilises(ClaimContext context, Setting setting, Scheme scheme)
    {
        double fraction = (double)StabilisedAfterSlots / Experiments.Paper.TrainingSlots;
        string statement = FormattableString.Invariant(
            $"{scheme.Label}'s learning curve is stable after {StabilisedAfterSlots:N0} of {Experiments.Paper.TrainingSlots:N0} slots at beta={setting.Beta} (judged here: mean reward over 75-100% of training within {StabilityTolerance * 100:F0}% of R_opt - R_random of its mean over 25-50%)");
        string id = FormattableString.Invariant($"fig4.stable.{scheme.Name}.b{setting.Beta}");
        var curves = context.Results.Curves.Where(c => c.Scheme.Equals(scheme) && c.Beta == setting.Beta && c.Rewards.Length >= 4 * BatchesPerWindow).ToArray();
        if (curves.Length == 0)
        {
            return context.NotEvaluated(statement, $"no learning curve: {context.Missing(setting, scheme)}") with { Id = id };
        }

        var references = context.Results.References(setting);
        double span = references.Optimal - references.Random;
        if (!(span > 0))
        {
            return context.NotEvaluated(statement, "no span R_opt - R_random to scale the tolerance (the optimum or Random did not run)") with { Id = id };
        }

        Interval difference;
        if (curves.Length >= 2)
        {
            difference = Interval.Of(curves.Select(c => Window(c.Rewards, 0.75, 1.0).Average() - Window(c.Rewards, fraction, 0.5).Average()).ToArray(), "training seeds");
        }
        else
        {
            var early = Window(curves[0].Rewards, fraction, 0.5);
            var late = Window(curves[0].Rewards, 0.75, 1.0);
            double BatchMean(ArraySegment<double> window, int b) =>
                window.Slice(b * window.Count / BatchesPerWindow, ((b + 1) * window.Count / BatchesPerWindow) - (b * window.Count / BatchesPerWindow)).Average();
            difference = Interval.Of(Enumerable.Range(0, BatchesPerWindow).Select(b => BatchMean(late, b) - BatchMean(early, b)).ToArray(), "paired batch means of one seed");
        }

        var relative = difference.Scaled(100 / span);
        var outcome = Judge.Within(difference, StabilityTolerance * span);
        string detail = FormattableString.Invariant(
            $"last-quarter minus second-quarter mean reward {Number(difference.Mean)}, {Percent(relative.Mean)} of R_opt - R_random = {Number(span)} {ClaimContext.Bounds(relative, "%")}");
        var cause = outcome == ClaimOutcome.DoesNotHold
            ? new ClaimCause(CauseClass.Learner, "the learner still moves after a quarter of training: its exploration and learning-rate settings are ours, the paper does not state them (MODEL.md section 7)")
            : null;
        // Undecided: the units that would bring the interval wholly inside the tolerance (or wholly outside) at this change.
        double halfWidth = (relative.High - relative.Low) / 2, gap = Math.Abs(Math.Abs(relative.Mean) - (StabilityTolerance * 100));
        var part = new ClaimPart(outcome, relative, StabilityTolerance * 100 - Math.Abs(relative.Mean), detail, "", cause)
        {
            Schemes = [scheme],
            UnitsToDecide = Judge.UnitsToDecide(relative with { Mean = gap, Low = gap - halfWidth, High = gap + halfWidth }),
        };
        return context.FromParts(
            id, statement, [part], "relative: change of mean training reward from 25-50% to 75-100% of training, in % of R_opt - R_random", FormattableString.Invariant($"stable after {StabilisedAfterSlots:N0} slots"),
            tolerance: FormattableString.Invariant($"the two windows within {StabilityTolerance * 100:F0}% of R_opt - R_random (MODEL.md section 11); the claim is itself an equivalence"));
    }

    private static string PaperReward(ResultRow row)
    {
        var paper = PaperCurves.FirstOrDefault(c => c.Beta == row.Setting.Beta);
        if (paper is null)
        {
            return "";
        }

        if (row.Scheme.Equals(ReproductionSchemes.PaperDrlo(row.Setting)))
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
