using EdgeMine.Model;

namespace EdgeMine.Tests.Model;

/// <summary>The catalogue's keys as values: what each means, what the paper states, and how a key refuses a value of the wrong kind.</summary>
public sealed class ParameterKeyTests
{
    [Fact]
    public void EveryKey_HasItsOwnMeaning()
    {
        Assert.All(ParameterCatalog.Keys, k => Assert.False(string.IsNullOrWhiteSpace(k.Meaning), k.Key));
        Assert.Equal(ParameterCatalog.Keys.Count, ParameterCatalog.Keys.Select(k => k.Meaning).Distinct().Count());
        Assert.Equal("slot length dt (s)", ParameterCatalog.Find("slot_seconds", "test").Meaning);
    }

    [Fact]
    public void StatedByThePaper_IsSectionNinesPaperColumn()
    {
        // MODEL.md section 9: the constants the paper gives a value to (mec_cycles_per_bit is given as a local workload
        // that cannot be the MEC's, so it is searched), and the reward's deadline penalty, which the paper does not have.
        string[] stated =
        [
            "slot_seconds", "mec_capacity_hz", "local_seconds_per_bit", "local_joules_per_bit", "arrival_min_bits", "arrival_max_bits",
            "deadline_seconds", "mec_energy_coefficient", "mec_circuit_watts", "channel_persistence", "deadline_penalty",
        ];
        Assert.Equal(stated.Order(StringComparer.Ordinal), ParameterCatalog.StatedByThePaper.Order(StringComparer.Ordinal));
        Assert.All(stated, k => ParameterCatalog.Find(k, "test")); // every one a real key
    }

    [Fact]
    public void ParameterValue_NumbersAndNames()
    {
        ParameterValue number = 2.5, name = ParameterValue.Of("eq8");
        Assert.True(number.IsNumber);
        Assert.False(name.IsNumber);
        Assert.Equal(2.5, number.Number);
        var error = Assert.Throws<InvalidOperationException>(() => name.Number);
        Assert.Equal("the parameter value 'eq8' is a name, not a number", error.Message);
        Assert.Equal("2.5", number.ToJson().ToJsonString());
        Assert.Equal("\"eq8\"", name.ToJson().ToJsonString());
    }

    [Fact]
    public void With_AValueOfTheWrongKind_IsRefused()
    {
        var form = ParameterCatalog.Find("usage_privacy_form", "test");
        var rate = ParameterCatalog.Find("rate_bad_bps", "test");
        Assert.Throws<ArgumentException>(() => form.With(Presets.Calibrated, 1.0));                       // a number for a choice
        Assert.Throws<ArgumentException>(() => form.With(Presets.Calibrated, ParameterValue.Of("eq9")));  // a name it does not have
        Assert.Throws<ArgumentException>(() => rate.With(Presets.Calibrated, ParameterValue.Of("eq8")));  // a name for a number
        Assert.Equal(UsagePrivacyForm.Withheld, form.With(Presets.Calibrated, ParameterValue.Of("withheld")).UsagePrivacyForm);
        Assert.Throws<ArgumentException>(() => ParameterKey.Number("k", "meaning", ParameterDomain.Choice, p => 0, (p, _) => p));
    }

    [Fact]
    public void AConfigFileOfTheWrongShape_SaysWhichKeysTakeNames()
    {
        var error = Assert.Throws<ConfigurationException>(() => ParameterCatalog.ApplyJson(Presets.Calibrated, "[1]", "--config c.json"));
        Assert.Equal("--config c.json: the file holds a JSON array; expected a flat object of config keys to numbers (names for usage_privacy_form)", error.Message);
        error = Assert.Throws<ConfigurationException>(() => ParameterCatalog.ApplyJson(Presets.Calibrated, "{\n  \"a\": }", "--config c.json"));
        Assert.StartsWith("--config c.json: not valid JSON at line 2, position 8;", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParameterValue_JsonAndText()
    {
        var values = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, ParameterValue>>("""{"rate_bad_bps": 5e5, "usage_privacy_form": "withheld"}""")!;
        Assert.Equal(5e5, values["rate_bad_bps"].Number);
        Assert.Equal("withheld", values["usage_privacy_form"].Name);
        Assert.Equal("""{"a":0.1,"b":"eq8"}""", System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, ParameterValue> { ["a"] = 0.1, ["b"] = ParameterValue.Of("eq8") }));

        // Round-trip text in invariant culture by default; a format and a culture when given.
        Assert.Equal("0.1", ParameterValue.Of(0.1).ToString());
        Assert.Equal("0.10", ParameterValue.Of(0.1).ToString("F2", null));
        Assert.Equal("0,10", ParameterValue.Of(0.1).ToString("F2", new System.Globalization.NumberFormatInfo { NumberDecimalSeparator = "," }));
        Assert.Equal("eq8", ParameterValue.Of("eq8").ToString("F2", null));
    }

    [Fact]
    public void Read_InDomainOnlyWhenAsked()
    {
        var rate = ParameterCatalog.Find("rate_bad_bps", "test");
        using var negative = System.Text.Json.JsonDocument.Parse("-1");
        Assert.Equal(-1, rate.Read(negative.RootElement, "at").Number); // the domain is Validate's, unless asked
        var error = Assert.Throws<ConfigurationException>(() => rate.Read(negative.RootElement, "sweep.json: key 'rate_bad_bps'", inDomain: true));
        Assert.Equal("sweep.json: key 'rate_bad_bps' has value -1; allowed: a finite number > 0 (upload rate, bad channel (bit/s))", error.Message);
    }
}
