using EdgeMine.Learning.Dqn;
using EdgeMine.Model;
using EdgeMine.Neural;
using EdgeMine.Randomness;

namespace EdgeMine.Tests.Learning.Dqn;

/// <summary>
/// What every DRLO variant shares (<see cref="DqnCore{TOptions}"/>): the training slot's schedule (learning starts, updates
/// per slot, the reported loss), the target network's sync every C updates, the generators' streams, the errors before
/// training. Tiny networks and a few slots of one miner with two tasks.
/// </summary>
public sealed class DqnCoreTests
{
    private static readonly EnvironmentSettings Settings = new() { Miners = 1, TasksPerMiner = 2, Beta = 0.5 };

    private static SystemDqnOptions Tiny(int learningStarts = 3, int updatesPerSlot = 1, int targetSync = 3) =>
        SystemDqnOptions.Paper with
        {
            HiddenSizes = [4], BatchSize = 2, ReplayCapacity = 16, LearningStarts = learningStarts, UpdatesPerSlot = updatesPerSlot,
            TargetSyncInterval = targetSync, LearningRate = 0.01f,
        };

    private static (JointHeadDqn Learner, MiningEnvironment Environment) Started(SystemDqnOptions options, ulong seed = 1)
    {
        var environment = new MiningEnvironment(Presets.Calibrated, Settings);
        environment.Reset(seed);
        var learner = new JointHeadDqn(options);
        learner.BeginTraining(environment, seed);
        return (learner, environment);
    }

    [Fact]
    public void TrainSlot_UpdatesOnceTheMemoryHoldsLearningStartsTransitions()
    {
        // learning_starts = 3, two updates a slot: slots 1 and 2 store and report NaN; slot 3 stores its third transition
        // and makes two updates; slot 4 two more.
        var (learner, environment) = Started(Tiny(learningStarts: 3, updatesPerSlot: 2));

        Assert.True(double.IsNaN(learner.TrainSlot(environment, 0.5).Loss));
        Assert.True(double.IsNaN(learner.TrainSlot(environment, 0.5).Loss));
        Assert.Equal((2, 0L), (learner.Memory.Count, learner.UpdateCount));
        Assert.False(double.IsNaN(learner.TrainSlot(environment, 0.5).Loss));
        Assert.Equal((3, 2L), (learner.Memory.Count, learner.UpdateCount));
        learner.TrainSlot(environment, 0.5);
        Assert.Equal(4L, learner.UpdateCount);
        Assert.Throws<ArgumentNullException>(() => learner.TrainSlot(null!, 0.5));
    }

    [Fact]
    public void TrainSlot_ReportsTheMeanLossOfItsUpdates()
    {
        // Two updates a slot report (l1 + l2) / 2, l1 and l2 the losses of a twin that makes one update a slot and one more
        // by hand: the same draws, the same updates.
        var (two, first) = Started(Tiny(learningStarts: 1, updatesPerSlot: 2));
        var (one, second) = Started(Tiny(learningStarts: 1, updatesPerSlot: 1));

        double mean = two.TrainSlot(first, 0.5).Loss;
        double l1 = one.TrainSlot(second, 0.5).Loss;
        double l2 = one.Update();

        Assert.Equal((l1 + l2) / 2, mean);
        Assert.NotEqual(l1, l2);
    }

    [Fact]
    public void Updates_CopyTheOnlineNetworkIntoTheTargetEveryCUpdates()
    {
        // C = 3: the target network keeps the initial weights through updates 1 and 2 and takes the online ones at 3.
        var (learner, _) = Started(Tiny(targetSync: 3));
        var rng = new Xoshiro256(4);
        for (int t = 0; t < 8; t++)
        {
            learner.Remember([(float)rng.NextDouble(), 0.5f, 0.25f, 1f, 0f], rng.NextInt(4), (float)rng.NextGaussian(), [0.5f, 0.5f, 0.5f, 0.5f, 1f]);
        }

        float[] state = [0.3f, 0.7f, 0.1f, 1f, 0f];
        float[] Q(QNetwork network)
        {
            var q = new float[4];
            network.ForwardSingle(state, q);
            return q;
        }

        float[] initial = Q(learner.Target);
        Assert.Equal(initial, Q(learner.Online));
        learner.Update();
        learner.Update();
        Assert.Equal(initial, Q(learner.Target));
        Assert.NotEqual(initial, Q(learner.Online));
        learner.Update();
        Assert.Equal(Q(learner.Online), Q(learner.Target));
        Assert.Equal(3L, learner.UpdateCount);
    }

    [Fact]
    public void BeginTraining_InitialisesFromTheSeed_AndStartsOver()
    {
        // The same seed gives the same initial network; another seed another; training again from the seed forgets the
        // updates and the memory.
        var (a, environment) = Started(Tiny(learningStarts: 1));
        var (b, _) = Started(Tiny(learningStarts: 1));
        var (c, _) = Started(Tiny(learningStarts: 1), seed: 2);
        float[] state = [0.3f, 0.7f, 0.1f, 1f, 0f];
        var (qa, qb, qc) = (new float[4], new float[4], new float[4]);
        a.Online.ForwardSingle(state, qa);
        b.Online.ForwardSingle(state, qb);
        c.Online.ForwardSingle(state, qc);
        Assert.Equal(qa, qb);
        Assert.NotEqual(qa, qc);

        a.TrainSlot(environment, 1);
        a.TrainSlot(environment, 1);
        a.BeginTraining(environment, 1);
        Assert.Equal((0, 0L), (a.Memory.Count, a.UpdateCount));
        a.Online.ForwardSingle(state, qa);
        Assert.Equal(qb, qa);
        Assert.Equal("drlo", a.Name);
    }

    [Fact]
    public void Reset_ReseedsExploration()
    {
        // Two learners whose exploration has drawn differently explore alike after Reset with the same seed.
        var (a, first) = Started(Tiny(learningStarts: 100));
        var (b, second) = Started(Tiny(learningStarts: 100));
        b.TrainSlot(second, 1.0);
        second.Reset(1);
        a.Reset(9);
        b.Reset(9);

        for (int t = 0; t < 6; t++)
        {
            Assert.Equal(a.TrainSlot(first, 1.0).Metrics.Reward, b.TrainSlot(second, 1.0).Metrics.Reward);
        }
    }

    [Fact]
    public void BeforeTraining_TheMemoryAndTheNetworksAreRefused()
    {
        var learner = new JointHeadDqn(Tiny());
        Assert.Equal("call BeginTraining first", Assert.Throws<InvalidOperationException>(() => learner.Memory).Message);
        Assert.Equal("the DRLO learner has neither been trained nor loaded", Assert.Throws<InvalidOperationException>(() => learner.Online).Message);
        Assert.Equal("the DRLO learner has neither been trained nor loaded", Assert.Throws<InvalidOperationException>(() => learner.SaveModel(new MemoryStream())).Message);
        Assert.Throws<ArgumentNullException>(() => new JointHeadDqn(null!));
    }
}
