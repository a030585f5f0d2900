namespace EdgeMine.Simulation;

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
