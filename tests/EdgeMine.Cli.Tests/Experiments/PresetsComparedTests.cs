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

    [Fact]
    public void Text_from_another_run_is_escaped_in_report_md_as_it_is_in_report_html()
    {
        // Another run's claims.csv and manifest, doctored: its outcomes and its preset reach this run's report.
        string other = _directory.File("other");
        Assert.Equal(0, CliRunner.Run("reproduce", "--quick", "--only", "table2", "--out", other).ExitCode);
        const string Hostile = "<script>alert(1)</script> [click](http://evil.example) ![i](http://evil.example/i.png)";
        var claims = EdgeMine.Reporting.Csv.Parse(File.ReadAllText(Path.Combine(other, "claims.csv"))).Skip(1);
        File.WriteAllLines(Path.Combine(other, "claims.csv"), claims.Select(c => $"{c[0]},\"{c[1].Replace("\"", "\"\"", StringComparison.Ordinal)}\",\"{Hostile}\"").Prepend("experiment,claim,outcome"));
        File.WriteAllText(Path.Combine(other, "reproduction.json"), "{ \"preset\": \"<img src=x onerror=alert(2)>\" }");
        string mine = _directory.File("mine");

        var (code, _, error) = CliRunner.Run("reproduce", "--quick", "--only", "table2", "--compare", other, "--out", mine);

        Assert.True(code == 0, error);
        string md = File.ReadAllText(Path.Combine(mine, "report.md"));
        string html = File.ReadAllText(Path.Combine(mine, "report.html"));
        foreach (string report in new[] { md, html })
        {
            Assert.DoesNotContain("<script>", report, StringComparison.Ordinal);
            Assert.DoesNotContain("<img src=x", report, StringComparison.Ordinal);
            Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", report, StringComparison.Ordinal);
        }

        Assert.Contains(@"&lt;script&gt;alert(1)&lt;/script&gt; \[click\](http://evil.example) !\[i\](http://evil.example/i.png)", md, StringComparison.Ordinal);
        Assert.Contains("outcome: &lt;img src=x onerror=alert(2)&gt;", md, StringComparison.Ordinal);
    }
}
