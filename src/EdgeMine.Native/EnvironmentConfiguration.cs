using System.Globalization;
using System.Text.Json;
using EdgeMine.Model;
using EdgeMine.Settings;

namespace EdgeMine.Native;

/// <summary>
/// The configuration a C caller sends as JSON, parsed, validated and frozen exactly as the command line does it:
/// the preset, then the config keys of MODEL.md section 9 (<see cref="ParameterCatalog.ApplyJson"/>), then
/// <see cref="ParameterCatalog.Validate"/>; then the run settings.
/// <code>
/// {"preset": "calibrated", "config": {"rate_bad_bps": 1e6}, "miners": 1, "tasks": 2, "beta": 0.5,
///  "episode_slots": 0, "extended_observation": false, "runs": 20, "slots": 1000, "seed": 1000}
/// </code>
/// Every member is optional (defaults: calibrated, no overrides, N = 1, M = 2, beta 0.5, continuing, no backlog in the
/// observation; for evaluations 20 runs of 1,000 slots with seed 1000, as <c>edgemine evaluate</c>). Errors are
/// <see cref="NativeException"/>s with the CLI's one-line wording, naming the Python parameter instead of the option.
/// One of the few files that use the library's types (with NativeEnvironment.cs and AgentEvaluation.cs).
/// </summary>
internal sealed class EnvironmentConfiguration
{
    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private EnvironmentConfiguration(string preset, ModelParameters parameters, EnvironmentSettings settings, IReadOnlyList<KeyValuePair<string, ParameterValue>> overrides)
    {
        Preset = preset;
        Parameters = parameters;
        Settings = settings;
        Overrides = overrides;
    }

    public string Preset { get; }

    public ModelParameters Parameters { get; }

    public EnvironmentSettings Settings { get; }

    /// <summary>The config keys the caller set, in the caller's order, with the values in force.</summary>
    public IReadOnlyList<KeyValuePair<string, ParameterValue>> Overrides { get; }

    /// <summary>Evaluation runs (only read by evaluations).</summary>
    public int Runs { get; private set; } = RunSettings.EvaluationRuns.Default;

    /// <summary>Slots per evaluation run.</summary>
    public long Slots { get; private set; } = RunSettings.EvaluationSlots.Default;

    /// <summary>Seed of the evaluation runs.</summary>
    public ulong Seed { get; private set; } = RunSettings.EvaluationSeed.Default;

    /// <summary>Parses the UTF-8 JSON text of a configuration; throws a <see cref="NativeException"/> on bad input.</summary>
    public static EnvironmentConfiguration Parse(ReadOnlySpan<byte> utf8Json)
    {
        if (utf8Json.Length > UserInput.MaxFileBytes)
        {
            // The bound of a config file on the command line, checked before the text is copied or parsed.
            throw new NativeException(
                StatusCode.Configuration,
                string.Create(CultureInfo.InvariantCulture, $"configuration: {utf8Json.Length} bytes of JSON; allowed: at most {UserInput.MaxFileBytes} bytes (1 MiB, as a config file)"));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json.ToArray(), Options);
        }
        catch (JsonException e)
        {
            throw new NativeException(
                StatusCode.Argument,
                $"configuration: not valid JSON at line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}");
        }

        using (document)
        {
            UserInput.CheckStrings(document.RootElement, "configuration");
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new NativeException(StatusCode.Argument, "configuration: expected a JSON object");
            }

            string presetName = "calibrated";
            if (root.TryGetProperty("preset", out var preset) && preset.ValueKind != JsonValueKind.Null)
            {
                presetName = preset.ValueKind == JsonValueKind.String
                    ? preset.GetString()!
                    : throw Configuration($"preset {UserInput.OneLine(preset)}: allowed: one of {string.Join(", ", Presets.Names)}");
            }

