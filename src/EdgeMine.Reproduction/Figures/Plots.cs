using System.Globalization;
using EdgeMine.Experiments;
using EdgeMine.Schemes;
using EdgeMine.Simulation;
using ScottPlot;

namespace EdgeMine.Reporting;

/// <summary>
/// The figures of a reproduction, drawn like the paper's with ScottPlot: Fig. 4 learning curves (one file per beta),
/// Figs. 5-6 energy, latency and cost against M (one file per metric), Tables II-III as grouped bars (one file per
/// metric), Fig. 7 privacy against d. Every scheme keeps its colour across figures; the per-slot optimum is dashed; error
/// bars are 95% confidence intervals over evaluation runs. Cells that did not apply are left out.
/// </summary>
internal static class Plots
{
    public const string Directory = "figures";
    public const int Width = 900;
    public const int Height = 540;

    /// <summary>Each scheme's colour and marker, the same in every figure (markers keep lines apart in grey print and in SVG, which drops dash patterns).</summary>
    private static readonly Dictionary<Scheme, (string Hex, MarkerShape Marker)> Styles = new()
    {
        [ReproductionSchemes.DrloShared] = ("#d62728", MarkerShape.FilledCircle),
        [ReproductionSchemes.DrloPaper] = ("#ff7f0e", MarkerShape.FilledDiamond),
        [ReproductionSchemes.DrloPaperBranching] = ("#ffbb78", MarkerShape.OpenDiamond),
        [ReproductionSchemes.DrloBranching] = ("#e7a4a4", MarkerShape.OpenCircle),
        [ReproductionSchemes.Rlo] = ("#1f77b4", MarkerShape.FilledSquare),
        [BaselineScheme.Always] = ("#2ca02c", MarkerShape.FilledTriangleUp),
        [BaselineScheme.Never] = ("#9467bd", MarkerShape.FilledTriangleDown),
        [BaselineScheme.Random] = ("#7f7f7f", MarkerShape.Eks),
        [BaselineScheme.GoodChannel] = ("#bcbd22", MarkerShape.FilledTriangleUp),
        [BaselineScheme.Optimal] = ("#000000", MarkerShape.OpenCircle),
        [BaselineScheme.OptimalFractional] = ("#555555", MarkerShape.OpenTriangleUp),
        [ReproductionSchemes.RlPrivacy] = ("#8c564b", MarkerShape.OpenSquare),
        [ReproductionSchemes.Cmdp] = ("#e377c2", MarkerShape.OpenDiamond),
    };

    /// <summary>The fixed colour of a scheme (hex), the same in every figure.</summary>
    public static string HexColorOf(Scheme scheme) => Styles.TryGetValue(scheme, out var style) ? style.Hex : "#17becf";

    internal static Color ColorOf(Scheme scheme) => Color.FromHex(HexColorOf(scheme));

    internal static MarkerShape MarkerOf(Scheme scheme) => Styles.TryGetValue(scheme, out var style) ? style.Marker : MarkerShape.Eks;

    /// <summary>The schemes drawn in the comparison figures (Figs. 5-6, Tables II-III): the paper's four, our shared DQN beside them, the optimum.</summary>
    public static IReadOnlyList<Scheme> ComparisonSchemes { get; } =
        [ReproductionSchemes.DrloPaper, ReproductionSchemes.DrloPaperBranching, ReproductionSchemes.DrloShared, ReproductionSchemes.Rlo, BaselineScheme.Always, BaselineScheme.Never, BaselineScheme.GoodChannel, BaselineScheme.Optimal];

