using EdgeMine.Model;

namespace EdgeMine.Tests.Model;

/// <summary>The presets against the table of MODEL.md section 9, key by key (values copied from the table).</summary>
public class PresetTests
{
    // (config key, calibrated, paper-literal), in the table's order.
    public static TheoryData<string, double, double> Table => new()
    {
        { "slot_seconds", 1, 1 },
        { "mec_capacity_hz", 10e9, 10e9 },
        { "local_seconds_per_bit", 4.75e-7, 4.75e-7 },
        { "local_joules_per_bit", 3.25e-7, 3.25e-7 },
        { "arrival_min_bits", 50e3, 50e3 },
        { "arrival_max_bits", 150e3, 150e3 },
        { "mec_cycles_per_bit", 1000, 18000 },
        { "deadline_seconds", 15, 15 },
        { "mec_energy_coefficient", 1e-26, 1e-26 },
        { "mec_frequency_unit_hz", 1e9, 1 },
        { "mec_circuit_watts", 0.05, 0.05 },
        { "transmit_watts", 0.5, 0.5 },
        { "rate_good_bps", 10e6, 10e6 },
        { "rate_bad_bps", 2e6, 2e6 },
        { "channel_persistence", 0.8, 0.8 },
        { "good_channel_threshold", 1, 1 },
        { "location_privacy_weight", 0.5, 0.5 },
        { "privacy_unit_bits", 100e3, 1e3 },
        { "energy_unit_joules", 0.0325, 1 },     // e_local * 100e3 = 3.25e-7 * 1e5
        { "latency_unit_seconds", 0.0475, 1 },   // t_local * 100e3 = 4.75e-7 * 1e5
        { "deadline_penalty", 0, 0 },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Presets_MatchTheTableOfSectionNine(string key, double calibrated, double paperLiteral)
    {
        var parameter = ParameterCatalog.Find(key, "test");
        Approx.Equal(calibrated, parameter.Get(Presets.Calibrated).Number, $"calibrated {key}", 1e-15, 0);
        Approx.Equal(paperLiteral, parameter.Get(Presets.PaperLiteral).Number, $"paper-literal {key}", 1e-15, 0);
    }

    [Fact]
    public void Presets_UsagePrivacyForm_IsEq8InBoth()
    {
        // MODEL.md section 9: usage_privacy_form, eq8 in both presets.
        var parameter = ParameterCatalog.Find("usage_privacy_form", "test");
        Assert.Equal(ParameterValue.Of("eq8"), parameter.Get(Presets.Calibrated));
        Assert.Equal(ParameterValue.Of("eq8"), parameter.Get(Presets.PaperLiteral));
        Assert.Equal(UsagePrivacyForm.Eq8, Presets.Calibrated.UsagePrivacyForm);
        Assert.Equal(UsagePrivacyForm.Eq8, Presets.PaperLiteral.UsagePrivacyForm);
    }

    [Fact]
    public void Catalog_HasExactlyTheConfigKeysOfSectionNineInOrder()
    {
        string[] keys =
        [
            "slot_seconds", "mec_capacity_hz", "local_seconds_per_bit", "local_joules_per_bit", "arrival_min_bits",
            "arrival_max_bits", "mec_cycles_per_bit", "deadline_seconds", "mec_energy_coefficient", "mec_frequency_unit_hz",
            "mec_circuit_watts", "transmit_watts", "rate_good_bps", "rate_bad_bps", "channel_persistence",
            "good_channel_threshold", "location_privacy_weight", "privacy_unit_bits", "energy_unit_joules",
            "latency_unit_seconds", "deadline_penalty", "usage_privacy_form",
        ];
        Assert.Equal(keys, ParameterCatalog.Keys.Select(k => k.Key));
        Assert.Equal(keys, ParameterCatalog.Values(Presets.Calibrated).Select(kv => kv.Key));
    }

    [Fact]
    public void Presets_BothPassValidation()
    {
        Assert.Same(Presets.Calibrated, ParameterCatalog.Validate(Presets.Calibrated));
        Assert.Same(Presets.PaperLiteral, ParameterCatalog.Validate(Presets.PaperLiteral));
    }

    [Fact]
    public void Presets_FindByCommandLineName()
    {
        Assert.Equal(["calibrated", "paper-literal"], Presets.Names);
        Assert.Same(Presets.Calibrated, Presets.Find("calibrated"));
        Assert.Same(Presets.PaperLiteral, Presets.Find("paper-literal"));
        Assert.Null(Presets.Find("paper"));
    }

    [Fact]
    public void Parameters_DerivedCapacitiesFollowFromTheKeys()
    {
        var p = Presets.Calibrated;
        Approx.Equal(1 / 4.75e-7, p.LocalCapacityBitsPerSlot, "dt / t_local");   // 2105263.16 bits
        Approx.Equal(10e9, p.MecCyclesPerSlot, "F dt");
        Approx.Equal(100e3, p.ArrivalMeanBits, "(50e3 + 150e3) / 2");
        Approx.Equal(2e6, p.UploadRateBps(false), "rate(0)");
        Approx.Equal(10e6, p.UploadRateBps(true), "rate(1)");
    }
}
