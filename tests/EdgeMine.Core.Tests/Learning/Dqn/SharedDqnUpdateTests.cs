using EdgeMine.Learning;
using EdgeMine.Learning.Dqn;
using EdgeMine.Model;
using EdgeMine.Neural;
using EdgeMine.Randomness;

namespace EdgeMine.Tests.Learning.Dqn;

/// <summary>
/// The shared learner's slot and update by hand, at tiny sizes (two miners of one task, a hidden layer of 8 units): what
/// one slot stores (one sample per miner, the shifted copy of a miner with a local task, the action bits, the offload
/// count's column, the difference rewards by two full slot evaluations) and what the updates fit (Q(local) to 0 and
/// Q(offload) to the difference reward, or the taken action's target only).
/// </summary>
public sealed class SharedDqnUpdateTests
{
    private static readonly EnvironmentSettings Settings = new() { Miners = 2, TasksPerMiner = 1, Beta = 0.5 };

    private static SharedDqn Learner(string variant = LearnerAlgorithm.DefaultVariant, params (string Key, string Value)[] options)
    {
        var all = new Dictionary<string, string> { ["hidden"] = "8", ["learning_starts"] = "1000", ["batch"] = "4", ["learning_rate"] = "0.01" };
        foreach (var (key, value) in options)
        {
            all[key] = value;
        }

        var spec = new LearnerSpec(variant, all, Settings);
        Assert.Null(DrloAlgorithm.Instance.Problem(spec));
        return (SharedDqn)DrloAlgorithm.Instance.Create(spec);
    }

    private static MiningEnvironment Environment(ulong seed)
    {
        var environment = new MiningEnvironment(Presets.Calibrated, Settings);
        environment.Reset(seed);
        return environment;
    }

    /// <summary>One exploring slot: its action and every task's difference reward R(i offloaded) - R(i local), by two full evaluations.</summary>
    private static (double[] Action, double[] Advantage, SlotMetrics Metrics) ExploringSlot(SharedDqn learner, MiningEnvironment environment)
    {
        double[] d0 = environment.BufferedBits.ToArray(), d1 = environment.ArrivedBits.ToArray();
        bool[] good = environment.ChannelGood.ToArray();
        double backlog = environment.MecBacklogCycles;
        var metrics = learner.TrainSlot(environment, 1.0).Metrics;
        double[] action = [.. environment.LastOutcomes.ToArray().Select(o => o.OffloadFraction)];
        var advantage = new double[action.Length];
        for (int i = 0; i < action.Length; i++)
        {
            double[] flipped = [.. action];
            flipped[i] = 1;
            double offloaded = environment.Model.Evaluate(d0, d1, good, backlog, flipped, new TaskOutcome[action.Length]).Reward;
            flipped[i] = 0;
            advantage[i] = offloaded - environment.Model.Evaluate(d0, d1, good, backlog, flipped, new TaskOutcome[action.Length]).Reward;
        }

        return (action, advantage, metrics);
    }

    /// <summary>Every stored sample: its features, action bits, rewards and next features, by memory slot.</summary>
    private static (float[] State, int Bits, float Reward, float[] Next)[] Stored(SharedDqn learner)
    {
        var memory = learner.Memory;
        int dim = memory.ObservationDim;
        var result = new (float[], int, float, float[])[memory.Count];
        var (state, bits, reward, next, slot) = (new float[dim], new int[1], new float[1], new float[dim], new int[1]);
        var rng = new Xoshiro256(1);
        var seen = new HashSet<int>();
        while (seen.Count < memory.Count)
        {
            memory.Sample(rng, 1, state, bits, reward, next, slot);
            if (seen.Add(slot[0]))
            {
                result[slot[0]] = (state.ToArray(), bits[0], reward[0], next.ToArray());
            }
        }

        return result;
    }

    [Fact]
    public void Updates_FitQLocalToZero_AndQOffloadToTheDifferenceReward()
    {
        // No mean field, no planning, discount 0, both actions: each miner's one sample teaches Q(local) = 0 and
        // Q(offload) = A; after 600 updates on the two samples the network's Q-values at that slot's state are within
        // 0.02 of them, and the greedy action offloads where A > 0.
        var learner = Learner(options: [("mean_field", "false"), ("value_discount", "0")]);
        var environment = Environment(7);
        learner.BeginTraining(environment, 1);
        var (_, advantage, _) = ExploringSlot(learner, environment);
        Assert.Equal(2, learner.Memory.Count);
        for (int u = 0; u < 600; u++)
        {
            learner.Update();
        }

        var again = Environment(7);
        var action = new double[2];
        learner.Act(again, action);
        var q = learner.LastQValues;
        for (int n = 0; n < 2; n++)
        {
            Assert.Equal(0, q[2 * n], 0.02);
            Assert.Equal(advantage[n], q[(2 * n) + 1], 0.02);
            Assert.Equal(advantage[n] > 0 ? 1.0 : 0.0, action[n]);
        }

        Assert.Equal(600L, learner.UpdateCount);
    }

