using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeMine.Model;

namespace EdgeMine.Calibration;

/// <summary>
/// The space a calibration searches (MODEL.md section 12): the constants the paper leaves unstated, each over a range or
/// a choice, over the calibrated preset. A file gives it as a JSON object: <c>"key": {"low", "high", "scale"}</c> for a
/// range (<c>high</c> may name another key), <c>"key": {"choices": [values]}</c> for a choice, and a named choice of
/// assignments (<c>"cost_units": {"choices": [{"energy_unit_joules": 1, "latency_unit_seconds": 0.001}, ...]}</c>). A
/// constant the paper states cannot be searched.
/// </summary>
public sealed class CalibrationSpace
{
    private CalibrationSpace(IReadOnlyList<SpaceDimension> dimensions) => Dimensions = dimensions;

    /// <summary>The dimensions, in file order (ranges before the choices they do not depend on).</summary>
    public IReadOnlyList<SpaceDimension> Dimensions { get; }

    /// <summary>The continuous dimensions: the coordinates of a point, each in [0, 1].</summary>
    public IReadOnlyList<RangeDimension> Ranges => Dimensions.OfType<RangeDimension>().ToArray();

    /// <summary>The choice dimensions.</summary>
    public IReadOnlyList<ChoiceDimension> Choices => Dimensions.OfType<ChoiceDimension>().ToArray();

    /// <summary>MODEL.md section 12's space.</summary>
    public static CalibrationSpace Default { get; } = Parse(DefaultJson, "the default space");

    /// <summary>The text of MODEL.md section 12's space (also shipped as examples/calibration-space.json).</summary>
    public const string DefaultJson = """
        {
          "transmit_watts": { "low": 0.1, "high": 1, "scale": "linear" },
          "rate_good_bps": { "low": 2e6, "high": 50e6, "scale": "log" },
          "rate_bad_bps": { "low": 1e5, "high": "rate_good_bps", "scale": "log" },
          "mec_cycles_per_bit": { "low": 50, "high": 18000, "scale": "log" },
          "mec_frequency_unit_hz": { "choices": [1, 1e9] },
          "location_privacy_weight": { "low": 0.05, "high": 0.95, "scale": "linear" },
          "privacy_unit_bits": { "low": 1e3, "high": 1e6, "scale": "log" },
          "usage_privacy_form": { "choices": ["eq8", "withheld"] },
          "cost_units": { "choices": [
            { "energy_unit_joules": 0.0325, "latency_unit_seconds": 0.0475 },
            { "energy_unit_joules": 1, "latency_unit_seconds": 0.001 }
          ] }
        }
        """;

    /// <summary>Reads a space file; every error is one line naming the file, the key and what is allowed.</summary>
    public static CalibrationSpace Load(string path) =>
        Parse(UserInput.ReadText(path, $"--space {UserInput.Quote(path)}", "the space file"), $"--space {UserInput.Quote(path)}");

    /// <summary>Parses the JSON text of a space; <paramref name="where"/> names its source in errors.</summary>
    public static CalibrationSpace Parse(string json, string where)
    {
        ArgumentNullException.ThrowIfNull(json);
        using (var document = UserInput.ParseJson(json, where, "an object of config keys to ranges or choices"))
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ConfigurationException($"{where}: expected an object of config keys to ranges or choices");
            }

            var dimensions = new List<SpaceDimension>();
            var searched = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                string at = $"{where}: {UserInput.Quote(property.Name)}";
                if (property.Value.ValueKind != JsonValueKind.Object)
                {
                    throw new ConfigurationException($"{at} has value {UserInput.OneLine(property.Value)}; allowed: {{\"low\", \"high\", \"scale\"}} or {{\"choices\": [...]}}");
                }

                SpaceDimension dimension = property.Value.TryGetProperty("choices", out var choices)
                    ? ReadChoice(property.Name, choices, property.Value, at)
                    : ReadRange(property.Name, property.Value, at);
                foreach (string key in Keys(dimension))
                {
                    if (!searched.Add(key))
                    {
                        throw new ConfigurationException($"{at}: key '{key}' is searched twice; allowed: each key in one dimension");
                    }
                }

