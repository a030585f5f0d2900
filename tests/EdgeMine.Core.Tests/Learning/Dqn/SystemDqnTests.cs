using EdgeMine.Learning;
using EdgeMine.Learning.Dqn;
using EdgeMine.Model;
using EdgeMine.Randomness;

namespace EdgeMine.Tests.Learning.Dqn;

/// <summary>The DQNs over the whole system's observation: the paper's joint head and the branching head.</summary>
public sealed class SystemDqnTests
{
    [Fact]
    public void Options_DifferenceRewardsNeedTheBranchingHead()
    {
        var options = SystemDqnOptions.Branching with { Head = DqnHead.Joint };

        Assert.Contains("difference_rewards", options.Problem(tasks: 2), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => options.Validate(tasks: 2));
        Assert.Null((options with { DifferenceRewards = false }).Problem(tasks: 2));
    }

    [Fact]
    public void Options_JointHeadAbove4096Actions_IsRefused()
    {
        // 2^12 = 4096 outputs is the limit; 2^13 is not allowed.
        Assert.Null(SystemDqnOptions.Paper.Problem(tasks: 12));
        Assert.Contains("2^13", SystemDqnOptions.Paper.Problem(tasks: 13), StringComparison.Ordinal);
    }

    [Fact]
    public void Problem_OfAJointHeadSpec_CountsEveryTaskOfEveryMiner()
    {
        // 3 miners x 5 tasks = 15 tasks: 2^15 joint actions, above the joint head's 2^12.
        var spec = new LearnerSpec("paper", new Dictionary<string, string>(), new EnvironmentSettings { Miners = 3, TasksPerMiner = 5, Beta = 0.5 });
        Assert.Contains("2^15", DrloAlgorithm.Instance.Problem(spec), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DqnHead.Joint, false, false)]
    [InlineData(DqnHead.Joint, true, true)]
    [InlineData(DqnHead.Branching, false, false)]
    [InlineData(DqnHead.Branching, true, true)]
    public void ContextualBandit_IsLearned(DqnHead head, bool doubleDqn, bool dueling)
    {
        // Two context bits, two tasks; the right choice for task b is bit b. Joint: 4 actions, action index = 2·c1 + c0,
        // reward 1 for the right index. Branching: 2 branches, reward = fraction of right branches.
        var options = new SystemDqnOptions
        {
            HiddenSizes = [32], BatchSize = 32, ReplayCapacity = 2000, LearningRate = 5e-3f, TargetSyncInterval = 50,
            Head = head, DoubleDqn = doubleDqn, Dueling = dueling, Loss = DqnLoss.Huber,
        };
        var rng = new Xoshiro256(12);
        var learner = SystemDqn.Create(options);
        learner.BeginTraining(observationDim: 2, tasks: 2, seed: 12);
        var memory = learner.Memory;
        var choice = new int[2];
        for (int t = 0; t < 2000; t++)
        {
            int c0 = rng.NextInt(2), c1 = rng.NextInt(2);
            float[] state = [c0, c1];
            float[] next = [rng.NextInt(2), rng.NextInt(2)];
            if (head == DqnHead.Joint)
            {
                int action = rng.NextInt(4);
                memory.Add(state, action, action == (2 * c1) + c0 ? 1f : 0f, next);
            }
            else
            {
                (choice[0], choice[1]) = (rng.NextInt(2), rng.NextInt(2));
                float reward = ((choice[0] == c0 ? 1f : 0f) + (choice[1] == c1 ? 1f : 0f)) / 2f;
                memory.Add(state, choice, reward, next);
            }
        }

        for (int update = 0; update < 400; update++)
        {
            learner.Update();
        }

        for (int c0 = 0; c0 < 2; c0++)
        {
            for (int c1 = 0; c1 < 2; c1++)
            {
                float[] state = [c0, c1];
                if (learner is JointHeadDqn joint)
                {
                    Assert.Equal((2 * c1) + c0, joint.GreedyJointAction(state));
                }
                else
                {
                    ((BranchingHeadDqn)learner).GreedyBranches(state, choice);
                    Assert.Equal([c0, c1], choice);
                }
            }
        }

        Assert.Equal(400, learner.UpdateCount);
    }

