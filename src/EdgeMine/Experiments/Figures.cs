using System.Globalization;
using ScottPlot;

namespace EdgeMine.Experiments;

/// <summary>One figure of the report, written as PNG and SVG.</summary>
public sealed record Figure(string Experiment, string Name, string Caption, string PngPath, string SvgPath);

/// <summary>
/// The figures of a reproduction, drawn like the paper's with ScottPlot: Fig. 4 learning curves (one file per beta),
/// Figs. 5-6 energy, latency and cost against M (one file per metric), Tables II-III as grouped bars (one file per
/// metric), Fig. 7 privacy against d. Every scheme keeps its colour across figures; the per-slot optimum is dashed; error
/// bars are 95% confidence intervals over evaluation runs. Cells that did not apply are left out.
/// </summary>
public static class Figures
{
    public const string Directory = "figures";
    public const int Width = 900;
    public const int Height = 540;

    private static readonly Dictionary<string, string> Palette = new()
    {
        ["drlo"] = "#d62728",
        ["drlo-paper"] = "#ff7f0e",
        ["rlo"] = "#1f77b4",
        ["eo"] = "#2ca02c",
        ["no"] = "#9467bd",
        ["random"] = "#7f7f7f",
        ["optimal"] = "#000000",
        ["rl-privacy"] = "#8c564b",
        ["cmdp"] = "#e377c2",
    };

    /// <summary>The fixed colour of a scheme (hex), the same in every figure.</summary>
    public static string HexColorOf(string scheme) => Palette.GetValueOrDefault(scheme, "#17becf");

    private static Color ColorOf(string scheme) => Color.FromHex(HexColorOf(scheme));

    /// <summary>The fixed marker of a scheme, so that lines stay apart in grey print and in SVG (which drops dash patterns).</summary>
    private static MarkerShape MarkerOf(string scheme) => scheme switch
    {
        "drlo" => MarkerShape.FilledCircle,
        "drlo-paper" => MarkerShape.FilledDiamond,
        "rlo" => MarkerShape.FilledSquare,
        "eo" => MarkerShape.FilledTriangleUp,
        "no" => MarkerShape.FilledTriangleDown,
        "optimal" => MarkerShape.OpenCircle,
        "rl-privacy" => MarkerShape.OpenSquare,
        "cmdp" => MarkerShape.OpenDiamond,
        _ => MarkerShape.Eks,
    };

    /// <summary>The schemes drawn in the comparison figures (Figs. 5-6, Tables II-III): the paper's four, our DQN variant, the optimum.</summary>
    private static readonly string[] ComparisonSchemes = ["drlo", "drlo-paper", "rlo", "eo", "no", "optimal"];

    private static readonly string[] PrivacySchemes = ["drlo", "rl-privacy", "cmdp", "optimal"];

    /// <summary>The line-figure metrics of Figs. 5-6: cell metric, file suffix, axis label, scale.</summary>
    private static readonly (string Metric, string Suffix, string Axis, double Scale)[] LineMetrics =
    [
        ("energy_j", "energy", "Energy per slot (J)", 1),
        ("latency_s", "latency", "Latency per slot, summed over tasks (ms)", 1e3),
        ("cost", "cost", "Cost per slot (normalised units)", 1),
    ];

    private static readonly (string Metric, string Suffix, string Axis, double Scale)[] BarMetrics =
    [
        ("power_w", "power", "Average power (W)", 1),
        ("latency_s", "latency", "Latency per slot, summed over tasks (ms)", 1e3),
        ("cost", "cost", "Cost per slot (normalised units)", 1),
    ];

    /// <summary>Draws the figures of one experiment into <c>OUT/figures/</c>.</summary>
    public static IReadOnlyList<Figure> Draw(string outDirectory, ExperimentPlan plan, IReadOnlyList<ResultRow> rows, IReadOnlyList<CurvePoint> curves)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(curves);
        string directory = Path.Combine(outDirectory, Directory);
        System.IO.Directory.CreateDirectory(directory);
        var figures = new List<Figure>();
        switch (plan.Name)
        {
            case "fig4":
                foreach (double beta in plan.Settings.Select(s => s.Beta).Distinct())
                {
                    var setting = plan.Settings.First(s => s.Beta == beta);
                    string name = FormattableString.Invariant($"fig4_beta{beta}");
                    figures.Add(Save(directory, plan, name, FormattableString.Invariant($"Fig. 4: learning curves, {ReportFormat.Setting(setting)}"), LearningCurves(plan, rows, curves, setting)));
                }

                break;
            case "fig5":
            case "fig6":
                foreach (var (metric, suffix, axis, scale) in LineMetrics)
                {
                    var plot = Lines(plan, rows, ComparisonSchemes, s => s.Tasks, "Number of tasks M", metric, axis, scale);
                    figures.Add(Save(directory, plan, $"{plan.Name}_{suffix}", $"{plan.Title}: {suffix} vs M", plot));
                }

                break;
            case "table2":
            case "table3":
                foreach (var (metric, suffix, axis, scale) in BarMetrics)
                {
                    var plot = Bars(plan, rows, metric, axis, scale);
                    figures.Add(Save(directory, plan, $"{plan.Name}_{suffix}", $"{plan.Title}: {suffix} per scheme and N", plot));
                }

                break;
            case "fig7":
                {
                    var plot = Lines(plan, rows, PrivacySchemes, s => s.ArrivalKbit ?? 0, "Arrival size d (kbit per slot)", "privacy", "Privacy level per slot", 1);
                    figures.Add(Save(directory, plan, "fig7_privacy", plan.Title, plot));
                    var (frontier, points) = PrivacyFrontier.ReadCsv(Path.Combine(outDirectory, PrivacyFrontier.CsvFile));
                    if (frontier.Count > 0)
                    {
                        double d = frontier.Max(p => p.ArrivalKbit);
                        figures.Add(Save(
                            directory, plan, "fig7_frontier",
                            FormattableString.Invariant($"Cost-privacy frontier of the CMDP's LP, d = {d} kbit"),
                            Frontier(plan, frontier.Where(p => p.ArrivalKbit == d).ToArray(), points.Where(p => p.ArrivalKbit == d).ToArray())));
                    }

                    break;
                }

            default:
                break;
        }

