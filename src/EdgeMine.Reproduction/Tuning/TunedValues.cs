using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeMine.Learning.Dqn;
using EdgeMine.Learning.Tabular;
using EdgeMine.Schemes;

namespace EdgeMine.Tuning;

/// <summary>
/// The chosen values of a tuning (<c>tuned.json</c>, written by <c>edgemine tune</c>) as <c>reproduce --tuned</c> reads
/// them: per learner (by scheme name) its tuned keys' values in the <c>--learner key=value</c> vocabulary. A learner not
/// named runs with its variant's defaults.
/// </summary>
public sealed class TunedValues
{
    /// <summary>The file <c>reproduce</c> reads when <c>--tuned</c> is not given, relative to the working directory, when it exists.</summary>
    public const string DefaultFile = "docs/tuning/tuned.json";

    /// <summary>What <c>--tuned</c> takes to run every learner at its variant's defaults.</summary>
    public const string None = "none";

    private readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> _learners;

    private TunedValues(string file, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> learners)
    {
        File = file;
        _learners = learners;
    }

    /// <summary>The file the values were read from, as given.</summary>
    public string File { get; }

    /// <summary>Every learner with values, by scheme name, in ordinal order.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Learners => _learners;

    /// <summary>The options <paramref name="scheme"/> runs with: its tuned values, or none (its variant's defaults).</summary>
    public IReadOnlyDictionary<string, string> For(Scheme scheme)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        return _learners.TryGetValue(scheme.Name, out var values) ? values : new SortedDictionary<string, string>(StringComparer.Ordinal);
    }

    /// <summary>
    /// The values of <c>--tuned</c>: <paramref name="option"/>'s file, <see cref="None"/> for none, or when absent
    /// <see cref="DefaultFile"/> if it exists (else none).
    /// </summary>
    public static TunedValues? Resolve(string? given, string option)
    {
        if (given == None)
        {
            return null;
        }

        if (given is null)
        {
            return System.IO.File.Exists(DefaultFile) ? Read(DefaultFile, $"{option} (default {DefaultFile})") : null;
        }

        return Read(given, option);
    }

    /// <summary>
    /// Reads <paramref name="path"/>; a file that is not a tuning's, names an unknown learner, or sets a key that the
    /// learner does not tune (stated by the paper, a method switch, a choice held) or a value it refuses, is a
    /// <see cref="ConfigurationException"/> naming <paramref name="option"/>.
    /// </summary>
    public static TunedValues Read(string path, string option)
    {
        ArgumentNullException.ThrowIfNull(path);
        string where = $"{option} {UserInput.Quote(path)}";
        // Read as every user file is (UserInput.ReadText: at most 1 MiB, UTF-8, the system's reason in a few words).
        string text = UserInput.ReadText(path, where, "the tuned values");
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            throw new ConfigurationException($"{where}: cannot be read as JSON ({e.Message}); allowed: a tuned.json written by 'edgemine tune'");
        }

        if (root is not JsonObject { } file || file["format"]?.GetValueKind() != JsonValueKind.Number || (int)file["format"]! != 1 || file["learners"] is not JsonObject learners)
        {
            throw new ConfigurationException($"{where}: not a tuned.json of format 1 with \"learners\"; allowed: a tuned.json written by 'edgemine tune'");
        }

        var read = new SortedDictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var (name, entry) in learners)
        {
            var learner = TunedLearner.Named(name, $"{where}: learner");
            if (entry?["values"] is not JsonObject valuesNode)
            {
                throw new ConfigurationException($"{where}: learner {UserInput.Quote(name)} has no \"values\" object; allowed: {{\"values\": {{\"key\": \"value\"}}}}");
            }

            var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, value) in valuesNode)
            {
                if (value?.GetValueKind() != JsonValueKind.String)
                {
                    throw new ConfigurationException($"{where}: {name}.{key}: allowed: a string in the --learner key=value vocabulary");
                }

                values[key] = value.GetValue<string>();
            }

            learner.Only(values.Keys, $"{where}: key");
            Check(learner, values, $"{where}: {name}");
            read[name] = values;
        }

        return new TunedValues(path, read);
    }

    /// <summary>The values applied to the learner's options (a value it refuses is a <see cref="ConfigurationException"/>).</summary>
    private static void Check(TunedLearner learner, IReadOnlyDictionary<string, string> values, string where)
    {
        switch (learner.Scheme.Algorithm)
        {
            case DrloAlgorithm:
                DrloAlgorithm.DefaultOptions(learner.Scheme.Variant).With(values, where);
                break;
            default:
                QLearningOptions.Default.With(values, where);
                break;
        }
    }

    /// <summary>The chosen values as <c>tuned.json</c>'s text: the learners' values and, beside them, how they were chosen.</summary>
    internal static string ToJson(JsonObject about, IEnumerable<(TuningRow Chosen, TuningRow Defaults)> learners)
    {
        var node = new JsonObject();
        foreach (var (chosen, defaults) in learners)
        {
            var values = new JsonObject();
            foreach (var (key, value) in chosen.Configuration.Values)
            {
                values[key] = value;
            }

            var reward = chosen.Reward;
            var difference = chosen.DifferenceFrom(defaults);
            node[chosen.Configuration.Learner.Name] = new JsonObject
            {
                ["configuration"] = chosen.Configuration.Index,
                ["defaults_chosen"] = chosen.Configuration.IsDefault,
                ["values"] = values,
                ["reward_mean"] = Number(reward.Mean),
                ["reward_ci95_low"] = Number(reward.Low),
                ["reward_ci95_high"] = Number(reward.High),
                ["difference_from_defaults"] = Number(difference.Mean),
                ["difference_ci95_low"] = Number(difference.Low),
                ["difference_ci95_high"] = Number(difference.High),
            };
        }

        about["learners"] = node;
        return about.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    // JSON has no NaN: a number that is not finite is written as null.
    private static JsonValue? Number(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;
}
