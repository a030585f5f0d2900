namespace EdgeMine.Tests.Cli;

/// <summary>Bad input gets one clear line naming the option or key, the value and what is allowed, and exit code 2.</summary>
public sealed class InputErrorTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    public static TheoryData<string[], string[]> MalformedSimulateInputs => new()
    {
        { ["--set", "warp_drive=1"], ["warp_drive", "allowed keys", "rate_bad_bps"] },
        { ["--set", "rate_bad_bps"], ["rate_bad_bps", "key=value"] },
        { ["--set", "=5"], ["=5", "key=value"] },
        { ["--set", "rate_bad_bps=fast"], ["rate_bad_bps", "fast", "not a number"] },
        { ["--set", "rate_good_bps=0"], ["rate_good_bps", "0", "> 0"] },
        { ["--set", "mec_capacity_hz=-1e9"], ["mec_capacity_hz", "-1000000000", "> 0"] },
        { ["--set", "arrival_max_bits=0"], ["arrival_max_bits", "> 0"] },
        { ["--set", "channel_persistence=1.5"], ["channel_persistence", "1.5", "[0, 1]"] },
        { ["--set", "arrival_min_bits=2e5"], ["arrival_min_bits", "200000", "arrival_max_bits"] },
        { ["--set", "usage_privacy_form=foo"], ["--set 'usage_privacy_form=foo': usage_privacy_form 'foo': allowed: eq8, withheld"] },
        { ["--set", "usage_privacy_form=1"], ["usage_privacy_form '1': allowed: eq8, withheld"] },
        { ["--beta", "1.2"], ["--beta", "1.2", "[0, 1]"] },
        { ["--miners", "0"], ["--miners", "0", "positive"] },
        { ["--tasks", "-3"], ["--tasks", "-3", "positive"] },
        { ["--slots", "0"], ["--slots", "0", "positive"] },
        { ["--runs", "0"], ["--runs", "0", "positive"] },
        { ["--miners", "many"], ["many", "--miners"] },
        { ["--preset", "optimistic"], ["--preset", "optimistic", "calibrated", "paper-literal"] },
        { ["--policy", "greedy"], ["--policy", "greedy", "optimal"] },
        { ["--config", "/nonexistent/edgemine.json"], ["--config", "/nonexistent/edgemine.json", "not found"] },
    };

    [Theory]
    [MemberData(nameof(MalformedSimulateInputs))]
    public void Simulate_MalformedInput_ExitsTwoWithOneLineNamingTheProblem(string[] arguments, string[] expectedFragments)
    {
        string[] slots = arguments.Contains("--slots") ? [] : ["--slots", "5"];
        var (code, output, error) = CliRunner.Run(["simulate", .. slots, .. arguments]);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        string firstLine = error.Split('\n')[0];
        foreach (string fragment in expectedFragments)
        {
            Assert.Contains(fragment, firstLine, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal); // no stack trace
    }

    [Theory]
    [InlineData("{ \"rate_bad_bps\": ", "not valid JSON")]
    [InlineData("[1, 2]", "expected a flat object")]
    [InlineData("{ \"rate_bad_bps\": \"fast\" }", "rate_bad_bps")]
    [InlineData("{ \"teleport\": 1 }", "unknown key 'teleport'")]
    [InlineData("{ \"location_privacy_weight\": -0.5 }", "location_privacy_weight")]
    [InlineData("{ \"usage_privacy_form\": \"Withheld\" }", "key 'usage_privacy_form' has value \"Withheld\"; allowed: eq8, withheld")]
    [InlineData("{ \"usage_privacy_form\": 1 }", "key 'usage_privacy_form' has value 1; allowed: eq8, withheld")]
    public void Simulate_BadConfigFile_ExitsTwoNamingTheFileAndProblem(string content, string expected)
    {
        string path = _directory.File("bad.json");
        File.WriteAllText(path, content);

        var (code, _, error) = CliRunner.Run("simulate", "--slots", "5", "--config", path);

        Assert.Equal(2, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_ConfigFileThenSet_SetWins()
    {
        string path = _directory.File("config.json");
        File.WriteAllText(path, "{ \"rate_bad_bps\": 1e6 }");

        // The file alone is valid; the later --set makes it invalid, proving the order file-then-set.
        var (ok, _, _) = CliRunner.Run("simulate", "--slots", "5", "--config", path);
        var (bad, _, error) = CliRunner.Run("simulate", "--slots", "5", "--config", path, "--set", "rate_bad_bps=0");

        Assert.Equal(0, ok);
        Assert.Equal(2, bad);
        Assert.Contains("rate_bad_bps = 0", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_UnknownAlgorithm_ExitsTwo()
    {
        var (code, _, error) = CliRunner.Run("train", "--algo", "sarsa", "--slots", "5", "--out", _directory.File("run"));

        Assert.Equal(2, code);
        Assert.Contains("--algo 'sarsa'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_DirectoryWithoutModel_ExitsTwo()
    {
        var (code, _, error) = CliRunner.Run("evaluate", "--model", _directory.Path);

        Assert.Equal(2, code);
        Assert.Contains("config.json", error, StringComparison.Ordinal);
    }
}
