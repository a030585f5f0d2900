using EdgeMine.Simulation;
using MathNet.Numerics.Distributions;

namespace EdgeMine.Experiments;

/// <summary>
/// The judging rules of MODEL.md section 11, on intervals. A comparison holds when the 95% interval of the paired
/// difference excludes 0 in the claimed direction and does not hold when it excludes 0 the other way; otherwise it is an
/// exact tie (identical values in every run and seed), equivalent (two one-sided tests at 5% each place the difference
/// within the claim's tolerance) or inconclusive (with the number of units that would decide it at the observed
/// effect). A claim of several parts holds when every part holds and does not hold when any does not; Holm-Bonferroni
/// over its parts' two-sided p-values gives the family-wise verdict beside it. A trend is judged by the least-squares
/// slope's interval, stability by an equivalence test of two windows' difference against a tolerance.
/// </summary>
internal static class Judge
{
    /// <summary>The family-wise error rate of a claim (and of every test of one part): 5%.</summary>
    public const double Alpha = 0.05;

    /// <summary>Two values are identical when they differ by at most this fraction of the larger magnitude (summation order).</summary>
    public const double IdenticalRelative = 1e-12;

    /// <summary>
    /// The tolerance of a comparison's equivalence test, in percent of the reference scheme's value (and of a trend's
    /// mean level over its range): half the smallest difference the paper reports as a finding, 5.2% (Fig. 7, DRLO above
    /// RL-privacy at 10 kbit). A difference within it is smaller than anything the paper calls a result.
    /// </summary>
    public const double RelativeTolerancePercent = 2.6;

    /// <summary>The tolerance in words, with where it comes from.</summary>
    public const string RelativeToleranceText = "within 2.6% of the reference's value (a trend: its change over the range within 2.6% of its mean level): half the smallest difference the paper reports as a finding, 5.2% (Fig. 7)";

    /// <summary>The most units <see cref="UnitsToDecide"/> looks for.</summary>
    public const int MaxUnitsToDecide = 1_000_000;

    /// <summary>The decided outcome of a comparison whose paired difference A - B is <paramref name="difference"/>, else inconclusive.</summary>
    public static ClaimOutcome Compare(Interval difference, Direction claimed) => Decide(difference, claimed) ?? ClaimOutcome.Inconclusive;

    /// <summary>
    /// The outcome of a comparison: an exact tie when <paramref name="identical"/> (the same values in every run and seed),
    /// else holds or does not hold by the 95% interval, else equivalent or inconclusive by two one-sided tests against
    /// <paramref name="tolerance"/> (in the interval's unit).
    /// </summary>
    public static ClaimOutcome Compare(Interval difference, Direction claimed, double tolerance, bool identical)
    {
        ArgumentNullException.ThrowIfNull(difference);
        return identical ? ClaimOutcome.ExactTie : Decide(difference, claimed) ?? Undecided(difference, tolerance);
    }

    /// <summary>Holds or does not hold when the 95% interval excludes 0, else null (one unit: no interval, nothing decided).</summary>
    public static ClaimOutcome? Decide(Interval difference, Direction claimed)
    {
        ArgumentNullException.ThrowIfNull(difference);
        if (!difference.HasBounds)
        {
            return null;
        }

        bool below = difference.High < 0, above = difference.Low > 0;
        return (claimed, below, above) switch
        {
            (Direction.Below, true, _) or (Direction.Above, _, true) => ClaimOutcome.Holds,
            (Direction.Below, _, true) or (Direction.Above, true, _) => ClaimOutcome.DoesNotHold,
            _ => null,
        };
    }

    /// <summary>What an undecided difference is: equivalent within <paramref name="tolerance"/>, else inconclusive.</summary>
    public static ClaimOutcome Undecided(Interval difference, double tolerance) =>
        Equivalent(difference, tolerance) ? ClaimOutcome.Equivalent : ClaimOutcome.Inconclusive;

    /// <summary>
    /// Two one-sided tests at <see cref="Alpha"/> each (TOST): the difference lies within (-tolerance, tolerance) when
    /// both mean - t_{0.95, df} se &gt; -tolerance and mean + t_{0.95, df} se &lt; tolerance, that is when the 90% interval
    /// lies inside. False without an interval or a positive tolerance.
    /// </summary>
    public static bool Equivalent(Interval difference, double tolerance)
    {
        ArgumentNullException.ThrowIfNull(difference);
        double se = difference.StandardError;
        if (!(tolerance > 0) || !double.IsFinite(se))
        {
            return false;
        }

        double t95 = StudentT.InvCDF(0, 1, difference.DegreesOfFreedom, 1 - Alpha);
        return difference.Mean - (t95 * se) > -tolerance && difference.Mean + (t95 * se) < tolerance;
    }

