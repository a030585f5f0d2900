using EdgeMine.Neural;

namespace EdgeMine.Tests.Neural;

/// <summary>The Q-learning targets, against hand computation.</summary>
public sealed class QTargetsTests
{
    [Theory]
    // Joint head, one group of 2: Q_online(s') = [2, 4] (argmax 1), Q_target(s') = [6, -2], r = 1, gamma 0.85.
    // DQN: 1 + 0.85·max(6, -2) = 6.1; Double DQN: 1 + 0.85·Q_target[argmax online = 1] = 1 + 0.85·(-2) = -0.7.
    [InlineData(1, false, 6.1f)]
    [InlineData(1, true, -0.7f)]
    // Branching head, two groups of 2: online [2, 4], [6, 0] (argmax 1, 0); target [6, -2], [0, 10]; shared reward 1.
    // DQN: 1 + 0.85·mean(6, 10) = 7.8; Double: 1 + 0.85·mean(-2, 0) = 0.15.
    [InlineData(2, false, 7.8f)]
    [InlineData(2, true, 0.15f)]
    public void SharedReward_TargetsMatchHandComputation(int groups, bool doubleDqn, float expected)
    {
        float[] online = groups == 1 ? [2f, 4f] : [2f, 4f, 6f, 0f];
        float[] target = groups == 1 ? [6f, -2f] : [6f, -2f, 0f, 10f];
        var targets = new float[groups];

        QTargets.Compute(target, doubleDqn ? online : [], batch: 1, groups, groupSize: 2, rewards: [1f], discount: 0.85f, perGroupRewards: false, targets);

        Assert.All(targets, y => Assert.Equal(expected, y, 5));
    }

    [Fact]
    public void PerGroupRewards_EachBranchUsesItsOwnRewardAndBootstrap()
    {
        // Branch 0: 1.5 + 0.85·max(0.2, -0.4) = 1.67; branch 1: -2 + 0.85·max(3, 1) = 0.55.
        float[] target = [0.2f, -0.4f, 3f, 1f];
        var targets = new float[2];

        QTargets.Compute(target, [], batch: 1, groups: 2, groupSize: 2, rewards: [1.5f, -2f], discount: 0.85f, perGroupRewards: true, targets);

        Assert.Equal(1.67f, targets[0], 5);
        Assert.Equal(0.55f, targets[1], 5);
    }

    [Fact]
    public void Batch_EachRowUsesItsOwnNextValues()
    {
        // Two samples of a joint head with 3 actions, rewards 0 and 1, gamma 0.5: 0 + 0.5·5 = 2.5 and 1 + 0.5·(-1) = 0.5.
        float[] target = [1f, 5f, 2f, -3f, -1f, -2f];
        var targets = new float[2];

        QTargets.Compute(target, [], batch: 2, groups: 1, groupSize: 3, rewards: [0f, 1f], discount: 0.5f, perGroupRewards: false, targets);

        Assert.Equal([2.5f, 0.5f], targets);
    }
}
