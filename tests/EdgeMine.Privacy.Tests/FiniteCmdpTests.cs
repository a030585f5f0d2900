using EdgeMine.Privacy;

namespace EdgeMine.Tests.Privacy;

/// <summary>The finite CMDP's shape checks and its row-sum diagnostic, on models of one or two states.</summary>
public sealed class FiniteCmdpTests
{
    private static Transition[][] Stay(int pairs) => [.. Enumerable.Range(0, pairs).Select(_ => new[] { new Transition(0, 1) })];

    [Fact]
    public void NoStatesOrNoActions_AreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FiniteCmdp(0, 1, [], [], []));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FiniteCmdp(1, 0, [], [], []));
    }

    [Theory]
    [InlineData(1, 2, 2)] // one transition row for two pairs
    [InlineData(2, 1, 2)] // one cost
    [InlineData(2, 2, 1)] // one privacy
    public void OneEntryPerPair_IsRequiredOfEachTable(int rows, int costs, int privacies)
    {
        var error = Assert.Throws<ArgumentException>(() => new FiniteCmdp(1, 2, Stay(rows), new double[costs], new double[privacies]));
        Assert.Equal("transitions, cost and privacy need one entry per (state, action) pair", error.Message);
    }

    [Theory]
    [InlineData(-1, 1.0)]
    [InlineData(2, 1.0)]   // states are 0 and 1
    [InlineData(1, -0.5)]
    [InlineData(1, double.NaN)]
    public void ATransitionOutsideTheStatesOrOfNegativeProbability_IsRefused(int next, double probability)
    {
        Transition[][] rows = [[new Transition(0, 1)], [new Transition(next, probability)]];
        var error = Assert.Throws<ArgumentException>(() => new FiniteCmdp(2, 1, rows, [0, 0], [0, 0]));
        Assert.StartsWith("a transition leads outside the states or has a negative probability", error.Message);
    }

    [Fact]
    public void TheLastStateAndAZeroProbability_AreAccepted()
    {
        var model = new FiniteCmdp(2, 1, [[new Transition(1, 1), new Transition(0, 0)], [new Transition(0, 1)]], [1, 2], [3, 4]);

        Assert.Equal(2, model.TransitionRow(0, 0).Length);
        Assert.Equal((2.0, 4.0), (model.Cost(1, 0), model.Privacy(1, 0)));
        Assert.Equal(0, model.MaxRowSumError());
    }

    [Fact]
    public void MaxRowSumError_IsTheLargestDeviationOfARowSumFromOne()
    {
        // Rows sum to 1, 0.75 and 1.125: the largest deviation is 0.25 (powers of two: exact in binary).
        Transition[][] rows =
        [
            [new Transition(0, 0.5), new Transition(1, 0.5)],
            [new Transition(0, 0.75)],
            [new Transition(1, 1.125)],
            [new Transition(1, 1)],
        ];
        var model = new FiniteCmdp(2, 2, rows, new double[4], new double[4]);

        Assert.Equal(0.25, model.MaxRowSumError());
    }
}
