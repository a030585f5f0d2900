using System.Globalization;
using System.Text.Json;

namespace EdgeMine.Model;

/// <summary>
/// The config keys (the stable interface of config files and <c>--set</c>), and parsing and validation:
/// parse, validate, freeze. Nothing runs on a configuration that has not passed <see cref="Validate"/>.
/// </summary>
public static class ParameterCatalog
{
    /// <summary>Every config key, in MODEL.md's order.</summary>
    public static IReadOnlyList<ParameterKey> Keys { get; } =
    [
        ParameterKey.Number("slot_seconds", "slot length dt (s)", ParameterDomain.Positive, p => p.SlotSeconds, (p, v) => p with { SlotSeconds = v }),
        ParameterKey.Number("mec_capacity_hz", "MEC capacity F (cycles/s)", ParameterDomain.Positive, p => p.MecCapacityHz, (p, v) => p with { MecCapacityHz = v }),
        ParameterKey.Number("local_seconds_per_bit", "local time per bit (s/bit)", ParameterDomain.Positive, p => p.LocalSecondsPerBit, (p, v) => p with { LocalSecondsPerBit = v }),
        ParameterKey.Number("local_joules_per_bit", "local energy per bit (J/bit)", ParameterDomain.Positive, p => p.LocalJoulesPerBit, (p, v) => p with { LocalJoulesPerBit = v }),
        ParameterKey.Number("arrival_min_bits", "new data per task per slot, low (bits)", ParameterDomain.Positive, p => p.ArrivalMinBits, (p, v) => p with { ArrivalMinBits = v }),
        ParameterKey.Number("arrival_max_bits", "new data per task per slot, high (bits)", ParameterDomain.Positive, p => p.ArrivalMaxBits, (p, v) => p with { ArrivalMaxBits = v }),
        ParameterKey.Number("mec_cycles_per_bit", "MEC cycles per bit X", ParameterDomain.Positive, p => p.MecCyclesPerBit, (p, v) => p with { MecCyclesPerBit = v }),
        ParameterKey.Number("deadline_seconds", "deadline tau (s)", ParameterDomain.Positive, p => p.DeadlineSeconds, (p, v) => p with { DeadlineSeconds = v }),
        ParameterKey.Number("mec_energy_coefficient", "MEC energy coefficient gamma", ParameterDomain.NonNegative, p => p.MecEnergyCoefficient, (p, v) => p with { MecEnergyCoefficient = v }),
        ParameterKey.Number("mec_frequency_unit_hz", "unit of f in gamma f^3 (Hz)", ParameterDomain.Positive, p => p.MecFrequencyUnitHz, (p, v) => p with { MecFrequencyUnitHz = v }),
        ParameterKey.Number("mec_circuit_watts", "MEC static circuit power (W)", ParameterDomain.NonNegative, p => p.MecCircuitWatts, (p, v) => p with { MecCircuitWatts = v }),
        ParameterKey.Number("transmit_watts", "miner transmit power (W)", ParameterDomain.NonNegative, p => p.TransmitWatts, (p, v) => p with { TransmitWatts = v }),
        ParameterKey.Number("rate_good_bps", "upload rate, good channel (bit/s)", ParameterDomain.Positive, p => p.RateGoodBps, (p, v) => p with { RateGoodBps = v }),
        ParameterKey.Number("rate_bad_bps", "upload rate, bad channel (bit/s)", ParameterDomain.Positive, p => p.RateBadBps, (p, v) => p with { RateBadBps = v }),
        ParameterKey.Number("channel_persistence", "P(channel state stays)", ParameterDomain.Probability, p => p.ChannelPersistence, (p, v) => p with { ChannelPersistence = v }),
        ParameterKey.Number("good_channel_threshold", "good-channel threshold eps (g >= eps is good)", ParameterDomain.Probability, p => p.GoodChannelThreshold, (p, v) => p with { GoodChannelThreshold = v }),
        ParameterKey.Number("location_privacy_weight", "location-privacy weight lambda", ParameterDomain.NonNegative, p => p.LocationPrivacyWeight, (p, v) => p with { LocationPrivacyWeight = v }),
        ParameterKey.Number("privacy_unit_bits", "privacy data unit d_unit (bits)", ParameterDomain.Positive, p => p.PrivacyUnitBits, (p, v) => p with { PrivacyUnitBits = v }),
        ParameterKey.Number("energy_unit_joules", "cost energy unit e_unit (J)", ParameterDomain.Positive, p => p.EnergyUnitJoules, (p, v) => p with { EnergyUnitJoules = v }),
        ParameterKey.Number("latency_unit_seconds", "cost latency unit l_unit (s)", ParameterDomain.Positive, p => p.LatencyUnitSeconds, (p, v) => p with { LatencyUnitSeconds = v }),
        ParameterKey.Number("deadline_penalty", "reward per deadline miss", ParameterDomain.NonNegative, p => p.DeadlinePenalty, (p, v) => p with { DeadlinePenalty = v }),
        ParameterKey.Choice("usage_privacy_form", "usage privacy Pu: eq8 |D0 - Do| (eq. 8 as printed) or withheld |D0 + D1 - Do| (the text's reading)", [("eq8", UsagePrivacyForm.Eq8), ("withheld", UsagePrivacyForm.Withheld)], p => p.UsagePrivacyForm, (p, v) => p with { UsagePrivacyForm = v }),
    ];

    private static readonly Dictionary<string, ParameterKey> ByName = Keys.ToDictionary(k => k.Key, StringComparer.Ordinal);

