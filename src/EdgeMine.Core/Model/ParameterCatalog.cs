using System.Text.Json;

namespace EdgeMine.Model;

/// <summary>What values a parameter allows.</summary>
public enum ParameterDomain
{
    /// <summary>Finite and &gt; 0 (rates, capacities, sizes, units).</summary>
    Positive,

    /// <summary>Finite and &gt;= 0.</summary>
    NonNegative,

    /// <summary>In [0, 1].</summary>
    Probability,
}

/// <summary>One config key of MODEL.md section 9: its name, meaning, domain, and how to read and set it.</summary>
public sealed record ParameterKey(
    string Key,
    string Meaning,
    ParameterDomain Domain,
    Func<ModelParameters, double> Get,
    Func<ModelParameters, double, ModelParameters> With)
{
    /// <summary>What the domain allows, in words, for error messages.</summary>
    public string Allowed => Domain switch
    {
        ParameterDomain.Positive => "a finite number > 0",
        ParameterDomain.NonNegative => "a finite number >= 0",
        ParameterDomain.Probability => "a number in [0, 1]",
        _ => throw new InvalidOperationException(),
    };

    /// <summary>True when <paramref name="value"/> lies in the domain.</summary>
    public bool Admits(double value) => double.IsFinite(value) && Domain switch
    {
        ParameterDomain.Positive => value > 0,
        ParameterDomain.NonNegative => value >= 0,
        ParameterDomain.Probability => value is >= 0 and <= 1,
        _ => false,
    };
}

/// <summary>
/// The config keys (the stable interface of config files and <c>--set</c>), and parsing and validation:
/// parse, validate, freeze. Nothing runs on a configuration that has not passed <see cref="Validate"/>.
/// </summary>
public static class ParameterCatalog
{
    /// <summary>Every config key, in MODEL.md's order.</summary>
    public static IReadOnlyList<ParameterKey> Keys { get; } =
    [
        new("slot_seconds", "slot length dt (s)", ParameterDomain.Positive, p => p.SlotSeconds, (p, v) => p with { SlotSeconds = v }),
        new("mec_capacity_hz", "MEC capacity F (cycles/s)", ParameterDomain.Positive, p => p.MecCapacityHz, (p, v) => p with { MecCapacityHz = v }),
        new("local_seconds_per_bit", "local time per bit (s/bit)", ParameterDomain.Positive, p => p.LocalSecondsPerBit, (p, v) => p with { LocalSecondsPerBit = v }),
        new("local_joules_per_bit", "local energy per bit (J/bit)", ParameterDomain.Positive, p => p.LocalJoulesPerBit, (p, v) => p with { LocalJoulesPerBit = v }),
        new("arrival_min_bits", "new data per task per slot, low (bits)", ParameterDomain.Positive, p => p.ArrivalMinBits, (p, v) => p with { ArrivalMinBits = v }),
        new("arrival_max_bits", "new data per task per slot, high (bits)", ParameterDomain.Positive, p => p.ArrivalMaxBits, (p, v) => p with { ArrivalMaxBits = v }),
        new("mec_cycles_per_bit", "MEC cycles per bit X", ParameterDomain.Positive, p => p.MecCyclesPerBit, (p, v) => p with { MecCyclesPerBit = v }),
        new("deadline_seconds", "deadline tau (s)", ParameterDomain.Positive, p => p.DeadlineSeconds, (p, v) => p with { DeadlineSeconds = v }),
        new("mec_energy_coefficient", "MEC energy coefficient gamma", ParameterDomain.NonNegative, p => p.MecEnergyCoefficient, (p, v) => p with { MecEnergyCoefficient = v }),
        new("mec_frequency_unit_hz", "unit of f in gamma f^3 (Hz)", ParameterDomain.Positive, p => p.MecFrequencyUnitHz, (p, v) => p with { MecFrequencyUnitHz = v }),
        new("mec_circuit_watts", "MEC static circuit power (W)", ParameterDomain.NonNegative, p => p.MecCircuitWatts, (p, v) => p with { MecCircuitWatts = v }),
        new("transmit_watts", "miner transmit power (W)", ParameterDomain.NonNegative, p => p.TransmitWatts, (p, v) => p with { TransmitWatts = v }),
        new("rate_good_bps", "upload rate, good channel (bit/s)", ParameterDomain.Positive, p => p.RateGoodBps, (p, v) => p with { RateGoodBps = v }),
        new("rate_bad_bps", "upload rate, bad channel (bit/s)", ParameterDomain.Positive, p => p.RateBadBps, (p, v) => p with { RateBadBps = v }),
        new("channel_persistence", "P(channel state stays)", ParameterDomain.Probability, p => p.ChannelPersistence, (p, v) => p with { ChannelPersistence = v }),
        new("good_channel_threshold", "good-channel threshold eps (g >= eps is good)", ParameterDomain.Probability, p => p.GoodChannelThreshold, (p, v) => p with { GoodChannelThreshold = v }),
        new("location_privacy_weight", "location-privacy weight lambda", ParameterDomain.NonNegative, p => p.LocationPrivacyWeight, (p, v) => p with { LocationPrivacyWeight = v }),
        new("privacy_unit_bits", "privacy data unit d_unit (bits)", ParameterDomain.Positive, p => p.PrivacyUnitBits, (p, v) => p with { PrivacyUnitBits = v }),
        new("energy_unit_joules", "cost energy unit e_unit (J)", ParameterDomain.Positive, p => p.EnergyUnitJoules, (p, v) => p with { EnergyUnitJoules = v }),
        new("latency_unit_seconds", "cost latency unit l_unit (s)", ParameterDomain.Positive, p => p.LatencyUnitSeconds, (p, v) => p with { LatencyUnitSeconds = v }),
        new("deadline_penalty", "reward per deadline miss", ParameterDomain.NonNegative, p => p.DeadlinePenalty, (p, v) => p with { DeadlinePenalty = v }),
    ];

