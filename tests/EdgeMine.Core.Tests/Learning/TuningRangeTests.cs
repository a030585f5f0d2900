using EdgeMine.Learning;

namespace EdgeMine.Tests.Learning;

/// <summary>The ranges <c>edgemine tune</c> searches: their ends, rounding, membership and text, worked by hand.</summary>
public sealed class TuningRangeTests
{
    [Fact]
    public void Linear_MapsTheCoordinateOntoTheInterval()
    {
        // [2, 6] at 0.75: 2 + 0.75 x 4 = 5; at 0: 2. Whole numbers [1, 10] at 0.5: 5.5, rounded away from zero: 6.
        var range = TuningRange.Linear(2, 6);
        Assert.Equal("5", range.ValueAt(0.75));
        Assert.Equal("2", range.ValueAt(0));
        Assert.Equal("6", TuningRange.Linear(1, 10, whole: true).ValueAt(0.5));
        Assert.Equal((TuningScale.Linear, 2.0, 6.0, false), (range.Scale, range.Low, range.High, range.Whole));
        Assert.Empty(range.Choices);
    }

    [Fact]
    public void ValueAt_RoundsToThreeSignificantDigits()
    {
        // Linear [0, 1] at 0.123456: 0.123 (3 significant digits); [1000, 2000] at 0.12345: 1123.45 -> 1.12e3 = 1120.
        Assert.Equal("0.123", TuningRange.Linear(0, 1).ValueAt(0.123456));
        Assert.Equal("1120", TuningRange.Linear(1000, 2000).ValueAt(0.12345));
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void ValueAt_OutsideZeroToOne_IsRefused(double u)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => TuningRange.Linear(0, 1).ValueAt(u));
        Assert.Equal("u", error.ParamName);
        Assert.StartsWith("allowed: [0, 1) (Parameter 'u')", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Contains_NumbersWithinTheEnds_ChoicesByTheirText()
    {
        var range = TuningRange.Log(1e-4, 3e-3);
        Assert.True(range.Contains("0.0001"));   // the lower end
        Assert.True(range.Contains("0.003"));    // the upper end
        Assert.True(range.Contains("1e-3"));
        Assert.False(range.Contains("0.00009"));
        Assert.False(range.Contains("0.0031"));
        Assert.False(range.Contains("fast"));
        var choice = TuningRange.Choice("32,32", "64,64");
        Assert.True(choice.Contains("64,64"));
        Assert.False(choice.Contains("64"));
        Assert.Throws<ArgumentNullException>(() => range.Contains(null!));
    }

    [Fact]
    public void ToString_SaysTheScaleTheEndsAndWhetherWhole()
    {
        Assert.Equal("log [0.0001, 0.003]", TuningRange.Log(1e-4, 3e-3).ToString());
        Assert.Equal("log integers [50, 2000]", TuningRange.Log(50, 2000, whole: true).ToString());
        Assert.Equal("linear [0.5, 1.5]", TuningRange.Linear(0.5, 1.5).ToString());
        Assert.Equal("one of 3, 5, 8", TuningRange.Choice("3", "5", "8").ToString());
        Assert.Equal("one of (32,32), (64,64)", TuningRange.Choice("32,32", "64,64").ToString());
    }

    [Fact]
    public void Choice_HasNoEnds_AndNeedsTwoValues()
    {
        var choice = TuningRange.Choice("a", "b");
        Assert.Equal(TuningScale.Choice, choice.Scale);
        Assert.True(double.IsNaN(choice.Low) && double.IsNaN(choice.High));
        Assert.False(choice.Whole);
        Assert.Equal(["a", "b"], choice.Choices);
        var error = Assert.Throws<ArgumentException>(() => TuningRange.Choice("a"));
        Assert.Equal("choices", error.ParamName);
        Assert.Equal("a choice needs at least two values (Parameter 'choices')", error.Message);
        Assert.Equal("a", choice.ValueAt(0.4999));
        Assert.Equal("b", choice.ValueAt(0.5));
    }

    [Theory]
    [InlineData(1.0, 1.0)]
    [InlineData(2.0, 1.0)]
    [InlineData(double.NegativeInfinity, 1.0)]
    [InlineData(0.0, double.PositiveInfinity)]
    [InlineData(double.NaN, 1.0)]
    public void An_interval_needs_finite_ends_low_below_high(double low, double high)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => TuningRange.Linear(low, high));
        Assert.Equal("high", error.ParamName);
        Assert.StartsWith("allowed: finite low < high (Parameter 'high')", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Log_NeedsAPositiveLowerEnd()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => TuningRange.Log(-1, 1));
        Assert.Equal("low", error.ParamName);
        Assert.StartsWith("a log range needs a positive lower end (Parameter 'low')", error.Message, StringComparison.Ordinal);
        Assert.Equal("low", Assert.Throws<ArgumentOutOfRangeException>(() => TuningRange.Log(0, 1)).ParamName);
        Assert.Equal(TuningScale.Log, TuningRange.Log(1e-9, 1).Scale);
    }
}
