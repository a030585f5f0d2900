using EdgeMine.Experiments;
using EdgeMine.Model;
using EdgeMine.Reporting;

namespace EdgeMine.Tests.Experiments;

/// <summary>
/// The reproduction's files in the one output vocabulary: every CSV and JSON of a quick run (experiment CSVs,
/// fig4_curves.csv, fig7_frontier.csv, claims.csv, the cells' result.json, each model's config.json and curve.csv, the
/// manifest) has its intervals as X, X_ci95_low, X_ci95_high, X_n or {mean, ci95_low, ci95_high, n}; and the report
/// states every overridden config key.
/// </summary>
public sealed class OutputFormatTests(QuickReproduction run) : IClassFixture<QuickReproduction>
{
    [Fact]
    public void EveryCsvAndJson_OfAQuickReproduction_HasTheOneIntervalFormat()
    {
        var problems = IntervalFormat.DirectoryProblems(run.OutDirectory, out int files);

        Assert.Empty(problems);
        Assert.True(files > 100, $"{files} files checked"); // 8 CSVs at the top, and every cell's files
        string frontier = File.ReadAllLines(Path.Combine(run.OutDirectory, PrivacyFrontier.CsvFile))[0];
        Assert.Contains(",cost,cost_ci95_low,cost_ci95_high,cost_n,", frontier, StringComparison.Ordinal);
    }

    [Fact]
    public void TheReport_ListsEveryOverriddenConfigKey_AndSaysWhenThereIsNone()
    {
        static string Report(ModelParameters parameters)
        {
            var options = QuickReproduction.Options("unused", []) with { Parameters = parameters };
            var metadata = new ReproductionMetadata { Options = options, WallSeconds = 1, CellSeconds = 1 };
            return MarkdownRenderer.Render(ReportBuilder.Build(metadata, [], null), "unused");
        }

        string changed = Report(Presets.Calibrated with { RateBadBps = 1e6, TransmitWatts = 0.3 });
        string unchanged = Report(Presets.Calibrated);

        Assert.Contains("| overridden config keys (--config, --set) | transmit_watts = 0.3, rate_bad_bps = 1000000 |", changed, StringComparison.Ordinal);
        Assert.Contains("Preset calibrated with transmit_watts = 0.3, rate_bad_bps = 1000000,", changed, StringComparison.Ordinal);
        Assert.Contains("| overridden config keys (--config, --set) | none: the preset's values |", unchanged, StringComparison.Ordinal);
    }
}
