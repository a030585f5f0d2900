using System.Globalization;
using System.Text;
using EdgeMine.IO;
using EdgeMine.Privacy;

namespace EdgeMine.Experiments;

/// <summary>
/// Beyond the paper (Fig. 7): which scheme wins on privacy depends on where the CMDP's privacy floor is set, so the
/// cost-privacy trade-off itself is drawn. The occupation-measure LP solved over a range of floors gives the exact
/// frontier of the discretised single-miner model (binary actions); every scheme's simulated (cost, privacy) point is
/// placed against it.
/// </summary>
public static class PrivacyFrontier
{
    /// <summary>Privacy floors as fractions of the largest average privacy: 0, 0.05, ..., 1.</summary>
    public static IReadOnlyList<double> Fractions { get; } = Enumerable.Range(0, 21).Select(i => i / 20.0).ToArray();

    /// <summary>One scheme's point against the frontier at its arrival size.</summary>
    public sealed record SchemePoint(double ArrivalKbit, string Scheme, double Cost, double CostHalfWidth, double Privacy, double FrontierCost, string Verdict);

    /// <summary>The frontier at each arrival size of the plan.</summary>
    public static IReadOnlyDictionary<double, IReadOnlyList<FrontierPoint>> Solve(ReproductionOptions options, ExperimentPlan plan)
    {
        var frontiers = new SortedDictionary<double, IReadOnlyList<FrontierPoint>>();
        foreach (var setting in plan.Settings)
        {
            var parameters = setting.Apply(options.Parameters);
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
            if (row.Metric("cost") is not { } cost || row.Metric("privacy") is not { } privacy)
            {
                continue;
            }

            double d = row.Setting.ArrivalKbit ?? 0;
            double frontierCost = CostAt(frontiers[d], privacy.Mean);
            double halfWidth = double.IsFinite(cost.High - cost.Mean) ? cost.High - cost.Mean : 0;
            double privacyLow = double.IsFinite(privacy.Low) ? privacy.Low : privacy.Mean;
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
                verdict = row.Scheme.Name == "rl-privacy"
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

            points.Add(new SchemePoint(d, row.Scheme.Name, cost.Mean, halfWidth, privacy.Mean, frontierCost, verdict));
        }

        return points;
    }

    /// <summary>The file name of the frontier CSV in the output directory.</summary>
    public const string CsvFile = "fig7_frontier.csv";

    /// <summary>A frontier point as read back from the CSV: arrival size, cost, privacy.</summary>
    public readonly record struct StoredFrontierPoint(double ArrivalKbit, double Cost, double Privacy);

    /// <summary>Reads the frontier and scheme points of a <c>fig7_frontier.csv</c>; empty lists when the file is absent.</summary>
    public static (IReadOnlyList<StoredFrontierPoint> Frontier, IReadOnlyList<SchemePoint> Schemes) ReadCsv(string path)
    {
        var frontier = new List<StoredFrontierPoint>();
        var schemes = new List<SchemePoint>();
        if (!File.Exists(path))
        {
            return (frontier, schemes);
        }

        static double Parse(string text) => text.Length == 0 ? double.NaN : double.Parse(text, CultureInfo.InvariantCulture);
        foreach (string line in File.ReadLines(path).Skip(1))
        {
            // The verdict, last, is quoted and may hold commas: split the first nine fields only.
            string[] f = line.Split(',', 10);
            if (f[0] == "frontier")
            {
                frontier.Add(new StoredFrontierPoint(Parse(f[1]), Parse(f[5]), Parse(f[7])));
            }
            else
            {
                schemes.Add(new SchemePoint(Parse(f[1]), f[2], Parse(f[5]), Parse(f[6]), Parse(f[7]), Parse(f[8]), f[9].Trim('"')));
            }
        }

        return (frontier, schemes);
    }

    /// <summary>Writes <c>fig7_frontier.csv</c>: the frontier points (kind = frontier) and the scheme points (kind = scheme).</summary>
    public static void WriteCsv(string path, IReadOnlyDictionary<double, IReadOnlyList<FrontierPoint>> frontiers, IReadOnlyList<SchemePoint> schemes)
    {
        var text = new StringBuilder("kind,arrival_kbit,scheme,privacy_floor_fraction,privacy_floor,cost,cost_ci_half_width,privacy,frontier_cost_at_privacy,verdict\n");
        foreach (var (d, frontier) in frontiers)
        {
            foreach (var p in frontier)
            {
                text.Append(CultureInfo.InvariantCulture, $"frontier,{d},lp,{p.Fraction},{ResultTables.Number(p.PrivacyFloor)},{ResultTables.Number(p.AverageCost)},,{ResultTables.Number(p.AveragePrivacy)},,\n");
            }
        }

        foreach (var s in schemes)
        {
            text.Append(CultureInfo.InvariantCulture, $"scheme,{s.ArrivalKbit},{s.Scheme},,,{ResultTables.Number(s.Cost)},{ResultTables.Number(s.CostHalfWidth)},{ResultTables.Number(s.Privacy)},{ResultTables.Number(s.FrontierCost)},\"{s.Verdict}\"\n");
        }

        AtomicFile.WriteAllText(path, text.ToString());
    }
}