            // Quoted by the command line's rule: a NUL or a newline in the name is shown, never cuts the message short.
            var parameters = Presets.Find(presetName)
                ?? throw Configuration($"preset {UserInput.Quote(presetName)}: unknown preset; allowed: {string.Join(", ", Presets.Names)}");
            var overrides = new List<KeyValuePair<string, ParameterValue>>();
            try
            {
                if (root.TryGetProperty("config", out var config) && config.ValueKind != JsonValueKind.Null)
                {
                    // The same parser as --config FILE: the same one-line errors, naming "config" as the source.
                    parameters = ParameterCatalog.ApplyJson(parameters, config.GetRawText(), "config");
                    foreach (var property in config.EnumerateObject())
                    {
                        var key = ParameterCatalog.Find(property.Name, "config");
                        overrides.RemoveAll(o => o.Key == key.Key);
                        overrides.Add(KeyValuePair.Create(key.Key, ParameterValue.Of(0)));
                    }
                }

                parameters = ParameterCatalog.Validate(parameters);
            }
            catch (ConfigurationException e)
            {
                throw Configuration(e.Message);
            }

            for (int i = 0; i < overrides.Count; i++)
            {
                var key = ParameterCatalog.Find(overrides[i].Key, "config");
                overrides[i] = KeyValuePair.Create(key.Key, key.Get(parameters));
            }

            EnvironmentSettings shape;
            try
            {
                // The run settings' own ranges and messages, naming the Python parameter (its key, or runs/slots/seed).
                shape = RunSettings.Shape(
                    Read(root, RunSettings.Miners, "miners"), Read(root, RunSettings.Tasks, "tasks"), Read(root, RunSettings.Beta, "beta"), s => s.Key);
            }
            catch (ConfigurationException e)
            {
                throw Configuration(e.Message);
            }

            int episodeSlots = (int)Integer(root, "episode_slots", 0, 0, int.MaxValue, "a non-negative integer (slots per episode; 0 or None for a continuing process)");
            bool extended = false;
            if (root.TryGetProperty("extended_observation", out var extendedElement) && extendedElement.ValueKind != JsonValueKind.Null)
            {
                extended = extendedElement.ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => throw Configuration($"extended_observation {Text(extendedElement)}: allowed: true or false"),
                };
            }

            var settings = shape with { EpisodeSlots = episodeSlots, ExtendedObservation = extended };
            try
            {
                return new EnvironmentConfiguration(presetName, parameters, settings, overrides)
                {
                    Runs = Read(root, RunSettings.EvaluationRuns, "runs"),
                    Slots = Read(root, RunSettings.EvaluationSlots, "slots"),
                    Seed = Read(root, RunSettings.EvaluationSeed, "seed"),
                };
            }
            catch (ConfigurationException e)
            {
                throw Configuration(e.Message);
            }
        }
    }

    /// <summary>The run setting <paramref name="setting"/> under <paramref name="name"/>: its default when absent, else checked by the setting.</summary>
    private static T Read<T>(JsonElement root, RunSetting<T> setting, string name)
        where T : struct, System.Numerics.INumber<T>
    {
        if (!root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return setting.Default;
        }

        return element.ValueKind == JsonValueKind.Number && setting.TryParse(element.GetRawText(), out T value)
            ? setting.Check(value, name)
            : throw Configuration($"{name} {Text(element)}: allowed: {setting.Allowed}");
    }

    private static long Integer(JsonElement root, string name, long fallback, long min, long max, string allowed)
    {
        if (!root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return fallback;
        }

        return element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out long value) && value >= min && value <= max
            ? value
            : throw Configuration($"{name} {Text(element)}: allowed: {allowed}");
    }

    /// <summary>A JSON value as the CLI would print it: numbers in invariant culture, anything else as its JSON text, bounded (<see cref="UserInput.OneLine"/>).</summary>
    private static string Text(JsonElement element) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out double d) && double.IsFinite(d)
            ? d.ToString(CultureInfo.InvariantCulture)
            : UserInput.OneLine(element);

    private static NativeException Configuration(string message) => new(StatusCode.Configuration, message);
}
