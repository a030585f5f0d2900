using System.Globalization;
using System.Text;

namespace EdgeMine.Simulation;

/// <summary>
/// The table that <c>edgemine simulate</c> and <c>edgemine evaluate</c> print, as text cells: one column per policy, one
/// row per metric of <see cref="Metrics"/> in its shown unit (mean ± half-width of the 95% interval) and, for a
/// comparison, one row per yardstick. The command line draws it with borders; <see cref="ToText"/> lays it out plainly,
/// with the same cells, for programs that use the library alone (examples/CustomPolicy).
/// </summary>
/// <param name="Header">The first column's title, then each policy's name.</param>
/// <param name="Rows">Each row: its name, then one cell per policy.</param>
public sealed record MetricTable(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    /// <summary>The title of the first column.</summary>
    public const string FirstColumn = "metric (per slot, mean ± 95% CI)";

    /// <summary>
    /// The table of <paramref name="summaries"/>, with the yardsticks of the policies that have them (by policy name):
    /// which optimum each policy's ratios use (and "(not a bound)" where that optimum carried state over), whether the
    /// policy beats it beyond noise, the ratios ("n/a" where the denominator is noise), and the ratio to the fractional
    /// optimum.
    /// </summary>
    public static MetricTable Of(IReadOnlyList<PolicySummary> summaries, IReadOnlyDictionary<string, Yardsticks>? yardsticks = null)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        var rows = new List<IReadOnlyList<string>>();
        void Row(string name, Func<PolicySummary, string> cell) => rows.Add([name, .. summaries.Select(cell)]);

        foreach (var metric in Metrics.All)
        {
            Row(metric.DisplayUnit.Length == 0 ? metric.Name : $"{metric.Name} ({metric.DisplayUnit})", s => Format(s[metric].Scaled(metric.DisplayScale), metric.Format));
        }

        if (yardsticks is not null)
        {
            void Yardstick(string name, Func<Yardsticks, double> value) =>
                Row(name, s => yardsticks.TryGetValue(s.Policy, out var y) && double.IsFinite(value(y)) ? value(y).ToString("F4", CultureInfo.InvariantCulture) : "n/a");
            Row("yardstick of the ratios below", s => yardsticks.TryGetValue(s.Policy, out var y) ? y.YardstickLabel : "n/a");
            Row("above its yardstick beyond noise", s => yardsticks.TryGetValue(s.Policy, out var y) ? (y.AboveYardstick ? "YES" : "no") : "n/a");
            Yardstick("optimality ratio", y => y.OptimalityRatio);
            Yardstick("headroom captured", y => y.HeadroomCaptured);
            Yardstick("regret per task", y => y.RegretPerTask);
            Yardstick("fractional optimality ratio", y => y.FractionalOptimalityRatio);
        }

        return new MetricTable([FirstColumn, .. summaries.Select(s => s.Policy)], rows);
    }

    /// <summary>"mean ± half-width" with <paramref name="format"/>, the mean alone when there is no interval (one run), "n/a" when there is no mean (a yardstick that defines only the reward).</summary>
    public static string Format(Estimate e, string format) =>
        double.IsNaN(e.Mean) ? "n/a"
        : double.IsNaN(e.HalfWidth)
            ? e.Mean.ToString(format, CultureInfo.InvariantCulture)
            : $"{e.Mean.ToString(format, CultureInfo.InvariantCulture)} ± {e.HalfWidth.ToString(format, CultureInfo.InvariantCulture)}";

    /// <summary>
    /// The table split by columns into tables no wider than <paramref name="width"/> characters as <see cref="ToText"/>
    /// lays them out, each with the first column; <paramref name="perColumn"/> is the width a column takes beyond its
    /// longest cell (separators, padding, borders).
    /// </summary>
    public IReadOnlyList<MetricTable> Split(int width, int perColumn = 2)
    {
        int Width(int c) => Math.Max(Header[c].Length, Rows.Max(r => r[c].Length)) + perColumn;
        var parts = new List<MetricTable>();
        var columns = new List<int>();
        int used = Width(0);
        for (int c = 1; c < Header.Count; c++)
        {
            if (columns.Count > 0 && used + Width(c) > width)
            {
                parts.Add(Select(columns));
                columns.Clear();
                used = Width(0);
            }

            columns.Add(c);
            used += Width(c);
        }

        if (columns.Count > 0 || parts.Count == 0)
        {
            parts.Add(Select(columns));
        }

        return parts;
    }

    private MetricTable Select(IReadOnlyList<int> columns) =>
        new([Header[0], .. columns.Select(c => Header[c])], Rows.Select(r => (IReadOnlyList<string>)[r[0], .. columns.Select(c => r[c])]).ToArray());

    /// <summary>The table as plain text: a header line, a rule, one line per row; names left-aligned, numbers right-aligned.</summary>
    public string ToText()
    {
        var lines = new List<IReadOnlyList<string>> { Header };
        lines.AddRange(Rows);
        int[] widths = Enumerable.Range(0, Header.Count).Select(c => lines.Max(l => l[c].Length)).ToArray();
        var text = new StringBuilder();
        void Line(IReadOnlyList<string> cells)
        {
            text.Append(cells[0].PadRight(widths[0]));
            for (int c = 1; c < cells.Count; c++)
            {
                text.Append("  ").Append(cells[c].PadLeft(widths[c]));
            }

            text.Append('\n');
        }

        Line(Header);
        text.Append('-', widths.Sum() + (2 * (widths.Length - 1))).Append('\n');
        foreach (var row in Rows)
        {
            Line(row);
        }

        return text.ToString();
    }
}
