using System.Text.Json;
using EdgeMine.Model;

namespace EdgeMine.Tests.Model;

/// <summary>
/// The config key <c>usage_privacy_form</c> (MODEL.md sections 5 and 9): Pu = |D0 - Do| / d_unit * I(g &gt;= eps) under
/// <c>eq8</c>, |D0 + D1 - Do| / d_unit * I(g &gt;= eps) under <c>withheld</c>. Expected values are worked from those
/// equations with the calibrated preset: d_unit = 1e5 bits, eps = 1, lambda = 0.5, rate_good = 1e7 bit/s (the upload
/// cap of a good slot: 1e7 bits), local capacity dt / t_local = 1 / 4.75e-7 = 2,105,263.2 bits.
/// </summary>
public sealed class UsagePrivacyFormTests
{
    private static readonly ModelParameters Eq8 = Presets.Calibrated;
    private static readonly ModelParameters Withheld = Presets.Calibrated with { UsagePrivacyForm = UsagePrivacyForm.Withheld };

    private static TaskOutcome[] Evaluate(ModelParameters p, int tasksPerMiner, bool good, double[] d0, double[] d1, double[] x)
    {
        var outcomes = new TaskOutcome[tasksPerMiner];
        new SlotModel(p, 1, tasksPerMiner, 0.5).Evaluate(d0, d1, [good], 0, x, outcomes);
        return outcomes;
    }

