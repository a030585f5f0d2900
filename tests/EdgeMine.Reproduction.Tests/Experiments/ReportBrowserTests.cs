using System.Diagnostics;
using System.Text.RegularExpressions;
using EdgeMine.Reporting;

namespace EdgeMine.Tests.Experiments;

/// <summary>
/// report.html opened in Debian's headless Chromium: every figure decodes (complete, natural width &gt; 0) and the page logs
/// nothing to the console. Skipped when /usr/bin/chromium is absent; CI (.ci/run) installs it.
/// </summary>
public sealed class ReportBrowserTests(QuickReproduction run) : IClassFixture<QuickReproduction>
{
    private const string Chromium = "/usr/bin/chromium";
    private const string Marker = "edgemine-images";

    // Added to a copy of the report (which has no scripts of its own): after load, counts the images that decoded.
    private const string Probe =
        "<script>window.addEventListener('load',()=>{const all=Array.from(document.images);" +
        "const ok=all.filter(i=>i.complete&&i.naturalWidth>0).length;" +
        "document.body.setAttribute('data-" + Marker + "',all.length+':'+ok);console.log('" + Marker + " '+all.length+':'+ok);});</script>";

    [SkippableFact]
    public void Report_opens_in_headless_chromium_with_every_figure_loaded_and_no_console_errors()
    {
        Skip.IfNot(File.Exists(Chromium), $"{Chromium} is not installed (apt-get install chromium); CI installs it");
        using var scratch = new TemporaryDirectory();
        string html = File.ReadAllText(Path.Combine(run.OutDirectory, ReportBuilder.HtmlFile));
        int figures = Regex.Count(html, "<img ");
        Assert.True(figures > 0);
        string page = scratch.File("report-probe.html");
        File.WriteAllText(page, html.Replace("</body>", Probe + "</body>", StringComparison.Ordinal));
        string profile = scratch.File("profile");
        Directory.CreateDirectory(profile);

        var start = new ProcessStartInfo(Chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", $"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
            "--virtual-time-budget=5000", "--dump-dom", new Uri(page).AbsoluteUri,
        })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"chromium did not finish within 90 s; stderr:\n{stderr.Result}");
        }

        string dom = stdout.Result, log = stderr.Result;
        Assert.True(process.ExitCode == 0, $"chromium exited with {process.ExitCode}; stderr:\n{log}");
        Assert.Contains($"data-{Marker}=\"{figures}:{figures}\"", dom, StringComparison.Ordinal);

        // Console output other than the probe's own line (uncaught errors, blocked loads) fails the test.
        var console = log.Split('\n').Where(l => l.Contains("CONSOLE", StringComparison.Ordinal) && !l.Contains(Marker, StringComparison.Ordinal)).ToArray();
        Assert.True(console.Length == 0, "console messages:\n" + string.Join('\n', console));
        Assert.DoesNotContain("Uncaught", log, StringComparison.Ordinal);
    }
}
