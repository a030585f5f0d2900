using EdgeMine.Model;

namespace EdgeMine.Calibration;

/// <summary>
/// Whether a constant of a point sits at a bound of its range, and how the objective trends towards it (issue 21,
/// item 5). A best point at a bound is not an optimum of the fit but of the space: the fit would go further, and the
/// report says so instead of presenting the bound as the answer.
/// </summary>
internal static class BoundCheck
{
    /// <summary>
    /// A constant is at a bound when it lies within this fraction of its range of the bound, in the range's own scale
    /// (1% of the log-range for a log range: 50 to 53.0 cycles per bit of the default 50-18000).
    /// </summary>
    public const double Tolerance = 0.01;

    /// <summary>The parts the objective's trend towards a bound is reported in: fifths of the range.</summary>
    public const int TrendBins = 5;

    /// <summary>Where <paramref name="value"/> lies in [low, <paramref name="high"/>] in the range's scale (0 at low, 1 at high).</summary>
    public static double Fraction(RangeDimension dimension, double value, double high)
    {
        ArgumentNullException.ThrowIfNull(dimension);
        return dimension.Scale == SpaceScale.Log
            ? (Math.Log(value) - Math.Log(dimension.Low)) / (Math.Log(high) - Math.Log(dimension.Low))
            : (value - dimension.Low) / (high - dimension.Low);
    }

    /// <summary>The upper bound in force at a point: the range's number, or the value of the key it names.</summary>
    public static double HighAt(RangeDimension dimension, ModelParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(dimension);
        return dimension.HighKey is { } key ? ParameterCatalog.Find(key, "the space").Get(parameters).Number : dimension.High;
    }

    /// <summary>The fraction of a range a point's constant sits at.</summary>
    public static double FractionAt(RangeDimension dimension, ModelParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(dimension);
        double value = ParameterCatalog.Find(dimension.Name, "the space").Get(parameters).Number;
        return Fraction(dimension, value, HighAt(dimension, parameters));
    }

    /// <summary>Every range of <paramref name="space"/> whose constant at <paramref name="parameters"/> is within <see cref="Tolerance"/> of a bound.</summary>
    public static IReadOnlyList<BoundHit> Hits(CalibrationSpace space, ModelParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(space);
        var hits = new List<BoundHit>();
        foreach (var dimension in space.Ranges)
        {
            double value = ParameterCatalog.Find(dimension.Name, "the space").Get(parameters).Number;
            double high = HighAt(dimension, parameters);
            double fraction = Fraction(dimension, value, high);
            if (fraction <= Tolerance)
            {
                hits.Add(new BoundHit(dimension, BoundSide.Low, value, dimension.Low, fraction));
            }
            else if (fraction >= 1 - Tolerance)
            {
                hits.Add(new BoundHit(dimension, BoundSide.High, value, high, fraction));
            }
        }

        return hits;
    }

    /// <summary>
    /// The lowest objective among the points in each fifth of a range (by <see cref="FractionAt"/>, lowest fifth first;
    /// +infinity for a fifth with no point). Given the Latin hypercube's points, each fifth holds a fifth of them, so the
    /// trend is not skewed by where the refinement went.
    /// </summary>
    public static double[] BestPerFifth(RangeDimension dimension, IEnumerable<(ModelParameters Parameters, double Objective)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var best = Enumerable.Repeat(double.PositiveInfinity, TrendBins).ToArray();
        foreach (var (parameters, objective) in points)
        {
            int bin = Math.Clamp((int)Math.Floor(FractionAt(dimension, parameters) * TrendBins), 0, TrendBins - 1);
            if (objective < best[bin])
            {
                best[bin] = objective;
            }
        }

        return best;
    }
}
