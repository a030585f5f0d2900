using EdgeMine.Learning.Dqn;

namespace EdgeMine.Tests.Learning.Dqn;

public sealed class MinerFeaturesTests
{
    // Three miners, one task each: D1 (d_unit), D0 (d_unit), g.
    private static readonly double[] Observation = [1.2, 0.0, 1, 0.7, 0.1, 0, 0.9, 0.0, 1];

    [Fact]
    public void Build_Global_OwnBlockThenLogNBacklogAndGoodTaskCount()
    {
        var features = new MinerFeatures(1, MinerFeatureSet.Global);
        Assert.Equal(6, features.Dimension);
        var rows = new float[3 * 6];

        features.Build(Observation, 3, backlogSlots: 9, offloadedLastSlot: 4, rows);

        // Miner 1: its block, ln 3 / ln 1000 = 0.1590404, log10(1 + 9) = 1, two good-channel tasks: log10(3) = 0.4771213.
        float[] expected = [0.7f, 0.1f, 0f, 0.1590404f, 1f, 0.4771213f];
        Assert.Equal(expected, rows.AsSpan(6, 6).ToArray(), (a, b) => Math.Abs(a - b) < 1e-6);
    }

    [Fact]
    public void Build_Rank_CountsGoodChannelTasksWithMoreData()
    {
        var features = new MinerFeatures(1, MinerFeatureSet.Rank);
        var rows = new float[3 * 7];

        features.Build(Observation, 3, 0, 0, rows);

        // Good-channel data: 1.2 and 0.9. Miner 0 (1.2): none bigger, log10(1) = 0; miner 1 (0.8, bad): both bigger,
        // log10(3); miner 2 (0.9): one bigger, log10(2).
        Assert.Equal(0f, rows[6]);
        Assert.Equal(0.4771213f, rows[13], 6);
        Assert.Equal(0.3010300f, rows[20], 6);
    }

    [Fact]
    public void SetOffloadCount_MeanField_WritesTheScaledCountInItsColumn()
    {
        var features = new MinerFeatures(1, MinerFeatureSet.Global, lastOffloads: true, meanField: true);
        Assert.Equal(8, features.Dimension);
        Assert.Equal(6, features.OffloadColumn);
        var rows = new float[3 * 8];
        features.Build(Observation, 3, 0, offloadedLastSlot: 9, rows);

        features.SetOffloadCount(rows, 3, 7, loadPerTask: 0.01);

        for (int n = 0; n < 3; n++)
        {
            Assert.Equal(0.07f, rows[(n * 8) + 6], 6);
            Assert.Equal(1f, rows[(n * 8) + 7], 6); // log10(1 + 9)
        }
    }

    [Fact]
    public void Build_Own_IsTheMinersBlockOnly_AndTakesNoBacklog()
    {
        // Own, M = 1: 2 M + 1 = 3 values, the miner's block; SetBacklog has no column to write.
        var features = new MinerFeatures(1, MinerFeatureSet.Own);
        Assert.Equal((3, 3, -1), (features.Dimension, features.OwnDimension, features.OffloadColumn));
        var rows = new float[9];
        features.Build(Observation, 3, backlogSlots: 9, offloadedLastSlot: 4, rows);
        Assert.Equal([1.2f, 0f, 1f, 0.7f, 0.1f, 0f, 0.9f, 0f, 1f], rows);
        features.SetBacklog(rows, 3, 99);
        Assert.Equal([1.2f, 0f, 1f, 0.7f, 0.1f, 0f, 0.9f, 0f, 1f], rows);

        // With both optional columns: the mean-field count first (0 after Build), the last slot's offloads last.
        var both = new MinerFeatures(1, MinerFeatureSet.Own, lastOffloads: true, meanField: true);
        Assert.Equal((5, 3), (both.Dimension, both.OffloadColumn));
        var five = Enumerable.Repeat(9f, 15).ToArray();
        both.Build(Observation, 3, 0, offloadedLastSlot: 99, five);
        Assert.Equal([1.2f, 0f, 1f, 0f, 2f], five[..5]);
        var last = new MinerFeatures(1, MinerFeatureSet.Own, lastOffloads: true);
        Assert.Equal((4, -1), (last.Dimension, last.OffloadColumn));
    }

    [Fact]
    public void SetBacklog_WritesLog10OfOnePlusTheBacklogInEveryRow()
    {
        // Global, M = 1: column 2 M + 2 = 4 of each row: log10(1 + 99) = 2.
        var features = new MinerFeatures(1, MinerFeatureSet.Global, meanField: true);
        var rows = new float[3 * 7];
        features.Build(Observation, 3, backlogSlots: 0, 0, rows);
        features.SetBacklog(rows, 3, 99);
        for (int n = 0; n < 3; n++)
        {
            Assert.Equal(2f, rows[(n * 7) + 4], 6);
            Assert.Equal(0.1590404f, rows[(n * 7) + 3], 6); // log N untouched
        }
    }

    [Fact]
    public void Build_Rank_TwoTasksPerMiner_EqualDataIsNotBigger()
    {
        // M = 2, two miners, both good: data (D1 + D0) 1.0 and 0.5 for miner 0, 0.5 and 2.0 for miner 1. Per task, the
        // good-channel tasks holding more: 1.0 -> one (2.0); 0.5 -> two (1.0, 2.0; the other 0.5 is equal, not more);
        // 2.0 -> none. Columns: own 5, then log N, backlog, G = log10(1 + 4), then the two ranks.
        double[] observation = [0.6, 0.5, 0.4, 0.0, 1, 0.5, 1.5, 0.0, 0.5, 1];
        var features = new MinerFeatures(2, MinerFeatureSet.Rank);
        Assert.Equal(10, features.Dimension);
        var rows = new float[20];
        features.Build(observation, 2, 0, 0, rows);

        Assert.Equal((float)Math.Log10(5), rows[7], 6);
        Assert.Equal((float)Math.Log10(2), rows[8], 6);
        Assert.Equal((float)Math.Log10(3), rows[9], 6);
        Assert.Equal((float)Math.Log10(3), rows[18], 6);
        Assert.Equal(0f, rows[19]);
    }

    [Fact]
    public void Build_TooSmallABuffer_IsRefused_AndMoreMinersLater_AreServed()
    {
        var features = new MinerFeatures(1, MinerFeatureSet.Rank);
        var error = Assert.Throws<ArgumentException>(() => features.Build(Observation, 3, 0, 0, new float[20]));
        Assert.Equal("features of 3 miners need 21 values and an observation of 9", error.Message);
        Assert.Throws<ArgumentException>(() => features.Build(Observation, 4, 0, 0, new float[28]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MinerFeatures(0, MinerFeatureSet.Own));

        // One miner first, then three: the ranks of the three (as above) are computed whole.
        features.Build(Observation, 1, 0, 0, new float[7]);
        var rows = new float[21];
        features.Build(Observation, 3, 0, 0, rows);
        Assert.Equal(0.3010300f, rows[20], 6);
        Assert.Equal((1, MinerFeatureSet.Rank, false, false), (features.TasksPerMiner, features.Set, features.LastOffloads, features.MeanField));
    }
}