    private static readonly Dictionary<string, ParameterKey> ByName = Keys.ToDictionary(k => k.Key, StringComparer.Ordinal);

    /// <summary>The key called <paramref name="name"/>, or a <see cref="ConfigurationException"/> naming the known keys.</summary>
    public static ParameterKey Find(string name, string where) =>
        ByName.TryGetValue(name, out var key)
            ? key
            : throw new ConfigurationException(
                $"{where}: unknown key '{UserInput.Quote(name)}'; allowed keys: {string.Join(", ", Keys.Select(k => k.Key))}");

    /// <summary>Every key with its value in <paramref name="parameters"/>, in catalog order (for writing the configuration used).</summary>
    public static IEnumerable<KeyValuePair<string, double>> Values(ModelParameters parameters) =>
        Keys.Select(k => KeyValuePair.Create(k.Key, k.Get(parameters)));

    /// <summary>The keys whose values in <paramref name="parameters"/> differ from <paramref name="preset"/>'s, in catalog order.</summary>
    public static IReadOnlyList<KeyValuePair<string, double>> Overrides(ModelParameters preset, ModelParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(preset);
        ArgumentNullException.ThrowIfNull(parameters);
        return Keys.Where(k => !k.Get(preset).Equals(k.Get(parameters))).Select(k => KeyValuePair.Create(k.Key, k.Get(parameters))).ToArray();
    }

    /// <summary>
    /// Applies a JSON config file (a flat object of config keys to numbers) on top of <paramref name="parameters"/>.
    /// Keys not given keep their value.
    /// </summary>
    public static ModelParameters ApplyFile(ModelParameters parameters, string path)
    {
        string text = UserInput.ReadText(path, $"--config {UserInput.Quote(path)}", "the file");

        return ApplyJson(parameters, text, $"--config {path}");
    }

    /// <summary>Applies the JSON text of a config file; <paramref name="where"/> names the source in errors.</summary>
    public static ModelParameters ApplyJson(ModelParameters parameters, string json, string where)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new ConfigurationException(
                $"{where}: not valid JSON at line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}; expected a flat object of config keys to numbers");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ConfigurationException(
                    $"{where}: the file holds a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}; expected a flat object of config keys to numbers");
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                var key = Find(property.Name, $"{where}: key '{property.Name}' with value {UserInput.OneLine(property.Value)}");
                if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetDouble(out double value))
                {
                    throw new ConfigurationException(
                        $"{where}: key '{key.Key}' has value {UserInput.OneLine(property.Value)}; allowed: {key.Allowed}");
                }

                parameters = key.With(parameters, value);
            }
        }

        return parameters;
    }

    /// <summary>
    /// Sets key <paramref name="name"/> to the number in <paramref name="text"/> (invariant culture); errors name
    /// <paramref name="where"/> (e.g. <c>--set rate_bad_bps=x</c>), the value and what is allowed.
    /// </summary>
    public static ModelParameters Apply(ModelParameters parameters, string name, string text, string where)
    {
        ArgumentNullException.ThrowIfNull(text);
        var key = Find(name, where);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            throw new ConfigurationException($"{where}: '{UserInput.Quote(text)}' is not a number; allowed: {key.Allowed}");
        }

        return key.With(parameters, value);
    }

    /// <summary>Checks every parameter and their relations; throws a <see cref="ConfigurationException"/> on the first violation.</summary>
    public static ModelParameters Validate(ModelParameters parameters)
    {
        foreach (var key in Keys)
        {
            double value = key.Get(parameters);
            if (!key.Admits(value))
            {
                throw new ConfigurationException(
                    $"{key.Key} = {value.ToString("R", CultureInfo.InvariantCulture)} is not allowed; allowed: {key.Allowed} ({key.Meaning})");
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