    [Theory]
    [InlineData(LearnerAlgorithm.DefaultVariant)]
    [InlineData(DrloAlgorithm.ModelFreeVariant)]
    public void Updates_TakenActionOnly_FitItsTarget(string variant)
    {
        // both_actions = false: only the taken action's output learns, on the difference reward if it offloaded and 0 if
        // it stayed local (default credit), or on the slot reward's share R / 2 whatever it took (model-free).
        var learner = Learner(variant, [("mean_field", "false"), ("value_discount", "0"), ("both_actions", "false"), ("discount", "0")]);
        var environment = Environment(7);
        learner.BeginTraining(environment, 1);
        var (action, advantage, metrics) = ExploringSlot(learner, environment);
        for (int u = 0; u < 600; u++)
        {
            learner.Update();
        }

        learner.Act(Environment(7), new double[2]);
        var q = learner.LastQValues;
        for (int n = 0; n < 2; n++)
        {
            int a = action[n] >= 0.5 ? 1 : 0;
            double target = variant == DrloAlgorithm.ModelFreeVariant ? metrics.Reward / 2 : a * advantage[n];
            Assert.Equal(target, q[(2 * n) + a], 0.02);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Slot_MeanField_StoresEachMinerAndAShiftedCopyOfAMinerWithALocalTask(bool shifted)
    {
        // Mean field: the features' last column is the slot's offload count K times X d_unit / (F dt) (in the sample and
        // its next state). Per task the bits are: bit 0 the action taken, bit 1 whether Q(offload) learns from the row.
        // Shifted counts: an offloaded task's row trains both outputs (bits 11), a local task's row only Q(local) (00),
        // and its copy at count K + 1 only Q(offload) (10). Without: one row per miner, both outputs (11 or 10).
        var learner = Learner(options: [("value_discount", "0"), ("shifted_counts", shifted ? "true" : "false")]);
        var environment = Environment(11);
        learner.BeginTraining(environment, 2);
        var p = Presets.Calibrated;
        double loadPerTask = p.MecCyclesPerBit * p.PrivacyUnitBits / p.MecCyclesPerSlot;
        for (int t = 0; t < 4; t++)
        {
            int before = learner.Memory.Count;
            var (action, advantage, metrics) = ExploringSlot(learner, environment);
            int k = metrics.OffloadedTasks;
            var stored = Stored(learner).Skip(before).ToArray();
            var expected = new List<(int Bits, float Count, float Reward)>();
            for (int n = 0; n < 2; n++)
            {
                int a = action[n] >= 0.5 ? 1 : 0;
                expected.Add((a == 1 ? 3 : shifted ? 0 : 2, (float)(k * loadPerTask), (float)advantage[n]));
                if (shifted && a == 0)
                {
                    expected.Add((2, (float)((k + 1) * loadPerTask), (float)advantage[n]));
                }
            }

            Assert.Equal(expected.Count, stored.Length);
            for (int i = 0; i < stored.Length; i++)
            {
                Assert.Equal(expected[i].Bits, stored[i].Bits);
                Assert.Equal(expected[i].Count, stored[i].State[^1], 6);
                Assert.Equal((float)(k * loadPerTask), stored[i].Next[^1], 6);
                Assert.Equal(expected[i].Reward, stored[i].Reward, 4);
            }
        }
    }

    [Fact]
    public void Slot_RewardClip_ClampsTheStoredRewards()
    {
        // reward_clip = 0.05: every stored difference reward is A clamped to [-0.05, 0.05].
        var learner = Learner(options: [("value_discount", "0"), ("reward_clip", "0.05"), ("mean_field", "false")]);
        var environment = Environment(7);
        learner.BeginTraining(environment, 1);
        var (_, advantage, _) = ExploringSlot(learner, environment);

        var stored = Stored(learner);
        Assert.Contains(advantage, a => Math.Abs(a) > 0.05);
        for (int n = 0; n < 2; n++)
        {
            Assert.Equal((float)Math.Clamp(advantage[n], -0.05, 0.05), stored[n].Reward, 6);
        }
    }

    [Fact]
    public void Act_OnAnotherM_IsRefused_AnyNIsServed()
    {
        var learner = Learner(options: [("value_discount", "0")]);
        learner.BeginTraining(Environment(1), 1);
        var other = new MiningEnvironment(Presets.Calibrated, new EnvironmentSettings { Miners = 2, TasksPerMiner = 2, Beta = 0.5 });
        other.Reset(1);

        var error = Assert.Throws<ArgumentException>(() => learner.Act(other, new double[4]));
        Assert.Equal("the shared DRLO network was trained for M = 1 tasks per miner; the environment has M = 2 (Parameter 'environment')", error.Message);
        Assert.Throws<ArgumentException>(() => learner.Act(Environment(1), new double[3]));
        var more = new MiningEnvironment(Presets.Calibrated, Settings with { Miners = 5 });
        more.Reset(1);
        learner.Act(more, new double[5]);
        Assert.Equal(10, learner.LastQValues.Length);
        Assert.Equal("the shared DRLO learner has neither been trained nor loaded", Assert.Throws<InvalidOperationException>(() => Learner().Act(more, new double[5])).Message);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("false")]
    public void Update_Loss_IsTheMeanSquaredErrorOfBothOutputsAgainstTheDiscountedTargets(string doubleDqn)
    {
        // One miner of two tasks: one slot stores one sample (s, bits, r, s'), so a batch of 4 is 4 copies of it. Before
        // the first update the target network is the online network, read back from the model file: per task j,
        // b_j = 0.5 Q(s')[2j + a*], a* the larger of the pair (Double DQN's online argmax is the target's here), and the
        // loss is the mean over the 4 outputs of (Q(s)[2j] - b_j)^2 and (Q(s)[2j + 1] - (r_j + b_j))^2 (both outputs
        // learn: no mean field, so bit 1 is set for each task).
        var settings = new EnvironmentSettings { Miners = 1, TasksPerMiner = 2, Beta = 0.5 };
        var spec = new LearnerSpec(LearnerAlgorithm.DefaultVariant, new Dictionary<string, string>
        {
            ["hidden"] = "8", ["learning_starts"] = "1000", ["batch"] = "4", ["mean_field"] = "false", ["value_discount"] = "0",
            ["discount"] = "0.5", ["double_dqn"] = doubleDqn,
        }, settings);
        var learner = (SharedDqn)DrloAlgorithm.Instance.Create(spec);
        var environment = new MiningEnvironment(Presets.Calibrated, settings);
        environment.Reset(3);
        learner.BeginTraining(environment, 3);
        learner.TrainSlot(environment, 1.0);
        Assert.Equal(1, learner.Memory.Count);
        var (state, bits, rewards, next) = (new float[8], new int[2], new float[2], new float[8]);
        learner.Memory.Sample(new Xoshiro256(1), 1, state, bits, rewards, next);
        Assert.All(bits, b => Assert.Equal(2, b & 2));

        var network = new Mlp([8, 8, 4], 1);
        using (var model = new MemoryStream())
        {
            learner.SaveModel(model);
            byte[] bytes = model.ToArray();
            int weights = bytes.AsSpan().IndexOf("EMNW"u8);
            network.Load(new MemoryStream(bytes[weights..]));
        }

        float[] q = new float[4], qNext = new float[4];
        network.ForwardSingle(state, q);
        network.ForwardSingle(next, qNext);
        double sum = 0;
        for (int j = 0; j < 2; j++)
        {
            float b = 0.5f * Math.Max(qNext[2 * j], qNext[(2 * j) + 1]);
            float local = q[2 * j] - b;
            float offload = q[(2 * j) + 1] - (rewards[j] + b);
            sum += ((double)local * local) + ((double)offload * offload);
        }

        Assert.Equal(sum / 4, learner.Update(), 6);
        Assert.NotEqual(0, sum);
    }

    [Fact]
    public void TrainingState_RoundTrip_ContinuesBitForBit()
    {
        // The model, the target network, Adam, the replay memory, the update count, the last offload count and both
        // generators: a learner restored after 6 slots trains the next 6 exactly as the original does.
        var original = Learner(options: [("learning_starts", "2"), ("discount", "0.5"), ("value_discount", "0")]);
        var first = Environment(5);
        original.BeginTraining(first, 5);
        for (int t = 0; t < 6; t++)
        {
            original.TrainSlot(first, 0.5);
        }

        using var state = new MemoryStream();
        using (var writer = new BinaryWriter(state, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            original.SaveTrainingState(writer);
            first.SaveState(writer);
        }

        var restored = Learner(options: [("learning_starts", "2"), ("discount", "0.5"), ("value_discount", "0")]);
        var second = new MiningEnvironment(Presets.Calibrated, Settings);
        restored.BeginTraining(second, 99);
        state.Position = 0;
        using (var reader = new BinaryReader(state, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            restored.LoadTrainingState(reader);
            second.LoadState(reader);
        }

        Assert.Equal(original.UpdateCount, restored.UpdateCount);
        Assert.Equal(original.Memory.Count, restored.Memory.Count);
        for (int t = 0; t < 6; t++)
        {
            var a = original.TrainSlot(first, 0.5);
            var b = restored.TrainSlot(second, 0.5);
            Assert.Equal(a.Loss, b.Loss);
            Assert.Equal(a.Metrics.Reward, b.Metrics.Reward);
        }

        Assert.Equal(original.LastQValues.ToArray(), restored.LastQValues.ToArray());
    }
}
