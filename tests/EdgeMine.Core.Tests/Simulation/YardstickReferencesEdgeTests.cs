using EdgeMine.Simulation;

namespace EdgeMine.Tests.Simulation;

/// <summary>
/// YardstickReferences' defaults, guards and edges, on references built inside each test (a fixture built once in a
/// static field would not see a change to the constructor's defaults made while the tests run). Worked by hand.
/// </summary>
public sealed class YardstickReferencesEdgeTests
{
    // Two runs. Random -10, -10; optimum -4, -2 (mean -3); fractional optimum -2, 0 (mean -1); best baseline -5, -3.
    private static YardstickReferences Build(bool withFractional = true) => new(
        Random: [-10, -10],
        Optimal: [-4, -2],
        FractionalOptimal: withFractional ? [-2, 0] : null,
        BestBaseline: [-5, -3],
        Tasks: 2,
        RewardScale: 5);

    [Fact]
    public void BothOptima_AreBoundsUnlessToldOtherwise()
    {
        Assert.True(Build().OptimalIsBound);
        Assert.True(Build().FractionalOptimalIsBound);
        Assert.True(Build().Of([-4, -3], fractionalActions: false).YardstickIsBound);
        Assert.True(Build().Of([-2, -1], fractionalActions: true).YardstickIsBound);
        Assert.False((Build() with { OptimalIsBound = false }).Of([-4, -3], fractionalActions: false).YardstickIsBound);
    }

    [Fact]
    public void NoYardstick_IsNotABound()
    {
        var y = Build(withFractional: false).Of([-2, -1], fractionalActions: true);
        Assert.Equal("none", y.Yardstick);
        Assert.False(y.YardstickIsBound);
        Assert.Null(y.AboveYardstickBy);
    }

    [Fact]
    public void NullRewards_AreRefusedByName()
    {
        Assert.Equal("reward", Assert.Throws<ArgumentNullException>(() => Build().Of(null!, false)).ParamName);
        Assert.Equal("meanRewards", Assert.Throws<ArgumentNullException>(() => YardstickReferences.ScaleOf(null!)).ParamName);
        Assert.Equal("bufferedPerRun", Assert.Throws<ArgumentNullException>(() => YardstickReferences.CarriesOver(null!, [0.0])).ParamName);
        Assert.Equal("backlogPerRun", Assert.Throws<ArgumentNullException>(() => YardstickReferences.CarriesOver([0.0], null!)).ParamName);
        Assert.Equal("optimum", Assert.Throws<ArgumentNullException>(() => YardstickReferences.Bounds(null!)).ParamName);
        Assert.Equal("summary", Assert.Throws<ArgumentNullException>(() => YardstickReferences.CarriesOver(null!)).ParamName);
        Assert.Equal("reward", Assert.Throws<ArgumentNullException>(() => YardstickReferences.Difference(null!, [1.0])).ParamName);
        Assert.Equal("to", Assert.Throws<ArgumentNullException>(() => YardstickReferences.Difference([1.0], null!)).ParamName);
    }

    [Fact]
    public void ScaleOf_NoFiniteReward_IsOne()
    {
        // Nothing to average: the scale is 1 (and 1 also when every |reward| is 0).
        Assert.Equal(1, YardstickReferences.ScaleOf([]));
        Assert.Equal(1, YardstickReferences.ScaleOf([double.NaN, double.PositiveInfinity]));
        Assert.Equal(1, YardstickReferences.ScaleOf([0, 0]));
        // |-2| and |4| (NaN left out): (2 + 4) / 2 = 3.
        Assert.Equal(3, YardstickReferences.ScaleOf([-2, double.NaN, 4]));
    }

    [Fact]
    public void Difference_IsOverTheRunsBothHave()
    {
        // 1 - 0 and 2 - 0 (the third run has no partner): mean 1.5, standard error 0.5, half-width 12.706 x 0.5.
        var d = YardstickReferences.Difference([1, 2, 3], [0, 0]);
        Assert.Equal(2, d.Count);
        Assert.Equal(1.5, d.Mean);
        Assert.Equal(12.706 * 0.5, d.HalfWidth, 12);
    }
}
