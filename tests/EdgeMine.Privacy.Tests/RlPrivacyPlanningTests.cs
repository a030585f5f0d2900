using EdgeMine.Model;
using EdgeMine.Privacy;

namespace EdgeMine.Tests.Privacy;

/// <summary>
/// RL-privacy's update rule and its Dyna planning against values worked out by hand: on a fresh table, one real step
/// (s, a, r, s') with s' != s is one Q-learning update Q(s, a) = alpha r (the next row is still 0), and Dyna then
/// replays the only pair its model has met <see cref="RlPrivacyOptions.PlanningSteps"/> times: each replay moves Q by
/// alpha (r - Q), so after 1 + 5 updates Q(s, a) = r (1 - (1 - alpha)^6). Nothing else of the table moves.
/// </summary>
public sealed class RlPrivacyPlanningTests
{
    private static readonly EnvironmentSettings Single = new() { Miners = 1, TasksPerMiner = 1, Beta = 0.5 };

    /// <summary>The first real step from a seed whose next state differs from its state: (agent, s, reward).</summary>
    private static (RlPrivacyAgent Agent, int State, double Reward) OneRealStep(RlPrivacyOptions options)
    {
        for (ulong seed = 1; seed < 100; seed++)
        {
            var environment = new MiningEnvironment(Presets.Calibrated, Single);
            environment.Reset(seed);
            double[] observation = environment.Observation.ToArray();
            var agent = new RlPrivacyAgent(options);
            agent.BeginTraining(environment, seed);
            var slot = agent.TrainSlot(environment, epsilon: 1);
            int state = agent.StateOf(observation), next = agent.StateOf(environment.Observation);
            if (state != next && slot.Metrics.Reward != 0)
            {
                return (agent, state, slot.Metrics.Reward);
            }
        }

        throw new InvalidOperationException("no seed below 100 moves to another state");
    }

    /// <summary>The only non-zero entry of the table, as (state, action, value).</summary>
    private static (int State, int Action, double Value) OnlyEntry(RlPrivacyAgent agent)
    {
        var table = agent.QTable.ToArray();
        int index = Assert.Single(Enumerable.Range(0, table.Length), i => table[i] != 0);
        return (index / agent.ActionCount, index % agent.ActionCount, table[index]);
    }

    [Theory]
    [InlineData(true, 5)]
    [InlineData(true, 2)]
    [InlineData(false, 5)]
    public void OneRealStep_WithDyna_IsOnePlusPlanningStepsUpdatesOfThePair(bool dyna, int planningSteps)
    {
        var options = new RlPrivacyOptions { UseHotBoot = false, UsePostDecisionStates = false, UseDyna = dyna, PlanningSteps = planningSteps };
        var (agent, state, reward) = OneRealStep(options);

        var (entryState, _, value) = OnlyEntry(agent);
        Assert.Equal(state, entryState);
        int updates = 1 + (dyna ? planningSteps : 0);
        double expected = reward * (1 - Math.Pow(1 - options.LearningRate, updates));
        Approx.Equal(expected, value, relative: 1e-12);
        Assert.Equal(dyna ? 1 : 0, agent.ModelledPairs);
    }

    [Fact]
    public void DefaultPlanning_MovesThePairAboutFourAndAHalfTimesFurtherThanOneUpdate()
    {
        // (1 - 0.9^6) / 0.1 = 4.68559: the default's 5 planning steps, against Dyna switched off on the same step.
        var withDyna = OneRealStep(new RlPrivacyOptions { UseHotBoot = false, UsePostDecisionStates = false });
        var without = OneRealStep(new RlPrivacyOptions { UseHotBoot = false, UsePostDecisionStates = false, UseDyna = false });
        Assert.Equal(withDyna.Reward, without.Reward); // same seed, same exploration draw before the planning draws
        Approx.Equal(4.68559, OnlyEntry(withDyna.Agent).Value / OnlyEntry(without.Agent).Value, relative: 1e-6);
    }
}
