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

/// <summary>Small statistics helpers.</summary>
public static class Statistics
{
    // Two-sided 95% quantiles t_{0.975, df} for df = 1..30 (standard tables).
    private static readonly double[] TQuantiles =
    [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
        2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ];

    /// <summary>
    /// t_{0.975, df}: exact table values up to 30 degrees of freedom; beyond, the expansion
    /// z + (z^3 + z) / (4 df) + (5 z^5 + 16 z^3 + 3 z) / (96 df^2), within 1e-3 of the exact value there.
    /// </summary>
    public static double StudentT975(int degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(degreesOfFreedom);
        if (degreesOfFreedom <= TQuantiles.Length)
        {
            return TQuantiles[degreesOfFreedom - 1];
        }

        const double z = 1.959963984540054;
        double df = degreesOfFreedom;
        double z3 = z * z * z, z5 = z3 * z * z;
        return z + ((z3 + z) / (4 * df)) + (((5 * z5) + (16 * z3) + (3 * z)) / (96 * df * df));
    }
}

/// <summary>
/// The one interval format of EdgeMine's files (JSON and CSV alike): a mean, the bounds of its 95% confidence interval,
/// and the number of values behind it. In JSON: <c>{"mean", "ci95_low", "ci95_high", "n"}</c>, with null for a bound that
/// does not exist (fewer than two values).
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(MetricEstimateJsonConverter))]
public sealed record MetricEstimate(double Mean, double Ci95Low, double Ci95High, int N)
{
    public static MetricEstimate From(Estimate e) => new(e.Mean, e.Low, e.High, e.Count);

    /// <summary>This estimate in another unit: mean and bounds multiplied by <paramref name="scale"/>.</summary>
    public MetricEstimate Scaled(double scale) => new(Mean * scale, Ci95Low * scale, Ci95High * scale, N);

    /// <summary>Half the width of the interval (0 when it does not exist, e.g. a single value).</summary>
    public double HalfWidth => double.IsFinite((Ci95High - Ci95Low) / 2) ? (Ci95High - Ci95Low) / 2 : 0;

    /// <summary>Writes the estimate as <c>{"mean", "ci95_low", "ci95_high", "n"}</c> (null for non-finite numbers).</summary>
    public void WriteJson(System.Text.Json.Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject();
        WriteNumber(json, "mean", Mean);
        WriteNumber(json, "ci95_low", Ci95Low);
        WriteNumber(json, "ci95_high", Ci95High);
        json.WriteNumber("n", N);
        json.WriteEndObject();
    }

    /// <summary>Writes a number, or null when it is not finite (JSON has no NaN).</summary>
    public static void WriteNumber(System.Text.Json.Utf8JsonWriter json, string name, double value)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}

/// <summary>Reads and writes <see cref="MetricEstimate"/> in the one interval format.</summary>
internal sealed class MetricEstimateJsonConverter : System.Text.Json.Serialization.JsonConverter<MetricEstimate>
{
    public override MetricEstimate Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options)
    {
        using var document = System.Text.Json.JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        double Number(string name) =>
            root.TryGetProperty(name, out var value) && value.ValueKind == System.Text.Json.JsonValueKind.Number ? value.GetDouble() : double.NaN;
        return new MetricEstimate(Number("mean"), Number("ci95_low"), Number("ci95_high"), root.TryGetProperty("n", out var n) ? n.GetInt32() : 0);
    }

    public override void Write(System.Text.Json.Utf8JsonWriter writer, MetricEstimate value, System.Text.Json.JsonSerializerOptions options) => value.WriteJson(writer);
}
