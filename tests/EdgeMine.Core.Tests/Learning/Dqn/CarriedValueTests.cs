using EdgeMine.Learning;
using EdgeMine.Learning.Dqn;
using EdgeMine.Model;

namespace EdgeMine.Tests.Learning.Dqn;

/// <summary>
/// The planning DRLO's carried value (issue 22 item 4): V's interpolation, the planned term it adds to each task's
/// margin, worked by hand, and the learner that carries it: exactly the bandit learner where nothing carries over,
/// reproducible bit for bit where it does.
/// </summary>
public sealed class CarriedValueTests
{
    /// <summary>V(q) = -10 q at every grid point (so V is -10 q everywhere, beyond the grid too).</summary>
    private static CarriedValue Linear()
    {
        var value = new CarriedValue();
        value.Set([.. CarriedValue.Grid.Select(q => -10 * q)]);
        return value;
    }

    [Fact]
    public void Value_IsLinearBetweenGridPoints_AndAlongTheLastSegmentBeyond()
    {
        var value = new CarriedValue();
        double[] values = [.. CarriedValue.Grid.Select(q => q * q)];
        value.Set(values);

        // Grid points 0.5 and 1 hold 0.25 and 1: at 0.75, halfway, 0.625.
        Assert.Equal(0.625, value.Value(0.75), 12);
        Assert.Equal(16.0, value.Value(4));
        // Points 96 and 128 hold 9216 and 16384: slope 224 per slot, so V(160) = 16384 + 32 * 224 = 23552.
        Assert.Equal(23552.0, value.Value(160), 9);
        Assert.Equal(0.0, value.Value(0));
    }

    [Fact]
    public void AddToMargins_OneMinerTwoTasks_AddsTheDiscountedChangeOfV()
    {
        // One miner, tasks of 100 and 50 kbit, upload capacity 1 Mbit (not binding), backlog q = 1 slot, X / (F dt) =
        // 1e-5 per bit (100 kbit = one slot of the MEC), V(q) = -10 q, gamma 0.5; the candidate set S = {task 0}.
        // q'(S) = [1 + 1 - 1]^+ = 1, V = -10.
        // Task 0 (in S): local instead leaves q' = [1 + 0 - 1]^+ = 0, V = 0: term 0.5 (-10 - 0) = -5, margin 3 - 5 = -2.
        // Task 1 (not in S): offloaded too leaves q' = [1 + 1.5 - 1]^+ = 1.5, V = -15: term 0.5 (-15 + 10) = -2.5,
        // margin 1 - 2.5 = -1.5.
        double[] margins = [3, 1];

        Linear().AddToMargins([100_000, 50_000], [1_000_000], tasksPerMiner: 2, [1, 0], backlogSlots: 1, loadPerBit: 1e-5, discount: 0.5, margins);

        Assert.Equal(-2.0, margins[0], 12);
        Assert.Equal(-1.5, margins[1], 12);
    }

    [Fact]
    public void AddToMargins_UploadCapBinds_CountsOnlyTheBitsThatReachTheMec()
    {
        // As above with both tasks in S and an upload capacity of 120 kbit: S sends min(150, 120) = 120 kbit,
        // q' = [1 + 1.2 - 1]^+ = 1.2, V = -12.
        // Task 0 local: 50 kbit sent, q' = 0.5, V = -5: term 0.5 (-12 + 5) = -3.5, margin 3 - 3.5 = -0.5.
        // Task 1 local: 100 kbit sent, q' = 1, V = -10: term 0.5 (-12 + 10) = -1, margin 1 - 1 = 0.
        double[] margins = [3, 1];

        Linear().AddToMargins([100_000, 50_000], [120_000], tasksPerMiner: 2, [1, 1], backlogSlots: 1, loadPerBit: 1e-5, discount: 0.5, margins);

        Assert.Equal(-0.5, margins[0], 12);
        Assert.Equal(0.0, margins[1], 12);
    }

    [Fact]
    public void AddToMargins_NoChoiceLeavesABacklog_AddsExactlyZero()
    {
        // Empty MEC, both tasks offloaded send 0.15 slots of work: q' = 0 for every choice, so every term is
        // V(0) - V(0) = 0 and the margins keep their exact values, whatever V is elsewhere.
        double[] margins = [0.1234567, -7.654321];
        var value = new CarriedValue();
        value.Set([.. CarriedValue.Grid.Select(q => Math.Sin(q) - (3 * q))]);

        value.AddToMargins([100_000, 50_000], [1_000_000], tasksPerMiner: 2, [1, 0], backlogSlots: 0, loadPerBit: 1e-6, discount: 0.999, margins);

        Assert.Equal([0.1234567, -7.654321], margins);
    }

