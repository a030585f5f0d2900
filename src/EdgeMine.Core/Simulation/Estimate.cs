namespace EdgeMine.Simulation;

/// <summary>A mean with its 95% confidence interval over independent runs (Student's t).</summary>
public readonly record struct Estimate(double Mean, double HalfWidth, int Count)
{
    /// <summary>Lower bound of the 95% interval (NaN with fewer than two runs).</summary>
    public double Low => Mean - HalfWidth;

    /// <summary>Upper bound of the 95% interval (NaN with fewer than two runs).</summary>
    public double High => Mean + HalfWidth;

    /// <summary>The estimate of <paramref name="values"/>: mean and t-based 95% half-width (NaN for one value).</summary>
    public static Estimate Of(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty)
        {
            throw new ArgumentException("no values", nameof(values));
        }

        double mean = 0;
        foreach (double v in values)
        {
            mean += v;
        }

        mean /= values.Length;
        if (values.Length < 2)
        {
            return new Estimate(mean, double.NaN, values.Length);
        }

        double squares = 0;
        foreach (double v in values)
        {
            squares += (v - mean) * (v - mean);
        }

        double standardError = Math.Sqrt(squares / (values.Length - 1) / values.Length);
        return new Estimate(mean, Statistics.StudentT975(values.Length - 1) * standardError, values.Length);
    }

    /// <summary>
    /// The estimate of a quantity measured on several training seeds (MODEL.md section 11): the mean of the per-seed
    /// means with a t-interval over the seeds, unless the interval over the evaluation runs of the seed-averaged values
    /// is wider (seeds that agree, as an LP's policy does, still leave the evaluation's noise). <c>OverRuns</c> says
    /// which interval it is.
    /// </summary>
    public static (Estimate Estimate, bool OverRuns) OverSeeds(ReadOnlySpan<double> seedMeans, ReadOnlySpan<double> seedAveragedRuns)
    {
        var overSeeds = Of(seedMeans);
        if (seedAveragedRuns.IsEmpty)
        {
            return (overSeeds, false);
        }

        var overRuns = Of(seedAveragedRuns);
        bool runsWider = double.IsFinite(overRuns.HalfWidth) && !(overRuns.HalfWidth <= overSeeds.HalfWidth);
        return runsWider ? (overRuns with { Mean = overSeeds.Mean }, true) : (overSeeds, false);
    }

    /// <summary>This estimate with mean and half-width multiplied by <paramref name="factor"/> (a change of unit).</summary>
    public Estimate Scaled(double factor) => new(Mean * factor, HalfWidth * Math.Abs(factor), Count);
}
