using EdgeMine.Simulation;

namespace EdgeMine.Tests.Simulation;

/// <summary>
/// The interval arithmetic every reported number rests on, against values worked out by hand (Student's t quantiles
/// from a standard table: t(1) = 12.706, t(2) = 4.303, t(4) = 2.776; beyond 30 degrees of freedom, exact quantiles
/// t(31) = 2.03951345, t(100) = 1.98397152, t(1000) = 1.96233908).
/// </summary>
public sealed class StatisticsTests
{
    [Fact]
    public void Of_FiveValues_MeanAndStudentHalfWidth()
    {
        // 1..5: mean 3, squared deviations 4 + 1 + 0 + 1 + 4 = 10, variance 10 / 4 = 2.5, standard error sqrt(2.5 / 5).
        var e = Estimate.Of([1, 2, 3, 4, 5]);
        Assert.Equal(3, e.Mean);
        Assert.Equal(5, e.Count);
        Approx.Equal(2.776 * Math.Sqrt(0.5), e.HalfWidth, relative: 1e-12);
        Approx.Equal(3 - (2.776 * Math.Sqrt(0.5)), e.Low, relative: 1e-12);
        Approx.Equal(3 + (2.776 * Math.Sqrt(0.5)), e.High, relative: 1e-12);
    }

    [Fact]
    public void Of_TwoValues_UsesOneDegreeOfFreedom()
    {
        // 2, 4: mean 3, variance 2, standard error sqrt(2 / 2) = 1.
        var e = Estimate.Of([2, 4]);
        Assert.Equal(3, e.Mean);
        Approx.Equal(12.706, e.HalfWidth, relative: 1e-12);
    }

    [Fact]
    public void Of_OneValue_HasNoInterval_AndNoValuesIsRefused()
    {
        var e = Estimate.Of([7]);
        Assert.Equal(7, e.Mean);
        Assert.Equal(1, e.Count);
        Assert.True(double.IsNaN(e.HalfWidth) && double.IsNaN(e.Low) && double.IsNaN(e.High));
        Assert.Throws<ArgumentException>(() => Estimate.Of([]));
    }

    [Fact]
    public void Of_EqualValues_HasAZeroWidthInterval()
    {
        var e = Estimate.Of([0.25, 0.25, 0.25]);
        Assert.Equal(0.25, e.Mean);
        Assert.Equal(0, e.HalfWidth);
    }

    [Theory]
    [InlineData(1, 12.706)]
    [InlineData(2, 4.303)]
    [InlineData(4, 2.776)]
    [InlineData(9, 2.262)]
    [InlineData(30, 2.042)]
    public void StudentT975_TableValues(int degreesOfFreedom, double expected) =>
        Assert.Equal(expected, Statistics.StudentT975(degreesOfFreedom));

    [Theory]
    [InlineData(31, 2.03951345, 1e-4)]
    [InlineData(100, 1.98397152, 5e-6)]
    [InlineData(1000, 1.96233908, 1e-8)]
    public void StudentT975_BeyondTheTable_CloseToTheExactQuantile(int degreesOfFreedom, double exact, double tolerance)
    {
        // The expansion's own error: 8.8e-5 at 31 degrees of freedom, 2.6e-6 at 100, 2.7e-9 at 1,000.
        double t = Statistics.StudentT975(degreesOfFreedom);
        Assert.InRange(t, exact - tolerance, exact + tolerance);
    }

