using EdgeMine.Learning.Dqn;
using EdgeMine.Model;
using EdgeMine.Neural;
using EdgeMine.Randomness;

namespace EdgeMine.Tests.Learning.Dqn;

/// <summary>
/// The system DQN's two rules (issue 24): the target of its update, y = r + γ Q_target(s', a*) with a* the target
/// network's argmax or, with Double DQN, the online network's; and epsilon-greedy acting. The expected values are
/// computed here from those equations, with the networks' own single-state forward passes as their inputs, and the
/// learner's exploration draws are predicted by a twin of its generator (stream 2 of the seed, DqnCore.StartTraining).
/// </summary>
public class SystemDqnRulesTests
{
    // One stored transition: every row of a sampled batch is that transition, so the batch loss is its own.
    private static readonly float[] State = [0.5f, -1f, 2f];
    private static readonly float[] NextState = [1f, 0.25f, -0.5f];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void JointHead_Update_RegressesOnTheTargetOfItsRule(bool doubleDqn)
    {
        var learner = new JointHeadDqn(SystemDqnOptions.Paper with
        {
            HiddenSizes = [4], BatchSize = 3, ReplayCapacity = 4, DoubleDqn = doubleDqn, TargetSyncInterval = 100, Discount = 0.5f,
        });
        learner.BeginTraining(observationDim: 3, tasks: 2, seed: 7);

        // The networks disagree at s': the online one prefers joint action 0, the target one joint action 3.
        SetHeadBias(learner.Online, [50, 0, 0, 0]);
        SetHeadBias(learner.Target, [0, 0, 0, 50]);
        learner.Remember(State, jointAction: 2, reward: 1.5f, NextState);
        float[] qState = Q(learner.Online, State), qOnlineNext = Q(learner.Online, NextState), qTargetNext = Q(learner.Target, NextState);
        Assert.Equal((0, 3), (ArgMax(qOnlineNext, 0, 4), ArgMax(qTargetNext, 0, 4)));

        // y = 1.5 + 0.5 Q_target(s', a*), a* = 0 with Double DQN (the online argmax), 3 without; the loss (q(s, 2) - y)^2.
        double y = 1.5 + (0.5 * qTargetNext[doubleDqn ? 0 : 3]);
        Approx.Equal(Math.Pow(qState[2] - y, 2), learner.Update(), "loss", relative: 1e-5);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void BranchingHead_Update_RegressesEveryBranchOnTheSlotsTargetOfItsRule(bool doubleDqn)
    {
        var learner = new BranchingHeadDqn(SystemDqnOptions.Branching with
        {
            HiddenSizes = [4], BatchSize = 3, ReplayCapacity = 4, DoubleDqn = doubleDqn, DifferenceRewards = false, TargetSyncInterval = 100,
            Discount = 0.5f,
        });
        learner.BeginTraining(observationDim: 3, tasks: 2, seed: 7);

        // Branch b's outputs are 2b (local) and 2b + 1 (offload): at s' the online network prefers local in both
        // branches, the target network offload.
        SetHeadBias(learner.Online, [50, 0, 50, 0]);
        SetHeadBias(learner.Target, [0, 50, 0, 50]);
        learner.Memory.Add(State, [1, 0], 1.5f, NextState);
        float[] qState = Q(learner.Online, State), qOnlineNext = Q(learner.Online, NextState), qTargetNext = Q(learner.Target, NextState);
        Assert.Equal((0, 0, 1, 1), (ArgMax(qOnlineNext, 0, 2), ArgMax(qOnlineNext, 2, 2), ArgMax(qTargetNext, 0, 2), ArgMax(qTargetNext, 2, 2)));

        // One target for every branch (the slot's reward): y = 1.5 + 0.5 mean_b Q_target(s', 2b + a*_b), a*_b = 0 with
        // Double DQN, 1 without; the predictions are q(s, 0 * 2 + 1) and q(s, 1 * 2 + 0), the choices stored.
        int pick = doubleDqn ? 0 : 1;
        double y = 1.5 + (0.5 * ((qTargetNext[pick] + qTargetNext[2 + pick]) / 2));
        double expected = (Math.Pow(qState[1] - y, 2) + Math.Pow(qState[2] - y, 2)) / 2;
        Approx.Equal(expected, learner.Update(), "loss", relative: 1e-5);
    }

    [Fact]
    public void BranchingHead_ActsGreedyOrTossesACoinPerTask_AndStoresTheSlot()
    {
        // Per task: u = NextDouble(); with u < epsilon a fair coin (NextBool), else the branch's greedy choice. At epsilon
        // 0 nothing is drawn. One miner with three tasks; no update is made (learning starts after 1,000 transitions).
        var environment = new MiningEnvironment(Presets.Calibrated, new EnvironmentSettings { Miners = 1, TasksPerMiner = 3, Beta = 0.5 });
        environment.Reset(11);
        var learner = new BranchingHeadDqn(SystemDqnOptions.Branching with
        {
            HiddenSizes = [4], BatchSize = 2, ReplayCapacity = 64, LearningStarts = 1000, DifferenceRewards = false,
        });
        learner.BeginTraining(environment, 11);
        var twin = new Xoshiro256(SeedMixer.Derive(11, 2));
        int coins = 0, coinsAgainstGreedy = 0;
        for (int t = 0; t < 24; t++)
        {
            double epsilon = t < 4 ? 0 : 0.5;
            float[] s = Observation(environment);
            var greedy = new int[3];
            learner.GreedyBranches(s, greedy);
            var expected = new int[3];
            for (int i = 0; i < 3; i++)
            {
                bool coin = epsilon > 0 && twin.NextDouble() < epsilon;
                expected[i] = coin ? (twin.NextBool() ? 1 : 0) : greedy[i];
                coins += coin ? 1 : 0;
                coinsAgainstGreedy += coin && expected[i] != greedy[i] ? 1 : 0;
            }

            learner.TrainSlot(environment, epsilon);
            int[] taken = [.. environment.LastOutcomes.ToArray().Select(o => o.OffloadFraction >= 0.5 ? 1 : 0)];
            Assert.Equal(expected, taken);

            var (states, choices, rewards, next) = (new float[s.Length], new int[3], new float[1], new float[s.Length]);
            StoredTransition.Find(learner.Memory, t, states, choices, rewards, next);
            Assert.Equal(s, states);
            Assert.Equal(taken, choices);
            Assert.Equal(Observation(environment), next);
        }

        // The test's power: coins were tossed, and some went against the greedy choice.
        Assert.InRange(coins, 20, 40);
        Assert.InRange(coinsAgainstGreedy, 5, 40);
    }

    [Fact]
    public void JointHead_ActsGreedyOrDrawsAUniformJointAction_AndStoresTheSlot()
    {
        // u = NextDouble(); with u < epsilon a uniform joint action (NextInt(2^tasks)), else the greedy one; bit i is task
        // i's choice. At epsilon 0 nothing is drawn.
        var environment = new MiningEnvironment(Presets.Calibrated, new EnvironmentSettings { Miners = 1, TasksPerMiner = 3, Beta = 0.5 });
        environment.Reset(13);
        var learner = new JointHeadDqn(SystemDqnOptions.Paper with { HiddenSizes = [4], BatchSize = 2, ReplayCapacity = 64, LearningStarts = 1000 });
        learner.BeginTraining(environment, 13);
        var twin = new Xoshiro256(SeedMixer.Derive(13, 2));
        int draws = 0, drawsAgainstGreedy = 0;
        for (int t = 0; t < 24; t++)
        {
            double epsilon = t < 4 ? 0 : 0.5;
            float[] s = Observation(environment);
            int greedy = learner.GreedyJointAction(s);
            bool draw = epsilon > 0 && twin.NextDouble() < epsilon;
            int expected = draw ? twin.NextInt(8) : greedy;
            draws += draw ? 1 : 0;
            drawsAgainstGreedy += draw && expected != greedy ? 1 : 0;

            learner.TrainSlot(environment, epsilon);
            var outcomes = environment.LastOutcomes;
            int taken = 0;
            for (int i = 0; i < 3; i++)
            {
                taken |= (outcomes[i].OffloadFraction >= 0.5 ? 1 : 0) << i;
            }

            Assert.Equal(expected, taken);
            var (states, actions, rewards, next) = (new float[s.Length], new int[1], new float[1], new float[s.Length]);
            StoredTransition.Find(learner.Memory, t, states, actions, rewards, next);
            Assert.Equal(s, states);
            Assert.Equal(taken, actions[0]);
            Assert.Equal(Observation(environment), next);
        }

        Assert.InRange(draws, 6, 16);
        Assert.InRange(drawsAgainstGreedy, 3, 16);
    }

    private static float[] Observation(MiningEnvironment environment) => [.. environment.Observation.ToArray().Select(v => (float)v)];

    private static float[] Q(QNetwork network, float[] state)
    {
        var q = new float[network.Outputs];
        network.ForwardSingle(state, q);
        return q;
    }

    private static int ArgMax(float[] values, int from, int count)
    {
        int best = from;
        for (int i = from + 1; i < from + count; i++)
        {
            best = values[i] > values[best] ? i : best;
        }

        return best - from;
    }

    private static void SetHeadBias(QNetwork network, float[] bias) => bias.CopyTo(network.Head.Bias.Values, 0);
}
