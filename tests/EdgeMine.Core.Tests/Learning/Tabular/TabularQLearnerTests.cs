using EdgeMine.Learning;
using EdgeMine.Learning.Tabular;
using EdgeMine.Model;

namespace EdgeMine.Tests.Learning.Tabular;

/// <summary>RLO [Alg. 1]: the state discretisation and the Q-learning update, against hand computation.</summary>
public sealed class TabularQLearnerTests
{
    // Calibrated preset: d_unit = 100 kbit, D1 ~ U[50, 150] kbit, so D1 / d_unit lies in [0.5, 1.5] and each of the 5 bins
    // is 0.2 wide. Observation of one miner with M = 1: [D1, D0, g] in units of d_unit.
    private static (TabularQLearner Learner, MiningEnvironment Environment) OneMinerOneTask(double deadlinePenalty = 0, QLearningOptions? options = null)
    {
        var environment = new MiningEnvironment(Presets.Calibrated with { DeadlinePenalty = deadlinePenalty }, new EnvironmentSettings { Miners = 2, TasksPerMiner = 1, Beta = 0.5 });
        environment.Reset(1);
        var learner = new TabularQLearner(options);
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

    [Fact]
    public void Learn_BootstrapsFromTheNextState_NotTheCurrentOne()
    {
        // Miner 0. First s' -> s', action 1, r = 2: Q(s', 1) = 0.1 * 2 = 0.2. Then s -> s', action 1, r = 1:
        // Q(s, 1) = 0 + 0.1 (1 + 0.85 max(Q(s', .)) - 0) = 0.1 (1 + 0.85 * 0.2) = 0.117. Bootstrapping from s instead
        // (whose row is all 0) would give 0.1.
        var (learner, _) = OneMinerOneTask();
        double[] s = [1.0, 0, 1, 1.0, 0, 1];
        double[] next = [0.6, 0, 0, 0.6, 0, 0];
        learner.Learn(next, [1, 0], [Outcome(2, 0), Outcome(0, 0)], next);

        learner.Learn(s, [1, 0], [Outcome(1, 0), Outcome(0, 0)], next);

        Assert.Equal(0.117, learner.QValue(0, s, 1), 12);
    }

    [Fact]
    public void Learn_DiscountZero_LearnsTheSlotRewardOnly()
    {
        // As above with discount = 0 (learner option discount=0): Q(s, 1) = 0.1 * 1 = 0.1, s' ignored.
        var (learner, _) = OneMinerOneTask(options: RloAlgorithm.Options(Spec(("discount", "0"))));
        double[] s = [1.0, 0, 1, 1.0, 0, 1];
        double[] next = [0.6, 0, 0, 0.6, 0, 0];
        learner.Learn(next, [1, 0], [Outcome(2, 0), Outcome(0, 0)], next);

        learner.Learn(s, [1, 0], [Outcome(1, 0), Outcome(0, 0)], next);

        Assert.Equal(0.1, learner.QValue(0, s, 1), 12);
    }

    [Fact]
    public void Learn_TeamReward_EveryMinerLearnsTheSlotsTotal()
    {
        // Own (above): miner 0 r = 1.5 -> 0.15, miner 1 r = -1 -> -0.1. Team: both learn r = 1.5 - 1 = 0.5 -> 0.05.
        var (learner, _) = OneMinerOneTask(options: RloAlgorithm.Options(Spec(("reward", "team"))));
        double[] s = [1.0, 0, 1, 1.0, 0, 1];

        learner.Learn(s, [1, 0], [Outcome(2, 0.5), Outcome(0, 1)], s);

        Assert.Equal(0.05, learner.QValue(0, s, 1), 12);
        Assert.Equal(0.05, learner.QValue(1, s, 0), 12);
        Assert.Equal(0, learner.QValue(1, s, 1));
    }

    [Theory]
    // The key of D1 = 1.0, D0 = 0.3, g = 1 is 19 (above); with 4 backlog bins it is 19 * 4 + bin, the bin of
    // q = Q / (F dt): 0 -> 0; 0.5 -> 1 (0 < q <= 1); 1.5 -> 2 (1 < q <= 2); 3 -> 3 (2 < q <= 4); 100 -> 3 (the last bin).
    [InlineData(0.0, 76UL)]
    [InlineData(0.5, 77UL)]
    [InlineData(1.5, 78UL)]
    [InlineData(3.0, 79UL)]
    [InlineData(100.0, 79UL)]
    public void StateKey_WithBacklogBins_AppendsTheBacklogsBin(double backlogSlots, ulong expected)
    {
        var (learner, _) = OneMinerOneTask(options: RloAlgorithm.Options(Spec(("backlog_bins", "4"))));
        double[] observation = [0, 0, 0, 1.0, 0.3, 1];

        Assert.Equal(expected, learner.StateKey(observation, miner: 1, backlogSlots));
    }

    [Fact]
    public void Nearest_PrefersTheSameChannel_ThenTheFewestBins()
    {
        // Miner 0 has met s (D1 bin 2, g = 1), where offloading paid (Q(s, 1) = 0.1), and u (D1 bin 3, g = 0), where
        // keeping the task local paid (Q(u, 0) = 0.1). The unseen state (D1 bin 3, g = 1) is 1 bin from s with the same
        // channel and 0 bins from u with another channel: its nearest met state is s.
        var (learner, _) = OneMinerOneTask(options: RloAlgorithm.Options(Spec(("unseen_state", "nearest"))));
        double[] s = [1.0, 0, 1, 1.0, 0, 1];
        double[] u = [1.2, 0, 0, 1.2, 0, 0];
        learner.Learn(s, [1, 1], [Outcome(1, 0), Outcome(1, 0)], s);
        learner.Learn(u, [0, 0], [Outcome(1, 0), Outcome(1, 0)], u);
        double[] unseen = [1.2, 0, 1, 1.2, 0, 1];

        double[]? row = learner.Nearest(0, learner.StateKey(unseen, 0));

        Assert.Equal(0, learner.QValue(0, unseen, 1)); // never met
        Assert.Equal([0.0, 0.1], row!.Select(q => Math.Round(q, 12)));
    }

    [Fact]
    public void Act_NearestRule_ActsOnTheNearestMetStatesRow()
    {
        // Both miners met only the state of the environment's current observation with their own task's offload paying;
        // after one slot their states are new (arrivals change), and under the nearest rule they still offload.
        var (learner, environment) = OneMinerOneTask(options: RloAlgorithm.Options(Spec(("unseen_state", "nearest"))));
        double[] s = environment.Observation.ToArray();
        learner.Learn(s, [1, 1], [Outcome(1, 0), Outcome(1, 0)], s);
        environment.Step([0, 0]);
        var action = new double[2];
        while (learner.QValue(0, environment.Observation, 1) != 0 || learner.QValue(1, environment.Observation, 1) != 0)
        {
            environment.Step([0, 0]); // until both miners' states are new (deterministic: seed 1)
        }

        learner.Act(environment, action);
        Assert.Equal([1.0, 1.0], action);

        // The same learning under never-offload keeps both tasks local in the same new states.
        var (never, _) = OneMinerOneTask();
        never.Learn(s, [1, 1], [Outcome(1, 0), Outcome(1, 0)], s);
        never.Act(environment, action);
        Assert.Equal([0.0, 0.0], action);
    }

    [Fact]
    public void Options_ParseEachKey_AndRefuseBadValues()
    {
        var options = RloAlgorithm.Options(Spec(("reward", "team"), ("unseen_state", "nearest"), ("backlog_bins", "6"), ("discount", "0"), ("learning_rate", "0.5")));

        Assert.Equal(QLearningOptions.Default with { Reward = RloReward.Team, UnseenState = UnseenStateRule.Nearest, BacklogBins = 6, Discount = 0, LearningRate = 0.5 }, options);
        Assert.Equal("rlo learner options: backlog_bins '1': allowed: 0 (off) or an integer from 2 to 16", RloAlgorithm.Instance.Problem(Spec(("backlog_bins", "1"))));
        Assert.Equal("rlo learner options: unseen_state 'random': allowed: never-offload or nearest", RloAlgorithm.Instance.Problem(Spec(("unseen_state", "random"))));
        Assert.Null(RloAlgorithm.Instance.Problem(Spec()));
    }

    [Fact]
    public void Model_WithBacklogBins_RoundTrips_AndRefusesOtherBins()
    {
        var (learner, environment) = OneMinerOneTask(options: RloAlgorithm.Options(Spec(("backlog_bins", "4"))));
        double[] s = environment.Observation.ToArray();
        learner.Learn(s, [1, 1], [Outcome(1, 0), Outcome(2, 0)], s, backlogSlots: 3, nextBacklogSlots: 3);
        using var file = new MemoryStream();
        learner.SaveModel(file);

        var loaded = new TabularQLearner(learner.Options);
        file.Position = 0;
        loaded.LoadModel(file);
        loaded.Act(environment, new double[2]); // the bin edges come from the environment at the first act after loading
        Assert.Equal(0.2, loaded.QValue(1, s, 1, backlogSlots: 3), 12);
        Assert.Equal(0, loaded.QValue(1, s, 1, backlogSlots: 0));

        file.Position = 0;
        var error = Assert.Throws<InvalidDataException>(() => new TabularQLearner().LoadModel(file));
        Assert.Equal("RLO Q-table: the number of backlog bins (learner option backlog_bins) is 4, expected 0", error.Message);
    }

    [Fact]
    public void StateKey_RefusesTheFirstMThatOverflows64Bits_AndKeepsTheLargestThatFits()
    {
        // By hand: a key is a mixed-radix number over (5 arrival bins x 4 buffer bins)^M x 2 channels (x B backlog bins).
        // No backlog bins: 20^14 x 2 = 3.28e18 <= 2^64 = 1.84e19 < 20^15 x 2 = 6.55e19, so M = 14 fits and 15 does not.
        // 16 backlog bins: 20^13 x 32 = 2.62e17 x 10 = 2.62e18 fits; 20^14 x 32 = 5.24e19 does not.
        Assert.Equal(14, TabularQLearner.MaxTasksForKey(QLearningOptions.Default));
        Assert.Equal(13, TabularQLearner.MaxTasksForKey(QLearningOptions.Default with { BacklogBins = 16 }));
        Assert.Null(RloAlgorithm.Instance.Problem(Spec(tasks: 14)));
        Assert.Equal(
            "--tasks 15: RLO's state key, (arrival bins 5 x 4 buffer bins)^M x 2 channels x backlog_bins 0, must fit in 64 bits; allowed: 1 to 14",
            RloAlgorithm.Instance.Problem(Spec(tasks: 15)));
        Assert.Equal(
            "--tasks 14: RLO's state key, (arrival bins 5 x 4 buffer bins)^M x 2 channels x backlog_bins 16, must fit in 64 bits; allowed: 1 to 13",
            RloAlgorithm.Instance.Problem(Spec(tasks: 14, ("backlog_bins", "16"))));

        // At M = 14 the largest state (every bin at its top, good channel) is the largest key, 20^14 x 2 - 1, with no
        // wrap-around: each task's D1 = 1.5 d_unit (bin 4) and D0 = 2 d_unit (bin 3) is digit 4 x 4 + 3 = 19 = 20 - 1.
        var environment = new MiningEnvironment(Presets.Calibrated, new EnvironmentSettings { Miners = 1, TasksPerMiner = 14, Beta = 0.5 });
        environment.Reset(1);
        var learner = new TabularQLearner();
        learner.BeginTraining(environment, 1);
        double[] observation = [.. Enumerable.Repeat(1.5, 14), .. Enumerable.Repeat(2.0, 14), 1];
        ulong expected = 2;
        for (int m = 0; m < 14; m++)
        {
            expected *= 20;
        }

        Assert.Equal(expected - 1, learner.StateKey(observation, miner: 0));
        var refused = new MiningEnvironment(Presets.Calibrated, new EnvironmentSettings { Miners = 1, TasksPerMiner = 15, Beta = 0.5 });
        Assert.Throws<ArgumentException>(() => new TabularQLearner().BeginTraining(refused, 1));
    }

    private static LearnerSpec Spec(params (string Key, string Value)[] options) => Spec(1, options);

    private static LearnerSpec Spec(int tasks, params (string Key, string Value)[] options) =>
        new(LearnerAlgorithm.DefaultVariant, options.ToDictionary(o => o.Key, o => o.Value), new EnvironmentSettings { Miners = 2, TasksPerMiner = tasks, Beta = 0.5 });

    /// <summary>The backlog variant is the paper's RLO with 8 backlog bins; learner options still apply over it; its label says so.</summary>
    [Fact]
    public void BacklogVariant_AddsEightBacklogBins_UnderTheLearnerOptions()
    {
        var settings = new EnvironmentSettings { Miners = 2, TasksPerMiner = 1, Beta = 0.5 };
        LearnerSpec Backlog(params (string Key, string Value)[] options) => new(RloAlgorithm.BacklogVariant, options.ToDictionary(o => o.Key, o => o.Value), settings);

        Assert.Equal(QLearningOptions.Default with { BacklogBins = 8 }, RloAlgorithm.Options(Backlog()));
        Assert.Equal(QLearningOptions.Default with { BacklogBins = 4, Discount = 0 }, RloAlgorithm.Options(Backlog(("backlog_bins", "4"), ("discount", "0"))));
        Assert.Equal(0, RloAlgorithm.Options(Spec()).BacklogBins); // the default variant stays the paper's RLO
        Assert.Null(RloAlgorithm.Instance.Problem(Backlog()));
        Assert.Equal("RLO (backlog in state)", RloAlgorithm.Instance.Label(RloAlgorithm.BacklogVariant));
        Assert.Equal("RLO", RloAlgorithm.Instance.Label(LearnerAlgorithm.DefaultVariant));
    }
}
