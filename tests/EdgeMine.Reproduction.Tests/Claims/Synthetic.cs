using EdgeMine.Cells;
using EdgeMine.Experiments;
using EdgeMine.Schemes;
using EdgeMine.Simulation;

namespace EdgeMine.Tests.Claims;

/// <summary>
/// Synthetic cells with known per-run values, so that the judging rules can be checked against differences worked out
/// by hand: a baseline is one cell, a learner one cell per training seed, every cell on the same evaluation runs.
/// </summary>
internal static class Synthetic
{
    /// <summary>
    /// One evaluated cell whose listed metrics take the given per-run values, in their shown units (ms for latency);
    /// every other base metric is 0.
    /// </summary>
    public static CellResult Cell(Scheme scheme, int miners, int tasks, params (Metric Metric, double[] Runs)[] metrics)
    {
        int runs = metrics.Length == 0 ? 1 : metrics[0].Runs.Length;
        var shape = new RunShape(miners * tasks, 1);
        var perRun = Metrics.Base.ToDictionary(m => m, _ => new double[runs]);
        foreach (var (metric, values) in metrics)
        {
            perRun[metric.Stored] = values.Select(v => v / metric.ShownScale(shape)).ToArray();
        }

        var summary = PolicyEvaluation.Summarise(scheme.Name, perRun, 100, shape);
        return new CellResult
        {
            Key = scheme.Name,
            Scheme = scheme,
            Status = CellStatus.Ok,
            Evaluations = [SchemeEvaluation.From(scheme, summary)],
        };
    }

    /// <summary>A baseline's row: one cell with the given per-run values.</summary>
    public static ResultRow Baseline(Setting setting, Scheme scheme, params (Metric Metric, double[] Runs)[] metrics) =>
        new(setting, scheme, [Cell(scheme, setting.Miners, setting.Tasks, metrics)], Shape(setting));

    /// <summary>
    /// A learner's row, one cell per seed; seed k's per-run values of a metric are its value plus <paramref name="runNoise"/>
    /// (which averages to 0 over the runs, so that seed k's mean is exactly its value).
    /// </summary>
    public static ResultRow Learner(Setting setting, Scheme scheme, double[] runNoise, params (Metric Metric, double[] Seeds)[] metrics)
    {
        int seeds = metrics[0].Seeds.Length;
        var cells = Enumerable.Range(0, seeds)
            .Select(k => Cell(scheme, setting.Miners, setting.Tasks, metrics.Select(m => (m.Metric, runNoise.Select(n => m.Seeds[k] + n).ToArray())).ToArray()))
            .ToArray();
        return new ResultRow(setting, scheme, cells, Shape(setting));
    }

    /// <summary>A row of a scheme that did not apply.</summary>
    public static ResultRow NotApplicable(Setting setting, Scheme scheme) => new(
        setting,
        scheme,
        [new CellResult { Key = scheme.Name, Scheme = scheme, Status = CellStatus.NotApplicable, Reason = "joint head too large" }],
        Shape(setting));

    /// <summary>The same value in every run.</summary>
    public static double[] Constant(double value, int runs = 4) => Enumerable.Repeat(value, runs).ToArray();

    private static RunShape Shape(Setting setting) => new(setting.Miners * setting.Tasks, 1);
}
