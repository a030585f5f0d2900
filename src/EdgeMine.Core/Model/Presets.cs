namespace EdgeMine.Model;

/// <summary>The two presets of MODEL.md section 9.</summary>
public static class Presets
{
    /// <summary>The default: the paper's constants where they are consistent, calibrated where they are not (MODEL.md section 9).</summary>
    public static ModelParameters Calibrated { get; } = new()
    {
        SlotSeconds = 1,
        MecCapacityHz = 10e9,
        LocalSecondsPerBit = 4.75e-7,
        LocalJoulesPerBit = 3.25e-7,
        ArrivalMinBits = 50e3,
        ArrivalMaxBits = 150e3,
        MecCyclesPerBit = 1000,
        DeadlineSeconds = 15,
        MecEnergyCoefficient = 1e-26,
        MecFrequencyUnitHz = 1e9,
        MecCircuitWatts = 0.05,
        TransmitWatts = 0.5,
        RateGoodBps = 10e6,
        RateBadBps = 2e6,
        ChannelPersistence = 0.8,
        GoodChannelThreshold = 1,
        LocationPrivacyWeight = 0.5,
        PrivacyUnitBits = 100e3,
        // A mean-size (100 kbit) task executed locally: 3.25e-7 J/bit * 100e3 bit and 4.75e-7 s/bit * 100e3 bit.
        EnergyUnitJoules = 3.25e-7 * 100e3,
        LatencyUnitSeconds = 4.75e-7 * 100e3,
        DeadlinePenalty = 0,
        UsagePrivacyForm = UsagePrivacyForm.Eq8,
    };

    /// <summary>The paper's text taken literally (X = 18000 cycles/bit, f in Hz, raw units): shows what those constants imply.</summary>
    public static ModelParameters PaperLiteral { get; } = Calibrated with
    {
        MecCyclesPerBit = 18000,
        MecFrequencyUnitHz = 1,
        PrivacyUnitBits = 1e3,
        EnergyUnitJoules = 1,
        LatencyUnitSeconds = 1,
    };

    /// <summary>Preset names as the command line spells them, the default first.</summary>
    public static IReadOnlyList<string> Names { get; } = ["calibrated", "paper-literal"];

    /// <summary>The preset called <paramref name="name"/>, or a <see cref="ConfigurationException"/>: "preset NAME: unknown; allowed: ...".</summary>
    public static ModelParameters Get(string name) =>
        Find(name) ?? throw new ConfigurationException($"preset {UserInput.Quote(name)}: unknown; allowed: {string.Join(", ", Names)}");

    /// <summary>The preset called <paramref name="name"/>, or null when there is none.</summary>
    public static ModelParameters? Find(string name) => name switch
    {
        "calibrated" => Calibrated,
        "paper-literal" => PaperLiteral,
        _ => null,
    };
}
