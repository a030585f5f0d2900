using EdgeMine.Learning;
using EdgeMine.Learning.Dqn;
using EdgeMine.Model;

namespace EdgeMine.Tests.Learning.Dqn;

/// <summary>
/// DRLO's planner variant (issue 22): the learned value of the carried backlog with the reward model's exact per-slot
/// search (plan_search = model). Its choice is checked against a brute force over all 2^(N M) actions of
/// J = r + gamma V(q'), q' = [q + (X / (F dt)) served bits - 1]^+ (the backlog in slots of the MEC's capacity), written
/// here from that definition; where nothing carries over it is the per-slot optimum; it trains no network.
/// </summary>
public sealed class PlannerTests
{
    private const double Discount = 0.999; // value_discount's default

    [Fact]
    public void Planner_WithALinearValue_TakesTheActionOfLargestRPlusGammaV()
    {
        // Paper-literal with half the MEC's capacity (F dt = 5e9 cycles), N = 2, M = 2: each task brings 50-150 kbit,
        // 0.9e9-2.7e9 cycles at 18,000 cycles a bit, so offloading all four (7.2e9 on average) builds a backlog of about
        // 2.2e9 cycles a slot; 20 slots of it, then 20 of the planner's own choices, cover backlogs from 0 to some 9 slots.
        // V(q) = -300 q: every candidate price is the same slope, 0.999 x 300 per slot of backlog, and the priced search is
        // exact at N M = 4, so the planner's J is the largest of the 16 actions'.
        var parameters = Presets.PaperLiteral with { MecCapacityHz = 5e9 };
        var settings = new EnvironmentSettings { Miners = 2, TasksPerMiner = 2, Beta = 0.5 };
        var planner = Planner(settings);
        var environment = new MiningEnvironment(parameters, settings);
        environment.Reset(5);
        planner.BeginTraining(environment, 1);
        planner.SetCarriedValues([.. CarriedValue.Grid.Select(q => -300 * q)]);

        var action = new double[4];
        double[] all = [1, 1, 1, 1];
        int withBacklog = 0, notThePerSlotBest = 0;
        for (int slot = 0; slot < 40; slot++)
        {
            planner.Act(environment, action);
            double best = BruteForce(environment, q => -300 * q, out double bestReward);
            double taken = Score(environment, action, q => -300 * q, out double reward);
            Assert.True(Math.Abs(best - taken) <= 1e-9 * Math.Max(1, Math.Abs(best)), $"slot {slot}: J {taken} against the best {best}");
            withBacklog += environment.MecBacklogCycles > 0 ? 1 : 0;
            notThePerSlotBest += reward < bestReward - 1e-9 ? 1 : 0;
            environment.Step(slot < 20 ? all : action);
        }

        Assert.True(withBacklog >= 30, $"a backlog in {withBacklog} of 40 slots");
        Assert.True(notThePerSlotBest > 0, "the price on the backlog changed some choice away from the per-slot optimum");
    }

    [Fact]
    public void Planner_WhereACapCanBind_TakesTheActionOfLargestJ_ForAValueThatIsNotLinear()
    {
        // Paper-literal with uploads of 1e5 bits a slot (good channel) and 5e4 (bad), and F dt = 2e9 cycles, N = 2, M = 2:
        // a miner's 100-300 kbit exceed its upload cap, so caps bind and buffers carry; up to 2 x 1e5 bits x 18,000 cycles
        // = 3.6e9 cycles reach the MEC a slot, so a backlog builds under offload-all. With caps that can bind at N M = 4 the
        // planner scores every action's J, exact for any V: here V(q) = -40 q - 20 q^2 at the grid points, linear between.
        var parameters = Presets.PaperLiteral with { RateGoodBps = 1e5, RateBadBps = 5e4, MecCapacityHz = 2e9 };
        var settings = new EnvironmentSettings { Miners = 2, TasksPerMiner = 2, Beta = 0.5 };
        var planner = Planner(settings);
        var environment = new MiningEnvironment(parameters, settings);
        environment.Reset(3);
        planner.BeginTraining(environment, 1);
        double[] grid = CarriedValue.Grid;
        double[] atGrid = [.. grid.Select(q => (-40 * q) - (20 * q * q))];
        planner.SetCarriedValues(atGrid);
        double Value(double q)
        {
            int upper = 1;
            while (upper < grid.Length - 1 && grid[upper] < q)
            {
                upper++;
            }

            double t = (q - grid[upper - 1]) / (grid[upper] - grid[upper - 1]);
            return atGrid[upper - 1] + (t * (atGrid[upper] - atGrid[upper - 1]));
        }

        var action = new double[4];
        double[] all = [1, 1, 1, 1];
        int withBacklog = 0, buffered = 0;
        for (int slot = 0; slot < 30; slot++)
        {
            planner.Act(environment, action);
            double best = BruteForce(environment, Value, out _);
            double taken = Score(environment, action, Value, out _);
            Assert.True(Math.Abs(best - taken) <= 1e-9 * Math.Max(1, Math.Abs(best)), $"slot {slot}: J {taken} against the best {best}");
            withBacklog += environment.MecBacklogCycles > 0 ? 1 : 0;
            buffered += environment.BufferedBits.ToArray().Sum() > 0 ? 1 : 0;
            environment.Step(slot < 15 ? all : action);
        }

        Assert.True(withBacklog >= 10 && buffered >= 10, $"a backlog in {withBacklog} and buffered data in {buffered} of 30 slots");
    }

