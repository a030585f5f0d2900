using EdgeMine.Model;

namespace EdgeMine.Tests.Model;

/// <summary>Configuration parsing and validation: every error is a one-line ConfigurationException naming key, value, allowed.</summary>
public sealed class ParameterCatalogTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("edgemine-config-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static ConfigurationException Fails(Func<ModelParameters> action)
    {
        var e = Assert.Throws<ConfigurationException>(() => action());
        Assert.DoesNotContain('\n', e.Message);
        Assert.DoesNotContain('\r', e.Message);
        return e;
    }

    private string Write(string json)
    {
        string path = Path.Combine(_directory, $"{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void ApplySet_KnownKey_ChangesOnlyThatParameter()
    {
        var p = ApplySet(Presets.Calibrated, "rate_bad_bps=1e4");
        Assert.Equal(1e4, p.RateBadBps);
        Assert.Equal(Presets.Calibrated with { RateBadBps = 1e4 }, p);
        Assert.Equal(2.5e-5, ApplySet(p, " local_seconds_per_bit = 2.5e-5 ").LocalSecondsPerBit);
    }

    [Fact]
    public void ApplySet_EveryKey_SetsTheMatchingProperty()
    {
        foreach (var key in ParameterCatalog.Keys)
        {
            // A number key: its preset value + 0.125; a choice key: a name other than the preset's.
            var preset = key.Get(Presets.Calibrated);
            var value = key.Domain == ParameterDomain.Choice ? ParameterValue.Of(key.Choices.First(c => c != preset.Name)) : preset.Number + 0.125;
            var p = ApplySet(Presets.Calibrated, $"{key.Key}={value}");
            Assert.Equal(value, key.Get(p));
            Assert.Equal(1, ParameterCatalog.Keys.Count(k => k.Get(p) != k.Get(Presets.Calibrated)));
        }
    }

    [Fact]
    public void ApplySet_UnknownKey_NamesKeyValueAndAllowedKeys()
    {
        var e = Fails(() => ApplySet(Presets.Calibrated, "rate_bd_bps=5"));
        Assert.Contains("rate_bd_bps", e.Message, StringComparison.Ordinal);
        Assert.Contains("5", e.Message, StringComparison.Ordinal);
        Assert.Contains("rate_bad_bps", e.Message, StringComparison.Ordinal); // the allowed keys are listed
        Assert.Contains("deadline_penalty", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ApplySet_NonNumber_NamesKeyValueAndWhatIsAllowed()
    {
        var e = Fails(() => ApplySet(Presets.Calibrated, "rate_bad_bps=fast"));
        Assert.Contains("rate_bad_bps", e.Message, StringComparison.Ordinal);
        Assert.Contains("'fast'", e.Message, StringComparison.Ordinal);
        Assert.Contains("a finite number > 0", e.Message, StringComparison.Ordinal);
    }


    [Fact]
    public void ApplyFile_ValidObject_AppliesItsKeysAndKeepsTheRest()
    {
        string path = Write("{ \"rate_bad_bps\": 1e4, // comment\n \"mec_cycles_per_bit\": 18000, }");
        var p = ParameterCatalog.ApplyFile(Presets.Calibrated, path);
        Assert.Equal(Presets.Calibrated with { RateBadBps = 1e4, MecCyclesPerBit = 18000 }, p);
    }

    [Fact]
    public void ApplyFile_UnknownKey_NamesKeyValueAndAllowedKeys()
    {
        string path = Write("{ \"rate_bad\": 12345 }");
        var e = Fails(() => ParameterCatalog.ApplyFile(Presets.Calibrated, path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("'rate_bad'", e.Message, StringComparison.Ordinal);
        Assert.Contains("12345", e.Message, StringComparison.Ordinal);
        Assert.Contains("rate_bad_bps", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ApplyFile_MalformedJson_NamesTheFileAndWhatIsExpected()
    {
        string path = Write("{ \"rate_bad_bps\": 1e4\n \"x\" ");
        var e = Fails(() => ParameterCatalog.ApplyFile(Presets.Calibrated, path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", e.Message, StringComparison.Ordinal);
        Assert.Contains("line 2", e.Message, StringComparison.Ordinal);
        Assert.Contains("flat object of config keys to numbers", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1, 2]", "array")]
    [InlineData("42", "number")]
    [InlineData("\"rate_bad_bps\"", "string")]
    public void ApplyJson_NotAnObject_NamesWhatItHoldsAndWhatIsExpected(string json, string kind)
    {
        var e = Fails(() => ParameterCatalog.ApplyJson(Presets.Calibrated, json, "--config c.json"));
        Assert.Contains("--config c.json", e.Message, StringComparison.Ordinal);
        Assert.Contains(kind, e.Message, StringComparison.Ordinal);
        Assert.Contains("flat object of config keys to numbers", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"2e6\"")]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("[1]")]
    [InlineData("{\n  \"a\": 1\n}")]
    public void ApplyJson_NonNumberValue_NamesKeyValueAndWhatIsAllowed(string value)
    {
        var e = Fails(() => ParameterCatalog.ApplyJson(Presets.Calibrated, $"{{ \"rate_bad_bps\": {value} }}", "--config c.json"));
        Assert.Contains("'rate_bad_bps'", e.Message, StringComparison.Ordinal);
        Assert.Contains(value.Replace("\n", " ", StringComparison.Ordinal).Split(' ')[0], e.Message, StringComparison.Ordinal);
        Assert.Contains("a finite number > 0", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ApplyFile_MissingFile_NamesThePathAndSaysNotFound()
    {
        string path = Path.Combine(_directory, "absent.json");
        var e = Fails(() => ParameterCatalog.ApplyFile(Presets.Calibrated, path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("file not found", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rate_bad_bps", "0", "a finite number > 0")]
    [InlineData("rate_good_bps", "-1", "a finite number > 0")]
    [InlineData("mec_capacity_hz", "0", "a finite number > 0")]
    [InlineData("arrival_min_bits", "-5", "a finite number > 0")]
    [InlineData("privacy_unit_bits", "0", "a finite number > 0")]
    [InlineData("slot_seconds", "Infinity", "a finite number > 0")]
    [InlineData("mec_cycles_per_bit", "NaN", "a finite number > 0")]
    [InlineData("channel_persistence", "1.5", "a number in [0, 1]")]
    [InlineData("channel_persistence", "-0.25", "a number in [0, 1]")]
    [InlineData("good_channel_threshold", "2", "a number in [0, 1]")]
    [InlineData("deadline_penalty", "-1", "a finite number >= 0")]
    [InlineData("transmit_watts", "-0.5", "a finite number >= 0")]
    public void Validate_ValueOutsideItsDomain_NamesKeyValueAndWhatIsAllowed(string key, string value, string allowed)
    {
        var p = ApplySet(Presets.Calibrated, $"{key}={value}");
        var e = Fails(() => ParameterCatalog.Validate(p));
        Assert.StartsWith($"{key} = {value} ", e.Message, StringComparison.Ordinal);
        Assert.Contains(allowed, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ArrivalMinAboveMax_NamesBothKeysAndValues()
    {
        var p = Presets.Calibrated with { ArrivalMinBits = 200e3 };
        var e = Fails(() => ParameterCatalog.Validate(p));
        Assert.Contains("arrival_min_bits = 200000", e.Message, StringComparison.Ordinal);
        Assert.Contains("arrival_max_bits = 150000", e.Message, StringComparison.Ordinal);
        Assert.Contains("arrival_min_bits <= arrival_max_bits", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ArrivalMinEqualToMax_IsAllowed()
    {
        var p = Presets.Calibrated with { ArrivalMinBits = 150e3 };
        Assert.Same(p, ParameterCatalog.Validate(p));
    }

    [Theory]
    [InlineData("channel_persistence=0")]
    [InlineData("channel_persistence=1")]
    [InlineData("mec_energy_coefficient=0")]
    [InlineData("deadline_penalty=0")]
    public void Validate_ValuesOnTheDomainBoundary_AreAllowed(string assignment)
    {
        var p = ApplySet(Presets.Calibrated, assignment);
        Assert.Same(p, ParameterCatalog.Validate(p));
    }

    /// <summary>One <c>key=value</c> override, split as the command line splits it (the command line's tests cover a missing '=').</summary>
    private static ModelParameters ApplySet(ModelParameters parameters, string assignment)
    {
        int eq = assignment.IndexOf('=', StringComparison.Ordinal);
        return ParameterCatalog.Apply(parameters, assignment[..eq].Trim(), assignment[(eq + 1)..].Trim(), $"--set {assignment}");
    }
}