    /// <summary>
    /// A scheme's name in the legend of a figure of <paramref name="metric"/>. The per-slot optima maximise the slot's
    /// reward (privacy minus cost), not the metric drawn, so in a figure of cost, energy, latency or privacy another
    /// scheme can beat them; their legend says so.
    /// </summary>
    internal static string LegendLabel(Scheme scheme, Metric metric)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(metric);
        bool optimum = scheme.Equals(BaselineScheme.Optimal) || scheme.Equals(BaselineScheme.OptimalFractional);
        return optimum && metric.Key != Metrics.Reward.Key
            ? $"{scheme.Label} (max reward, not {(metric.Key == Metrics.Privacy.Key ? "max" : "min")} {metric.ShortName})"
            : ReproductionSchemes.IsModelAssisted(scheme) ? $"{scheme.Label}, model-assisted" : scheme.Label;
    }

    /// <summary>Writes <paramref name="plot"/> as <c>NAME.png</c> and <c>NAME.svg</c> into <paramref name="directory"/>.</summary>
    public static Figure Save(string directory, string experiment, string name, string caption, Plot plot)
    {
        ArgumentNullException.ThrowIfNull(plot);
        System.IO.Directory.CreateDirectory(directory);
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
        return new Figure(experiment, name, caption, png, svg);
    }

    internal static Plot NewPlot(string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        plot.XLabel(xLabel, 14);
        plot.YLabel(yLabel, 14);
        return plot;
    }

    /// <summary>Error bars of each point's 95% interval [low, high] around its mean, drawn when every point has one.</summary>
    internal static void ErrorBars(Plot plot, double[] xs, double[] means, double[] lows, double[] highs, Color color)
    {
        if (!lows.All(double.IsFinite) || !highs.All(double.IsFinite))
        {
            return;
        }

        var bars = plot.Add.ErrorBar(xs, means, [.. highs.Zip(lows, (high, low) => (high - low) / 2)]);
        bars.YErrorPositive = [.. highs.Zip(means, (high, mean) => high - mean)];
        bars.YErrorNegative = [.. means.Zip(lows, (mean, low) => mean - low)];
        bars.Color = color;
        bars.CapSize = 6;
    }

    internal static void NoData(Plot plot)
    {
        var text = plot.Add.Text("no applicable results to draw", 0, 0);
        text.LabelFontSize = 16;
        plot.Axes.SetLimits(-1, 1, -1, 1);
    }

    /// <summary>One line (with CI error bars) per scheme against a setting coordinate; the per-slot optimum dashed.</summary>
    public static Plot Lines(ExperimentResults results, IReadOnlyList<Scheme> schemes, Func<Setting, double> x, string xLabel, Metric metric)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(metric);
        var plot = NewPlot(xLabel, metric.Axis);
        bool any = false;
        foreach (var scheme in results.Experiment.Schemes.Where(schemes.Contains))
        {
            var points = results.Rows.Where(r => r.Scheme.Equals(scheme) && r.Shown(metric) is not null)
                .Select(r => (X: x(r.Setting), E: r.Shown(metric)!))
                .OrderBy(p => p.X)
                .ToArray();
            if (points.Length == 0)
            {
                continue;
            }

            any = true;
            double[] xs = points.Select(p => p.X).ToArray();
            double[] ys = points.Select(p => p.E.Mean).ToArray();
            var color = ColorOf(scheme);
            ErrorBars(plot, xs, ys, [.. points.Select(p => p.E.Ci95Low)], [.. points.Select(p => p.E.Ci95High)], color);

            var line = plot.Add.Scatter(xs, ys, color);
            line.LegendText = LegendLabel(scheme, metric);
            line.LineWidth = 2;
            line.MarkerSize = 8;
            line.MarkerShape = MarkerOf(scheme);
            if (scheme.Equals(BaselineScheme.Optimal) || scheme.Equals(BaselineScheme.OptimalFractional))
            {
                line.LinePattern = LinePattern.Dashed;
            }
        }

        var ticks = results.Settings.Select(x).Distinct().Order()
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
    public static Plot Frontier(IReadOnlyList<Privacy.FrontierPoint> frontier, IReadOnlyList<PrivacyFrontier.SchemePoint> points)
    {
        ArgumentNullException.ThrowIfNull(frontier);
        ArgumentNullException.ThrowIfNull(points);
        var plot = NewPlot("Average privacy per slot", "Average cost per slot (normalised units)");
        var ordered = frontier.OrderBy(p => p.AveragePrivacy).ToArray();
        var line = plot.Add.Scatter(ordered.Select(p => p.AveragePrivacy).ToArray(), ordered.Select(p => p.AverageCost).ToArray(), Colors.Black);
        line.LegendText = "LP frontier (least cost at each privacy)";
        line.LineWidth = 2;
        line.MarkerSize = 4;
        foreach (var point in points)
        {
            var color = ColorOf(point.Scheme);
            var cost = point.Cost;
            if (double.IsFinite(cost.Ci95Low) && double.IsFinite(cost.Ci95High) && cost.Ci95High > cost.Ci95Low)
            {
                var bar = plot.Add.ErrorBar(new[] { point.Privacy }, new[] { cost.Mean }, new[] { cost.HalfWidth });
                bar.YErrorPositive = [cost.Ci95High - cost.Mean];
                bar.YErrorNegative = [cost.Mean - cost.Ci95Low];
                bar.Color = color;
                bar.CapSize = 6;
            }

            var marker = plot.Add.Scatter(new[] { point.Privacy }, new[] { cost.Mean }, color);
            marker.LegendText = point.Scheme.Label;
            marker.MarkerSize = 11;
            marker.MarkerShape = MarkerOf(point.Scheme);
            marker.LineWidth = 0;
        }

        plot.ShowLegend(Edge.Right);
        return plot;
    }

    /// <summary>Grouped bars: one group per N, one bar per scheme, CI half-widths as error bars, a manual legend.</summary>
    public static Plot Bars(ExperimentResults results, Metric metric)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(metric);
        var plot = NewPlot("Number of miners N", metric.Axis);
        var rows = results.Rows;
        var schemes = results.Experiment.Schemes
            .Where(s => ComparisonSchemes.Contains(s) && rows.Any(r => r.Scheme.Equals(s) && r.Shown(metric) is not null))
            .ToArray();
        if (schemes.Length == 0)
        {
            NoData(plot);
            return plot;
        }

        var bars = new List<Bar>();
        var ticks = new List<Tick>();
        for (int g = 0; g < results.Settings.Count; g++)
        {
            var setting = results.Settings[g];
            double start = g * (schemes.Length + 1);
            ticks.Add(new Tick(start + ((schemes.Length - 1) / 2.0), FormattableString.Invariant($"N={setting.Miners}")));
            for (int j = 0; j < schemes.Length; j++)
            {
                if (results.Row(setting, schemes[j])?.Shown(metric) is not { } e)
                {
                    continue;
                }

                bars.Add(new Bar
                {
                    Position = start + j,
                    Value = e.Mean,
                    Error = e.HalfWidth,
                    FillColor = ColorOf(schemes[j]),
                });
            }
        }

        plot.Add.Bars(bars);
        foreach (var scheme in schemes)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = LegendLabel(scheme, metric), FillColor = ColorOf(scheme) });
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.ToArray());
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Margins(bottom: 0);
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    /// <summary>
    /// Fig. 4: each learner's moving-average training reward, the mean over its seeds with a shaded 95% band over them;
    /// the evaluated optimum and Random as dashed references.
    /// </summary>
    public static Plot LearningCurves(ExperimentResults results, IReadOnlyList<MeanCurve> curves, Setting setting)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(curves);
        ArgumentNullException.ThrowIfNull(setting);
        var plot = NewPlot("Training slot", "Reward per slot (moving average)");
        long last = 0;
        bool any = false;
        foreach (var scheme in results.Experiment.Schemes.Where(s => s.IsLearner))
        {
            if (curves.FirstOrDefault(c => c.Scheme.Equals(scheme) && c.Beta == setting.Beta) is not { Points.Count: > 0 } curve)
            {
                continue;
            }

            any = true;
            last = Math.Max(last, curve.Points[^1].Slot);
            double[] xs = curve.Points.Select(p => (double)p.Slot).ToArray();
            var color = ColorOf(scheme);
            if (curve.Points.All(p => double.IsFinite(p.Average.Low)))
            {
                var band = plot.Add.FillY(xs, curve.Points.Select(p => p.Average.Low).ToArray(), curve.Points.Select(p => p.Average.High).ToArray());
                band.FillColor = color.WithAlpha(0.2);
                band.LineColor = Colors.Transparent;
            }

            var line = plot.Add.ScatterLine(xs, curve.Points.Select(p => p.Average.Mean).ToArray(), color);
            line.LegendText = FormattableString.Invariant($"{scheme.Label} ({curve.Seeds} seed{(curve.Seeds == 1 ? "" : "s")})");
            line.LineWidth = 2;
        }

        if (!any)
        {
            NoData(plot);
            return plot;
        }

        foreach (var reference in new[] { BaselineScheme.Optimal, BaselineScheme.Random })
        {
            var row = results.Row(setting, reference);
            if (row?.Shown(Metrics.Reward) is not { } e)
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

    /// <summary>The colour of each outcome, as the HTML report colours its words.</summary>
    private static readonly (ClaimOutcome Outcome, string Hex)[] OutcomeColors =
        [(ClaimOutcome.Holds, "#1a7f37"), (ClaimOutcome.ExactTie, "#5f5f5f"), (ClaimOutcome.Equivalent, "#8c8c8c"), (ClaimOutcome.Inconclusive, "#bdbdbd"), (ClaimOutcome.DoesNotHold, "#c62828"), (ClaimOutcome.NotEvaluated, "#d4a000")];

    /// <summary>The report's first chart: per experiment, a stacked bar of its claims' outcomes.</summary>
    public static Plot Outcomes(IReadOnlyList<string> experiments, IReadOnlyList<Claim> claims)
    {
        ArgumentNullException.ThrowIfNull(experiments);
        ArgumentNullException.ThrowIfNull(claims);
        var plot = NewPlot("Experiment", "Claims");
        var bars = new List<Bar>();
        for (int i = 0; i < experiments.Count; i++)
        {
            double stacked = 0;
            foreach (var (outcome, hex) in OutcomeColors)
            {
                int count = claims.Count(c => c.Experiment == experiments[i] && c.Outcome == outcome);
                if (count == 0)
                {
                    continue;
                }

                bars.Add(new Bar { Position = i, ValueBase = stacked, Value = stacked + count, FillColor = Color.FromHex(hex), Label = count.ToString(CultureInfo.InvariantCulture), CenterLabel = true });
                stacked += count;
            }
        }

        var plottable = plot.Add.Bars(bars);
        plottable.ValueLabelStyle.FontSize = 13;
        plottable.ValueLabelStyle.ForeColor = Colors.White;
        foreach (var (outcome, hex) in OutcomeColors)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = Claim.Text(outcome), FillColor = Color.FromHex(hex) });
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            experiments.Select((e, i) => new Tick(i, e)).ToArray());
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Margins(bottom: 0);
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    /// <summary>
    /// Headroom captured (MODEL.md section 6) against N on a log axis, one line per learner, with the interval of its
    /// reward mapped through the yardstick (headroom is linear in the reward); points where it is undefined (a rule
    /// already optimal) are left out.
    /// </summary>
    public static Plot Headroom(ExperimentResults results, IReadOnlyList<LearnerStanding> standings)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(standings);
        var plot = NewPlot("Number of miners N (log scale)", "Headroom captured over the best rule");
        bool any = false;
        foreach (var group in standings.GroupBy(s => s.Learner))
        {
            var points = group.Where(s => double.IsFinite(s.Yardsticks.HeadroomCaptured)).OrderBy(s => s.Setting.Miners).ToArray();
            if (points.Length == 0)
            {
                continue;
            }

            any = true;
            double[] xs = points.Select(p => Math.Log10(p.Setting.Miners)).ToArray();
            double[] ys = points.Select(p => p.Yardsticks.HeadroomCaptured).ToArray();
            var color = ColorOf(group.Key);
            var bars = plot.Add.ErrorBar(xs, ys, new double[xs.Length]);
            bars.YErrorPositive = points.Select(p => HeadroomAt(p, p.Row.Shown(Metrics.Reward)!.Ci95High) - p.Yardsticks.HeadroomCaptured).Select(Finite).ToArray();
            bars.YErrorNegative = points.Select(p => p.Yardsticks.HeadroomCaptured - HeadroomAt(p, p.Row.Shown(Metrics.Reward)!.Ci95Low)).Select(Finite).ToArray();
            bars.Color = color;
            bars.CapSize = 6;
            var line = plot.Add.Scatter(xs, ys, color);
            line.LegendText = group.Key.Label;
            line.LineWidth = 2;
            line.MarkerSize = 8;
            line.MarkerShape = MarkerOf(group.Key);
        }

        var zero = plot.Add.HorizontalLine(0, 1, Colors.Gray, LinePattern.Dashed);
        zero.LegendText = "the best rule of thumb";
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            results.Settings.Select(s => new Tick(Math.Log10(s.Miners), s.Miners.ToString(CultureInfo.InvariantCulture))).ToArray());
        if (any)
        {
            plot.ShowLegend(Edge.Right);
        }
        else
        {
            NoData(plot);
        }

        return plot;

        static double HeadroomAt(LearnerStanding s, double reward) => s.References.Of(reward).HeadroomCaptured;
        static double Finite(double v) => double.IsFinite(v) ? Math.Max(0, v) : 0;
    }
}