    [Fact]
    public void Planner_WhereACapCanBindBeyondTenTasks_IsNeverBelowTheBestSlotReward_WithNoValueOfTheFuture()
    {
        // N = 6, M = 2 (12 tasks, beyond the priced search's enumeration) with uploads of 1e5 bits a slot (5e4 on a bad
        // channel), below a miner's 100-300 kbit: caps bind. With V = 0 the planner's J is the slot reward, and among its
        // candidates is the per-slot optimum's action, exact there: so it takes the largest reward of all 2^12 actions.
        var parameters = Presets.PaperLiteral with { RateGoodBps = 1e5, RateBadBps = 5e4 };
        var settings = new EnvironmentSettings { Miners = 6, TasksPerMiner = 2, Beta = 0.5 };
        var planner = Planner(settings);
        var environment = new MiningEnvironment(parameters, settings);
        environment.Reset(11);
        planner.BeginTraining(environment, 1);
        TakesTheBestSlotReward(planner, environment, slots: 12, relativeTolerance: 1e-9);
    }

    [Fact]
    public void Planner_WhereNothingCarriesOver_IsThePerSlotOptimum()
    {
        // Calibrated preset, N = 2, M = 2: at most 4 x 150 kbit x 1,000 cycles a bit = 6e8 cycles against F dt = 1e10, so
        // q' = 0 for every action, J = r + gamma V(0), and the planner takes the action of the largest slot reward
        // whatever V is (here a steep one).
        var settings = new EnvironmentSettings { Miners = 2, TasksPerMiner = 2, Beta = 0.5 };
        var planner = Planner(settings);
        var environment = new MiningEnvironment(Presets.Calibrated, settings);
        environment.Reset(8);
        planner.BeginTraining(environment, 1);
        planner.SetCarriedValues([.. CarriedValue.Grid.Select(q => -1e6 * q)]);
        TakesTheBestSlotReward(planner, environment, slots: 30, relativeTolerance: 1e-12);
    }

    [Fact]
    public void Planner_LearnsTheValueAlone_TheNetworkIsNeitherTrainedNorConsulted_BitForBit()
    {
        // Paper-literal, N = 3, M = 2 (1.08e10 cycles a slot on average against F dt = 1e10): every training slot's loss
        // is NaN (no network update); the network after 200 slots is the one after 30 (the seed's initial one), while V
        // has moved on; V learned that a backlog costs (non-increasing, lower at 128 slots than at 0); the same seed gives
        // the same file.
        var settings = new EnvironmentSettings { Miners = 3, TasksPerMiner = 2, Beta = 0.5 };
        (byte[] Model, SharedDqn Learner) Train(int slots)
        {
            var learner = Planner(settings);
            var curve = Trainer.Train(Presets.PaperLiteral, settings, learner, new TrainingOptions { Slots = slots, Seed = 4 });
            Assert.All(curve, row => Assert.True(double.IsNaN(row.Loss)));
            using var stream = new MemoryStream();
            learner.SaveModel(stream);
            return (stream.ToArray(), learner);
        }

        var (model, trained) = Train(200);
        Assert.Equal(model, Train(200).Model);
        var values = trained.CarriedValues.ToArray();
        Assert.True(values[^1] < values[0], "V(128) < V(0)");
        Assert.All(Enumerable.Range(1, values.Length - 1), k => Assert.True(values[k] <= values[k - 1]));

        var (early, earlyLearner) = Train(30);
        Assert.NotEqual(earlyLearner.CarriedValueSweeps, trained.CarriedValueSweeps);
        // The weights follow the header (magic, 6 ints), the carried value (4 + 17 x 8 + 8) and the two flags (4 + 4).
        int weights = 4 + (6 * 4) + 4 + (17 * 8) + 8 + 8;
        Assert.Equal(1, BitConverter.ToInt32(model, weights - 4)); // plan_search = model
        Assert.Equal(early[weights..], model[weights..]);
    }