    [Theory]
    // D0 = 0, D1 = 100 kbit, good channel.
    [InlineData(0, 100e3, 0.0, 0.0, 1.0)]     // Do = 0: eq8 |0 - 0| = 0; withheld |0 + 1e5 - 0| / 1e5 = 1
    [InlineData(0, 100e3, 0.25, 0.25, 0.75)]  // Do = 25e3: eq8 |0 - 25e3| / 1e5 = 0.25; withheld |1e5 - 25e3| / 1e5 = 0.75
    [InlineData(0, 100e3, 1.0, 1.0, 0.0)]     // Do = 1e5: eq8 1; withheld |1e5 - 1e5| = 0
    // D0 = 20 kbit, D1 = 80 kbit (D = 100 kbit), good channel.
    [InlineData(20e3, 80e3, 0.0, 0.2, 1.0)]   // Do = 0: eq8 |2e4 - 0| / 1e5 = 0.2; withheld |1e5 - 0| / 1e5 = 1
    [InlineData(20e3, 80e3, 0.2, 0.0, 0.8)]   // Do = 2e4: eq8 |2e4 - 2e4| = 0 (its kink); withheld |1e5 - 2e4| / 1e5 = 0.8
    [InlineData(20e3, 80e3, 0.5, 0.3, 0.5)]   // Do = 5e4: eq8 |2e4 - 5e4| / 1e5 = 0.3; withheld |1e5 - 5e4| / 1e5 = 0.5
    public void UsagePrivacy_GoodChannel_BothForms(double d0, double d1, double x, double eq8, double withheld)
    {
        Approx.Equal(eq8, Evaluate(Eq8, 1, true, [d0], [d1], [x])[0].UsagePrivacy, "Pu (eq8)");
        Approx.Equal(withheld, Evaluate(Withheld, 1, true, [d0], [d1], [x])[0].UsagePrivacy, "Pu (withheld)");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    public void UsagePrivacy_BadChannel_IsZeroUnderBothForms_LocationPrivacyUnchanged(double x)
    {
        // g = 0 < eps = 1: I(g >= eps) = 0 whatever the form; Pl = I(Do > 0) = 1 when x > 0, so P = 0.5 I(x > 0).
        foreach (var p in new[] { Eq8, Withheld })
        {
            var o = Evaluate(p, 1, false, [20e3], [80e3], [x])[0];
            Assert.Equal(0, o.UsagePrivacy);
            Approx.Equal(x > 0 ? 0.5 : 0, o.Privacy, $"P ({p.UsagePrivacyForm})");
        }
    }

    [Fact]
    public void UsagePrivacy_UploadCapBinds_WithheldCountsTheBitsNotSent()
    {
        // One miner, two tasks, good channel: upload cap 1e7 bits, spent in task order. D0 = 0, D1 = 8e6 and 4e6, x = 1, 1:
        // task 0 sends 8e6 (2e6 left), task 1 sends min(4e6, 2e6) = 2e6 and buffers the other 2e6.
        // eq8:      |0 - 8e6| / 1e5 = 80; |0 - 2e6| / 1e5 = 20.
        // withheld: |8e6 - 8e6| = 0;      |4e6 - 2e6| / 1e5 = 20.
        var eq8 = Evaluate(Eq8, 2, true, [0, 0], [8e6, 4e6], [1, 1]);
        var withheld = Evaluate(Withheld, 2, true, [0, 0], [8e6, 4e6], [1, 1]);
        Approx.Equal(2e6, withheld[1].ServedOffloadBits, "Do of task 1");
        Approx.Equal(80, eq8[0].UsagePrivacy, "Pu task 0 (eq8)");
        Approx.Equal(20, eq8[1].UsagePrivacy, "Pu task 1 (eq8)");
        Approx.Equal(0, withheld[0].UsagePrivacy, "Pu task 0 (withheld)");
        Approx.Equal(20, withheld[1].UsagePrivacy, "Pu task 1 (withheld)");
    }

    [Fact]
    public void UsagePrivacy_LocalCapBinds_WithheldCountsEveryBitNotOffloaded()
    {
        // One task, good channel, D0 = 4e6, D1 = 8e6, x = 0: Dl = min(12e6, 2,105,263.2), Do = 0.
        // eq8: |4e6 - 0| / 1e5 = 40; withheld: |12e6 - 0| / 1e5 = 120 (served locally or buffered, nothing was sent).
        Approx.Equal(40, Evaluate(Eq8, 1, true, [4e6], [8e6], [0])[0].UsagePrivacy, "Pu (eq8)");
        Approx.Equal(120, Evaluate(Withheld, 1, true, [4e6], [8e6], [0])[0].UsagePrivacy, "Pu (withheld)");
    }

    [Fact]
    public void Reward_AllLocalGoodChannel_DiffersByTheWithheldData()
    {
        // D0 = 0, D1 = 100 kbit, local: C = 0.5 * 0.0325 / 0.0325 + 0.5 * 0.0475 / 0.0475 = 1.
        // eq8: P = 0, r = -1; withheld: P = 1, r = 0.
        var eq8 = new SlotModel(Eq8, 1, 1, 0.5).Evaluate([0], [100e3], [true], 0, [0], new TaskOutcome[1]);
        var withheld = new SlotModel(Withheld, 1, 1, 0.5).Evaluate([0], [100e3], [true], 0, [0], new TaskOutcome[1]);
        Approx.Equal(-1, eq8.Reward, "r (eq8)");
        Approx.Equal(0, withheld.Reward, "r (withheld)");
    }

    [Theory]
    [InlineData("eq8", UsagePrivacyForm.Eq8)]
    [InlineData("withheld", UsagePrivacyForm.Withheld)]
    public void Key_SetFileAndJsonText_RoundTrip(string name, UsagePrivacyForm form)
    {
        var key = ParameterCatalog.Find("usage_privacy_form", "test");
        Assert.Equal(ParameterDomain.Choice, key.Domain);
        Assert.Equal(["eq8", "withheld"], key.Choices);

        // --set, a config file (a JSON string), and back: the same parameters and the same canonical text.
        var set = ParameterCatalog.Apply(Presets.Calibrated, "usage_privacy_form", name, $"--set usage_privacy_form={name}");
        var file = ParameterCatalog.ApplyJson(Presets.Calibrated, $"{{ \"usage_privacy_form\": \"{name}\" }}", "--config c.json");
        Assert.Equal(form, set.UsagePrivacyForm);
        Assert.Equal(set, file);
        Assert.Equal(set, ParameterCatalog.Validate(set));
        Assert.Equal(name, key.Get(set).ToString());
        Assert.Equal($"\"{name}\"", key.Get(set).ToJson().ToJsonString());
        Assert.Equal(key.Get(set), key.Parse(key.Get(set).ToString(), "test"));
        using var document = JsonDocument.Parse(key.Get(set).ToJson().ToJsonString());
        Assert.Equal(key.Get(set), key.Read(document.RootElement, "test", inDomain: true));

        // Written with the other keys (a training configuration's "parameters", a manifest) as a string.
        var values = ParameterCatalog.Values(set).ToDictionary(kv => kv.Key, kv => kv.Value);
        Assert.Equal(name, values["usage_privacy_form"].Name);
        Assert.True(values["rate_bad_bps"].IsNumber);
        Assert.Equal(form == UsagePrivacyForm.Eq8 ? [] : ["usage_privacy_form"], ParameterCatalog.Overrides(Presets.Calibrated, set).Select(kv => kv.Key));
    }

    [Fact]
    public void Key_UnknownName_NamesKeyValueAndTheChoices()
    {
        var set = Assert.Throws<ConfigurationException>(() => ParameterCatalog.Apply(Presets.Calibrated, "usage_privacy_form", "foo", "--set usage_privacy_form=foo"));
        Assert.Equal("--set usage_privacy_form=foo: usage_privacy_form 'foo': allowed: eq8, withheld", set.Message);

        // In a file the value must be a string naming a choice: not another name, not a number.
        foreach (string value in new[] { "\"foo\"", "1", "\"Eq8\"" })
        {
            var file = Assert.Throws<ConfigurationException>(() => ParameterCatalog.ApplyJson(Presets.Calibrated, $"{{ \"usage_privacy_form\": {value} }}", "--config c.json"));
            Assert.StartsWith($"--config c.json: key 'usage_privacy_form' has value {value}; allowed: eq8, withheld (", file.Message, StringComparison.Ordinal);
        }

        // A number key is not given a name either.
        var number = Assert.Throws<ConfigurationException>(() => ParameterCatalog.Apply(Presets.Calibrated, "rate_bad_bps", "withheld", "--set rate_bad_bps=withheld"));
        Assert.Equal("--set rate_bad_bps=withheld: 'withheld' is not a number; allowed: a finite number > 0", number.Message);
    }

    [Fact]
    public void Validate_AnUndefinedFormSetInCode_IsRefusedNamingTheChoices()
    {
        var p = Presets.Calibrated with { UsagePrivacyForm = (UsagePrivacyForm)7 };
        var e = Assert.Throws<ConfigurationException>(() => ParameterCatalog.Validate(p));
        Assert.StartsWith("usage_privacy_form = 7 is not allowed; allowed: eq8, withheld (", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Value_OfAChoice_IsNotANumber()
    {
        var value = ParameterValue.Of("withheld");
        Assert.False(value.IsNumber);
        Assert.Throws<InvalidOperationException>(() => value.Number);
        Assert.Equal("2000000", ParameterValue.Of(2e6).ToString());
        Assert.Equal("0.1", ((ParameterValue)0.1).ToString());
        Assert.NotEqual(ParameterValue.Of("eq8"), ParameterValue.Of(0));
    }
}
