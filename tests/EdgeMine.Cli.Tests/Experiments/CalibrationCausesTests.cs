namespace EdgeMine.Tests.Experiments;

/// <summary>
/// <c>reproduce --calibration DIR</c>: a calibration's points tell a "preset" cause from a "model" one (MODEL.md
/// section 11); a directory without points, or a points file that is not a calibration's, is one line and exit 2 before
/// any cell runs.
/// </summary>
public sealed class CalibrationCausesTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void A_calibration_directory_is_read_and_named_in_the_report()
    {
        string calibration = Path.GetDirectoryName(Repository.File("docs/calibration-run/points.csv"))!;
        string output = _directory.File("run");
        var (code, _, error) = CliRunner.Run("reproduce", "--quick", "--only", "fig5", "--calibration", calibration, "--out", output);
        Assert.True(code == 0, error);
        Assert.Contains($"| calibration behind the causes (--calibration) | {calibration} |", File.ReadAllText(Path.Combine(output, "report.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_without_a_calibrations_points_exits_2_before_any_cell()
    {
        string nowhere = _directory.File("nowhere");
        var (code, _, error) = CliRunner.Run("reproduce", "--quick", "--calibration", nowhere, "--out", _directory.File("x"));
        Assert.Equal(2, code);
        Assert.Equal($"edgemine: --calibration '{nowhere}': no points.csv there; allowed: the output directory of `edgemine calibrate`", error.Trim());
        Assert.False(Directory.Exists(Path.Combine(_directory.File("x"), "cells")));

        string foreign = _directory.File("foreign");
        Directory.CreateDirectory(foreign);
        File.WriteAllText(Path.Combine(foreign, "points.csv"), "a,b\n1,2\n");
        var (foreignCode, _, foreignError) = CliRunner.Run("reproduce", "--quick", "--calibration", foreign, "--out", _directory.File("y"));
        Assert.Equal(2, foreignCode);
        Assert.Contains("no column 'point'; allowed: a points.csv written by `edgemine calibrate`", foreignError, StringComparison.Ordinal);
    }
}
