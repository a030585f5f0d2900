using EdgeMine.Reporting;
using EdgeMine.Schemes;
using EdgeMine.Simulation;

using static EdgeMine.Reporting.ReportFormat;

namespace EdgeMine.Experiments;

/// <summary>
/// What the claims of one experiment are judged on, with the judging helpers they share (MODEL.md section 11):
/// comparisons on paired differences, trends by slope, a claim from its parts with its deciding value and causes.
/// Missing data (cells that did not apply, experiments not run) gives "not evaluated", never an exception.
/// </summary>
internal sealed class ClaimContext(ExperimentResults results)
{
    public ExperimentResults Results { get; } = results;

    public IReadOnlyList<Setting> Settings => Results.Settings;

    private string Name => Results.Experiment.Name;

    /// <summary>The row of a scheme at a setting when it has numbers, else null.</summary>
    public ResultRow? Ok(Setting setting, Scheme scheme) => Results.Row(setting, scheme) is { IsOk: true } row ? row : null;

    /// <summary>The shown mean of <paramref name="metric"/> for <paramref name="scheme"/> at <paramref name="setting"/>, or null.</summary>
    public double? Value(Setting setting, Scheme scheme, Metric metric) => Ok(setting, scheme)?.Mean(metric);

    /// <summary>Why a scheme has no value at a setting: its cell's reason, or "not run".</summary>
    public string Missing(Setting setting, Scheme scheme)
    {
        var row = Results.Row(setting, scheme);
        string why = row is null ? "not run" : row.Reason ?? "not-applicable";
        return $"{scheme.Label} n/a at {setting.Describe()} ({why})";
    }

    public Claim NotEvaluated(string statement, string why) => new(Name, statement, ClaimOutcome.NotEvaluated, why);

    /// <summary>The single-miner setting with the largest M, and how the report names it (vs the paper's M = 12).</summary>
    public (Setting Setting, string Where) LargestM()
    {
        var setting = Settings.MaxBy(s => s.Tasks)!;
        string where = setting.Tasks == Paper.LargestTasks
            ? FormattableString.Invariant($"at M={setting.Tasks}")
            : FormattableString.Invariant($"at M={setting.Tasks} (the largest M run here; the paper's is M={Paper.LargestTasks})");
        return (setting, where);
    }

    /// <summary>
    /// The comparison "<paramref name="a"/> <paramref name="claimed"/> <paramref name="b"/> in <paramref name="metric"/>"
    /// at <paramref name="setting"/>, judged on the paired difference; its value is the margin in percent of |B| in the
    /// claimed direction (positive: the claim's way), beside the paper's <paramref name="paperPercent"/>.
    /// </summary>
    public ClaimPart Compare(Setting setting, Scheme a, Scheme b, Metric metric, Direction claimed, double? paperPercent = null, string? label = null)
    {
        ArgumentNullException.ThrowIfNull(setting);
        ArgumentNullException.ThrowIfNull(metric);
        if (Ok(setting, a) is not { } rowA)
        {
            return ClaimPart.NotEvaluated(Missing(setting, a));
        }

        if (Ok(setting, b) is not { } rowB)
        {
            return ClaimPart.NotEvaluated(Missing(setting, b));
        }

        if (ReferenceEquals(rowA.Cells, rowB.Cells))
        {
            // A calibration stands the learners in by the per-slot optimum: two of them compared are one policy.
            return ClaimPart.NotEvaluated(FormattableString.Invariant($"{a.Label} vs {b.Label}: both stood in for by the same policy"));
        }

        var difference = Judge.Paired(rowA, rowB, metric);
        var outcome = Judge.Compare(difference, claimed);
        double reference = rowB.Mean(metric)!.Value;
        var margin = Margin(difference, reference, claimed);
        string word = claimed == Direction.Below ? "below" : "above";
        string paper = paperPercent is { } p ? FormattableString.Invariant($"{PaperNumber(p)}% {word}") : "";
        string detail = (label is null ? "" : label + ": ") + FormattableString.Invariant(
            $"{a.Label} {Number(rowA.Mean(metric)!.Value)} vs {b.Label} {Number(reference)}: {Relative(margin, claimed, b.Label)}{(paper.Length > 0 ? $" (paper {paper})" : "")}");
        var cause = outcome == ClaimOutcome.DoesNotHold ? Diagnose(setting, a, b, metric, claimed) : null;
        return new ClaimPart(outcome, margin, margin.Mean, detail, paper, cause);
    }

