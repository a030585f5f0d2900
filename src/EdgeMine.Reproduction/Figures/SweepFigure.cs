using System.Globalization;
using EdgeMine.Schemes;
using EdgeMine.Simulation;
using EdgeMine.Sweeps;
using ScottPlot;

namespace EdgeMine.Reporting;

/// <summary>
/// <c>sweep collect --plot METRIC:KEY</c>: a metric of the metric table against one numeric grid key, one line per scheme
/// (and per combination of the other grid keys), each point the scheme's mean in the metric's shown unit with its 95%
/// interval over the cell's evaluation runs, in the reproduction's style (each scheme's colour and marker; the
/// optimum dashed). Every point of a line comes from the cells' common-seed evaluations.
/// </summary>
public static class SweepFigure
{
    /// <summary>Where a sweep's figures go, inside its output directory.</summary>
    public const string Directory = Plots.Directory;

    /// <summary>The file name (without extension) of the figure of <paramref name="metric"/> against <paramref name="key"/>.</summary>
    public static string Name(Metric metric, string key)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return $"{metric.Key}_vs_{key}";
    }

    /// <summary>
    /// Draws the figure into <paramref name="directory"/> as PNG and SVG: one panel (one figure, its own y axis) per
    /// combination of the grid keys other than <paramref name="key"/>, <c>algo</c> and <c>variant</c> (e.g. one per
    /// preset, whose scales differ by orders of magnitude), named <c>METRIC_vs_KEY__k=v</c>; one figure when there are
    /// none.
    /// </summary>
    public static IReadOnlyList<Figure> Draw(SweepDefinition definition, IReadOnlyList<SweepRow> rows, Metric metric, string key, string directory)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(metric);
        string[] panelKeys = definition.Grid.Select(g => g.Key).Where(k => k != key && k is not ("algo" or "variant")).ToArray();
        if (panelKeys.Length == 0)
        {
            return [DrawPanel(definition, rows, metric, key, directory, Name(metric, key), "")];
        }

        string PanelOf(SweepRow row) => string.Join("_", panelKeys.Select(k => $"{k}={row.Cell.Cell.Values.First(v => v.Key == k).Value}"));
        return rows.Where(r => r.Evaluation is not null).GroupBy(PanelOf)
            .Select(panel => DrawPanel(definition, panel.ToArray(), metric, key, directory, $"{Name(metric, key)}__{panel.Key}", panel.Key))
            .ToArray();
    }

    private static Figure DrawPanel(SweepDefinition definition, IReadOnlyList<SweepRow> rows, Metric metric, string key, string directory, string name, string panel)
    {
        var plot = Plots.NewPlot(key, metric.Axis);
        var series = Series(rows, metric, key);
        var used = new Dictionary<Scheme, int>();
        foreach (var (scheme, label, points) in series)
        {
            var color = Plots.ColorOf(scheme);
            double[] xs = points.Select(p => p.X).ToArray();
            double[] ys = points.Select(p => p.Y.Mean).ToArray();
            Plots.ErrorBars(plot, xs, ys, [.. points.Select(p => p.Y.Ci95Low)], [.. points.Select(p => p.Y.Ci95High)], color);

            // The lines of one scheme at other grid values share its colour; their markers tell them apart.
            int nth = used[scheme] = used.GetValueOrDefault(scheme) + 1;
            var line = plot.Add.Scatter(xs, ys, color);
            line.LegendText = label;
            line.LineWidth = 2;
            line.MarkerSize = 8;
            line.MarkerShape = nth == 1 ? Plots.MarkerOf(scheme) : OtherMarkers[(nth - 2) % OtherMarkers.Length];
            if (scheme.Equals(BaselineScheme.Optimal) || scheme.Equals(BaselineScheme.OptimalFractional))
            {
                line.LinePattern = LinePattern.Dashed;
            }
        }

        var ticks = definition.Grid.First(g => g.Key == key).Value
            .Select(v => double.Parse(v, CultureInfo.InvariantCulture)).Distinct().Order()
            .Select(v => new Tick(v, v.ToString("G", CultureInfo.InvariantCulture)))
            .ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        if (series.Count > 0)
        {
            plot.ShowLegend(Edge.Right);
        }
        else
        {
            Plots.NoData(plot);
        }

        // The title names the metric, the x key and the panel; the sweep's name (a file name, possibly long) goes in a
        // second line cut to fit the figure's width, so the title is never cut off at its start.
        string sweep = definition.Name.Length > 60 ? definition.Name[..57] + "..." : definition.Name;
        string caption = $"{metric.Name} against {key}{(panel.Length == 0 ? "" : $", {panel.Replace('_', ' ')}")}\nsweep {sweep}; error bars: 95% CI over evaluation runs";
        return Plots.Save(directory, "sweep", name, caption, plot);
    }

    private static readonly MarkerShape[] OtherMarkers = [MarkerShape.OpenSquare, MarkerShape.OpenTriangleDown, MarkerShape.Cross, MarkerShape.Asterisk];

    /// <summary>
    /// The lines: the evaluated rows grouped by scheme and the values of the other grid keys, each point once per x, in
    /// x order. The grid keys <c>algo</c> and <c>variant</c> are left out of a line's label: a learner's label names
    /// them already, and a baseline does not depend on them (its points would only repeat).
    /// </summary>
    internal static IReadOnlyList<(Scheme Scheme, string Label, IReadOnlyList<(double X, MetricEstimate Y)> Points)> Series(
        IReadOnlyList<SweepRow> rows, Metric metric, string key)
    {
        var groups = new List<(Scheme Scheme, string Label, SortedDictionary<double, MetricEstimate> Points)>();
        foreach (var row in rows.Where(r => r.Evaluation is not null))
        {
            // The other grid keys are the panel's (Draw), so a line is one scheme.
            string label = Plots.LegendLabel(row.Scheme, metric);
            int index = groups.FindIndex(g => g.Scheme.Equals(row.Scheme) && g.Label == label);
            if (index < 0)
            {
                groups.Add((row.Scheme, label, new SortedDictionary<double, MetricEstimate>()));
                index = groups.Count - 1;
            }

            double x = double.Parse(row.Cell.Cell.Values.First(v => v.Key == key).Value, CultureInfo.InvariantCulture);
            groups[index].Points.TryAdd(x, row.Evaluation![metric].Scaled(metric.DisplayScale));
        }

        return groups.Select(g => (g.Scheme, g.Label, (IReadOnlyList<(double, MetricEstimate)>)g.Points.Select(p => (p.Key, p.Value)).ToArray())).ToArray();
    }
}
