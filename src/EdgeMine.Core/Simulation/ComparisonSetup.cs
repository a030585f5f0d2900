using System.Globalization;
using System.Text.Json;
using EdgeMine.Model;
using EdgeMine.Settings;

namespace EdgeMine.Simulation;

/// <summary>
/// What a comparison runs under: the model (the preset by name, and the parameters in force), the shape, and the
/// evaluation plan. Run r of every policy draws its environment from <c>Derive(RunSeed(Seed, r), Environment)</c>
/// (<see cref="PolicyEvaluation"/>), so every policy meets the same arrivals and channels.
/// </summary>
/// <param name="Preset">The preset's name (<see cref="Presets.Names"/>).</param>
/// <param name="Parameters">The validated parameters: the preset with any overrides.</param>
/// <param name="Settings">N, M, beta and the observation options.</param>
public sealed record ComparisonSetup(
    string Preset,
    ModelParameters Parameters,
    EnvironmentSettings Settings)
{
    public int Runs { get; init; } = RunSettings.EvaluationRuns.Default;

    public long Slots { get; init; } = RunSettings.EvaluationSlots.Default;

    public ulong Seed { get; init; } = RunSettings.EvaluationSeed.Default;

    /// <summary>
    /// The setup of <c>edgemine evaluate --preset PRESET --set key=value ...</c> at <paramref name="settings"/>: the
    /// preset's parameters with <paramref name="set"/> applied in order (as <c>--set</c>), validated, and evaluate's
    /// runs, slots and seed (change them with <c>with { Runs = 50 }</c>). Throws <see cref="ConfigurationException"/>
    /// naming an unknown preset, key or value.
    /// </summary>
    public static ComparisonSetup Of(string preset, EnvironmentSettings settings, IEnumerable<KeyValuePair<string, string>>? set = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var parameters = Presets.Get(preset);
        foreach (var (key, value) in set ?? [])
        {
            parameters = ParameterCatalog.Apply(parameters, key, value, $"{key}={value}");
        }

        var checkedSettings = RunSettings.Shape(settings.Miners, settings.TasksPerMiner, settings.Beta, s => s.Key) with { ExtendedObservation = settings.ExtendedObservation };
        return new ComparisonSetup(
            Preset: preset,
            Parameters: ParameterCatalog.Validate(parameters),
            Settings: checkedSettings);
    }

    /// <summary>The config keys whose values differ from the preset's, with the values in force.</summary>
    public IReadOnlyList<KeyValuePair<string, ParameterValue>> Overrides =>
        ParameterCatalog.Overrides(Presets.Get(Preset), Parameters);

    /// <summary>"preset calibrated (rate_bad_bps = 500000), N = 5, M = 2, beta = 0.5; 20 runs x 1000 slots, seed 1000": the header of simulate and evaluate.</summary>
    public string Describe()
    {
        string changed = Overrides.Count == 0 ? "" : $" ({string.Join(", ", Overrides.Select(o => FormattableString.Invariant($"{o.Key} = {o.Value:R}")))})";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"preset {Preset}{changed}, N = {Settings.Miners}, M = {Settings.TasksPerMiner}, beta = {Settings.Beta}; {Runs} runs x {Slots} slots, seed {Seed}");
    }

    /// <summary>Writes the configuration as a JSON object (preset, overrides, miners, tasks, beta, runs, slots, seed).</summary>
    public void WriteJson(Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject();
        json.WriteString("preset", Preset);
        json.WriteStartObject("overrides");
        foreach (var (key, value) in Overrides)
        {
            json.WritePropertyName(key);
            value.WriteJson(json);
        }

        json.WriteEndObject();
        json.WriteNumber(RunSettings.Miners.Key, Settings.Miners);
        json.WriteNumber(RunSettings.Tasks.Key, Settings.TasksPerMiner);
        json.WriteNumber(RunSettings.Beta.Key, Settings.Beta);
        json.WriteNumber("runs", Runs);
        json.WriteNumber("slots", Slots);
        json.WriteNumber("seed", Seed);
        json.WriteEndObject();
    }
}