    /// <summary>
    /// The trend "<paramref name="metric"/> of <paramref name="scheme"/> rises (or falls) with x": the sign of the
    /// least-squares slope over every unit at every setting (seeds for a learner with several, else evaluation runs),
    /// with its 95% interval.
    /// </summary>
    public ClaimPart Trend(Scheme scheme, Metric metric, Func<Setting, double> x, string xName, Direction claimed)
    {
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(x);
        var points = new List<(double X, double Y)>();
        var means = new List<string>();
        string units = "evaluation runs";
        foreach (var setting in Settings.OrderBy(x))
        {
            if (Ok(setting, scheme) is not { } row)
            {
                return ClaimPart.NotEvaluated(Missing(setting, scheme));
            }

            units = row.Units;
            points.AddRange((row.BySeeds ? row.SeedValues(metric) : row.RunValues(metric)).Select(y => (x(setting), y)));
            means.Add(Number(row.Mean(metric)!.Value));
        }

        if (points.Select(p => p.X).Distinct().Count() < 2)
        {
            return ClaimPart.NotEvaluated("a trend needs at least two settings");
        }

        var slope = Judge.Slope(points, units);
        var outcome = Judge.Compare(slope, claimed);
        string detail = FormattableString.Invariant(
            $"{scheme.Label}: {string.Join(" -> ", means)}; slope {Number(slope.Mean)} per {xName} {Bounds(slope)}");
        double support = claimed == Direction.Above ? slope.Mean : -slope.Mean;
        return new ClaimPart(outcome, slope, support, detail);
    }

    /// <summary>
    /// A claim from its parts: the outcome by <see cref="Judge.Combine"/>, the deciding part's value as ours (the
    /// weakest part of a claim that holds, the strongest against one that does not), the causes of the parts that do
    /// not hold.
    /// </summary>
    public Claim FromParts(string statement, IReadOnlyList<ClaimPart> parts, string measure, string? paper = null, string? prefix = null)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var outcome = Judge.Combine(parts.Select(p => p.Outcome));
        string detail = (prefix is null ? "" : prefix + ": ") + Summary(parts);
        if (outcome == ClaimOutcome.NotEvaluated)
        {
            return NotEvaluated(statement, detail);
        }

