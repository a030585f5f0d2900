using EdgeMine.Learning.Tabular;
using EdgeMine.Model;

namespace EdgeMine.Tests.Learning.Tabular;

/// <summary>RLO [Alg. 1]: the state discretisation and the Q-learning update, against hand computation.</summary>
public sealed class TabularQLearnerTests
{
    // Calibrated preset: d_unit = 100 kbit, D1 ~ U[50, 150] kbit, so D1 / d_unit lies in [0.5, 1.5] and each of the 5 bins
    // is 0.2 wide. Observation of one miner with M = 1: [D1, D0, g] in units of d_unit.
    private static (TabularQLearner Learner, MiningEnvironment Environment) OneMinerOneTask(double deadlinePenalty = 0)
    {
        var environment = new MiningEnvironment(Presets.Calibrated with { DeadlinePenalty = deadlinePenalty }, new EnvironmentSettings { Miners = 2, TasksPerMiner = 1, Beta = 0.5 });
        environment.Reset(1);
        var learner = new TabularQLearner();
        learner.BeginTraining(environment, 1);
        return (learner, environment);
    }

    private static TaskOutcome Outcome(double privacy, double cost, bool missed = false) => new() { Privacy = privacy, Cost = cost, DeadlineMissed = missed };

    [Theory]
    // D1 = 1.0 -> bin floor((1.0 - 0.5) / 0.2) = 2; D0 = 0.3 -> bin 1 (0, 0.5]; g = 1: ((2 * 4) + 1) * 2 + 1 = 19.
    [InlineData(1.0, 0.3, 1, 19UL)]
    // D1 = 0.5 -> bin 0; D0 = 0 -> bin 0; g = 0: 0.
    [InlineData(0.5, 0.0, 0, 0UL)]
    // D1 = 1.5 (the upper bound) -> clamped to bin 4; D0 = 2 -> bin 3 (> 1.5); g = 0: ((4 * 4) + 3) * 2 = 38.
    [InlineData(1.5, 2.0, 0, 38UL)]
    // D0 = 1.5 exactly -> bin 2 (0.5, 1.5]; D1 = 0.79 -> bin 1: ((1 * 4) + 2) * 2 + 1 = 13.
    [InlineData(0.79, 1.5, 1, 13UL)]
    public void StateKey_BinsD1AndD0AsModelSaysThenTheChannel(double arrivedUnits, double bufferedUnits, int channel, ulong expected)
    {
        var (learner, _) = OneMinerOneTask();
        double[] observation = [0, 0, 0, arrivedUnits, bufferedUnits, channel];

        Assert.Equal(expected, learner.StateKey(observation, miner: 1));
    }

    [Fact]
    public void Learn_FirstUpdate_MovesQByAlphaTimesTheReward()
    {
        // Q(s, a) = 0 everywhere: Q <- 0 + 0.1 (r + 0.85 * 0 - 0) = 0.1 r, with r = P - C = 0.6 - 1.1 = -0.5 -> -0.05.
        var (learner, _) = OneMinerOneTask();
        double[] s = [1.0, 0, 1, 1.0, 0, 1];
        double[] next = [0.6, 0, 0, 0.6, 0, 0];

        learner.Learn(s, [1, 0], [Outcome(0.6, 1.1), Outcome(0, 1)], next);

        Assert.Equal(-0.05, learner.QValue(0, s, action: 1), 12);
        Assert.Equal(0, learner.QValue(0, s, action: 0));
    }

    [Fact]
    public void Learn_EachMinerLearnsFromItsOwnTasksReward()
    {
        // Miner 0: r = 2 - 0.5 = 1.5 -> Q = 0.15 (action 1); miner 1: r = 0 - 1 = -1 -> Q = -0.1 (action 0).
        var (learner, _) = OneMinerOneTask();
        double[] s = [1.0, 0, 1, 1.0, 0, 1];

        learner.Learn(s, [1, 0], [Outcome(2, 0.5), Outcome(0, 1)], s);

        Assert.Equal(0.15, learner.QValue(0, s, 1), 12);
        Assert.Equal(-0.1, learner.QValue(1, s, 0), 12);
        Assert.Equal(0, learner.QValue(1, s, 1));
    }

    [Fact]
    public void Learn_SecondUpdate_BootstrapsFromTheBestNextValueWithDiscount()
    {
        // Self-loop s -> s, action 1, r = 1 twice (miner 0):
        // first:  Q = 0 + 0.1 (1 + 0.85 * 0 - 0) = 0.1;
        // second: Q = 0.1 + 0.1 (1 + 0.85 * max(0.1, 0) - 0.1) = 0.1 + 0.1 * 0.985 = 0.1985.
        var (learner, _) = OneMinerOneTask();
        double[] s = [1.0, 0, 1, 1.0, 0, 1];
        TaskOutcome[] outcomes = [Outcome(1, 0), Outcome(0, 0)];

        learner.Learn(s, [1, 0], outcomes, s);
        double squaredError = learner.Learn(s, [1, 0], outcomes, s);

        Assert.Equal(0.1985, learner.QValue(0, s, 1), 12);
        // Mean squared TD error over the two miners: miner 0: 0.985^2; miner 1: r = 0, Q = 0 -> 0. (0.970225 + 0) / 2.
        Assert.Equal(0.970225 / 2, squaredError, 12);
    }

    [Fact]
    public void Learn_DeadlinePenalty_IsPartOfTheMinersReward()
    {
        // r = P - C - penalty = 1 - 0.5 - 2 = -1.5 -> Q = -0.15.
        var (learner, _) = OneMinerOneTask(deadlinePenalty: 2);
        double[] s = [1.0, 0, 1, 1.0, 0, 1];

        learner.Learn(s, [1, 0], [Outcome(1, 0.5, missed: true), Outcome(0, 0)], s);

        Assert.Equal(-0.15, learner.QValue(0, s, 1), 12);
    }

    [Fact]
    public void Act_IsGreedy_TiesKeepTheTaskLocal()
    {
        var (learner, environment) = OneMinerOneTask();
        var action = new double[2];
        double[] s = environment.Observation.ToArray();

        // A fresh table ties every action: both miners keep their task local.
        learner.Act(environment, action);
        Assert.Equal([0.0, 0.0], action);

        // Miner 1 learns that offloading pays in this state: it now offloads; miner 0 still ties.
        learner.Learn(s, [0, 1], [Outcome(0, 0), Outcome(1, 0)], s);
        learner.Act(environment, action);
        Assert.Equal([0.0, 1.0], action);
    }

    [Fact]
    public void Model_RoundTrips_AndAFileOfAnotherKindIsRefused()
    {
        var (learner, environment) = OneMinerOneTask();
        double[] s = environment.Observation.ToArray();
        learner.Learn(s, [1, 1], [Outcome(1, 0), Outcome(2, 0)], s);
        using var file = new MemoryStream();
        learner.SaveModel(file);

        var loaded = new TabularQLearner();
        file.Position = 0;
        loaded.LoadModel(file);
        var action = new double[2];
        loaded.Act(environment, action);
        Assert.Equal([1.0, 1.0], action);
        Assert.Equal(learner.QValue(1, s, 1), loaded.QValue(1, s, 1));

        var garbage = new MemoryStream([1, 2, 3, 4, 5, 6, 7, 8]);
        var error = Assert.Throws<InvalidDataException>(() => new TabularQLearner().LoadModel(garbage));
        Assert.Contains("RLO Q-table", error.Message, StringComparison.Ordinal);
    }
}
