using System.Globalization;
using System.Text;
using EdgeMine.IO;
using EdgeMine.Privacy;
using EdgeMine.Schemes;
using EdgeMine.Simulation;

using static EdgeMine.Reporting.ReportFormat;

namespace EdgeMine.Experiments;

/// <summary>
/// Beyond the paper (Fig. 7): which scheme wins on privacy depends on where the CMDP's privacy floor is set, so the
/// cost-privacy trade-off itself is drawn. The occupation-measure LP solved over a range of floors gives the exact
/// frontier of the discretised single-miner model (binary actions); every scheme's simulated (cost, privacy) point is
/// placed against it.
/// </summary>
internal static class PrivacyFrontier
{
    /// <summary>Privacy floors as fractions of the largest average privacy: 0, 0.05, ..., 1.</summary>
    public static IReadOnlyList<double> Fractions { get; } = Enumerable.Range(0, 21).Select(i => i / 20.0).ToArray();

    /// <summary>One scheme's point against the frontier at its arrival size: its cost (with its 95% interval) and privacy.</summary>
    public sealed record SchemePoint(double ArrivalKbit, Scheme Scheme, MetricEstimate Cost, double Privacy, double FrontierCost, string Verdict);

    /// <summary>The frontier at each arrival size of the settings, under the reproduction's model.</summary>
    public static IReadOnlyDictionary<double, IReadOnlyList<FrontierPoint>> Solve(Model.ModelParameters preset, IReadOnlyList<Setting> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var frontiers = new SortedDictionary<double, IReadOnlyList<FrontierPoint>>();
        foreach (var setting in settings)
        {
            var parameters = setting.Apply(preset);
            frontiers[setting.ArrivalKbit ?? 0] = CmdpPolicy.Frontier(parameters, setting.Tasks, setting.Beta, Fractions);
        }

        return frontiers;
    }

    /// <summary>
    /// The least cost the frontier allows at privacy <paramref name="privacy"/> (linear between solved points, which is
    /// exact: the frontier of an LP in its right-hand side is piecewise linear and convex); NaN beyond its range.
    /// </summary>
    public static double CostAt(IReadOnlyList<FrontierPoint> frontier, double privacy)
    {
        var points = frontier.OrderBy(p => p.AveragePrivacy).ToArray();
        if (privacy <= points[0].AveragePrivacy)
        {
            return points[0].AverageCost;
        }

        for (int i = 1; i < points.Length; i++)
        {
            if (privacy <= points[i].AveragePrivacy)
            {
                var (a, b) = (points[i - 1], points[i]);
                double span = b.AveragePrivacy - a.AveragePrivacy;
                return span <= 0 ? b.AverageCost : a.AverageCost + ((privacy - a.AveragePrivacy) / span * (b.AverageCost - a.AverageCost));
            }
        }

        return double.NaN; // more privacy than any binary policy of the model reaches
    }

    /// <summary>Places each scheme of the Fig. 7 rows against the frontier of its arrival size.</summary>
    public static IReadOnlyList<SchemePoint> Place(IReadOnlyDictionary<double, IReadOnlyList<FrontierPoint>> frontiers, IReadOnlyList<ResultRow> rows)
    {
        var points = new List<SchemePoint>();
        foreach (var row in rows)
        {
            if (row.Shown(Metrics.Cost) is not { } cost || row.Shown(Metrics.Privacy) is not { } privacy)
            {
                continue;
            }

            double d = row.Setting.ArrivalKbit ?? 0;
            double frontierCost = CostAt(frontiers[d], privacy.Mean);
            double halfWidth = double.IsFinite(cost.Ci95High - cost.Mean) ? cost.Ci95High - cost.Mean : 0;
            double privacyLow = double.IsFinite(privacy.Ci95Low) ? privacy.Ci95Low : privacy.Mean;
            double maxPrivacy = frontiers[d].Max(p => p.AveragePrivacy);

            // Judged with the 95% intervals and a 2% margin, in the frontier's favour: a point is above it only when even
            // its lowest plausible privacy is out of the frontier's reach, or costs clearly less than the frontier allows
            // there. (With few evaluation runs, as under --quick, a t-interval from a handful of runs is itself noisy.)
            const double margin = 0.02;
            double costAtLowPrivacy = CostAt(frontiers[d], privacyLow);
            bool above = privacyLow > maxPrivacy * (1 + margin)
                || (double.IsFinite(costAtLowPrivacy) && cost.Mean + halfWidth < costAtLowPrivacy * (1 - margin));
            string verdict;
            if (above)
            {
                verdict = Fig7Privacy.FractionalSchemes.Contains(row.Scheme)
                    ? "above the frontier: action-set gap (fractional offloading rates; the LP has binary actions)"
                    : "above the frontier: discretisation gap of the LP's state model, or a bug";
            }
            else if (double.IsNaN(frontierCost) || cost.Mean - halfWidth <= frontierCost * (1 + margin))
            {
                verdict = "on the frontier (within the 95% intervals)";
            }
            else
            {
                verdict = "inside (costlier than the frontier)";
            }

            points.Add(new SchemePoint(d, row.Scheme, cost, privacy.Mean, frontierCost, verdict));
        }

        return points;
    }

    /// <summary>The file name of the frontier CSV in the output directory.</summary>
    public const string CsvFile = "fig7_frontier.csv";

    /// <summary>
    /// Writes <c>fig7_frontier.csv</c>: the frontier points (kind = frontier; the LP's exact cost, no interval) and the
    /// scheme points (kind = scheme; their cost in the one interval format, cost_ci95_low, cost_ci95_high, cost_n).
    /// </summary>
    public static void WriteCsv(string path, IReadOnlyDictionary<double, IReadOnlyList<FrontierPoint>> frontiers, IReadOnlyList<SchemePoint> schemes)
    {
        var text = new StringBuilder("kind,arrival_kbit,scheme,privacy_floor_fraction,privacy_floor,cost,cost_ci95_low,cost_ci95_high,cost_n,privacy,frontier_cost_at_privacy,verdict\n");
        foreach (var (d, frontier) in frontiers)
        {
            foreach (var p in frontier)
            {
                text.Append(CultureInfo.InvariantCulture, $"frontier,{d},lp,{p.Fraction},{CsvNumber(p.PrivacyFloor)},{CsvNumber(p.AverageCost)},,,,{CsvNumber(p.AveragePrivacy)},,\n");
            }
        }

        foreach (var s in schemes)
        {
            text.Append(CultureInfo.InvariantCulture, $"scheme,{s.ArrivalKbit},{s.Scheme.Name},,,{CsvNumber(s.Cost.Mean)},{CsvNumber(s.Cost.Ci95Low)},{CsvNumber(s.Cost.Ci95High)},{s.Cost.N},{CsvNumber(s.Privacy)},{CsvNumber(s.FrontierCost)},\"{s.Verdict}\"\n");
        }

        AtomicFile.WriteAllText(path, text.ToString());
    }
}
