using EdgeMine.Simulation;

namespace EdgeMine.Calibration;

/// <summary>
/// The arithmetic of the top points' re-evaluation (issue 21, item 5): an objective measured on several independent
/// batches of common seeds, its mean and standard error, and the paired difference of two points over the same batches.
/// </summary>
internal static class NoiseStatistics
{
    /// <summary>The standard error of the mean of <paramref name="values"/> (sample standard deviation over the square root of their number); NaN for fewer than two.</summary>
    public static double StandardError(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count < 2)
        {
            return double.NaN;
        }

        // Estimate's half-width is t(0.975, n - 1) standard errors: one home for the formula.
        var estimate = Estimate.Of(values.ToArray());
        return estimate.HalfWidth / Statistics.StudentT975(values.Count - 1);
    }

    /// <summary>The mean of <paramref name="a"/> minus <paramref name="b"/>, batch by batch (the same seeds in both), with its 95% t-interval.</summary>
    public static Estimate PairedDifference(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count || a.Count == 0)
        {
            throw new ArgumentException($"paired batches: {a.Count} against {b.Count}", nameof(b));
        }

        return Estimate.Of(a.Zip(b, (x, y) => x - y).ToArray());
    }

    /// <summary>True when a difference's 95% interval excludes 0: the two points differ beyond their noise.</summary>
    public static bool Separated(Estimate difference) => double.IsFinite(difference.HalfWidth) && (difference.Low > 0 || difference.High < 0);
}
