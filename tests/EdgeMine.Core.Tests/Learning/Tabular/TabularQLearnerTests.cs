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

    [Theory]
    // Bin 0 for an empty MEC, 1 for 0 < q <= 1, j for 2^(j-2) < q <= 2^(j-1), never above bins - 1.
    [InlineData(-1.0, 8, 0)]
    [InlineData(0.0, 8, 0)]
    [InlineData(0.5, 8, 1)]
    [InlineData(1.0, 8, 1)]
    [InlineData(1.5, 8, 2)]
    [InlineData(2.0, 8, 2)]
    [InlineData(2.5, 8, 3)]
    [InlineData(32.0, 8, 6)]
    [InlineData(33.0, 8, 7)]
    [InlineData(1e9, 8, 7)]
    [InlineData(5.0, 2, 1)]
    public void BacklogBin_DoublesItsWidthFromOneSlot(double backlogSlots, int bins, int expected)
    {
        Assert.Equal(expected, TabularQLearner.BacklogBin(backlogSlots, bins));
    }

    [Fact]
    public void MaxTasksForKey_AKeyRangeOfExactly2To64Fits()
    {
        // 16 arrival bins x 4 buffer bins = 64 = 2^6 per task, 2 channels x 8 backlog bins = 2^4: M = 10 gives 2^64 keys,
        // 0 to 2^64 - 1, which fit; M = 11 would need 2^70.
        Assert.Equal(10, TabularQLearner.MaxTasksForKey(QLearningOptions.Default with { ArrivalBins = 16, BacklogBins = 8 }));
        // 2 arrival bins: 8 per task = 2^3, 2 channels: 2^(3M + 1) <= 2^64 up to M = 21, capped at 20.
        Assert.Equal(20, TabularQLearner.MaxTasksForKey(QLearningOptions.Default with { ArrivalBins = 2 }));
        Assert.Throws<ArgumentNullException>(() => TabularQLearner.MaxTasksForKey(null!));
    }

    [Fact]
    public void BeginTraining_MoreTasksThanTheTableHolds_IsRefused()
    {
        var environment = new MiningEnvironment(Presets.Calibrated, new EnvironmentSettings { Miners = 1, TasksPerMiner = 21, Beta = 0.5 });
        var error = Assert.Throws<ArgumentException>(() => new TabularQLearner().BeginTraining(environment, 1));
        Assert.Equal("RLO's table has 2^M actions per state: M must be at most 20 (Parameter 'environment')", error.Message);
    }

    [Fact]
    public void Act_TwoTasks_BitMOfTheBestActionOffloadsTaskM()
    {
        // Miner 0 learns that action 2 (binary 10: task 1 offloaded, task 0 local) pays, r = 1 -> Q = 0.1; miner 1 that
        // action 1 (binary 01) pays. Greedy: miner 0 [0, 1], miner 1 [1, 0].
        var environment = new MiningEnvironment(Presets.Calibrated, new EnvironmentSettings { Miners = 2, TasksPerMiner = 2, Beta = 0.5 });
        environment.Reset(1);
        var learner = new TabularQLearner();
        learner.BeginTraining(environment, 1);
        double[] s = environment.Observation.ToArray();

        learner.Learn(s, [0, 1, 1, 0], [Outcome(0, 0), Outcome(1, 0), Outcome(1, 0), Outcome(0, 0)], s);
        var action = new double[4];
        learner.Act(environment, action);

        Assert.Equal(0.1, learner.QValue(0, s, 2), 12);
        Assert.Equal(0.1, learner.QValue(1, s, 1), 12);
        Assert.Equal([0.0, 1.0, 1.0, 0.0], action);
        Assert.Equal(2, learner.StatesVisited);
    }

    [Fact]
    public void TrainSlot_Exploring_DrawsRandomActions_GreedyActingDrawsNothing()
    {
        // A fresh table's greedy action keeps every task local; with epsilon = 1 each of the 4 miners draws one of its 2
        // actions at random, so the first slot offloads some task (all local has probability 1/16; seed 3 offloads).
        // Greedy acting uses no draw: a learner that acts greedily once first then explores exactly as its twin does.
        var settings = new EnvironmentSettings { Miners = 4, TasksPerMiner = 1, Beta = 0.5 };
        (TabularQLearner, MiningEnvironment) Fresh()
        {
            var environment = new MiningEnvironment(Presets.Calibrated, settings);
            environment.Reset(1);
            var learner = new TabularQLearner();
            learner.BeginTraining(environment, 3);
            return (learner, environment);
        }

        var (greedy, greedyEnvironment) = Fresh();
        Assert.Equal(0, greedy.TrainSlot(greedyEnvironment, 0).Metrics.OffloadedTasks);

        var (twin, twinEnvironment) = Fresh();
        var (actedFirst, environment) = Fresh();
        var action = new double[4];
        actedFirst.Act(environment, action);
        Assert.Equal(new double[4], action);
        int offloaded = 0;
        for (int t = 0; t < 5; t++)
        {
            var expected = twin.TrainSlot(twinEnvironment, 1.0);
            var actual = actedFirst.TrainSlot(environment, 1.0);
            Assert.Equal(expected.Metrics.Reward, actual.Metrics.Reward);
            Assert.Equal(expected.Loss, actual.Loss);
            offloaded += t == 0 ? actual.Metrics.OffloadedTasks : 0;
        }

        Assert.True(offloaded > 0);
    }

    [Fact]
    public void TrainSlot_FreshTable_LearnsEachMinersOwnRewardFromTheSlotsStart()
    {
        // Greedy on a fresh table: every task local. Each miner's Q(s, local) becomes 0.1 r_n (nothing to bootstrap: s'
        // is new), r_n = P - C (less the deadline penalty of a miss) of its task in the slot's outcomes, and the loss is the mean of r_n^2 over the miners.
        var environment = new MiningEnvironment(Presets.Calibrated, new EnvironmentSettings { Miners = 2, TasksPerMiner = 1, Beta = 0.5 });
        environment.Reset(4);
        var learner = new TabularQLearner();
        learner.BeginTraining(environment, 1);
        double[] s = environment.Observation.ToArray();

        var slot = learner.TrainSlot(environment, 0);

        var outcomes = environment.LastOutcomes;
        double penalty = Presets.Calibrated.DeadlinePenalty;
        double r0 = outcomes[0].Privacy - outcomes[0].Cost - (outcomes[0].DeadlineMissed ? penalty : 0);
        double r1 = outcomes[1].Privacy - outcomes[1].Cost - (outcomes[1].DeadlineMissed ? penalty : 0);
        Assert.Equal(0.1 * r0, learner.QValue(0, s, 0), 12);
        Assert.Equal(0.1 * r1, learner.QValue(1, s, 0), 12);
        Assert.Equal(((r0 * r0) + (r1 * r1)) / 2, slot.Loss, 12);
    }

    [Fact]
    public void TrainingState_RoundTrip_ContinuesExploringBitForBit()
    {
        // The table and the generator: a learner restored from the saved state explores as the original goes on to.
        var settings = new EnvironmentSettings { Miners = 3, TasksPerMiner = 1, Beta = 0.5 };
        var first = new MiningEnvironment(Presets.Calibrated, settings);
        first.Reset(2);
        var original = new TabularQLearner();
        original.BeginTraining(first, 5);
        for (int t = 0; t < 10; t++)
        {
            original.TrainSlot(first, 0.5);
        }

        using var state = new MemoryStream();
        using (var writer = new BinaryWriter(state, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            original.SaveTrainingState(writer);
            first.SaveState(writer);
        }

        state.Position = 0;
        var restored = new TabularQLearner();
        var second = new MiningEnvironment(Presets.Calibrated, settings);
        using (var reader = new BinaryReader(state, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            restored.LoadTrainingState(reader);
            second.LoadState(reader);
        }

        Assert.Equal(original.StatesVisited, restored.StatesVisited);
        for (int t = 0; t < 10; t++)
        {
            Assert.Equal(original.TrainSlot(first, 0.5).Loss, restored.TrainSlot(second, 0.5).Loss);
        }
    }

    [Fact]
    public void Model_File_IsEmqtThenTheShapeThenEachTableSortedByKey()
    {
        // Little-endian "EMQT", version 2, miners, M, arrival bins, backlog bins; per miner the state count, then each
        // state's key and its 2^M values in key order. Miner 0 meets keys 19 then 0; miner 1 meets key 19.
        var (learner, _) = OneMinerOneTask();
        double[] high = [1.0, 0.3, 1, 1.0, 0.3, 1];  // key 19 for both miners (see StateKey above)
        double[] low = [0.5, 0.0, 0, 0.5, 0.0, 0];   // key 0
        learner.Learn(high, [1, 0], [Outcome(1, 0), Outcome(2, 0)], high);
        learner.Learn(low, [0, 1], [Outcome(3, 0), Outcome(0, 0)], high);
        // First update: miner 0 Q(19, 1) = 0.1 x 1 = 0.1; miner 1 Q(19, 0) = 0.1 x 2 = 0.2. Second, from key 0 to key 19:
        // miner 0 Q(0, 0) = 0.1 (3 + 0.85 x 0.1) = 0.3085; miner 1 Q(0, 1) = 0.1 (0 + 0.85 x 0.2) = 0.017.
        using var file = new MemoryStream();
        learner.SaveModel(file);
        file.Position = 0;
        using var reader = new BinaryReader(file);

        Assert.Equal(0x54514D45u, reader.ReadUInt32());
        Assert.Equal([2, 2, 1, 5, 0], Enumerable.Range(0, 5).Select(_ => reader.ReadInt32()));
        Assert.Equal(2, reader.ReadInt32());
        Assert.Equal(0UL, reader.ReadUInt64());
        Assert.Equal(0.3085, reader.ReadDouble(), 12);
        Assert.Equal(0.0, reader.ReadDouble());
        Assert.Equal(19UL, reader.ReadUInt64());
        Assert.Equal(0.0, reader.ReadDouble());
        Assert.Equal(0.1, reader.ReadDouble(), 12);
        Assert.Equal(2, reader.ReadInt32());
        Assert.Equal(0UL, reader.ReadUInt64());
        Assert.Equal(0.0, reader.ReadDouble());
        Assert.Equal(0.017, reader.ReadDouble(), 12);
        Assert.Equal(19UL, reader.ReadUInt64());
        Assert.Equal(0.2, reader.ReadDouble(), 12);
        Assert.Equal(0.0, reader.ReadDouble());
        Assert.Equal(file.Length, file.Position);
    }

    [Fact]
    public void Model_OfVersionOne_LoadsWithoutBacklogBins_AndIsRefusedWithThem()
    {
        // A version 1 file has no backlog bins field: "EMQT", 1, 1 miner, M = 1, 5 arrival bins, one state (key 19) with
        // Q = [0.5, -0.5].
        using var file = new MemoryStream();
        using (var writer = new BinaryWriter(file, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(0x54514D45u);
            foreach (int field in new[] { 1, 1, 1, 5, 1 })
            {
                writer.Write(field);
            }

            writer.Write(19UL);
            writer.Write(0.5);
            writer.Write(-0.5);
        }

        var loaded = new TabularQLearner();
        file.Position = 0;
        loaded.LoadModel(file);
        double[] s = [1.0, 0.3, 1];
        var environment = new MiningEnvironment(Presets.Calibrated, new EnvironmentSettings { Miners = 1, TasksPerMiner = 1, Beta = 0.5 });
        environment.Reset(1);
        loaded.Act(environment, new double[1]); // bins from the environment
        Assert.Equal(0.5, loaded.QValue(0, s, 0));
        Assert.Equal(-0.5, loaded.QValue(0, s, 1));
        Assert.Equal(1, loaded.StatesVisited);

        file.Position = 0;
        var error = Assert.Throws<InvalidDataException>(() => new TabularQLearner(QLearningOptions.Default with { BacklogBins = 4 }).LoadModel(file));
        Assert.Equal("RLO Q-table version 1 has no backlog in its states; it cannot be read with backlog_bins = 4", error.Message);
    }

    [Theory]
    // miners 0 (outside 1..1000000), M 21 (outside 1..20), 4 arrival bins (the learner's are 5), a negative state count.
    [InlineData(new[] { 2, 0, 1, 5, 0 }, "RLO Q-table: the number of miners is 0, outside 1..1000000")]
    [InlineData(new[] { 2, 1, 21, 5, 0 }, "RLO Q-table: the number of tasks per miner is 21, outside 1..20")]
    [InlineData(new[] { 2, 1, 1, 4, 0 }, "RLO Q-table: the number of arrival bins is 4, expected 5")]
    [InlineData(new[] { 2, 1, 1, 5, 0, -1 }, "RLO Q-table: a table's number of states is -1, outside 0..2147483647")]
    [InlineData(new[] { 2, 1, 1, 5, 0, 1 }, "RLO Q-table is truncated")]
    public void Model_DamagedFields_AreNamed(int[] fields, string expected)
    {
        using var file = new MemoryStream();
        using (var writer = new BinaryWriter(file, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(0x54514D45u);
            foreach (int field in fields)
            {
                writer.Write(field);
            }
        }

        file.Position = 0;
        Assert.Equal(expected, Assert.Throws<InvalidDataException>(() => new TabularQLearner().LoadModel(file)).Message);
    }

    [Fact]
    public void Act_OnAnotherShapeThanTrained_IsRefused()
    {
        var (learner, _) = OneMinerOneTask();
        var other = new MiningEnvironment(Presets.Calibrated, new EnvironmentSettings { Miners = 3, TasksPerMiner = 1, Beta = 0.5 });
        other.Reset(1);
        var error = Assert.Throws<ArgumentException>(() => learner.Act(other, new double[3]));
        Assert.Equal("the environment's N and M differ from those the Q-table was trained on (Parameter 'environment')", error.Message);
        var fewerTasks = new MiningEnvironment(Presets.Calibrated, new EnvironmentSettings { Miners = 2, TasksPerMiner = 2, Beta = 0.5 });
        fewerTasks.Reset(1);
        Assert.Throws<ArgumentException>(() => learner.Act(fewerTasks, new double[4]));
    }

    [Fact]
    public void Act_BeforeTraining_ConfiguresAFreshTable()
    {
        var environment = new MiningEnvironment(Presets.Calibrated, new EnvironmentSettings { Miners = 2, TasksPerMiner = 1, Beta = 0.5 });
        environment.Reset(1);
        var learner = new TabularQLearner();
        var action = new double[] { 1, 1 };

        learner.Act(environment, action);

        Assert.Equal([0.0, 0.0], action);
        Assert.Equal(0, learner.StatesVisited);
        Assert.Equal(0, learner.QValue(1, environment.Observation, 1));
    }

    [Fact]
    public void Nearest_WithBacklogBins_CountsTheBacklogBinAsADistance_AndTiesGoToTheSmallerKey()
    {
        // 4 backlog bins; miner 0 met s (key 19) at backlog bins 0 and 3 (keys 76 and 79), offloading earning 1 and 2:
        // Q(76, 1) = 0.1 and Q(79, 1) = 0.2 (nothing to bootstrap from). The unseen bin 1 (key 77) is 1 bin from bin 0 and
        // 2 from bin 3: bin 0's row; the unseen bin 2 (key 78) is 1 from bin 3, 2 from bin 0: bin 3's row.
        var (learner, _) = OneMinerOneTask(options: RloAlgorithm.Options(Spec(("backlog_bins", "4"), ("unseen_state", "nearest"))));
        double[] s = [1.0, 0.3, 1, 1.0, 0.3, 1];
        Assert.Null(learner.Nearest(0, 77)); // nothing met yet
        learner.Learn(s, [1, 0], [Outcome(1, 0), Outcome(0, 0)], s, backlogSlots: 0, nextBacklogSlots: 100);
        learner.Learn(s, [1, 0], [Outcome(2, 0), Outcome(0, 0)], s, backlogSlots: 3, nextBacklogSlots: 3);
        Assert.Equal([0.0, 0.1], learner.Nearest(0, 77)!.Select(q => Math.Round(q, 12)));
        Assert.Equal([0.0, 0.2], learner.Nearest(0, 78)!.Select(q => Math.Round(q, 12)));

        // A tie: the unseen key 77 (bin 1) is 1 bin from both bin 2 (key 78, met first, Q(78, 1) = 0.5) and bin 0 (key 76,
        // Q(76, 1) = 0.1): the smaller key, 76.
        var (tied, _) = OneMinerOneTask(options: RloAlgorithm.Options(Spec(("backlog_bins", "4"), ("unseen_state", "nearest"))));
        tied.Learn(s, [1, 0], [Outcome(5, 0), Outcome(0, 0)], s, backlogSlots: 1.5, nextBacklogSlots: 1.5);
        tied.Learn(s, [1, 0], [Outcome(1, 0), Outcome(0, 0)], s, backlogSlots: 0, nextBacklogSlots: 0);
        Assert.Equal([0.0, 0.1], tied.Nearest(0, 77)!.Select(q => Math.Round(q, 12)));
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