                dimensions.Add(dimension);
            }

            foreach (var range in dimensions.OfType<RangeDimension>().Where(r => r.HighKey is not null))
            {
                var bound = dimensions.OfType<RangeDimension>().FirstOrDefault(r => r.Name == range.HighKey && r.HighKey is null)
                    ?? throw new ConfigurationException($"{where}: '{range.Name}' has high {UserInput.Quote(range.HighKey!)}; allowed: a number, or a key searched over a range with a number as its high");
                if (range.Low >= bound.Low)
                {
                    throw new ConfigurationException(string.Create(CultureInfo.InvariantCulture,
                        $"{where}: '{range.Name}' has low {range.Low} at or above {range.HighKey}'s low {bound.Low}; allowed: a low below every value its high can take"));
                }
            }

            // The search samples the ranges and the report plots the claims against them: without one there is
            // nothing to search (the choices are tried at the sampled points), so it is refused before anything runs.
            if (!dimensions.OfType<RangeDimension>().Any())
            {
                throw new ConfigurationException(
                    $"{where}: {(dimensions.Count == 0 ? "an empty space" : "only choices")}, no range to search; allowed: at least one config key with {{\"low\", \"high\"}} (choices are searched beside the ranges)");
            }

            return new CalibrationSpace(dimensions);
        }
    }

    /// <summary>The config keys a dimension sets.</summary>
    public static IEnumerable<string> Keys(SpaceDimension dimension) => dimension switch
    {
        RangeDimension r => [r.Name],
        ChoiceDimension c => c.Options.SelectMany(o => o.Select(a => a.Key)).Distinct(),
        _ => [],
    };

    private static ParameterKey SearchableKey(string name, string at)
    {
        var key = ParameterCatalog.Find(name, at);
        return ParameterCatalog.StatedByThePaper.Contains(name)
            ? throw new ConfigurationException($"{at}: {name} is a constant the paper states (MODEL.md section 9); allowed: the unstated ones ({string.Join(", ", ParameterCatalog.Keys.Select(k => k.Key).Where(k => !ParameterCatalog.StatedByThePaper.Contains(k)))})")
            : key;
    }

    private static RangeDimension ReadRange(string name, JsonElement element, string at)
    {
        var key = SearchableKey(name, at);
        if (key.Domain == ParameterDomain.Choice)
        {
            throw new ConfigurationException($"{at}: {name} takes names; allowed: {{\"choices\": [{string.Join(", ", key.Choices.Select(c => $"\"{c}\""))}]}}");
        }

        foreach (var field in element.EnumerateObject())
        {
            if (field.Name is not ("low" or "high" or "scale"))
            {
                throw new ConfigurationException($"{at}: unknown field {UserInput.Quote(field.Name)}; allowed: low, high, scale");
            }
        }

        double Number(string field) =>
            element.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out double d) && key.Admits(d)
                ? d
                : throw new ConfigurationException($"{at}: {field} {(element.TryGetProperty(field, out var bad) ? UserInput.OneLine(bad) : "is missing")}; allowed: {key.Allowed}");
        double low = Number("low");
        string? highKey = element.TryGetProperty("high", out var high) && high.ValueKind == JsonValueKind.String ? high.GetString() : null;
        double highValue = highKey is null ? Number("high") : double.NaN;
        if (highKey is null && !(low < highValue))
        {
            throw new ConfigurationException(string.Create(CultureInfo.InvariantCulture, $"{at}: low {low} is not below high {highValue}; allowed: low < high"));
        }

        var scale = element.TryGetProperty("scale", out var s)
            ? s.ValueKind == JsonValueKind.String && s.GetString() is "linear" or "log"
                ? s.GetString() == "log" ? SpaceScale.Log : SpaceScale.Linear
                : throw new ConfigurationException($"{at}: scale {UserInput.OneLine(s)}; allowed: \"linear\", \"log\"")
            : SpaceScale.Linear;
        if (scale == SpaceScale.Log && !(low > 0))
        {
            throw new ConfigurationException(string.Create(CultureInfo.InvariantCulture, $"{at}: a log scale needs low > 0, not {low}"));
        }

        return new RangeDimension(name, low, highValue, highKey, scale);
    }

    private static ChoiceDimension ReadChoice(string name, JsonElement choices, JsonElement element, string at)
    {
        if (element.EnumerateObject().Any(f => f.Name != "choices"))
        {
            throw new ConfigurationException($"{at}: a choice has only the field 'choices'");
        }

        if (choices.ValueKind != JsonValueKind.Array || choices.GetArrayLength() < 2)
        {
            throw new ConfigurationException($"{at}: choices {UserInput.OneLine(choices)}; allowed: a list of two or more values");
        }

        var options = new List<IReadOnlyList<KeyValuePair<string, ParameterValue>>>();
        var labels = new List<string>();
        foreach (var choice in choices.EnumerateArray())
        {
            if (choice.ValueKind == JsonValueKind.Object)
            {
                var assignment = choice.EnumerateObject()
                    .Select(a => KeyValuePair.Create(a.Name, SearchableKey(a.Name, $"{at}: choice key {UserInput.Quote(a.Name)}").Read(a.Value, $"{at}: choice key '{a.Name}'", inDomain: true)))
                    .ToArray();
                if (assignment.Length == 0)
                {
                    throw new ConfigurationException($"{at}: an empty choice; allowed: an object of config keys to values");
                }

                options.Add(assignment);
                labels.Add(string.Join(" ", assignment.Select(a => $"{a.Key}={a.Value}")));
            }
            else
            {
                var key = SearchableKey(name, at);
                var value = key.Read(choice, $"{at}: choice", inDomain: true);
                options.Add([KeyValuePair.Create(name, value)]);
                labels.Add(value.ToString());
            }
        }

        if (options.Select(o => string.Join(";", o.OrderBy(a => a.Key, StringComparer.Ordinal))).Distinct(StringComparer.Ordinal).Count() != options.Count)
        {
            throw new ConfigurationException($"{at}: a choice is listed twice; allowed: distinct choices");
        }

        return new ChoiceDimension(name, options, labels);
    }

    /// <summary>
    /// The parameters at a point: the coordinates <paramref name="u"/> of the ranges (each in [0, 1], in
    /// <see cref="Ranges"/> order) and the index of each choice (in <see cref="Choices"/> order), over
    /// <paramref name="preset"/>.
    /// </summary>
    public ModelParameters At(ModelParameters preset, IReadOnlyList<double> u, IReadOnlyList<int> choices)
    {
        ArgumentNullException.ThrowIfNull(u);
        ArgumentNullException.ThrowIfNull(choices);
        var parameters = preset;
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        var ranges = Ranges;
        foreach (var (range, i) in ranges.Select((r, i) => (r, i)).OrderBy(p => p.r.HighKey is null ? 0 : 1))
        {
            double high = range.HighKey is null ? range.High : values[range.HighKey];
            double value = range.At(Math.Clamp(u[i], 0, 1), high);
            values[range.Name] = value;
            var key = ParameterCatalog.Find(range.Name, "the space");
            parameters = key.With(parameters, value);
        }

        var choiceDimensions = Choices;
        for (int c = 0; c < choiceDimensions.Count; c++)
        {
            foreach (var (name, value) in choiceDimensions[c].Options[choices[c]])
            {
                parameters = ParameterCatalog.Find(name, "the space").With(parameters, value);
            }
        }

        return ParameterCatalog.Validate(parameters);
    }

    /// <summary>The space as the canonical JSON a manifest records.</summary>
    public string ToJson()
    {
        var root = new JsonObject();
        foreach (var dimension in Dimensions)
        {
            root[dimension.Name] = dimension.ToJson();
        }

        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