    [Fact]
    public void StudentT975_NoDegreesOfFreedom_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Statistics.StudentT975(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Statistics.StudentT975(-3));
    }

    [Fact]
    public void OverSeeds_SeedsThatDisagree_KeepTheIntervalOverSeeds()
    {
        // Seeds 1, 3: mean 2, standard error 1, half-width t(1) = 12.706. Runs 1.9, 2.1: half-width 12.706 * 0.1.
        var (e, overRuns) = Estimate.OverSeeds([1, 3], [1.9, 2.1]);
        Assert.False(overRuns);
        Assert.Equal(2, e.Mean);
        Approx.Equal(12.706, e.HalfWidth, relative: 1e-12);
        Assert.Equal(2, e.Count);
    }

    [Fact]
    public void OverSeeds_SeedsThatAgree_TakeTheWiderIntervalOverRuns_AroundTheSeedsMean()
    {
        // Seeds 2, 2, 2: half-width 0. Runs 1, 2, 4: mean 7/3, squared deviations 16/9 + 1/9 + 25/9 = 42/9,
        // variance 42/18 = 7/3, standard error sqrt(7/9), half-width 4.303 sqrt(7/9); the mean stays the seeds' 2.
        var (e, overRuns) = Estimate.OverSeeds([2, 2, 2], [1, 2, 4]);
        Assert.True(overRuns);
        Assert.Equal(2, e.Mean);
        Approx.Equal(4.303 * Math.Sqrt(7.0 / 9), e.HalfWidth, relative: 1e-12);
        Assert.Equal(3, e.Count);
    }

    [Fact]
    public void OverSeeds_EqualWidths_NoRuns_OrOneRun_StayOverSeeds()
    {
        // Seeds 1, 3: standard error 1. Runs 1, 3: the same, so the seeds keep it; runs 0, 4: standard error 2, wider.
        Assert.False(Estimate.OverSeeds([1, 3], [1, 3]).OverRuns);
        Assert.True(Estimate.OverSeeds([1, 3], [0, 4]).OverRuns);
        Assert.False(Estimate.OverSeeds([1, 3], []).OverRuns);
        Assert.False(Estimate.OverSeeds([1, 3], [5]).OverRuns); // one run: no interval to compare
    }

    [Fact]
    public void Scaled_ByANegativeFactor_KeepsAPositiveHalfWidth()
    {
        var e = new Estimate(3, 0.5, 4).Scaled(-2);
        Assert.Equal((-6.0, 1.0, 4), (e.Mean, e.HalfWidth, e.Count));
        Assert.Equal((-7.0, -5.0), (e.Low, e.High));
    }

    [Fact]
    public void MetricEstimate_BoundsAndHalfWidth()
    {
        var m = MetricEstimate.From(new Estimate(3, 0.5, 4));
        Assert.Equal((3.0, 2.5, 3.5, 4), (m.Mean, m.Ci95Low, m.Ci95High, m.N));
        Assert.Equal(0.5, m.HalfWidth);
        Assert.Equal((30.0, 25.0, 35.0), (m.Scaled(10).Mean, m.Scaled(10).Ci95Low, m.Scaled(10).Ci95High));
        Assert.Equal(0, MetricEstimate.From(Estimate.Of([7])).HalfWidth); // no interval: no width
    }

    [Fact]
    public void Of_NoValues_SaysSo() =>
        Assert.StartsWith("no values", Assert.Throws<ArgumentException>(() => Estimate.Of([])).Message, StringComparison.Ordinal);

    [Fact]
    public void Of_ValuesFarFromZero_KeepTheirSpread()
    {
        // 1e8 + 1, 1e8 + 2, 1e8 + 4: mean 1e8 + 7/3; deviations -4/3, -1/3, 5/3, squares (16 + 1 + 25) / 9 = 14/3,
        // variance 7/3, standard error sqrt(7/9) = sqrt(7) / 3, half-width 4.303 sqrt(7) / 3 = 3.7949. The deviations are
        // taken from the mean before squaring: the sum of v^2 - mean^2 (equal in exact arithmetic) loses the spread here.
        var e = Estimate.Of([1e8 + 1, 1e8 + 2, 1e8 + 4]);
        Approx.Equal(4.303 * Math.Sqrt(7) / 3, e.HalfWidth, relative: 1e-9);
    }

    [Fact]
    public void MetricEstimate_HalfWidth_OfAnIntervalTooWideForADouble_IsZero_AndOfAWideOneIsExact()
    {
        // High - Low = 2e308 overflows to infinity: no finite width, 0.
        Assert.Equal(0, new MetricEstimate(0, -1e308, 1e308, 2).HalfWidth);
        // High - Low = 1.2e308 is finite, half of it 6e307 (twice it would overflow).
        Assert.Equal(0.6e308, new MetricEstimate(0, -0.6e308, 0.6e308, 2).HalfWidth);
    }

    [Fact]
    public void MetricEstimate_WritesNumbers_AndNullForNonFinite()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("values");
            MetricEstimate.WriteValue(json, 1.5);
            MetricEstimate.WriteValue(json, double.NaN);
            json.WriteEndArray();
            MetricEstimate.WriteNumber(json, "x", 2.5);
            MetricEstimate.WriteNumber(json, "y", double.PositiveInfinity);
            json.WritePropertyName("e");
            new MetricEstimate(3, 2.5, 3.5, 4).WriteJson(json);
            json.WriteEndObject();
        }

        Assert.Equal(
            """{"values":[1.5,null],"x":2.5,"y":null,"e":{"mean":3,"ci95_low":2.5,"ci95_high":3.5,"n":4}}""",
            System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void MetricEstimate_NullWriter_IsRefusedByName()
    {
        Assert.Equal("json", Assert.Throws<ArgumentNullException>(() => new MetricEstimate(3, 2.5, 3.5, 4).WriteJson(null!)).ParamName);
        Assert.Equal("json", Assert.Throws<ArgumentNullException>(() => MetricEstimate.WriteValue(null!, 1)).ParamName);
        Assert.Equal("json", Assert.Throws<ArgumentNullException>(() => MetricEstimate.WriteNumber(null!, "x", 1)).ParamName);
    }
}
