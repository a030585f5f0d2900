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
}
