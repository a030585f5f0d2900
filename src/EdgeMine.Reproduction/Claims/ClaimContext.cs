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

    public Claim NotEvaluated(string statement, string why) => new(Name, statement, ClaimOutcome.NotEvaluated, why) { Id = Name + ".none" };

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
    /// claimed direction (positive: the claim's way), beside the paper's <paramref name="paperPercent"/> (its magnitude).
    /// Undecided, it is an exact tie (identical values in every run and seed), equivalent within
    /// <see cref="Judge.RelativeTolerancePercent"/> of |B|, or inconclusive with the units that would decide it.
    /// </summary>
    public ClaimPart Compare(Setting setting, Scheme a, Scheme b, Metric metric, Direction claimed, double? paperPercent = null, string? label = null)
    {
        ArgumentNullException.ThrowIfNull(setting);
        ArgumentNullException.ThrowIfNull(metric);
        var (lower, higher) = claimed == Direction.Below ? (a, b) : (b, a);
        string key = FormattableString.Invariant($"{setting.Key}|{metric.Key}|{lower.Name}<{higher.Name}");
        ClaimOutcome StandIn(IReadOnlySet<Scheme> replaced) => StoodIn(setting, a, b, metric, claimed, replaced);
        if (Ok(setting, a) is not { } rowA)
        {
            return ClaimPart.NotEvaluated(Missing(setting, a), a, b) with { Key = key, StandIn = StandIn };
        }

        if (Ok(setting, b) is not { } rowB)
        {
            return ClaimPart.NotEvaluated(Missing(setting, b), a, b) with { Key = key, StandIn = StandIn };
        }

        if (ReferenceEquals(rowA.Cells, rowB.Cells))
        {
            // A calibration stands the learners in by the per-slot optimum: two of them compared are one policy.
            return ClaimPart.NotEvaluated(FormattableString.Invariant($"{a.Label} vs {b.Label}: both stood in for by the same policy"), a, b) with { Key = key };
        }

        return Compare(rowA, a.Label, rowB, b.Label, metric, claimed, paperPercent, label) with { Key = key, StandIn = StandIn };
    }

    /// <summary>
    /// The comparison of two rows with numbers, named <paramref name="labelA"/> and <paramref name="labelB"/>, judged as
    /// <see cref="Compare(Setting, Scheme, Scheme, Metric, Direction, double?, string?)"/> judges two schemes' rows: also
    /// two rows of one scheme run with different learner options (an ablation's arms). No key and no stand-in.
    /// </summary>
    public static ClaimPart Compare(ResultRow rowA, string labelA, ResultRow rowB, string labelB, Metric metric, Direction claimed, double? paperPercent = null, string? label = null)
    {
        ArgumentNullException.ThrowIfNull(rowA);
        ArgumentNullException.ThrowIfNull(rowB);
        ArgumentNullException.ThrowIfNull(metric);
        var difference = Judge.Paired(rowA, rowB, metric);
        bool identical = Judge.Identical(rowA, rowB, metric);
        double reference = rowB.Mean(metric)!.Value;
        var margin = Margin(difference, reference, claimed);
        var undecided = identical ? ClaimOutcome.ExactTie : Judge.Undecided(margin, Judge.RelativeTolerancePercent);
        var outcome = identical ? ClaimOutcome.ExactTie : Judge.Decide(difference, claimed) ?? undecided;
        string word = claimed == Direction.Below ? "below" : "above";
        string paper = paperPercent is { } p ? FormattableString.Invariant($"{PaperNumber(p)}% {word}") : "";
        string numbers = FormattableString.Invariant($"{labelA} {Number(rowA.Mean(metric)!.Value)} vs {labelB} {Number(reference)}: ")
            + (identical ? "an exact tie (identical in every run and seed)" : Relative(margin, claimed, labelB));
        string detail = (label is null ? "" : label + ": ") + numbers + (paper.Length > 0 ? $" (paper {paper})" : "");
        return new ClaimPart(outcome, margin, margin.Mean, detail, paper)
        {
            Schemes = [.. new[] { rowA.Scheme, rowB.Scheme }.Distinct()],
            PValue = identical ? 1 : Judge.PValue(difference),
            Undecided = undecided,
            PaperValue = paperPercent,
            UnitsToDecide = Judge.UnitsToDecide(difference),
        };
    }

    /// <summary>
    /// A comparison's outcome with the per-slot optimum in the place of each learner of <paramref name="replaced"/>; not
    /// evaluated when both sides become the optimum or a row is missing.
    /// </summary>
    private ClaimOutcome StoodIn(Setting setting, Scheme a, Scheme b, Metric metric, Direction claimed, IReadOnlySet<Scheme> replaced)
    {
        var optimum = BaselineScheme.Optimal;
        Scheme a2 = replaced.Contains(a) ? optimum : a, b2 = replaced.Contains(b) ? optimum : b;
        if (a2.Equals(b2) || Ok(setting, a2) is not { } rowA || Ok(setting, b2) is not { } rowB)
        {
            return ClaimOutcome.NotEvaluated;
        }

        return Judge.Compare(Judge.Paired(rowA, rowB, metric), claimed);
    }

    /// <summary>
    /// The trend "<paramref name="metric"/> of <paramref name="scheme"/> rises (or falls) with x": the sign of the
    /// least-squares slope over every unit at every setting (seeds for a learner with several, else evaluation runs),
    /// with its 95% interval. Undecided, it is equivalent (flat) when the slope is within the tolerance: a change over the
    /// range of x of at most <see cref="Judge.RelativeTolerancePercent"/> of the mean level.
    /// </summary>
    public ClaimPart Trend(Scheme scheme, Metric metric, Func<Setting, double> x, string xName, Direction claimed)
    {
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(x);
        var (points, detail, units) = TrendPoints(scheme, metric, x);
        if (points is null)
        {
            return ClaimPart.NotEvaluated(detail, scheme);
        }

        if (points.Select(p => p.X).Distinct().Count() < 2)
        {
            return ClaimPart.NotEvaluated("a trend needs at least two settings", scheme);
        }

        var slope = Judge.Slope(points, units);
        double range = points.Max(p => p.X) - points.Min(p => p.X);
        double tolerance = Judge.RelativeTolerancePercent / 100 * Math.Abs(points.Average(p => p.Y)) / range;
        var undecided = Judge.Undecided(slope, tolerance);
        var outcome = Judge.Decide(slope, claimed) ?? undecided;
        string text = FormattableString.Invariant(
            $"{scheme.Label}: {detail}; slope {Number(slope.Mean)} per {xName} {Bounds(slope)}");
        double support = claimed == Direction.Above ? slope.Mean : -slope.Mean;
        return new ClaimPart(outcome, slope, support, text)
        {
            Schemes = [scheme],
            PValue = Judge.PValue(slope),
            Undecided = undecided,
            UnitsToDecide = Judge.UnitsToDecide(slope),
            Key = FormattableString.Invariant($"{string.Join("+", Settings.Select(s => s.Key))}|{metric.Key}|{scheme.Name}|trend-{claimed}"),
            StandIn = replaced => replaced.Contains(scheme) ? TrendOutcome(BaselineScheme.Optimal, metric, x, claimed) : outcome,
        };
    }

    /// <summary>The trend's outcome for another scheme (the optimum standing in), decided or inconclusive.</summary>
    private ClaimOutcome TrendOutcome(Scheme scheme, Metric metric, Func<Setting, double> x, Direction claimed)
    {
        var (points, _, units) = TrendPoints(scheme, metric, x);
        return points is null || points.Select(p => p.X).Distinct().Count() < 2 ? ClaimOutcome.NotEvaluated : Judge.Compare(Judge.Slope(points, units), claimed);
    }

    /// <summary>Every unit's (x, y) of a scheme over the settings, its means in words and the units; null points when a setting has no row.</summary>
    private (List<(double X, double Y)>? Points, string Detail, string Units) TrendPoints(Scheme scheme, Metric metric, Func<Setting, double> x)
    {
        var points = new List<(double X, double Y)>();
        var means = new List<string>();
        string units = "evaluation runs";
        foreach (var setting in Settings.OrderBy(x))
        {
            if (Ok(setting, scheme) is not { } row)
            {
                return (null, Missing(setting, scheme), units);
            }

            units = row.Units;
            points.AddRange((row.BySeeds ? row.SeedValues(metric) : row.RunValues(metric)).Select(y => (x(setting), y)));
            means.Add(Number(row.Mean(metric)!.Value));
        }

        return (points, string.Join(" -> ", means), units);
    }

    /// <summary>
    /// A claim from its parts: the outcome by <see cref="Judge.Combine"/>, the same with Holm-Bonferroni over the parts'
    /// p-values, the magnitude (every paper value inside our interval: consistent), the deciding part's value as ours
    /// (the weakest part of a claim that holds, the strongest against one that does not). Its cause is found later, with
    /// the evidence of the whole run (<see cref="ClaimCauses"/>).
    /// </summary>
    public Claim FromParts(string id, string statement, IReadOnlyList<ClaimPart> parts, string measure, string? paper = null, string? prefix = null, string? tolerance = null)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var outcome = Judge.Combine(parts.Select(p => p.Outcome));
        string detail = (prefix is null ? "" : prefix + ": ") + Summary(parts);
        if (outcome == ClaimOutcome.NotEvaluated)
        {
            return NotEvaluated(statement, detail) with { Id = id, Parts = parts, Measure = measure, Tolerance = tolerance ?? Judge.RelativeToleranceText };
        }

        var rejected = Judge.Holm(parts.Select(p => p.Outcome == ClaimOutcome.NotEvaluated ? double.NaN : p.PValue).ToArray());
        var inside = parts.Select(p => p.PaperInside).OfType<bool>().ToArray();
        var deciding = parts.Where(p => p.Outcome == outcome).MinBy(p => p.Support) ?? parts.First(p => p.Outcome != ClaimOutcome.NotEvaluated);
        return new Claim(Name, statement, outcome, detail)
        {
            Id = id,
            Parts = parts,
            Partial = parts.Any(p => p.Outcome == ClaimOutcome.NotEvaluated),
            Ours = deciding.Value,
            Measure = measure,
            Paper = paper ?? deciding.Paper,
            OutcomeHolm = Judge.Combine(parts.Select((p, i) => p.HolmOutcome(rejected[i]))),
            Magnitude = inside.Length == 0 ? Magnitude.NotApplicable : inside.All(x => x) ? Magnitude.Consistent : Magnitude.Differs,
            Tolerance = tolerance ?? Judge.RelativeToleranceText,
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