    [Fact]
    public void Sweep_MovesEveryPointTowardsItsTarget_AndCountsTheSweep()
    {
        // V = -10 q; targets 100 at every point; step 0.1: V_k + 0.1 (100 - V_k), e.g. q = 2: -20 + 12 = -8.
        var value = Linear();
        for (int k = 0; k < CarriedValue.Grid.Length; k++)
        {
            value.SetTarget(k, 100);
        }

        value.Sweep(0.1);

        Assert.Equal(-8.0, value.Values[4], 12);
        Assert.Equal(10.0, value.Values[0], 12);
        Assert.Equal(1, value.Updates);
    }

    [Fact]
    public void Sweep_ProjectsVOntoTheFunctionsThatNeverRiseWithTheBacklog()
    {
        // V = 0; targets 0 except 5 at q = 1 (k = 2) and -3 at q = 0.5 (k = 1); step 0.5: after the step V(0.5) = -1.5,
        // V(1) = 2.5 > V(0.5), so V(1) = -1.5; every later point (0 after the step) is capped at -1.5 in turn.
        var value = new CarriedValue();
        value.SetTarget(1, -3);
        value.SetTarget(2, 5);

        value.Sweep(0.5);

        Assert.Equal(0.0, value.Values[0]);
        Assert.All(value.Values[1..].ToArray(), v => Assert.Equal(-1.5, v));
    }

    [Theory]
    // Scores J(K) = [0, 5, 7, 6, 9] for K = 0..4, by hand:
    // from 1: up to 2 (7 > 5), then 3 (6) does not rise: 2, a local maximum (the global one, 9 at K = 4, is not reached).
    [InlineData(1, 2)]
    // from 4: nothing above; down to 3 (6 < 9) does not rise: stays at 4.
    [InlineData(4, 4)]
    // from 3: up to 4 (9 > 6), stops at the top: 4.
    [InlineData(3, 4)]
    // from 0: up to 1 (5 > 0), 2 (7 > 5), then 3 (6) does not rise: 2.
    [InlineData(0, 2)]
    public void ClimbCount_MovesUpWhileTheScoreRises_ElseDown(int start, int expected)
    {
        double[] scores = [0, 5, 7, 6, 9];

        Assert.Equal(expected, CarriedValue.ClimbCount(start, scores.Length - 1, k => scores[k]));
    }

    [Fact]
    public void ClimbCount_GoesDownOnlyWhenUpDoesNotRise_AndNeverMovesOnATie()
    {
        // J = [8, 6, 4, 4, 1]: from 3, up (1) falls, down to 2 ties (4 = 4, not a strict rise): stays at 3.
        double[] tie = [8, 6, 4, 4, 1];
        Assert.Equal(3, CarriedValue.ClimbCount(3, 4, k => tie[k]));

        // J = [8, 6, 5, 4, 1]: from 3, up falls, down 5 > 4, 6 > 5, 8 > 6: K = 0; every score read at most once per step.
        double[] down = [8, 6, 5, 4, 1];
        var read = new List<int>();
        Assert.Equal(0, CarriedValue.ClimbCount(3, 4, k => { read.Add(k); return down[k]; }));
        Assert.Equal([3, 4, 2, 1, 0], read);
    }

    [Fact]
    public void BestCount_UpToScannedCounts_ScoresEveryCount_AndTakesTheFirstOfEqualMaxima()
    {
        // J = [0, 5, 7, 6, 9]: every count is scored (4 <= 32), so the global maximum, K = 4, past the local one at 2.
        double[] scores = [0, 5, 7, 6, 9];
        Assert.Equal(4, CarriedValue.BestCount(scores.Length - 1, k => scores[k]));

        // J = [3, 9, 9, 1]: K = 1 and 2 tie; the first is kept.
        double[] tie = [3, 9, 9, 1];
        Assert.Equal(1, CarriedValue.BestCount(tie.Length - 1, k => tie[k]));
    }