        return figures;
    }

    private static Figure Save(string directory, ExperimentPlan plan, string name, string caption, Plot plot)
    {
        plot.Title(caption, 15);
        string png = Path.Combine(directory, name + ".png");
        string svg = Path.Combine(directory, name + ".svg");
        plot.SavePng(png, Width, Height);

        // Skia's SVG canvas does not support path effects (it prints "Unsupported path effect" for each dashed line):
        // the SVG draws the dashed references solid; their colour and open markers still set them apart.
        foreach (var line in plot.GetPlottables().OfType<ScottPlot.Plottables.Scatter>().Where(l => l.LinePattern.Name != LinePattern.Solid.Name))
        {
            line.LinePattern = LinePattern.Solid;
        }

        plot.SaveSvg(svg, Width, Height);
        return new Figure(plan.Name, name, caption, png, svg);
    }

    private static Plot NewPlot(string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        plot.XLabel(xLabel, 14);
        plot.YLabel(yLabel, 14);
        return plot;
    }

    private static void NoData(Plot plot)
    {
        var text = plot.Add.Text("no applicable results to draw", 0, 0);
        text.LabelFontSize = 16;
        plot.Axes.SetLimits(-1, 1, -1, 1);
    }

    /// <summary>One line (with CI error bars) per scheme against a setting coordinate; the per-slot optimum dashed.</summary>
    private static Plot Lines(ExperimentPlan plan, IReadOnlyList<ResultRow> rows, IReadOnlyList<string> schemes, Func<Setting, double> x, string xLabel, string metric, string yLabel, double scale)
    {
        var plot = NewPlot(xLabel, yLabel);
        bool any = false;
        foreach (var scheme in plan.Schemes.Where(s => schemes.Contains(s.Name)))
        {
            var points = rows.Where(r => r.Scheme.Name == scheme.Name && r.Metric(metric, scale) is not null)
                .Select(r => (X: x(r.Setting), E: r.Metric(metric, scale)!))
                .OrderBy(p => p.X)
                .ToArray();
            if (points.Length == 0)
            {
                continue;
            }

            any = true;
            double[] xs = points.Select(p => p.X).ToArray();
            double[] ys = points.Select(p => p.E.Mean).ToArray();
            var color = ColorOf(scheme.Name);
            if (points.All(p => double.IsFinite(p.E.Low) && double.IsFinite(p.E.High)))
            {
                var bars = plot.Add.ErrorBar(xs, ys, points.Select(p => ReportFormat.HalfWidth(p.E)).ToArray());
                bars.YErrorPositive = points.Select(p => p.E.High - p.E.Mean).ToArray();
                bars.YErrorNegative = points.Select(p => p.E.Mean - p.E.Low).ToArray();
                bars.Color = color;
                bars.CapSize = 6;
            }

            var line = plot.Add.Scatter(xs, ys, color);
            line.LegendText = scheme.Label;
            line.LineWidth = 2;
            line.MarkerSize = 8;
            line.MarkerShape = MarkerOf(scheme.Name);
            if (scheme.Name == "optimal")
            {
                line.LinePattern = LinePattern.Dashed;
            }
        }

        var ticks = plan.Settings.Select(x).Distinct().Order()
            .Select(v => new Tick(v, v.ToString("G", CultureInfo.InvariantCulture)))
            .ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        if (any)
        {
            plot.ShowLegend(Edge.Right);
        }
        else
        {
            NoData(plot);
        }

        return plot;
    }

    /// <summary>
    /// The LP's exact cost-privacy frontier (least average cost for each privacy level; binary actions, discretised
    /// model) as a line, and each scheme's simulated (privacy, cost) point with its cost interval.
    /// </summary>
    private static Plot Frontier(ExperimentPlan plan, IReadOnlyList<PrivacyFrontier.StoredFrontierPoint> frontier, IReadOnlyList<PrivacyFrontier.SchemePoint> points)
    {
        var plot = NewPlot("Average privacy per slot", "Average cost per slot (normalised units)");
        var ordered = frontier.OrderBy(p => p.Privacy).ToArray();
        var line = plot.Add.Scatter(ordered.Select(p => p.Privacy).ToArray(), ordered.Select(p => p.Cost).ToArray(), Colors.Black);
        line.LegendText = "LP frontier (least cost at each privacy)";
        line.LineWidth = 2;
        line.MarkerSize = 4;
        foreach (var point in points)
        {
            var color = ColorOf(point.Scheme);
            if (double.IsFinite(point.CostHalfWidth) && point.CostHalfWidth > 0)
            {
                var bar = plot.Add.ErrorBar(new[] { point.Privacy }, new[] { point.Cost }, new[] { point.CostHalfWidth });
                bar.Color = color;
                bar.CapSize = 6;
            }

            var marker = plot.Add.Scatter(new[] { point.Privacy }, new[] { point.Cost }, color);
            marker.LegendText = plan.Schemes.FirstOrDefault(s => s.Name == point.Scheme)?.Label ?? point.Scheme;
            marker.MarkerSize = 11;
            marker.MarkerShape = MarkerOf(point.Scheme);
            marker.LineWidth = 0;
        }

        plot.ShowLegend(Edge.Right);
        return plot;
    }

    /// <summary>Grouped bars: one group per N, one bar per scheme, CI half-widths as error bars, a manual legend.</summary>
    private static Plot Bars(ExperimentPlan plan, IReadOnlyList<ResultRow> rows, string metric, string yLabel, double scale)
    {
        var plot = NewPlot("Number of miners N", yLabel);
        var schemes = plan.Schemes
            .Where(s => ComparisonSchemes.Contains(s.Name) && rows.Any(r => r.Scheme.Name == s.Name && r.Metric(metric, scale) is not null))
            .ToArray();
        if (schemes.Length == 0)
        {
            NoData(plot);
            return plot;
        }

        var bars = new List<Bar>();
        var ticks = new List<Tick>();
        for (int g = 0; g < plan.Settings.Count; g++)
        {
            var setting = plan.Settings[g];
            double start = g * (schemes.Length + 1);
            ticks.Add(new Tick(start + ((schemes.Length - 1) / 2.0), FormattableString.Invariant($"N={setting.Miners}")));
            for (int j = 0; j < schemes.Length; j++)
            {
                var row = rows.FirstOrDefault(r => r.Setting == setting && r.Scheme.Name == schemes[j].Name);
                if (row?.Metric(metric, scale) is not { } e)
                {
                    continue;
                }

                bars.Add(new Bar
                {
                    Position = start + j,
                    Value = e.Mean,
                    Error = ReportFormat.HalfWidth(e),
                    FillColor = ColorOf(schemes[j].Name),
                });
            }
        }

        plot.Add.Bars(bars);
        foreach (var scheme in schemes)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = scheme.Label, FillColor = ColorOf(scheme.Name) });
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.ToArray());
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Margins(bottom: 0);
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    /// <summary>Fig. 4: moving-average training reward per learner; the evaluated optimum and Random as dashed references.</summary>
    private static Plot LearningCurves(ExperimentPlan plan, IReadOnlyList<ResultRow> rows, IReadOnlyList<CurvePoint> curves, Setting setting)
    {
        var plot = NewPlot("Training slot", "Reward per slot (moving average)");
        long last = 0;
        bool any = false;
        foreach (var scheme in plan.Schemes.Where(s => s.IsLearner))
        {
            var curve = curves.Where(c => c.Scheme == scheme.Name && c.Beta == setting.Beta).OrderBy(c => c.Slot).ToArray();
            if (curve.Length == 0)
            {
                continue;
            }

            any = true;
            last = Math.Max(last, curve[^1].Slot);
            var line = plot.Add.ScatterLine(curve.Select(c => (double)c.Slot).ToArray(), curve.Select(c => c.MovingAverage).ToArray(), ColorOf(scheme.Name));
            line.LegendText = scheme.Label;
            line.LineWidth = 2;
        }

        if (!any)
        {
            NoData(plot);
            return plot;
        }

        foreach (string reference in new[] { "optimal", "random" })
        {
            var row = rows.FirstOrDefault(r => r.Setting == setting && r.Scheme.Name == reference);
            if (row?.Metric("reward") is not { } e)
            {
                continue;
            }

            var line = plot.Add.ScatterLine(new double[] { 0, last }, new[] { e.Mean, e.Mean }, ColorOf(reference));
            line.LegendText = $"{row.Scheme.Label} (evaluated)";
            line.LinePattern = LinePattern.Dashed;
            line.LineWidth = 1.5f;
        }

        plot.ShowLegend(Edge.Right);
        return plot;
    }
}