    [Fact]
    public void PlannerModel_LoadsAsAPlanner_AndActsAsSaved_ButNotAsTheDefault()
    {
        var settings = new EnvironmentSettings { Miners = 3, TasksPerMiner = 2, Beta = 0.5 };
        var planner = Planner(settings);
        Trainer.Train(Presets.PaperLiteral, settings, planner, new TrainingOptions { Slots = 150, Seed = 2 });
        using var saved = new MemoryStream();
        planner.SaveModel(saved);

        var loaded = Planner(settings);
        loaded.LoadModel(new MemoryStream(saved.ToArray()));
        Assert.Equal(planner.CarriedValues.ToArray(), loaded.CarriedValues.ToArray());
        var environment = new MiningEnvironment(Presets.PaperLiteral, settings);
        environment.Reset(9);
        SameActions.Assert(planner, loaded, environment, slots: 30);

        var asDefault = (SharedDqn)DrloAlgorithm.Instance.Create(new LearnerSpec(LearnerAlgorithm.DefaultVariant, new Dictionary<string, string> { ["hidden"] = "4" }, settings));
        var error = Assert.Throws<InvalidDataException>(() => asDefault.LoadModel(new MemoryStream(saved.ToArray())));
        Assert.Equal("shared DRLO model: the action's search (learner option plan_search, 1: model) is 1, expected 0", error.Message);
    }

    private static SharedDqn Planner(EnvironmentSettings settings) => (SharedDqn)DrloAlgorithm.Instance.Create(new LearnerSpec(
        DrloAlgorithm.PlannerVariant, new Dictionary<string, string> { ["hidden"] = "4", ["learning_starts"] = "20", ["batch"] = "8" }, settings));

    /// <summary>
    /// For <paramref name="slots"/> slots the planner acts, its slot reward must be the largest of all 2^(N M) actions'
    /// within <paramref name="relativeTolerance"/>, and its action steps the environment.
    /// </summary>
    private static void TakesTheBestSlotReward(SharedDqn planner, MiningEnvironment environment, int slots, double relativeTolerance)
    {
        var action = new double[environment.Model.Tasks];
        for (int slot = 0; slot < slots; slot++)
        {
            planner.Act(environment, action);
            BruteForce(environment, _ => 0, out double bestReward);
            Score(environment, action, _ => 0, out double reward);
            Assert.True(Math.Abs(bestReward - reward) <= relativeTolerance * Math.Max(1, Math.Abs(bestReward)), $"slot {slot}: {reward} against {bestReward}");
            environment.Step(action);
        }
    }

    /// <summary>The largest J over all 2^(N M) binary actions in the environment's state; <paramref name="bestReward"/> the largest slot reward.</summary>
    private static double BruteForce(MiningEnvironment environment, Func<double, double> value, out double bestReward)
    {
        int tasks = environment.Model.Tasks;
        var action = new double[tasks];
        double best = double.NegativeInfinity;
        bestReward = double.NegativeInfinity;
        for (int bits = 0; bits < 1 << tasks; bits++)
        {
            for (int i = 0; i < tasks; i++)
            {
                action[i] = (bits >> i) & 1;
            }

            best = Math.Max(best, Score(environment, action, value, out double reward));
            bestReward = Math.Max(bestReward, reward);
        }

        return best;
    }

    /// <summary>J = r + gamma V(q') of <paramref name="action"/>, from the slot model's outcome of each task.</summary>
    private static double Score(MiningEnvironment environment, ReadOnlySpan<double> action, Func<double, double> value, out double reward)
    {
        var p = environment.Parameters;
        var outcomes = new TaskOutcome[environment.Model.Tasks];
        reward = environment.Model.Evaluate(environment.BufferedBits, environment.ArrivedBits, environment.ChannelGood, environment.MecBacklogCycles, action, outcomes).Reward;
        double served = outcomes.Sum(o => o.ServedOffloadBits);
        double next = Math.Max(0, (environment.MecBacklogCycles + (p.MecCyclesPerBit * served)) / p.MecCyclesPerSlot - 1);
        return reward + (Discount * value(next));
    }
}