    /// <summary>
    /// The keys whose values the paper states (MODEL.md section 9, its "paper" column; no deadline penalty in the paper's
    /// reward), which a calibration may not search (MODEL.md section 12). mec_cycles_per_bit is stated as a "local
    /// workload" that cannot be the MEC's, so it is searched.
    /// </summary>
    public static IReadOnlySet<string> StatedByThePaper { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "slot_seconds", "mec_capacity_hz", "local_seconds_per_bit", "local_joules_per_bit", "arrival_min_bits", "arrival_max_bits",
        "deadline_seconds", "mec_energy_coefficient", "mec_circuit_watts", "channel_persistence", "deadline_penalty",
    };

    /// <summary>What a config file holds, for error messages: "a flat object of config keys to numbers (names for usage_privacy_form)".</summary>
    private static string FileShape =>
        $"a flat object of config keys to numbers (names for {string.Join(", ", Keys.Where(k => k.Domain == ParameterDomain.Choice).Select(k => k.Key))})";

    /// <summary>The key called <paramref name="name"/>, or a <see cref="ConfigurationException"/> naming the known keys.</summary>
    public static ParameterKey Find(string name, string where) =>
        ByName.TryGetValue(name, out var key)
            ? key
            : throw new ConfigurationException(
                $"{where}: unknown key {UserInput.Quote(name)}; allowed keys: {string.Join(", ", Keys.Select(k => k.Key))}");

    /// <summary>Every key with its value in <paramref name="parameters"/>, in catalog order (for writing the configuration used).</summary>
    public static IEnumerable<KeyValuePair<string, ParameterValue>> Values(ModelParameters parameters) =>
        Keys.Select(k => KeyValuePair.Create(k.Key, k.Get(parameters)));

    /// <summary>Every key's value as a JSON object, in catalog order (numbers as JSON numbers, choices as names): how configurations and manifests record a model.</summary>
    public static System.Text.Json.Nodes.JsonObject ToJson(ModelParameters parameters)
    {
        var json = new System.Text.Json.Nodes.JsonObject();
        foreach (var (key, value) in Values(parameters))
        {
            json[key] = value.ToJson();
        }

        return json;
    }

    /// <summary>The keys whose values in <paramref name="parameters"/> differ from <paramref name="preset"/>'s, in catalog order.</summary>
    public static IReadOnlyList<KeyValuePair<string, ParameterValue>> Overrides(ModelParameters preset, ModelParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(preset);
        ArgumentNullException.ThrowIfNull(parameters);
        return Keys.Where(k => !k.Get(preset).Equals(k.Get(parameters))).Select(k => KeyValuePair.Create(k.Key, k.Get(parameters))).ToArray();
    }

    /// <summary>
    /// Applies a JSON config file (a flat object of config keys to numbers, or to names for a choice key) on top of
    /// <paramref name="parameters"/>. Keys not given keep their value.
    /// </summary>
    public static ModelParameters ApplyFile(ModelParameters parameters, string path)
    {
        string text = UserInput.ReadText(path, $"--config {UserInput.Quote(path)}", "the file");

        return ApplyJson(parameters, text, $"--config {UserInput.Quote(path)}");
    }

    /// <summary>Applies the JSON text of a config file; <paramref name="where"/> names the source in errors.</summary>
    public static ModelParameters ApplyJson(ModelParameters parameters, string json, string where)
    {
        using (var document = UserInput.ParseJson(json, where, FileShape))
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ConfigurationException(
                    $"{where}: the file holds a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}; expected {FileShape}");
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                // The key is echoed once, quoted and bounded (a 100,000-character key once gave a 100,710-character message).
                if (!ByName.TryGetValue(property.Name, out var key))
                {
                    throw new ConfigurationException(
                        $"{where}: unknown key {UserInput.Quote(property.Name)} with value {UserInput.OneLine(property.Value)}; allowed keys: {string.Join(", ", Keys.Select(k => k.Key))}");
                }

                // JSON lets a key repeat, and a reader keeps the last: a file that sets a key twice is refused instead.
                if (!seen.Add(key.Key))
                {
                    throw new ConfigurationException($"{where}: key '{key.Key}' appears twice; allowed: each key once");
                }

                parameters = key.With(parameters, key.Read(property.Value, $"{where}: key '{key.Key}'"));
            }
        }

        return parameters;
    }

    /// <summary>
    /// Sets key <paramref name="name"/> to the value in <paramref name="text"/> (a number in invariant culture, or a
    /// choice key's name); errors name <paramref name="where"/> (e.g. <c>--set rate_bad_bps=x</c>), the value and what
    /// is allowed.
    /// </summary>
    public static ModelParameters Apply(ModelParameters parameters, string name, string text, string where)
    {
        var key = Find(name, where);
        return key.With(parameters, key.Parse(text, where));
    }

    /// <summary>Checks every parameter and their relations; throws a <see cref="ConfigurationException"/> on the first violation.</summary>
    public static ModelParameters Validate(ModelParameters parameters)
    {
        foreach (var key in Keys)
        {
            var value = key.Get(parameters);
            if (!key.Admits(value))
            {
                throw new ConfigurationException($"{key.Key} = {value} is not allowed; allowed: {key.Allowed} ({key.Meaning})");
            }
        }

        if (parameters.ArrivalMinBits > parameters.ArrivalMaxBits)
        {
            throw new ConfigurationException(
                $"arrival_min_bits = {parameters.ArrivalMinBits.ToString("R", CultureInfo.InvariantCulture)} exceeds arrival_max_bits = {parameters.ArrivalMaxBits.ToString("R", CultureInfo.InvariantCulture)}; allowed: arrival_min_bits <= arrival_max_bits");
        }

        return parameters;
    }
}
