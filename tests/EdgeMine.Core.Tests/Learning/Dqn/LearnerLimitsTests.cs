using EdgeMine.Learning.Dqn;

namespace EdgeMine.Tests.Learning.Dqn;

/// <summary>The largest networks and memories a DRLO learner may be configured with, each limit at and past its edge.</summary>
public sealed class LearnerLimitsTests
{
    [Fact]
    public void Weights_AreCountedLayerByLayerWithBiases_AndTheLimitIsInclusive()
    {
        // 9 inputs, one hidden layer of w, 0 outputs: (9 + 1) w weights. w = 5,000,000: exactly 50,000,000, allowed;
        // w = 5,000,001: 50,000,010, refused. (Batch 1, so the activations stay far from their limit.)
        Assert.Null(LearnerLimits.Problem(9, [5_000_000], 0, batch: 1, replay: 1, transitionBytes: 1, updatesPerSlot: 1));
        Assert.Equal(
            "hidden = 5000001: 50000010 weights with 9 inputs and 0 outputs; allowed: at most 50000000 (about 20 bytes each with Adam and the target network)",
            LearnerLimits.Problem(9, [5_000_001], 0, batch: 1, replay: 1, transitionBytes: 1, updatesPerSlot: 1));

        // Two hidden layers and an output layer: 3 inputs, 4 and 5 units, o outputs: (3 + 1) 4 + (4 + 1) 5 + (5 + 1) o =
        // 41 + 6 o weights: 49,999,997 at o = 8,333,326 (allowed), 50,000,003 at o = 8,333,327 (refused).
        Assert.Null(LearnerLimits.Problem(3, [4, 5], 8_333_326, batch: 1, replay: 1, transitionBytes: 1, updatesPerSlot: 1));
        Assert.Equal(
            "hidden = 4,5: 50000003 weights with 3 inputs and 8333327 outputs; allowed: at most 50000000 (about 20 bytes each with Adam and the target network)",
            LearnerLimits.Problem(3, [4, 5], 8_333_327, batch: 1, replay: 1, transitionBytes: 1, updatesPerSlot: 1));
    }

    [Fact]
    public void Activations_AreTheBatchTimesTheWidestLayer_HiddenOrOutput()
    {
        // Widest hidden layer 1,000 (outputs 2), batch 50,000: exactly 50,000,000, allowed; batch 50,001 refused.
        Assert.Null(LearnerLimits.Problem(1, [1000, 10], 2, batch: 50_000, replay: 50_000, transitionBytes: 1, updatesPerSlot: 1));
        Assert.Equal(
            "batch = 50001: 50001 x 1000 activations per layer; allowed: batch x the widest layer at most 50000000",
            LearnerLimits.Problem(1, [1000, 10], 2, batch: 50_001, replay: 50_001, transitionBytes: 1, updatesPerSlot: 1));
        // The output layer is the widest: 4,096 outputs, batch 12,208 = 50,003,968 activations.
        Assert.Equal(
            "batch = 12208: 12208 x 4096 activations per layer; allowed: batch x the widest layer at most 50000000",
            LearnerLimits.Problem(1, [2], 4096, batch: 12_208, replay: 12_208, transitionBytes: 1, updatesPerSlot: 1));
    }

    [Fact]
    public void Replay_IsCountedInBytes_AndTheMessageSaysHowManyTransitionsFit()
    {
        // 2^32 bytes / 64 bytes = 67,108,864 transitions exactly.
        Assert.Null(LearnerLimits.Problem(1, [1], 1, batch: 1, replay: 67_108_864, transitionBytes: 64, updatesPerSlot: 1));
        Assert.Equal(
            "replay = 67108865: 67108865 x 64 bytes; allowed: at most 4294967296 bytes of transitions (67108864 here)",
            LearnerLimits.Problem(1, [1], 1, batch: 1, replay: 67_108_865, transitionBytes: 64, updatesPerSlot: 1));
    }

    [Fact]
    public void UpdatesPerSlot_AtMostAThousand()
    {
        Assert.Null(LearnerLimits.Problem(1, [1], 1, batch: 1, replay: 1, transitionBytes: 1, updatesPerSlot: 1000));
        Assert.Equal(
            "updates_per_slot = 1001: allowed: at most 1000",
            LearnerLimits.Problem(1, [1], 1, batch: 1, replay: 1, transitionBytes: 1, updatesPerSlot: 1001));
        Assert.Throws<ArgumentNullException>(() => LearnerLimits.Problem(1, null!, 1, 1, 1, 1, 1));
    }
}
