namespace EdgeMine.Simulation;

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

    /// <summary>Writes an array element: a number, or null when it is not finite.</summary>
    public static void WriteValue(System.Text.Json.Utf8JsonWriter json, double value)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (double.IsFinite(value))
        {
            json.WriteNumberValue(value);
        }
        else
        {
            json.WriteNullValue();
        }
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
