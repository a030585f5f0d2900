using EdgeMine.Model;
using EdgeMine.Privacy;
using EdgeMine.Randomness;

namespace EdgeMine.Tests.Privacy;

/// <summary>
/// RL-privacy's acting and its update rule on one step, from tables made by hand (loaded as a training state), against
/// the equations of the class remarks:
/// <list type="bullet">
/// <item>greedy: the lowest index of the row's maximum; joint action index sum_m r_m * R^m, task 0 least significant;</item>
/// <item>exploring with probability epsilon: one uniform draw u, explore when u &lt; epsilon, then a uniform action;</item>
/// <item>without post-decision states: Q(s, a) += alpha (r + gamma max_a' Q(s', a') - Q(s, a));</item>
/// <item>with them: U(b0', g') += alpha (max_a' Q(s', a') - U(b0', g')) for the observed s' = (b0', g'), then the
/// target is r + gamma [P(g | g) U(b0', g) + (1 - P(g | g)) U(b0', not g)], g the channel of s;</item>
/// <item>the slot's loss is the squared TD error.</item>
/// </list>
/// The environment supplies r and s'; everything else is computed here from the hand-made tables.
/// </summary>
public sealed class RlPrivacyUpdateTests
{
    private const double Persistence = 0.8; // the calibrated preset's channel persistence, written into the state

    private static EnvironmentSettings Settings(int tasks) => new() { Miners = 1, TasksPerMiner = tasks, Beta = 0.5 };

    private static readonly IReadOnlyList<double> Rates = new RlPrivacyOptions().Rates;

    /// <summary>A table whose entries are distinct: (37 i mod 101) / 10, in [0, 10].</summary>
    private static double[] DistinctTable(int length) => [.. Enumerable.Range(0, length).Select(i => (37 * i % 101) / 10.0)];

    /// <summary>The lowest index of the largest entry of state <paramref name="state"/>'s row.</summary>
    private static int Greedy(double[] q, int state, int actions)
    {
        int best = 0;
        for (int a = 1; a < actions; a++)
        {
            if (q[(state * actions) + a] > q[(state * actions) + best])
            {
                best = a;
            }
        }

        return best;
    }

    private static double RowMax(double[] q, int state, int actions) => q.AsSpan(state * actions, actions).ToArray().Max();