    /// <summary>
    /// The two-sided p-value of "the difference is 0": 2 P(T_df &gt; |mean / se|), with se from the interval's bounds
    /// (<see cref="Interval.StandardError"/>), so that p &lt; 5% exactly when the 95% interval excludes 0 (up to the
    /// t table's three decimals). NaN without an interval; with se = 0, 1 for a mean of 0 and 0 otherwise.
    /// </summary>
    public static double PValue(Interval difference)
    {
        ArgumentNullException.ThrowIfNull(difference);
        double se = difference.StandardError;
        if (double.IsNaN(se))
        {
            return double.NaN;
        }

        if (se == 0)
        {
            return difference.Mean == 0 ? 1 : 0;
        }

        double t = Math.Abs(difference.Mean / se);
        return Math.Min(1, 2 * (1 - StudentT.CDF(0, 1, difference.DegreesOfFreedom, t)));
    }

    /// <summary>
    /// How many units (seeds or runs, as the interval's) would make the 95% interval exclude 0 at the observed mean and
    /// spread: the least n with t_{0.975, n-1} s / sqrt(n) &lt; |mean|, s = se sqrt(N). Null when no number would (a mean
    /// of 0, no interval, or more than <see cref="MaxUnitsToDecide"/>).
    /// </summary>
    public static int? UnitsToDecide(Interval difference)
    {
        ArgumentNullException.ThrowIfNull(difference);
        double se = difference.StandardError, effect = Math.Abs(difference.Mean);
        if (!(effect > 0) || !double.IsFinite(se) || se <= 0)
        {
            return null;
        }

        double sd = se * Math.Sqrt(difference.N);
        int n = Math.Max(2, difference.N);
        while (n <= MaxUnitsToDecide && Statistics.StudentT975(n - 1) * sd / Math.Sqrt(n) >= effect)
        {
            n = n < 1000 ? n + 1 : (int)(n * 1.01) + 1;
        }

        return n <= MaxUnitsToDecide ? n : null;
    }

    /// <summary>
    /// Holm-Bonferroni at family-wise level <paramref name="alpha"/>: the p-values in ascending order, the j-th (from 0)
    /// rejected while p &lt;= alpha / (k - j); the first that is not stops the procedure. NaN p-values are never rejected and
    /// do not count in k. Returns, per input, whether it is rejected.
    /// </summary>
    public static bool[] Holm(IReadOnlyList<double> pValues, double alpha = Alpha)
    {
        ArgumentNullException.ThrowIfNull(pValues);
        var rejected = new bool[pValues.Count];
        var order = Enumerable.Range(0, pValues.Count).Where(i => !double.IsNaN(pValues[i])).OrderBy(i => pValues[i]).ToArray();
        for (int j = 0; j < order.Length; j++)
        {
            if (pValues[order[j]] > alpha / (order.Length - j))
            {
                break;
            }

            rejected[order[j]] = true;
        }

        return rejected;
    }

    /// <summary>
    /// The outcome of a claim over several parts: not evaluated when no part was; does not hold when any part does not;
    /// holds when every evaluated part holds; otherwise the undecided part that settles most: an exact tie (the claimed
    /// difference cannot appear), then equivalent, then inconclusive.
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
            : evaluated.Contains(ClaimOutcome.ExactTie) ? ClaimOutcome.ExactTie
            : evaluated.Contains(ClaimOutcome.Equivalent) ? ClaimOutcome.Equivalent
            : ClaimOutcome.Inconclusive;
    }

    /// <summary>
    /// True when two rows have identical values of <paramref name="metric"/> in every evaluation run of every seed (seed k
    /// with seed k when both are learners with seeds; a baseline's runs with every seed's): the same policy.
    /// </summary>
    public static bool Identical(ResultRow a, ResultRow b, Metric metric)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        double[][] ar = a.SeedRunValues(metric), br = b.SeedRunValues(metric);
        if (ar.Length == 0 || br.Length == 0)
        {
            return false;
        }

        int pairs = a.BySeeds && b.BySeeds ? Math.Min(ar.Length, br.Length) : Math.Max(ar.Length, br.Length);
        for (int k = 0; k < pairs; k++)
        {
            double[] x = ar[Math.Min(k, ar.Length - 1)], y = br[Math.Min(k, br.Length - 1)];
            if (x.Length != y.Length)
            {
                return false;
            }

            for (int r = 0; r < x.Length; r++)
            {
                if (Math.Abs(x[r] - y[r]) > IdenticalRelative * Math.Max(Math.Abs(x[r]), Math.Abs(y[r])))
                {
                    return false;
                }
            }
        }

        return true;
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
        return new Interval(slope, slope - halfWidth, slope + halfWidth, n, units) { DegreesOfFreedom = n - 2 };
    }

    /// <summary>
    /// Equivalence of two windows: holds when the whole interval of their difference lies within
    /// (-<paramref name="tolerance"/>, <paramref name="tolerance"/>), does not hold when it lies wholly outside, and
    /// is inconclusive otherwise.
    /// </summary>
    public static ClaimOutcome Within(Interval difference, double tolerance)
    {
        ArgumentNullException.ThrowIfNull(difference);
        if (!difference.HasBounds || !(tolerance > 0))
        {
            return ClaimOutcome.Inconclusive;
        }

        return difference.Low > -tolerance && difference.High < tolerance ? ClaimOutcome.Holds
            : difference.Low >= tolerance || difference.High <= -tolerance ? ClaimOutcome.DoesNotHold
            : ClaimOutcome.Inconclusive;
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
