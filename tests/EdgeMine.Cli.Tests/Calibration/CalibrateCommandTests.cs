namespace EdgeMine.Tests.Calibration;

/// <summary><c>edgemine calibrate</c> from the command line: a quick run writes its files, paper-fit.json drives simulate, bad spaces exit 2.</summary>
public sealed class CalibrateCommandTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Quick_calibration_writes_its_outputs_and_paper_fit_drives_simulate()
    {
        string output = _directory.File("cal");
        var (code, stdout, error) = CliRunner.Run("calibrate", "--quick", "--out", output);
        Assert.True(code == 0, error);
        Assert.Contains("calibration finished", stdout, StringComparison.Ordinal);
        Assert.Contains("independent held-out claims hold", stdout, StringComparison.Ordinal);
        Assert.Contains("top points beyond noise", stdout, StringComparison.Ordinal);
        Assert.Contains("fresh seeds: objective", stdout, StringComparison.Ordinal);
        foreach (string file in new[] { "points.csv", "paper-fit.json", "feasibility.md", "feasibility.html", "calibration.json" })
        {
            Assert.True(File.Exists(Path.Combine(output, file)), file);
        }

        var simulate = CliRunner.Run("simulate", "--config", Path.Combine(output, "paper-fit.json"), "--slots", "20", "--runs", "2", "--json");
        Assert.True(simulate.ExitCode == 0, simulate.Error);

        // The same directory under another configuration is refused.
        var other = CliRunner.Run("calibrate", "--quick", "--seed", "2", "--out", output);
        Assert.Equal(2, other.ExitCode);
        Assert.Contains("another configuration", other.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"mec_capacity_hz\": {\"low\": 1e9, \"high\": 2e10}}", "mec_capacity_hz is a constant the paper states")]
    [InlineData("{\"transmit_watts\": {\"low\": 1, \"high\": 0.5}}", "low 1 is not below high 0.5")]
    [InlineData("{\"speed_of_light\": {\"low\": 1, \"high\": 2}}", "unknown key 'speed_of_light'")]
    public void A_bad_space_file_exits_two_with_one_line(string json, string expected)
    {
        string space = _directory.File("space.json");
        File.WriteAllText(space, json);
        var (code, _, error) = CliRunner.Run("calibrate", "--quick", "--space", space, "--out", _directory.File("bad"));
        Assert.Equal(2, code);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
