using EdgeMine.Reporting;
using EdgeMine.Tests.Experiments;

namespace EdgeMine.Tests.Report;

/// <summary>The one rule for relative differences, by hand, and the report written by it.</summary>
public sealed class ReportFormatTests(QuickReproduction run) : IClassFixture<QuickReproduction>
{
    [Theory]
    [InlineData(12.5, "12.5% above")]
    [InlineData(-44.7, "44.7% below")]
    [InlineData(100, "100.0% above")]
    [InlineData(-694.0, "6.94x |RLO| below")] // -694% of |RLO|: 6.94 times |RLO| below it
    [InlineData(318.4, "3.18x |RLO| above")]
    [InlineData(double.NaN, "n/a")]
    public void Relative_PercentUpTo100_ThenMultiples_NeverANegativeSize(double percentAbove, string expected) =>
        Assert.Equal(expected, ReportFormat.Relative(percentAbove, "RLO"));

    [Fact]
    public void AboveOrBelow_OfValuesAcrossZero()
    {
        // 0.4 against -0.183: (0.4 + 0.183) / 0.183 = 3.186 times |RLO| above; -0.684 against -0.617: 0.067 / 0.617 =
        // 10.9% below.
        Assert.Equal("3.19x |RLO| above", ReportFormat.AboveOrBelow(0.4, -0.183, "RLO"));
        Assert.Equal("10.9% below", ReportFormat.AboveOrBelow(-0.684, -0.617, "RLO"));
    }

    [Fact]
    public void TheReport_HasNoNegativeOrHugePercentageBesideAWord()
    {
        string report = File.ReadAllText(Path.Combine(run.OutDirectory, ReportBuilder.MarkdownFile));

        Assert.DoesNotMatch(@"-\d[\d.]*% (above|below)", report);
        Assert.DoesNotMatch(@"\b(10[0-9]\.[1-9]|1[1-9]\d\.\d|[2-9]\d\d\.\d|\d{4,}\.\d)% (above|below)", report);
    }
}
