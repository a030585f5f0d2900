using System.Globalization;
using System.Text;
using EdgeMine.IO;
using EdgeMine.Learning;
using EdgeMine.Simulation;

namespace EdgeMine.Experiments;

/// <summary>One row of an experiment's results: a scheme at a setting, with its metrics and optimality ratio.</summary>
public sealed record ResultRow(Setting Setting, Scheme Scheme, UnitResult Result, double OptimalityRatio)
{
    /// <summary>The metric's estimate, scaled (e.g. 1e3 for ms), or null when the cell did not apply.</summary>
    public MetricEstimate? Metric(string name, double scale = 1) =>
        Result.IsOk && Result.Metrics.TryGetValue(name, out var e) ? new MetricEstimate(e.Mean * scale, e.Low * scale, e.High * scale) : null;
}

/// <summary>The numbers of each experiment, as rows and as CSV files (mean and 95% CI bounds per metric).</summary>
public static class ResultTables
{
    /// <summary>A column of an experiment's CSV: metric name in the cell files, column name, scale.</summary>
    public sealed record Column(string Metric, string Name, double Scale = 1);

    /// <summary>The metric columns each experiment reports (the paper's axes, plus reward and privacy).</summary>
    public static IReadOnlyList<Column> ColumnsOf(string experiment) => experiment switch
    {
        "fig5" or "fig6" =>
        [
            new("energy_j", "energy_j"), new("latency_s", "latency_ms", 1e3), new("cost", "cost"),
            new("privacy", "privacy"), new("reward", "reward"),
        ],
        "table2" or "table3" or "fig4" =>
        [
            new("power_w", "power_w"), new("latency_s", "latency_ms", 1e3), new("latency_per_task_s", "latency_per_task_ms", 1e3),
            new("cost", "cost"), new("privacy", "privacy"), new("reward", "reward"),
        ],
        "fig7" => [new("privacy", "privacy"), new("cost", "cost"), new("reward", "reward")],
        _ => throw new ArgumentOutOfRangeException(nameof(experiment), experiment, "unknown experiment"),
    };

    /// <summary>The rows of <paramref name="plan"/> from the cell results, with optimality ratios per setting.</summary>
    public static IReadOnlyList<ResultRow> Rows(ExperimentPlan plan, IReadOnlyDictionary<string, UnitResult> results)
    {
        var rows = new List<ResultRow>();
        foreach (var setting in plan.Settings)
        {
            UnitResult Of(Scheme s) => results[new Cell(setting, s).Key];
            var random = Of(Scheme.Random);
            var optimal = Of(Scheme.Optimal);
            foreach (var scheme in plan.Schemes)
            {
                var result = Of(scheme);
                double ratio = result.IsOk
                    ? PolicyEvaluation.OptimalityRatio(result.Metrics["reward"].Mean, random.Metrics["reward"].Mean, optimal.Metrics["reward"].Mean)
                    : double.NaN;
                rows.Add(new ResultRow(setting, scheme, result, ratio));
            }
        }

        return rows;
    }

    /// <summary>Writes <c>{experiment}.csv</c>: setting columns, scheme, status, each metric with its CI, the optimality ratio.</summary>
    public static void WriteCsv(string path, ExperimentPlan plan, IReadOnlyList<ResultRow> rows)
    {
        var columns = ColumnsOf(plan.Name);
        var text = new StringBuilder("miners,tasks,beta,arrival_kbit,scheme,status");
        foreach (var c in columns)
        {
            text.Append(CultureInfo.InvariantCulture, $",{c.Name},{c.Name}_ci_low,{c.Name}_ci_high");
        }

        text.Append(",optimality_ratio,predicted_privacy,predicted_cost\n");
        foreach (var row in rows)
        {
            var s = row.Setting;
            text.Append(CultureInfo.InvariantCulture, $"{s.Miners},{s.Tasks},{s.Beta},{Number(s.ArrivalKbit)},{row.Scheme.Name},{row.Result.Status}");
            foreach (var c in columns)
            {
                var e = row.Metric(c.Metric, c.Scale);
                text.Append(CultureInfo.InvariantCulture, $",{Number(e?.Mean)},{Number(e?.Low)},{Number(e?.High)}");
            }

            text.Append(CultureInfo.InvariantCulture, $",{Number(row.OptimalityRatio)}");
            text.Append(CultureInfo.InvariantCulture, $",{Number(row.Result.Predicted.GetValueOrDefault("privacy", double.NaN))}");
            text.Append(CultureInfo.InvariantCulture, $",{Number(row.Result.Predicted.GetValueOrDefault("cost", double.NaN))}\n");
        }

        AtomicFile.WriteAllText(path, text.ToString());
    }

    /// <summary>
    /// Writes the learning curves of Fig. 4 (<c>fig4_curves.csv</c>: scheme, beta, slot, reward, moving average), thinned to
    /// at most about 1,000 points per curve.
    /// </summary>
    public static void WriteCurves(string path, string outDirectory, ExperimentPlan plan)
    {
        var text = new StringBuilder("scheme,beta,slot,reward,moving_average\n");
        foreach (var setting in plan.Settings)
        {
            foreach (var scheme in plan.Schemes.Where(s => s.IsLearner))
            {
                string curve = Path.Combine(outDirectory, Reproduction.ModelsDirectory, new Cell(setting, scheme).Key, TrainingDirectory.CurveFile);
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
                }
            }
        }

        AtomicFile.WriteAllText(path, text.ToString());
    }

    /// <summary>A CSV number: round-trippable, or empty when there is none.</summary>
    public static string Number(double? value) =>
        value is { } v && double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";
}