    private static RlPrivacyStateFile.State HandMade(int tasks, double[] q, double[] postDecisionValues, ulong generatorSeed)
    {
        var space = PrivacyStateSpace.For(Presets.Calibrated, tasks, 5);
        return new RlPrivacyStateFile.State(
            space, Rates, q, Persistence, postDecisionValues, new double[q.Length], [], RlPrivacyStateFile.GeneratorWords(generatorSeed));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void OneGreedyStep_FromAHandMadeTable_IsOneQLearningUpdate(bool postDecisionStates)
    {
        var options = new RlPrivacyOptions { UseHotBoot = false, UseDyna = false, UsePostDecisionStates = postDecisionStates };
        var space = PrivacyStateSpace.For(Presets.Calibrated, 1, 5); // 40 states, 8 post-decision parts
        double[] q = DistinctTable(space.Count * 5);
        double[] values = [.. Enumerable.Range(0, space.BufferedPartCount).Select(k => 0.5 + (0.25 * k))];
        var channels = new HashSet<(bool Now, bool Next)>();
        for (ulong seed = 1; seed <= 12; seed++)
        {
            var agent = new RlPrivacyAgent(options);
            RlPrivacyStateFile.Load(agent, RlPrivacyStateFile.Write(HandMade(1, q, values, generatorSeed: 3)));
            var environment = new MiningEnvironment(Presets.Calibrated, Settings(1));
            environment.Reset(seed);
            int state = space.FromObservation(environment.Observation);
            bool channel = environment.ChannelGood[0];

            var slot = agent.TrainSlot(environment, epsilon: 0);

            int next = space.FromObservation(environment.Observation);
            bool nextChannel = environment.ChannelGood[0];
            channels.Add((channel, nextChannel));
            int action = Greedy(q, state, 5);
            double[] expectedValues = [.. values];
            double nextValue;
            if (postDecisionStates)
            {
                // U of the observed post-decision part moves towards max_a Q(s', a); the target averages U over g'.
                int observed = space.BufferedPart(next, nextChannel);
                expectedValues[observed] += options.LearningRate * (RowMax(q, next, 5) - values[observed]);
                nextValue = (Persistence * expectedValues[space.BufferedPart(next, channel)])
                    + ((1 - Persistence) * expectedValues[space.BufferedPart(next, !channel)]);
            }
            else
            {
                nextValue = RowMax(q, next, 5);
            }

            int pair = (state * 5) + action;
            double error = slot.Metrics.Reward + (options.Discount * nextValue) - q[pair];
            var saved = RlPrivacyStateFile.Saved(agent);
            for (int i = 0; i < q.Length; i++)
            {
                if (i == pair)
                {
                    Approx.Equal(q[pair] + (options.LearningRate * error), saved.Q[i], $"seed {seed}: Q(s, a)");
                }
                else
                {
                    Assert.Equal(q[i], saved.Q[i]);
                }
            }

            for (int k = 0; k < values.Length; k++)
            {
                Approx.Equal(expectedValues[k], saved.PostDecisionValues[k], $"seed {seed}: U[{k}]");
            }

            Approx.Equal(error * error, slot.Loss, $"seed {seed}: the loss");
            Assert.Equal(Persistence, saved.ChannelPersistence);
        }

        // The seeds cover a bad and a good channel, both now and next (the post-decision part's channel bits).
        Assert.Contains(channels, c => !c.Now);
        Assert.Contains(channels, c => c.Now);
        Assert.Contains(channels, c => !c.Next);
        Assert.Contains(channels, c => c.Next);
    }

    [Fact]
    public void Act_IsTheLowestIndexOfTheRowMaximum()
    {
        // Rows with a tie for the maximum: Q(s, a) = base[(a + s) mod 5] + s, base = (0, 3, 1, 3, 2). The maximum 3 + s
        // sits at two actions and the lowest wins; the next row's first entry may exceed it (a scan past the row would see it).
        double[] tie = [0, 3, 1, 3, 2];
        var space = PrivacyStateSpace.For(Presets.Calibrated, 1, 5);
        double[] q = new double[space.Count * 5];
        for (int s = 0; s < space.Count; s++)
        {
            for (int a = 0; a < 5; a++)
            {
                q[(s * 5) + a] = tie[(a + s) % 5] + s;
            }
        }

        var agent = new RlPrivacyAgent();
        RlPrivacyStateFile.LoadModel(agent, RlPrivacyStateFile.Model(space, Rates, q));
        var actions = new HashSet<int>();
        var action = new double[1];
        bool pastTheRow = false;
        for (ulong seed = 1; seed <= 20; seed++)
        {
            var environment = new MiningEnvironment(Presets.Calibrated, Settings(1));
            environment.Reset(seed);
            int state = space.FromObservation(environment.Observation);
            int expected = Greedy(q, state, 5);
            pastTheRow |= state + 1 < space.Count && q[(state + 1) * 5] > RowMax(q, state, 5);

            agent.Act(environment, action);

            Assert.Equal(Rates[expected], action[0]);
            actions.Add(expected);
        }

        Assert.True(actions.Count >= 2, "the seeds reach states with different greedy actions");
        Assert.True(pastTheRow, "some state's next row starts above its maximum");
    }

    [Fact]
    public void TwoTasks_TheJointIndex_PutsTaskZeroLeastSignificant()
    {
        // Q(s, a) = (7 s + 13 a) mod 25: 13 is invertible mod 25, so each row has one maximum (24), at a = g(s); the
        // greedy action is (Rates[g mod 5], Rates[g div 5]), and a step updates exactly Q(s, g).
        var space = PrivacyStateSpace.For(Presets.Calibrated, 2, 5); // 800 states, 25 joint actions
        double[] q = new double[space.Count * 25];
        for (int i = 0; i < q.Length; i++)
        {
            q[i] = ((7 * (i / 25)) + (13 * (i % 25))) % 25;
        }

        var options = new RlPrivacyOptions { UseHotBoot = false, UseDyna = false, UsePostDecisionStates = false };
        var agent = new RlPrivacyAgent(options);
        var acting = new RlPrivacyAgent(options);
        RlPrivacyStateFile.Load(agent, RlPrivacyStateFile.Write(HandMade(2, q, new double[space.BufferedPartCount], 1)));
        RlPrivacyStateFile.LoadModel(acting, RlPrivacyStateFile.Model(space, Rates, q));
        var environment = new MiningEnvironment(Presets.Calibrated, Settings(2));
        environment.Reset(4);
        var action = new double[2];
        var seen = new HashSet<int>();
        for (int t = 0; t < 6; t++)
        {
            int state = space.FromObservation(environment.Observation);
            int greedy = Greedy(q, state, 25);
            seen.Add(greedy);
            acting.Act(environment, action);
            Assert.Equal([Rates[greedy % 5], Rates[greedy / 5]], action);

            var before = agent.QTable.ToArray();
            agent.TrainSlot(environment, epsilon: 0);
            var after = agent.QTable.ToArray();
            Assert.Equal([(state * 25) + greedy], Enumerable.Range(0, after.Length).Where(i => after[i] != before[i]));
        }

        Assert.Contains(seen, g => g % 5 != g / 5); // the two tasks' rates differ somewhere, so their order matters
    }

    [Fact]
    public void Exploring_AtEpsilonOne_DrawsACoinThenAUniformAction()
    {
        // A fresh table (no boot, no Dyna, no post-decision states): the step changes only Q(s, a) = alpha r, so the entry
        // that moved names the action. BeginTraining seeds the generator with its seed: the coin is the first draw, the
        // action NextInt(5) the second.
        var options = new RlPrivacyOptions { UseHotBoot = false, UseDyna = false, UsePostDecisionStates = false };
        var chosen = new HashSet<int>();
        for (ulong seed = 1; seed <= 8; seed++)
        {
            var generator = new Xoshiro256(seed);
            generator.NextDouble();
            int expected = generator.NextInt(5);
            var environment = new MiningEnvironment(Presets.Calibrated, Settings(1));
            environment.Reset(seed);
            var agent = new RlPrivacyAgent(options);
            agent.BeginTraining(environment, seed);
            int state = agent.StateOf(environment.Observation);

            var slot = agent.TrainSlot(environment, epsilon: 1);

            var table = agent.QTable.ToArray();
            int index = Assert.Single(Enumerable.Range(0, table.Length), i => table[i] != 0);
            Assert.Equal((state * 5) + expected, index);
            Approx.Equal(options.LearningRate * slot.Metrics.Reward, table[index]);
            chosen.Add(expected);
        }

        Assert.Contains(chosen, a => a != 0); // the greedy action on a zero table is 0: the draws must differ from it
    }

    [Fact]
    public void ActingGreedily_DrawsNothing()
    {
        // Greedy acts (epsilon 0) leave the generator alone: an agent that acted greedily three times explores next
        // exactly as one that did not.
        var options = new RlPrivacyOptions { UseHotBoot = false, UseDyna = false, UsePostDecisionStates = false };
        var acted = new RlPrivacyAgent(options);
        var fresh = new RlPrivacyAgent(options);
        var first = new MiningEnvironment(Presets.Calibrated, Settings(1));
        var second = new MiningEnvironment(Presets.Calibrated, Settings(1));
        first.Reset(6);
        second.Reset(6);
        acted.BeginTraining(first, 9);
        fresh.BeginTraining(second, 9);
        var action = new double[1];
        for (int i = 0; i < 3; i++)
        {
            acted.Act(first, action);
        }

        for (int t = 0; t < 5; t++)
        {
            acted.TrainSlot(first, epsilon: 1);
            fresh.TrainSlot(second, epsilon: 1);
        }

        Assert.Equal(fresh.QTable.ToArray(), acted.QTable.ToArray());
        Assert.Equal(RlPrivacyStateFile.Saved(fresh).Generator, RlPrivacyStateFile.Saved(acted).Generator);
    }

    [Fact]
    public void Exploring_ADrawEqualToEpsilon_IsGreedy()
    {
        // Explore when u < epsilon, so that the probability is epsilon exactly: with epsilon set to the coin u itself the
        // step is greedy (action 0 on a zero table), whatever NextInt(5) would have drawn after it.
        var options = new RlPrivacyOptions { UseHotBoot = false, UseDyna = false, UsePostDecisionStates = false };
        var explored = new HashSet<int>();
        for (ulong seed = 1; seed <= 8; seed++)
        {
            var generator = new Xoshiro256(seed);
            double coin = generator.NextDouble();
            explored.Add(generator.NextInt(5));
            var environment = new MiningEnvironment(Presets.Calibrated, Settings(1));
            environment.Reset(seed);
            var agent = new RlPrivacyAgent(options);
            agent.BeginTraining(environment, seed);
            int state = agent.StateOf(environment.Observation);

            agent.TrainSlot(environment, epsilon: coin);

            var table = agent.QTable.ToArray();
            Assert.Equal(state * 5, Assert.Single(Enumerable.Range(0, table.Length), i => table[i] != 0));
        }

        Assert.Contains(explored, a => a != 0); // exploring would have moved another entry
    }
}
