using EdgeMine.Experiments;
using EdgeMine.Schemes;
using EdgeMine.Simulation;

namespace EdgeMine.Calibration;

/// <summary>
/// The reported ratios of the objective (MODEL.md section 12): the squared error of the log of each ratio the paper
/// reports against ours, the learners stood in for by the per-slot optimum. Tables II-III: EO/NO, RLO/NO and DRLO/NO in
/// each column at each N, and each scheme's N = 10 against its N = 5; Fig. 6: DRLO's cost against RLO's, EO's and NO's
/// at M = 12. The paper's numbers come from the experiments (one home).
/// </summary>
internal static class Objective
{
    /// <summary>The sum of squared log-ratio errors of an experiment's results (0 for an experiment with no reported ratio).</summary>
    public static double RatioErrors(ExperimentResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return Ratios(results).Sum(r => Math.Pow(Math.Log(r.Ours) - Math.Log(r.Paper), 2));
    }

    /// <summary>Every reported ratio this experiment's results can be compared on: what, ours, the paper's.</summary>
    public static IEnumerable<(string What, double Ours, double Paper)> Ratios(ExperimentResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var context = new ClaimContext(results);
        if (results.Experiment is MultiMinerTables)
        {
            var never = BaselineScheme.Never;
            foreach (var (metric, paper, _) in MultiMinerTables.TableMetrics)
            {
                foreach (var setting in results.Settings)
                {
                    foreach (var scheme in MultiMinerTables.PaperRanking(setting).Where(s => !s.Equals(never)))
                    {
                        if (Ratio(context, setting, scheme, setting, never, metric) is { } ours
                            && MultiMinerTables.PaperRow(setting.Beta, scheme, setting.Miners) is { } a && MultiMinerTables.PaperRow(setting.Beta, never, setting.Miners) is { } b)
                        {
                            yield return (FormattableString.Invariant($"{scheme.Label}/NO {metric.ShortName} at N={setting.Miners}"), ours, paper(a) / paper(b));
                        }
                    }
                }

                var five = results.Settings.FirstOrDefault(s => s.Miners == 5);
                var ten = results.Settings.FirstOrDefault(s => s.Miners == 10);
                if (five is null || ten is null)
                {
                    continue;
                }

                foreach (var (atTen, scheme) in MultiMinerTables.PaperRanking(ten).Zip(MultiMinerTables.PaperRanking(five)))
                {
                    if (Ratio(context, ten, atTen, five, scheme, metric) is { } ours
                        && MultiMinerTables.PaperRow(ten.Beta, atTen, 10) is { } a && MultiMinerTables.PaperRow(five.Beta, scheme, 5) is { } b)
                    {
                        yield return ($"{scheme.Label} {metric.ShortName} at N=10 over N=5", ours, paper(a) / paper(b));
                    }
                }
            }
        }
        else if (ReferenceEquals(results.Experiment, SingleMinerFigures.Fig6) && results.Settings.Count > 0)
        {
            var (largest, _) = context.LargestM();
            foreach (var (scheme, percent) in SingleMinerFigures.Fig6CostReductionPercent)
            {
                if (Ratio(context, largest, ReproductionSchemes.PaperDrlo(largest), largest, scheme, Metrics.Cost) is { } ours)
                {
                    yield return ($"DRLO/{scheme.Label} cost at M={largest.Tasks}", ours, 1 - (percent / 100));
                }
            }
        }
    }

    // Ours: A's mean over B's, when both are positive.
    private static double? Ratio(ClaimContext context, Setting settingA, Scheme a, Setting settingB, Scheme b, Metric metric) =>
        context.Value(settingA, a, metric) is { } x && context.Value(settingB, b, metric) is { } y && x > 0 && y > 0 ? x / y : null;
}