    [Fact]
    public void BestCount_BeyondScannedCounts_ScansEveryStepThenClimbs()
    {
        // max = 64: step ceil(64 / 32) = 2, so K = 0, 2, ..., 64 are scored. J(K) = -(K - 37)^2: 36 and 38 both give -1,
        // the first (36) is kept; the climb goes up to 37 (0 > -1), and 38 (-1) does not rise: 37.
        var read = new List<int>();
        Assert.Equal(37, CarriedValue.BestCount(64, k => { read.Add(k); return -((k - 37.0) * (k - 37.0)); }));
        Assert.Equal(Enumerable.Range(0, 33).Select(j => 2 * j), read.Take(33));
        Assert.Equal([36, 37, 38], read.Skip(33));
    }

    [Trait("Category", "Slow")] // left out of mutation runs (scripts/mutation.sh): a training run, minutes under Stryker's coverage capture
    [Fact]
    public void Train_PaperLiteral_RefiningTheCountChangesTheActions()
    {
        // Paper-literal, N = 5, M = 2: a backlog carries over, so the refinement runs (refine_count = true)
        // and, from the same seed, the stored samples and so the network differ from refine_count = false.
        var settings = new EnvironmentSettings { Miners = 5, TasksPerMiner = 2, Beta = 0.5 };
        byte[] Train(string refine)
        {
            var learner = DrloAlgorithm.Instance.Create(new LearnerSpec(LearnerAlgorithm.DefaultVariant,
                new Dictionary<string, string> { ["hidden"] = "4", ["learning_starts"] = "20", ["batch"] = "8", ["refine_count"] = refine }, settings));
            Trainer.Train(Presets.PaperLiteral, settings, learner, new TrainingOptions { Slots = 300, Seed = 6 });
            using var stream = new MemoryStream();
            learner.SaveModel(stream);
            return stream.ToArray();
        }

        byte[] refined = Train("true");
        Assert.Equal(refined, Train("true"));
        Assert.NotEqual(refined[(4 + 24 + 148 + 8)..], Train("false")[(4 + 24 + 148 + 8)..]); // the weights, past the refinement and search flags
    }

    [Fact]
    public void Train_WhereNothingCarriesOver_IsTheBanditLearnerExactly()
    {
        // Calibrated preset, N = 2, M = 2: at most 4 x 150 kbit x 1000 cycles/bit = 6e8 cycles a slot against F dt = 1e10,
        // so no choice ever leaves a backlog and the planned term is never added; the carried value still learns (its
        // sweeps run), but the network, the actions and every slot's reward equal those of value_discount = 0.
        var settings = new EnvironmentSettings { Miners = 2, TasksPerMiner = 2, Beta = 0.5 };
        SharedDqn Learner(string discount) => (SharedDqn)DrloAlgorithm.Instance.Create(new LearnerSpec(LearnerAlgorithm.DefaultVariant,
            new Dictionary<string, string> { ["hidden"] = "4", ["learning_starts"] = "20", ["batch"] = "8", ["value_discount"] = discount }, settings));
        var planning = Learner("0.999");
        var bandit = Learner("0");
        var first = new MiningEnvironment(Presets.Calibrated, settings);
        var second = new MiningEnvironment(Presets.Calibrated, settings);
        first.Reset(3);
        second.Reset(3);
        planning.BeginTraining(first, 4);
        bandit.BeginTraining(second, 4);

        for (int slot = 0; slot < 60; slot++)
        {
            var a = planning.TrainSlot(first, 0.2);
            var b = bandit.TrainSlot(second, 0.2);
            Assert.Equal(b.Metrics.Reward, a.Metrics.Reward);
            Assert.Equal(b.Loss, a.Loss);
        }

        var planned = new double[4];
        var unplanned = new double[4];
        planning.Act(first, planned);
        bandit.Act(second, unplanned);
        Assert.Equal(unplanned, planned);
        Assert.Equal(bandit.LastQValues.ToArray(), planning.LastQValues.ToArray());
        Assert.True(planning.CarriedValues[^1] < planning.CarriedValues[0], "V learned that a backlog of 128 slots is worth less than none");
        Assert.Equal(new double[CarriedValue.Grid.Length], bandit.CarriedValues.ToArray());
    }

