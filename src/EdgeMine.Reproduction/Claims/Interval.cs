using EdgeMine.Simulation;

namespace EdgeMine.Experiments;

/// <summary>A mean over independent units (training seeds, evaluation runs, settings) with its 95% t-interval.</summary>
/// <param name="Mean">The mean.</param>
/// <param name="Low">Lower bound of the 95% interval (NaN with fewer than two units).</param>
/// <param name="High">Upper bound of the 95% interval (NaN with fewer than two units).</param>
/// <param name="N">The number of units.</param>
/// <param name="Units">What the units are, in words: "training seeds", "evaluation runs".</param>
internal sealed record Interval(double Mean, double Low, double High, int N, string Units)
{
    /// <summary>The mean and 95% t-interval of <paramref name="values"/>.</summary>
    public static Interval Of(IReadOnlyList<double> values, string units)
    {
        ArgumentNullException.ThrowIfNull(values);
        var e = Estimate.Of(values.ToArray());
        return new Interval(e.Mean, e.Low, e.High, e.Count, units);
    }

    /// <summary>The t distribution's degrees of freedom behind the interval: N - 1 for a mean, N - 2 for a slope.</summary>
    public int DegreesOfFreedom { get; init; } = Math.Max(0, N - 1);

    /// <summary>True when both bounds exist.</summary>
    public bool HasBounds => double.IsFinite(Low) && double.IsFinite(High);

    /// <summary>
    /// The standard error behind the bounds: the half-width over t_{0.975, df} (the same table the interval used); NaN
    /// without bounds.
    /// </summary>
    public double StandardError => HasBounds && DegreesOfFreedom > 0 ? (High - Low) / 2 / Statistics.StudentT975(DegreesOfFreedom) : double.NaN;

    /// <summary>The interval multiplied by <paramref name="factor"/> (bounds swapped for a negative factor).</summary>
    public Interval Scaled(double factor) => factor >= 0
        ? this with { Mean = (Mean * factor) + 0.0, Low = (Low * factor) + 0.0, High = (High * factor) + 0.0 }
        : this with { Mean = (Mean * factor) + 0.0, Low = (High * factor) + 0.0, High = (Low * factor) + 0.0 }; // + 0.0 turns -0 into 0
}
