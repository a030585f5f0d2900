namespace EdgeMine.Tests.Experiments;

/// <summary><c>reproduce --compare DIR</c>: another run's claims beside this run's, fitted and held out counted apart.</summary>
public sealed class PresetsComparedTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void A_run_compared_with_another_lists_both_outcomes_of_every_claim()
    {
        string calibrated = _directory.File("calibrated");
        Assert.Equal(0, CliRunner.Run("reproduce", "--quick", "--only", "table2,table3", "--out", calibrated).ExitCode);
        string fitted = _directory.File("fitted");
        var (code, _, error) = CliRunner.Run("reproduce", "--quick", "--only", "table2,table3", "--set", "rate_bad_bps=900000", "--compare", calibrated, "--out", fitted);
        Assert.True(code == 0, error);

        string report = File.ReadAllText(Path.Combine(fitted, "report.md"));
        Assert.Contains("## Presets compared", report, StringComparison.Ordinal);
        Assert.Matches(@"of the 6 claims a calibration is fitted on \(Table II\), and \d+ against \d+ of the 6 held out", report);
        Assert.Contains("| outcome: calibrated |", report, StringComparison.Ordinal);

        var (bad, _, badError) = CliRunner.Run("reproduce", "--quick", "--compare", _directory.File("nowhere"), "--out", _directory.File("x"));
        Assert.Equal(2, bad);
        Assert.Contains("no claims.csv there", badError, StringComparison.Ordinal);
    }
}