    [Fact]
    public void Train_PaperLiteral_SameSeedTwice_SameModelBitForBit_AndPlanningChangesTheActions()
    {
        // Paper-literal, N = 5, M = 2: 10 mean tasks bring 1.8e10 cycles against F dt = 1e10, so a backlog carries over
        // (exploration builds one), the planned term is added and V is in the model file.
        var settings = new EnvironmentSettings { Miners = 5, TasksPerMiner = 2, Beta = 0.5 };
        byte[] Train(string discount)
        {
            var learner = DrloAlgorithm.Instance.Create(new LearnerSpec(LearnerAlgorithm.DefaultVariant,
                new Dictionary<string, string> { ["hidden"] = "4", ["learning_starts"] = "20", ["batch"] = "8", ["value_discount"] = discount }, settings));
            Trainer.Train(Presets.PaperLiteral, settings, learner, new TrainingOptions { Slots = 300, Seed = 6 });
            using var stream = new MemoryStream();
            learner.SaveModel(stream);
            return stream.ToArray();
        }

        byte[] model = Train("0.999");
        Assert.Equal(model, Train("0.999"));
        // The online network's weights (after the magic, 6 header ints, the carried value's 4 + 17 x 8 + 8 bytes and the
        // refinement and search flags' 4 + 4) differ: the planned term changed the actions, hence what was stored and learned.
        Assert.NotEqual(model[(4 + 24 + 148 + 8)..], Train("0")[(4 + 24 + 148 + 8)..]);
    }

    [Theory]
    [InlineData("paper-literal", 5, 2)]
    [InlineData("congested", 10, 1)]
    public void Train_TheLearnedValueNeverRisesWithTheBacklog(string scenario, int miners, int tasksPerMiner)
    {
        // After every sweep V is non-increasing in q (the projection), and on paper-literal it has learned that a backlog
        // costs. Congested: the calibrated preset with slot_seconds 0.1 and mec_capacity_hz 1e9 (docs/sequential.md).
        var parameters = scenario == "congested" ? Presets.Calibrated with { SlotSeconds = 0.1, MecCapacityHz = 1e9 } : Presets.PaperLiteral;
        var settings = new EnvironmentSettings { Miners = miners, TasksPerMiner = tasksPerMiner, Beta = 0.5 };
        var learner = (SharedDqn)DrloAlgorithm.Instance.Create(new LearnerSpec(LearnerAlgorithm.DefaultVariant,
            new Dictionary<string, string> { ["hidden"] = "8", ["learning_starts"] = "50", ["batch"] = "16" }, settings));

        Trainer.Train(parameters, settings, learner, new TrainingOptions { Slots = 300, Seed = 2 });

        var values = learner.CarriedValues;
        Assert.True(scenario == "congested" || values[^1] < values[0], "a backlog of 128 slots is worth less than none");
        for (int k = 1; k < values.Length; k++)
        {
            Assert.True(values[k] <= values[k - 1], $"V({CarriedValue.Grid[k]}) = {values[k]} > V({CarriedValue.Grid[k - 1]}) = {values[k - 1]}");
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(50, 1)]
    [InlineData(51, 2)]
    [InlineData(100, 2)]
    [InlineData(101, 3)]
    [InlineData(1000, 20)]
    public void SweepEvery_IsTheMinersOverFiftyRoundedUp(int miners, int expected)
    {
        Assert.Equal(expected, CarriedValue.SweepEvery(miners));
    }

    [Trait("Category", "Slow")] // left out of mutation runs (scripts/mutation.sh): a training run, minutes under Stryker's coverage capture
    [Fact]
    public void Train_AtManyMiners_SweepsEveryFewSlots()
    {
        // N = 120: a sweep every ceil(120 / 50) = 3 slots, on the slots t with t mod 3 = 0 once the replay holds
        // learning_starts = 1 sample: slot 0 stores the first samples after its check, so the sweeps are at t = 3, 6, ...,
        // 297 of 300 slots: 99 sweeps. At N = 5 every slot from t = 1 sweeps: 299.
        long Sweeps(int miners)
        {
            var settings = new EnvironmentSettings { Miners = miners, TasksPerMiner = 1, Beta = 0.5 };
            var learner = (SharedDqn)DrloAlgorithm.Instance.Create(new LearnerSpec(LearnerAlgorithm.DefaultVariant,
                new Dictionary<string, string> { ["hidden"] = "4", ["learning_starts"] = "1", ["batch"] = "8" }, settings));
            Trainer.Train(Presets.PaperLiteral, settings, learner, new TrainingOptions { Slots = 300, Seed = 3 });
            return learner.CarriedValueSweeps;
        }

        Assert.Equal(99, Sweeps(120));
        Assert.Equal(299, Sweeps(5));
    }

    [Theory]
    // [q + X served / (F dt) - 1]^+: 2 + 1e-5 x 50,000 - 1 = 1.5; 0.2 + 0.5 - 1 < 0 -> 0; exactly 0 stays 0.
    [InlineData(2.0, 1e-5, 50_000.0, 1.5)]
    [InlineData(0.2, 1e-5, 50_000.0, 0.0)]
    [InlineData(0.5, 1e-5, 50_000.0, 0.0)]
    public void NextBacklog_IsTheBacklogPlusTheWorkLessOneSlot_NeverNegative(double backlog, double loadPerBit, double served, double expected)
    {
        Assert.Equal(expected, CarriedValue.NextBacklog(backlog, loadPerBit, served), 12);
    }

    [Fact]
    public void Value_AtAndBetweenEveryKindOfGridPoint()
    {
        // V = -10 q on the grid: V is -10 q at any q >= 0 (at points, between them, past 128), and V(q < 0) = V(0).
        var value = Linear();
        foreach (double q in new[] { 0.25, 0.5, 1.0, 2.5, 3.0, 7.0, 40.0, 96.0, 100.0, 128.0, 200.0 })
        {
            Assert.Equal(-10 * q, value.Value(q), 9);
        }

        Assert.Equal(0.0, value.Value(-3));

        // A V that is not linear tells the segments apart: V = q^2 at the points; between 64 (4096) and 96 (9216), at 80,
        // halfway: 6656; between 1.5 (2.25) and 2 (4), at 1.75: 3.125.
        var squares = new CarriedValue();
        squares.Set([.. CarriedValue.Grid.Select(q => q * q)]);
        Assert.Equal(6656.0, squares.Value(80), 9);
        Assert.Equal(3.125, squares.Value(1.75), 12);
        Assert.Equal(0.125, squares.Value(0.25), 12);
    }

    [Fact]
    public void WriteRead_RoundTrips_TheValuesAndTheSweeps_AndRefusesAnotherGrid()
    {
        var value = Linear();
        value.Sweep(0.5);
        value.Sweep(0.5);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            value.Write(writer);
        }

        Assert.Equal(4 + (17 * 8) + 8, stream.Length);
        stream.Position = 0;
        var format = new EdgeMine.IO.BinaryFormat("test", 1, 1);
        var read = new CarriedValue();
        using (var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            read.Read(reader, format);
        }

        Assert.Equal(value.Values.ToArray(), read.Values.ToArray());
        Assert.Equal(2, read.Updates);

        byte[] other = stream.ToArray();
        other[0] = 16;
        Assert.Equal("test: the carried value's grid size is 16, expected 17", Assert.Throws<InvalidDataException>(() => new CarriedValue().Read(new BinaryReader(new MemoryStream(other)), format)).Message);
        Assert.Equal("test is truncated", Assert.Throws<InvalidDataException>(() => new CarriedValue().Read(new BinaryReader(new MemoryStream(stream.ToArray()[..^4])), format)).Message);
    }

