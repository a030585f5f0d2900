using EdgeMine.Simulation;

namespace EdgeMine.Experiments;

/// <summary>
/// The judging rules of MODEL.md section 11, on intervals: a comparison holds when the 95% interval of the paired
/// difference excludes 0 in the claimed direction, does not hold when it excludes 0 the other way, and is
/// indistinguishable otherwise (ties included); a claim over several points holds when every point holds, does not
/// hold when any does not, and is indistinguishable otherwise; a trend is judged by the least-squares slope's interval;
/// stability by an equivalence test of two windows' difference against a tolerance.
/// </summary>
internal static class Judge
{
    /// <summary>The outcome of a comparison whose paired difference A - B is <paramref name="difference"/>.</summary>
    public static ClaimOutcome Compare(Interval difference, Direction claimed)
    {
        ArgumentNullException.ThrowIfNull(difference);
        if (!difference.HasBounds)
        {
            return ClaimOutcome.Indistinguishable; // one unit: no interval, nothing is decided outside noise
        }

        bool below = difference.High < 0, above = difference.Low > 0;
        return (claimed, below, above) switch
        {
            (Direction.Below, true, _) or (Direction.Above, _, true) => ClaimOutcome.Holds,
            (Direction.Below, _, true) or (Direction.Above, true, _) => ClaimOutcome.DoesNotHold,
            _ => ClaimOutcome.Indistinguishable,
        };
    }

    /// <summary>
    /// The outcome of a claim over several parts: holds when every evaluated part holds, does not hold when any does
    /// not, indistinguishable otherwise; not evaluated when no part was.
    /// </summary>
    public static ClaimOutcome Combine(IEnumerable<ClaimOutcome> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var evaluated = parts.Where(p => p != ClaimOutcome.NotEvaluated).ToArray();
        if (evaluated.Length == 0)
        {
            return ClaimOutcome.NotEvaluated;
        }

        return evaluated.Contains(ClaimOutcome.DoesNotHold) ? ClaimOutcome.DoesNotHold
            : evaluated.All(p => p == ClaimOutcome.Holds) ? ClaimOutcome.Holds
            : ClaimOutcome.Indistinguishable;
    }

    /// <summary>
    /// The least-squares slope of y on x over every point (one per unit and setting), with its 95% t-interval on n - 2
    /// degrees of freedom; no bounds with fewer than three points or a single x.
    /// </summary>
    public static Interval Slope(IReadOnlyList<(double X, double Y)> points, string units)
    {
        ArgumentNullException.ThrowIfNull(points);
        int n = points.Count;
        if (n < 2)
        {
            return new Interval(double.NaN, double.NaN, double.NaN, n, units);
        }

        double meanX = points.Average(p => p.X), meanY = points.Average(p => p.Y);
        double sxx = points.Sum(p => (p.X - meanX) * (p.X - meanX));
        if (sxx <= 0)
        {
            return new Interval(double.NaN, double.NaN, double.NaN, n, units);
        }

        double slope = points.Sum(p => (p.X - meanX) * (p.Y - meanY)) / sxx;
        if (n < 3)
        {
            return new Interval(slope, double.NaN, double.NaN, n, units);
        }

        double intercept = meanY - (slope * meanX);
        double residuals = points.Sum(p => Math.Pow(p.Y - intercept - (slope * p.X), 2));
        double halfWidth = Statistics.StudentT975(n - 2) * Math.Sqrt(residuals / (n - 2) / sxx);
        return new Interval(slope, slope - halfWidth, slope + halfWidth, n, units);
    }

    /// <summary>
    /// Equivalence of two windows: holds when the whole interval of their difference lies within
    /// (-<paramref name="tolerance"/>, <paramref name="tolerance"/>), does not hold when it lies wholly outside, and
    /// is indistinguishable otherwise.
    /// </summary>
    public static ClaimOutcome Within(Interval difference, double tolerance)
    {
        ArgumentNullException.ThrowIfNull(difference);
        if (!difference.HasBounds || !(tolerance > 0))
        {
            return ClaimOutcome.Indistinguishable;
        }

        return difference.Low > -tolerance && difference.High < tolerance ? ClaimOutcome.Holds
            : difference.Low >= tolerance || difference.High <= -tolerance ? ClaimOutcome.DoesNotHold
            : ClaimOutcome.Indistinguishable;
    }

    /// <summary>
    /// The paired difference A - B of <paramref name="metric"/> (shown units) between two rows of one setting. When
    /// either is a learner with several training seeds, over the seeds (seed k with seed k; a baseline's mean with every
    /// seed: all meet the same evaluation runs), unless the interval over the evaluation runs of the seed-averaged
    /// difference is wider: a learner whose seeds agree (the CMDP's LP) still has evaluation noise. Otherwise over the
    /// evaluation runs (run r with run r).
    /// </summary>
    public static Interval Paired(ResultRow a, ResultRow b, Metric metric)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        double[] ar = a.RunValues(metric), br = b.RunValues(metric);
        double[] runDifferences = Enumerable.Range(0, Math.Min(ar.Length, br.Length)).Select(r => ar[r] - br[r]).ToArray();
        if (!a.BySeeds && !b.BySeeds)
        {
            return Interval.Of(runDifferences, "evaluation runs");
        }

        int seeds = a.BySeeds && b.BySeeds ? Math.Min(a.Seeds, b.Seeds) : Math.Max(a.Seeds, b.Seeds);
        double[] av = a.BySeeds ? a.SeedValues(metric) : Enumerable.Repeat(a.Mean(metric)!.Value, seeds).ToArray();
        double[] bv = b.BySeeds ? b.SeedValues(metric) : Enumerable.Repeat(b.Mean(metric)!.Value, seeds).ToArray();
        var (e, overRuns) = Estimate.OverSeeds(Enumerable.Range(0, seeds).Select(k => av[k] - bv[k]).ToArray(), runDifferences);
        return new Interval(e.Mean, e.Low, e.High, e.Count, overRuns ? "evaluation runs" : "training seeds");
    }
}
