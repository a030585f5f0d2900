using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeMine.Learning;
using EdgeMine.Learning.Dqn;
using EdgeMine.Model;
using EdgeMine.Schemes;
using EdgeMine.Settings;

namespace EdgeMine.Training;

/// <summary>
/// Everything that defines a training run: the learner (algorithm and variant), the model parameters (all keys, so that
/// a trained model does not depend on later changes to a preset), the run settings and the seed. Written as
/// <c>config.json</c> beside every trained model; its text is also the fingerprint that a checkpoint must match.
/// </summary>
public sealed record TrainingConfiguration
{
    /// <summary>The algorithm and its variant.</summary>
    public required LearnerScheme Learner { get; init; }

    /// <summary>Learner options over the variant's (DRLO's, <see cref="DrloAlgorithm.OptionKeys"/>; RLO's, <see cref="Learning.Tabular.RloAlgorithm.OptionKeys"/>), by key in ordinal order.</summary>
    public IReadOnlyDictionary<string, string> LearnerOptions { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    public required string Preset { get; init; }

    public required ModelParameters Parameters { get; init; }

    public required EnvironmentSettings Settings { get; init; }

    public required long Slots { get; init; }

    public required ulong Seed { get; init; }

    /// <summary>What the algorithm is asked to train: the variant, the learner options and the shape.</summary>
    public LearnerSpec Spec => new(Learner.Variant, LearnerOptions, Settings);

    /// <summary>Null when the learner can be trained under this configuration, else why not, in one line.</summary>
    public string? Problem() => Learner.Algorithm.Problem(Spec);

    /// <summary>A new, untrained learner of this configuration, which must have no <see cref="Problem"/>.</summary>
    public ILearner CreateLearner() => Learner.Algorithm.Create(Spec);

    /// <summary>The configuration as indented JSON, keys in a fixed order (deterministic: used as a fingerprint).</summary>
    public string ToJson()
    {
        var parameters = ParameterCatalog.ToJson(Parameters);

        var root = new JsonObject
        {
            ["algorithm"] = Learner.Algorithm.Name,
            ["variant"] = Learner.Variant,
            ["learner_options"] = LearnerOptionsJson(),
            ["preset"] = Preset,
            [RunSettings.Miners.Key] = Settings.Miners,
            [RunSettings.Tasks.Key] = Settings.TasksPerMiner,
            [RunSettings.Beta.Key] = Settings.Beta,
            ["extended_observation"] = Settings.ExtendedObservation,
            [RunSettings.TrainingSlots.Key] = Slots,
            [RunSettings.Seed.Key] = Seed,
            ["parameters"] = parameters,
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>
    /// Reads a configuration written by <see cref="ToJson"/>; <paramref name="where"/> names the file in errors, and
    /// <paramref name="catalog"/> resolves the algorithm's name.
    /// </summary>
    public static TrainingConfiguration FromJson(string json, string where, SchemeCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        try
        {
            var root = JsonNode.Parse(json)?.AsObject() ?? throw new ConfigurationException($"{where}: empty configuration");
            var parametersJson = root["parameters"]?.ToJsonString() ?? throw new ConfigurationException($"{where}: no 'parameters' object");
            var parameters = ParameterCatalog.Validate(ParameterCatalog.ApplyJson(Presets.Calibrated, parametersJson, where));
            T Required<T>(string key) => root[key] is { } node ? node.GetValue<T>() : throw new ConfigurationException($"{where}: missing key '{key}'");
            var algorithm = catalog.Algorithm(Required<string>("algorithm"), $"{where}: algorithm");
            return new TrainingConfiguration
            {
                Learner = new LearnerScheme(algorithm, Required<string>("variant")),
                LearnerOptions = root["learner_options"] is JsonObject options
                    ? new SortedDictionary<string, string>(options.ToDictionary(p => p.Key, p => p.Value?.GetValue<string>() ?? ""), StringComparer.Ordinal)
                    : new SortedDictionary<string, string>(StringComparer.Ordinal),
                Preset = Required<string>("preset"),
                Parameters = parameters,
                Settings = RunSettings.Shape(
                    Required<int>(RunSettings.Miners.Key),
                    Required<int>(RunSettings.Tasks.Key),
                    Required<double>(RunSettings.Beta.Key),
                    setting => $"{where}: {setting.Key}") with { ExtendedObservation = Required<bool>("extended_observation") },
                Slots = RunSettings.TrainingSlots.Check(Required<long>(RunSettings.TrainingSlots.Key), $"{where}: {RunSettings.TrainingSlots.Key}"),
                Seed = Required<ulong>(RunSettings.Seed.Key),
            };
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new ConfigurationException($"{where}: not a valid EdgeMine training configuration ({UserInput.Message(e.Message)})");
        }
    }

    private JsonObject LearnerOptionsJson()
    {
        var options = new JsonObject();
        foreach (var (key, value) in LearnerOptions.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            options[key] = value;
        }

        return options;
    }

    /// <summary>A one-line description for logs and reports.</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Learner.Algorithm.Name} ({Learner.Variant}{string.Concat(LearnerOptions.Select(p => $", {p.Key}={p.Value}"))}), preset {Preset}, N = {Settings.Miners}, M = {Settings.TasksPerMiner}, beta = {Settings.Beta}, {Slots} slots, seed {Seed}");
}