    [Fact]
    public void AddToMargins_TwoMiners_TheOtherMinersBitsCountToo()
    {
        // Two miners of one task: 100 kbit each, upload 1 Mbit each, q = 1, X / (F dt) = 1e-5, V = -10 q, gamma 1, S =
        // {miner 0's task}. q'(S) = [1 + 1 - 1]^+ = 1, V = -10. Task 0 local: q' = 0, V = 0: term -10 - 0 = -10.
        // Task 1 offloaded too: q' = [1 + 2 - 1]^+ = 2, V = -20: term -20 + 10 = -10.
        double[] margins = [0, 0];

        Linear().AddToMargins([100_000, 100_000], [1_000_000, 1_000_000], tasksPerMiner: 1, [1, 0], backlogSlots: 1, loadPerBit: 1e-5, discount: 1, margins);

        Assert.Equal([-10.0, -10.0], margins.Select(m => Math.Round(m, 9)));
    }

    [Fact]
    public void BestCount_AndClimbCount_NeedAScore()
    {
        Assert.Throws<ArgumentNullException>(() => CarriedValue.BestCount(3, null!));
        Assert.Throws<ArgumentNullException>(() => CarriedValue.ClimbCount(0, 3, null!));
        // max = 0: only K = 0 is scored.
        Assert.Equal(0, CarriedValue.BestCount(0, k => k == 0 ? 1 : throw new InvalidOperationException()));
        // max = 33: step ceil(33 / 32) = 2, K = 0, 2, ..., 32 scored, then the climb from the best (32): 33 rises.
        Assert.Equal(33, CarriedValue.BestCount(33, k => k));
    }
}