    [Fact]
    public void TrainingState_RoundTrip_GivesIdenticalOutputsAndTraining()
    {
        var options = new SystemDqnOptions { HiddenSizes = [8, 6], BatchSize = 8, ReplayCapacity = 64, TargetSyncInterval = 3, Dueling = true, Head = DqnHead.Branching };
        var rng = new Xoshiro256(21);
        var original = SystemDqn.Create(options);
        original.BeginTraining(observationDim: 3, tasks: 2, seed: 21);
        for (int t = 0; t < 64; t++)
        {
            original.Memory.Add([(float)rng.NextDouble(), (float)rng.NextDouble(), 1f], [rng.NextInt(2), rng.NextInt(2)], (float)rng.NextDouble(), [0.5f, 0.5f, 0f]);
        }

        for (int i = 0; i < 5; i++)
        {
            original.Update();
        }

        using var file = new MemoryStream();
        using (var writer = new BinaryWriter(file, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            original.SaveTrainingState(writer);
        }

        var restored = SystemDqn.Create(options);
        restored.BeginTraining(observationDim: 3, tasks: 2, seed: 99);
        file.Position = 0;
        using (var reader = new BinaryReader(file, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            restored.LoadTrainingState(reader);
        }

        Assert.Equal(original.UpdateCount, restored.UpdateCount);
        float[] state = [0.3f, 0.7f, 1f];
        var q1 = new float[4];
        var q2 = new float[4];
        original.Online.ForwardSingle(state, q1);
        restored.Online.ForwardSingle(state, q2);
        Assert.Equal(q1, q2);
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(original.Update(), restored.Update());
        }

        original.Online.ForwardSingle(state, q1);
        restored.Online.ForwardSingle(state, q2);
        Assert.Equal(q1, q2);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void JointHead_CachedTargetValues_GiveTheUpdatesOfTheWholeBatchTargetPass(bool dueling)
    {
        // The same learner three times: with the cache (the default), without it (the target network's forward pass over
        // every batch, as before the cache), and with the cache resumed from a training state saved halfway. Every
        // update's loss and the final Q-values must agree bit for bit. A memory of 40 slots overwritten from transition 41
        // on, syncs every 5 updates and batches of 16 drawn from at most 40 slots exercise every way a value goes stale.
        var options = SystemDqnOptions.Paper with { HiddenSizes = [8, 6], BatchSize = 16, ReplayCapacity = 40, TargetSyncInterval = 5, LearningStarts = 1, Dueling = dueling };
        var cached = new JointHeadDqn(options);
        var full = new JointHeadDqn(options) { CacheTargetValues = false };
        cached.BeginTraining(observationDim: 3, tasks: 4, seed: 5);
        full.BeginTraining(observationDim: 3, tasks: 4, seed: 5);
        var rng = new Xoshiro256(6);
        JointHeadDqn? resumed = null;
        for (int t = 0; t < 90; t++)
        {
            float[] state = [(float)rng.NextDouble(), (float)rng.NextDouble(), 1f];
            float[] next = [(float)rng.NextDouble(), (float)rng.NextDouble(), 0f];
            int action = rng.NextInt(16);
            float reward = (float)rng.NextGaussian();
            foreach (var learner in new[] { cached, full, resumed })
            {
                learner?.Remember(state, action, reward, next);
            }

            if (t < 4)
            {
                continue;
            }

            double expected = full.Update();
            Assert.Equal(expected, cached.Update());
            if (resumed is not null)
            {
                Assert.Equal(expected, resumed.Update());
            }

            if (t == 45)
            {
                using var file = new MemoryStream();
                using (var writer = new BinaryWriter(file, System.Text.Encoding.UTF8, leaveOpen: true))
                {
                    cached.SaveTrainingState(writer);
                }

                resumed = new JointHeadDqn(options);
                resumed.BeginTraining(observationDim: 3, tasks: 4, seed: 99);
                file.Position = 0;
                using var reader = new BinaryReader(file, System.Text.Encoding.UTF8, leaveOpen: true);
                resumed.LoadTrainingState(reader);
            }
        }

        Assert.Equal(86, full.UpdateCount);
        var q = new float[3][];
        foreach (var (learner, i) in new[] { full, cached, resumed! }.Select((l, i) => (l, i)))
        {
            q[i] = new float[16];
            learner.Online.ForwardSingle([0.3f, 0.7f, 1f], q[i]);
        }

        Assert.Equal(q[0], q[1]);
        Assert.Equal(q[0], q[2]);
    }

    [Fact]
    public void LoadModel_OfAnotherHead_IsRefused()
    {
        var joint = new JointHeadDqn(SystemDqnOptions.Paper with { HiddenSizes = [4], BatchSize = 2, ReplayCapacity = 4 });
        joint.BeginTraining(observationDim: 3, tasks: 2, seed: 1);
        using var file = new MemoryStream();
        joint.SaveModel(file);

        var branching = new BranchingHeadDqn(SystemDqnOptions.Branching with { HiddenSizes = [4], BatchSize = 2, ReplayCapacity = 4 });
        file.Position = 0;
        var error = Assert.Throws<InvalidDataException>(() => branching.LoadModel(file));
        Assert.Contains("head", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void JointHead_StoresTheJointIndexOfTheActionTaken_AndTheSlotsReward(double epsilon)
    {
        // One miner, two tasks: bit i of the stored index is task i's choice (its offload fraction in the slot's outcomes),
        // greedy (the index of the largest Q-value of s) or drawn; the stored reward is the slot's.
        var environment = new MiningEnvironment(Presets.Calibrated, new EnvironmentSettings { Miners = 1, TasksPerMiner = 2, Beta = 0.5 });
        environment.Reset(3);
        var learner = new JointHeadDqn(SystemDqnOptions.Paper with { HiddenSizes = [4], BatchSize = 2, ReplayCapacity = 8, LearningStarts = 100 });
        learner.BeginTraining(environment, 3);
        for (int t = 0; t < 6; t++)
        {
            float[] s = [.. environment.Observation.ToArray().Select(v => (float)v)];
            int greedy = learner.GreedyJointAction(s);
            var slot = learner.TrainSlot(environment, epsilon);
            var outcomes = environment.LastOutcomes;
            int taken = (outcomes[0].OffloadFraction >= 0.5 ? 1 : 0) | (outcomes[1].OffloadFraction >= 0.5 ? 2 : 0);
            if (epsilon == 0)
            {
                Assert.Equal(greedy, taken);
            }

            var (states, actions, rewards, next) = (new float[5], new int[1], new float[1], new float[5]);
            StoredTransition.Find(learner.Memory, t, states, actions, rewards, next);

            Assert.Equal(taken, actions[0]);
            Assert.Equal((float)slot.Metrics.Reward, rewards[0]);
            Assert.Equal(s, states);
            Assert.Equal(environment.Observation.ToArray().Select(v => (float)v), next);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void BranchingHead_StoresEachBranchsChoice_AndItsDifferenceRewardOrTheSlots(bool differenceRewards)
    {
        // Two miners, one task each, exploring: each stored choice is the task's offload choice; with difference rewards
        // each branch's reward is R - R(task local) for an offloaded task, by a full slot evaluation, and 0 for a local one;
        // without, the slot's reward R.
        var settings = new EnvironmentSettings { Miners = 2, TasksPerMiner = 1, Beta = 0.5 };
        var environment = new MiningEnvironment(Presets.Calibrated, settings);
        environment.Reset(5);
        var options = SystemDqnOptions.Branching with { HiddenSizes = [4], BatchSize = 2, ReplayCapacity = 8, LearningStarts = 100, DifferenceRewards = differenceRewards };
        var learner = SystemDqn.Create(options);
        Assert.IsType<BranchingHeadDqn>(learner);
        learner.BeginTraining(environment, 5);
        var model = environment.Model;
        for (int t = 0; t < 6; t++)
        {
            double[] d0 = environment.BufferedBits.ToArray(), d1 = environment.ArrivedBits.ToArray();
            bool[] good = environment.ChannelGood.ToArray();
            double backlog = environment.MecBacklogCycles;
            var slot = learner.TrainSlot(environment, 1.0);
            double[] action = [.. environment.LastOutcomes.ToArray().Select(o => o.OffloadFraction)];

            var (states, choices, rewards, next) = (new float[6], new int[2], new float[differenceRewards ? 2 : 1], new float[6]);
            StoredTransition.Find(learner.Memory, t, states, choices, rewards, next);

            Assert.Equal(action.Select(a => a >= 0.5 ? 1 : 0), choices);
            for (int i = 0; i < rewards.Length; i++)
            {
                double expected = slot.Metrics.Reward;
                if (differenceRewards)
                {
                    double[] local = [.. action];
                    local[i] = 0;
                    expected = action[i] >= 0.5 ? slot.Metrics.Reward - model.Evaluate(d0, d1, good, backlog, local, new TaskOutcome[2]).Reward : 0;
                }

                Assert.Equal(expected, rewards[i], 4);
            }
        }
    }

    [Fact]
    public void BranchingHead_DifferenceRewardsWithoutTheEnvironment_AreRefused()
    {
        var learner = new BranchingHeadDqn(SystemDqnOptions.Branching with { HiddenSizes = [4], BatchSize = 2, ReplayCapacity = 8 });
        learner.BeginTraining(observationDim: 6, tasks: 2, seed: 1);
        var environment = new MiningEnvironment(Presets.Calibrated, new EnvironmentSettings { Miners = 2, TasksPerMiner = 1, Beta = 0.5 });
        environment.Reset(1);

        var error = Assert.Throws<InvalidOperationException>(() => learner.TrainSlot(environment, 0));
        Assert.Equal("difference rewards need the environment's model: call BeginTraining with the environment", error.Message);
    }

    [Fact]
    public void Act_OnAnotherShape_IsRefused()
    {
        var learner = SystemDqn.Create(SystemDqnOptions.Paper with { HiddenSizes = [4], BatchSize = 2, ReplayCapacity = 8 });
        learner.BeginTraining(observationDim: 6, tasks: 2, seed: 1);
        var environment = new MiningEnvironment(Presets.Calibrated, new EnvironmentSettings { Miners = 3, TasksPerMiner = 1, Beta = 0.5 });
        environment.Reset(1);

        var error = Assert.Throws<ArgumentException>(() => learner.Act(environment, new double[3]));
        Assert.Equal("the environment's shape differs from the one the network was trained on (Parameter 'environment')", error.Message);
        var twoMiners = new MiningEnvironment(Presets.Calibrated, new EnvironmentSettings { Miners = 2, TasksPerMiner = 1, Beta = 0.5 });
        twoMiners.Reset(1);
        Assert.Throws<ArgumentException>(() => learner.Act(twoMiners, new double[3]));
        Assert.Equal(
            "options of head Joint given to a learner of head Branching; use SystemDqn.Create (Parameter 'options')",
            Assert.Throws<ArgumentException>(() => new BranchingHeadDqn(SystemDqnOptions.Paper)).Message);
    }

    [Fact]
    public void LoadModel_ChecksEachFieldOfTheNetworksShape()
    {
        // A model of hidden 4 read by a learner configured with hidden 5: the field and both values are named.
        var saved = new JointHeadDqn(SystemDqnOptions.Paper with { HiddenSizes = [4], BatchSize = 2, ReplayCapacity = 4 });
        saved.BeginTraining(observationDim: 3, tasks: 2, seed: 1);
        using var file = new MemoryStream();
        saved.SaveModel(file);

        var other = new JointHeadDqn(SystemDqnOptions.Paper with { HiddenSizes = [5], BatchSize = 2, ReplayCapacity = 4 });
        file.Position = 0;
        Assert.Equal("DRLO network state: hidden layer 1 width is 4, expected 5", Assert.Throws<InvalidDataException>(() => other.LoadModel(file)).Message);
        var dueling = new JointHeadDqn(SystemDqnOptions.Paper with { HiddenSizes = [4], BatchSize = 2, ReplayCapacity = 4, Dueling = true });
        file.Position = 0;
        Assert.Equal("DRLO network state: dueling is 0, expected 1", Assert.Throws<InvalidDataException>(() => dueling.LoadModel(file)).Message);

        // The same configuration loads the weights, the update count and acts as the saved learner.
        var same = new JointHeadDqn(SystemDqnOptions.Paper with { HiddenSizes = [4], BatchSize = 2, ReplayCapacity = 4 });
        file.Position = 0;
        same.LoadModel(file);
        Assert.Equal(saved.GreedyJointAction([0.1f, 0.9f, 1f]), same.GreedyJointAction([0.1f, 0.9f, 1f]));
        var (q1, q2) = (new float[4], new float[4]);
        saved.Target.ForwardSingle([0.1f, 0.9f, 1f], q1);
        same.Target.ForwardSingle([0.1f, 0.9f, 1f], q2);
        Assert.Equal(q1, q2);
    }
}