        var deciding = parts.Where(p => p.Outcome == outcome).MinBy(p => p.Support) ?? parts.First(p => p.Outcome != ClaimOutcome.NotEvaluated);
        return new Claim(Name, statement, outcome, detail)
        {
            Partial = parts.Any(p => p.Outcome == ClaimOutcome.NotEvaluated),
            Ours = deciding.Value,
            Measure = measure,
            Paper = paper ?? deciding.Paper,
            Causes = parts.Where(p => p.Cause is not null).Select(p => p.Cause!).DistinctBy(c => c.ToString()).ToArray(),
        };
    }

    /// <summary>Every part's detail; beyond <see cref="PartsListed"/> parts, a count and the parts that do not hold.</summary>
    private static string Summary(IReadOnlyList<ClaimPart> parts)
    {
        if (parts.Count <= PartsListed)
        {
            return string.Join("; ", parts.Select(p => p.Detail));
        }

        int holding = parts.Count(p => p.Outcome == ClaimOutcome.Holds);
        var others = parts.Where(p => p.Outcome != ClaimOutcome.Holds).ToArray();
        string text = FormattableString.Invariant($"{holding} of {parts.Count} comparisons hold");
        foreach (var group in others.GroupBy(p => p.Outcome))
        {
            text += $"; {Claim.Text(group.Key)}: " + string.Join("; ", group.Select(p => p.Detail));
        }

        return text;
    }

    /// <summary>Claims with more parts than this list only the parts that do not hold (with a count of those that do).</summary>
    private const int PartsListed = 6;

    /// <summary>
    /// Why a comparison does not hold. Between two fixed policies, the order follows from the constants (preset).
    /// Otherwise the learner is replaced by the per-slot optimum: if the optimum satisfies the comparison, the learner
    /// falls short (learner); if not, no reward-maximising policy does (model).
    /// </summary>
    private ClaimCause Diagnose(Setting setting, Scheme a, Scheme b, Metric metric, Direction claimed)
    {
        if (!a.IsLearner && !b.IsLearner)
        {
            return new ClaimCause(CauseClass.Preset, FormattableString.Invariant(
                $"{a.Label} and {b.Label} are fixed policies; their order in {metric.ShortName} is set by constants the paper does not state (MODEL.md section 9)"));
        }

        var optimum = BaselineScheme.Optimal;
        Scheme a2 = a.IsLearner ? optimum : a, b2 = a.IsLearner ? b : optimum;
        var learner = a.IsLearner ? a : b;
        if (a2.Equals(b2) || Ok(setting, a2) is not { } rowA || Ok(setting, b2) is not { } rowB)
        {
            return new ClaimCause(CauseClass.Learner, $"{learner.Label} falls short (no per-slot optimum to tell whether any policy could do better)");
        }

        var substituted = Judge.Compare(Judge.Paired(rowA, rowB, metric), claimed);
        string values = FormattableString.Invariant($"{a2.Label} {Number(rowA.Mean(metric)!.Value)} vs {b2.Label} {Number(rowB.Mean(metric)!.Value)}");
        return substituted == ClaimOutcome.Holds
            ? new ClaimCause(CauseClass.Learner, $"with the per-slot optimum in {learner.Label}'s place it holds ({values}); {learner.Label} falls short")
            : new ClaimCause(CauseClass.Model, FormattableString.Invariant(
                $"with the per-slot optimum in {learner.Label}'s place it {(substituted == ClaimOutcome.DoesNotHold ? "does not hold" : "is indistinguishable")} either ({values}); the reward [eq. 14] trades {metric.ShortName} against the other terms"));
    }

    /// <summary>
    /// A margin (percent of |reference|, positive in the claimed direction) in the report's one wording of a relative
    /// difference (<see cref="ReportFormat.Relative"/>): "10.9% below (95% CI -188.5% to 210.2%, ...)", "3.18x |RLO| above
    /// (95% CI 2.21x to 4.16x, ...)", the bounds in the direction and the unit of the words before them.
    /// </summary>
    private static string Relative(Interval margin, Direction claimed, string reference)
    {
        var above = margin.Scaled(claimed == Direction.Above ? 1 : -1);
        var worded = above.Mean >= 0 || !double.IsFinite(above.Mean) ? above : above.Scaled(-1);
        var (scale, unit) = RelativeUnit(above.Mean);
        return $"{ReportFormat.Relative(above.Mean, reference)} {Bounds(worded.Scaled(scale), unit)}";
    }

    /// <summary>The paired difference as a margin in percent of |reference|, positive in the claimed direction.</summary>
    private static Interval Margin(Interval difference, double reference, Direction claimed)
    {
        double scale = (reference == 0 ? double.NaN : 100 / Math.Abs(reference)) * (claimed == Direction.Below ? -1 : 1);
        return difference.Scaled(scale);
    }

    /// <summary>
    /// An interval's bounds and units, each bound followed by <paramref name="unit"/>: <c>(95% CI 2.10% to 11.0%, 5
    /// training seeds)</c>, or why there is none.
    /// </summary>
    public static string Bounds(Interval interval, string unit = "")
    {
        ArgumentNullException.ThrowIfNull(interval);
        return interval.HasBounds
            ? FormattableString.Invariant($"(95% CI {Number(interval.Low)}{unit} to {Number(interval.High)}{unit}, {interval.N} {interval.Units})")
            : FormattableString.Invariant($"(no interval: {interval.N} {interval.Units})");
    }
}
