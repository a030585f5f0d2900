using EdgeMine.IO;
using EdgeMine.Model;
using EdgeMine.Privacy;
using EdgeMine.Randomness;
using EdgeMine.Simulation;
using Xunit.Abstractions;

namespace EdgeMine.Tests.Privacy;

/// <summary>
/// The CMDP baseline's transition model, its policy in simulation (N = 1), its options, its sampling of the randomised
/// policy and its model file.
/// </summary>
public sealed class CmdpPolicyTests(ITestOutputHelper output)
{
    private const int Runs = 10;
    private const long SlotsPerRun = 4000;

    private static EnvironmentSettings Single(int tasks = 1) => new() { Miners = 1, TasksPerMiner = tasks, Beta = 0.5 };

    /// <summary>A preset where the bad channel's upload cap binds, so that D0 &gt; 0 occurs and the buffer bins matter.</summary>
    private static ModelParameters Congested => Presets.Calibrated with { RateBadBps = 60e3 };

    public static TheoryData<string, int> Models => new()
    {
        { "calibrated", 1 },
        { "calibrated", 2 },
        { "congested", 1 },
        { "paper-literal", 1 },
    };

    private static ModelParameters Preset(string name) => name == "congested" ? Congested : Presets.Find(name)!;

    [Theory]
    [MemberData(nameof(Models))]
    public void TransitionModel_EveryRow_SumsToOne(string preset, int tasks)
    {
        // With two tasks, 3 D1 bins (288 states) instead of the default 5 (800): the rows are built alike, and each test
        // that covers the model builder is re-run for every mutant of it in the mutation runs.
        var options = tasks == 2 ? new CmdpOptions { ArrivalBins = 3 } : null;
        var (space, model) = CmdpPolicy.BuildModel(Preset(preset), tasks, 0.5, options);

        Assert.Equal(space.Count, model.States);
        Assert.Equal(1 << tasks, model.Actions);
        Assert.True(model.MaxRowSumError() < 1e-12, $"largest row-sum error {model.MaxRowSumError()}");
    }

    [Fact]
    public void TransitionModel_Congested_OffloadingInTheBadChannelBuffersData()
    {
        var (space, model) = CmdpPolicy.BuildModel(Congested, 1, 0.5);
        int badEmpty = space.Compose([2], [0], channelGood: false); // D1 in the middle bin, D0 = 0, bad channel

        var row = model.TransitionRow(badEmpty, 1).ToArray();

        // 60 kbit/s uploads at most 60 kbit of ~100 kbit: ~40 kbit stays, which is D0 bin 1 ((0, d_unit/2]).
        Assert.All(row, t => Assert.Equal(1, BufferedBinOf(space, t.NextState)));
        Assert.All(model.TransitionRow(badEmpty, 0).ToArray(), t => Assert.Equal(0, BufferedBinOf(space, t.NextState)));
    }

    [Fact]
    public void Policy_InSimulation_MeetsItsPrivacyFloor_AndMatchesTheLpPrediction()
    {
        var (policy, simulated) = SolveAndSimulate(Presets.Calibrated);

        // Tolerances: the sampling half-width of the 10-run 95% interval (runs are independent) plus a discretisation
        // allowance. In the calibrated preset with M = 1 no cap binds, so D0 stays 0 (its representative value exactly),
        // and cost and privacy are linear in D1 within a bin, so the midpoint quadrature is exact: the model is exact and
        // the allowance (0.005, about 1% of the averages) only absorbs the interval's own uncertainty.
        double privacyTolerance = simulated[Metrics.Privacy].HalfWidth + 0.005;
        double costTolerance = simulated[Metrics.Cost].HalfWidth + 0.005;
        Assert.True(simulated[Metrics.Privacy].Mean >= policy.PrivacyFloor - privacyTolerance, $"privacy {simulated[Metrics.Privacy].Mean} below floor {policy.PrivacyFloor}");
        Assert.InRange(simulated[Metrics.Privacy].Mean, policy.PredictedPrivacy - privacyTolerance, policy.PredictedPrivacy + privacyTolerance);
        Assert.InRange(simulated[Metrics.Cost].Mean, policy.PredictedCost - costTolerance, policy.PredictedCost + costTolerance);
    }

    [Fact]
    public void Policy_Congested_StaysNearItsPrediction()
    {
        var (policy, simulated) = SolveAndSimulate(Congested);

        // With buffering, D0 is represented by one value per bin (d_unit/4 for (0, d_unit/2]), a real approximation:
        // the allowance is 10% of the predicted averages. Measured gaps are reported by Measure_Report.
        double privacyTolerance = simulated[Metrics.Privacy].HalfWidth + (0.1 * policy.PredictedPrivacy);
        double costTolerance = simulated[Metrics.Cost].HalfWidth + (0.1 * policy.PredictedCost);
        Assert.InRange(simulated[Metrics.Privacy].Mean, policy.PredictedPrivacy - privacyTolerance, policy.PredictedPrivacy + privacyTolerance);
        Assert.InRange(simulated[Metrics.Cost].Mean, policy.PredictedCost - costTolerance, policy.PredictedCost + costTolerance);
    }

    [Fact]
    public void Frontier_Calibrated_CostRisesWithThePrivacyFloor()
    {
        var frontier = CmdpPolicy.Frontier(Presets.Calibrated, 1, 0.5, [0, 0.5, 0.8, 0.9, 0.95, 1]);

        for (int i = 1; i < frontier.Count; i++)
        {
            Assert.True(frontier[i].AverageCost >= frontier[i - 1].AverageCost - 1e-9);
            Assert.True(frontier[i].AveragePrivacy >= frontier[i].PrivacyFloor - 1e-6);
        }

        foreach (var point in frontier)
        {
            output.WriteLine($"fraction {point.Fraction:F2}: P_min {point.PrivacyFloor:F4}, cost {point.AverageCost:F4}, privacy {point.AveragePrivacy:F4}");
        }
    }

    [Fact]
    public void EveryPreset_TheLpMeetsItsPrivacyFloor_AtNineTenthsOfTheMaximum()
    {
        foreach (var (name, parameters) in new[] { ("calibrated", Presets.Calibrated), ("congested", Congested), ("paper-literal", Presets.PaperLiteral) })
        {
            var (policy, simulated) = SolveAndSimulate(parameters);
            output.WriteLine(
                $"{name}: P_max {policy.MaxPrivacy:F4}, P_min {policy.PrivacyFloor:F4}; predicted privacy {policy.PredictedPrivacy:F4} cost {policy.PredictedCost:F4}; " +
                $"simulated privacy {simulated[Metrics.Privacy].Mean:F4} +- {simulated[Metrics.Privacy].HalfWidth:F4} cost {simulated[Metrics.Cost].Mean:F4} +- {simulated[Metrics.Cost].HalfWidth:F4}");
            Approx.Equal(0.9 * policy.MaxPrivacy, policy.PrivacyFloor, name, relative: 1e-12);
            Assert.True(policy.PredictedPrivacy >= policy.PrivacyFloor - 1e-6, $"{name}: predicted privacy {policy.PredictedPrivacy} below the floor {policy.PrivacyFloor}");
            Assert.True(policy.PredictedCost >= 0, name);
        }
    }

    private static (CmdpPolicy Policy, PolicySummary Simulated) SolveAndSimulate(ModelParameters parameters)
    {
        var settings = Single();
        var policy = new CmdpPolicy();
        policy.BeginTraining(new MiningEnvironment(parameters, settings), seed: 5);
        var simulated = PolicyEvaluation.Evaluate(parameters, settings, policy, Runs, SlotsPerRun, seed: 17);
        return (policy, simulated);
    }

    private static int BufferedBinOf(PrivacyStateSpace space, int state)
    {
        Span<int> arrival = stackalloc int[space.Tasks];
        Span<int> buffered = stackalloc int[space.Tasks];
        space.Decompose(state, arrival, buffered);
        return buffered[0];
    }

    private static readonly BinaryFormat PolicyFormat = new("CMDP policy", 0x44434D45, 1);

    /// <summary>A policy file written field by field: header, bins, P_max, P_min, predicted cost and privacy, actions, table.</summary>
    private static byte[] PolicyFile(PrivacyStateSpace space, int actions, double[] policy)
    {
        using var stream = new MemoryStream();
        using (var writer = BinaryFormat.Writer(stream))
        {
            PolicyFormat.WriteHeader(writer);
            space.Write(writer);
            foreach (double value in new[] { 2.0, 1.8, 0.5, 1.9 })
            {
                writer.Write(value);
            }

            writer.Write(actions);
            writer.Write(policy.Length);
            foreach (double p in policy)
            {
                writer.Write(p);
            }
        }

        return stream.ToArray();
    }

    private static CmdpPolicy Loaded(byte[] file)
    {
        var policy = new CmdpPolicy();
        using var stream = new MemoryStream(file);
        policy.LoadModel(stream);
        return policy;
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    public void Constructor_AFractionOutsideTheUnitInterval_IsRefused(double fraction)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new CmdpPolicy(new CmdpOptions { PrivacyFraction = fraction }));
        Assert.StartsWith("the privacy fraction lies in [0, 1]", error.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    public void BeginTraining_UsesTheGivenOptions(double fraction)
    {
        // 3 D1 bins: 3 x 4 x 2 = 24 states, 2 actions: 48 policy entries; P_min = fraction * P_max.
        var policy = new CmdpPolicy(new CmdpOptions { PrivacyFraction = fraction, ArrivalBins = 3 });

        policy.BeginTraining(new MiningEnvironment(Presets.Calibrated, Single()), seed: 1);

        Assert.Equal("cmdp", policy.Name);
        Assert.Equal(3, policy.StateSpace!.ArrivalBins);
        Assert.Equal(48, policy.Policy.Count);
        Approx.Equal(fraction * policy.MaxPrivacy, policy.PrivacyFloor, "P_min");
        Assert.True(policy.PredictedPrivacy >= policy.PrivacyFloor - 1e-6);
        Assert.Equal(policy.PredictedCost, policy.PredictedAverages["cost"]);
        Assert.Equal(policy.PredictedPrivacy, policy.PredictedAverages["privacy"]);
        Assert.Equal(2, policy.PredictedAverages.Count);
    }

    [Fact]
    public void BuildModel_UsesTheGivenOptions()
    {
        var (space, model) = CmdpPolicy.BuildModel(Presets.Calibrated, 1, 0.5, new CmdpOptions { ArrivalBins = 3 });
        Assert.Equal((3, 24), (space.ArrivalBins, model.States));
    }

    [Fact]
    public void BeginTraining_RefusesNoEnvironmentAndSeveralMiners()
    {
        Assert.Throws<ArgumentNullException>(() => new CmdpPolicy().BeginTraining(null!, 1));
        var two = new MiningEnvironment(Presets.Calibrated, Single() with { Miners = 2 });
        var error = Assert.Throws<ArgumentException>(() => new CmdpPolicy().BeginTraining(two, 1));
        Assert.StartsWith("the CMDP scheme is single-miner; the environment has N = 2", error.Message);
    }

    [Fact]
    public void Act_BeforeTrainingOrOnAnotherShape_IsRefused()
    {
        var environment = new MiningEnvironment(Presets.Calibrated, Single());
        environment.Reset(1);
        var untrained = Assert.Throws<InvalidOperationException>(() => new CmdpPolicy().Act(environment, new double[1]));
        Assert.Equal("the CMDP policy is neither trained nor loaded", untrained.Message);
        var unsaved = Assert.Throws<InvalidOperationException>(() => new CmdpPolicy().SaveModel(new MemoryStream()));
        Assert.Equal("the CMDP policy is neither trained nor loaded", unsaved.Message);

        var space = PrivacyStateSpace.For(Presets.Calibrated, 1, 5);
        var policy = Loaded(PolicyFile(space, 2, [.. Enumerable.Range(0, space.Count * 2).Select(i => i % 2 == 0 ? 1.0 : 0.0)]));
        double[] action = [1];
        policy.Act(environment, action);
        Assert.Equal([0.0], action); // every row (1, 0): local
        var twoTasks = new MiningEnvironment(Presets.Calibrated, Single(2));
        twoTasks.Reset(1);
        var error = Assert.Throws<ArgumentException>(() => policy.Act(twoTasks, new double[2]));
        Assert.StartsWith("the environment's N and M differ from those the CMDP policy was solved for", error.Message);
    }

    [Fact]
    public void BeginTraining_SeedsTheSamplingGenerator()
    {
        // The training state is the model, then the generator's four words: after BeginTraining(seed 5) they are a
        // fresh generator's of seed 5, whatever the generator did before.
        var policy = new CmdpPolicy(new CmdpOptions { ArrivalBins = 2 });
        policy.Reset(99);
        policy.BeginTraining(new MiningEnvironment(Presets.Calibrated, Single()), seed: 5);
        using var stream = new MemoryStream();
        using (var writer = BinaryFormat.Writer(stream))
        {
            policy.SaveTrainingState(writer);
        }

        byte[] bytes = stream.ToArray();
        var words = Enumerable.Range(0, 4).Select(i => BitConverter.ToUInt64(bytes, bytes.Length - 32 + (8 * i)));
        Assert.Equal(new Xoshiro256(5).SaveState(), words);
    }

    [Fact]
    public void Act_SamplesTheRowByOneUniformDraw()
    {
        // Every row (1/4, 3/4): action 0 (local) when the draw u < 1/4, else action 1 (offload); one draw per act.
        var space = PrivacyStateSpace.For(Presets.Calibrated, 1, 5);
        var policy = Loaded(PolicyFile(space, 2, [.. Enumerable.Range(0, space.Count * 2).Select(i => i % 2 == 0 ? 0.25 : 0.75)]));
        var environment = new MiningEnvironment(Presets.Calibrated, Single());
        environment.Reset(3);
        policy.Reset(12);
        var generator = new Xoshiro256(12);
        var action = new double[1];
        var seen = new HashSet<double>();
        for (int t = 0; t < 40; t++)
        {
            policy.Act(environment, action);
            double expected = generator.NextDouble() < 0.25 ? 0 : 1;
            Assert.Equal(expected, action[0]);
            seen.Add(expected);
            environment.Step(action);
        }

        Assert.Equal(2, seen.Count);
    }

    [Fact]
    public void Act_ARowSummingBelowOne_LeavesTheRemainderToTheLastAction()
    {
        // Two tasks, 4 binary actions. Good-channel (odd) states have an all-zero row: the draw passes every action and
        // the last (3: both offload) takes the remainder; the bad-channel (even) states that follow them have (1, 0, 0, 0).
        var space = PrivacyStateSpace.For(Presets.Calibrated, 2, 5);
        var table = new double[space.Count * 4];
        for (int s = 0; s < space.Count; s += 2)
        {
            table[s * 4] = 1;
        }

        var policy = Loaded(PolicyFile(space, 4, table));
        var environment = new MiningEnvironment(Presets.Calibrated, Single(2));
        environment.Reset(1);
        var action = new double[2];
        var channels = new HashSet<bool>();
        for (int t = 0; t < 20; t++)
        {
            bool good = environment.ChannelGood[0];
            channels.Add(good);
            policy.Act(environment, action);
            Assert.Equal(good ? [1.0, 1.0] : [0.0, 0.0], action);
            environment.Step(action);
        }

        Assert.Equal(2, channels.Count);
    }

    [Fact]
    public void Model_RoundTrip_KeepsThePolicyAndItsPredictions()
    {
        var environment = new MiningEnvironment(Presets.Calibrated, Single());
        var saved = new CmdpPolicy(new CmdpOptions { ArrivalBins = 2 });
        saved.BeginTraining(environment, 1);
        using var stream = new MemoryStream();
        saved.SaveModel(stream);

        var loaded = Loaded(stream.ToArray());

        Assert.Equal(saved.Policy, loaded.Policy);
        Assert.Equal(
            (saved.MaxPrivacy, saved.PrivacyFloor, saved.PredictedCost, saved.PredictedPrivacy),
            (loaded.MaxPrivacy, loaded.PrivacyFloor, loaded.PredictedCost, loaded.PredictedPrivacy));
        Assert.Equal(16, loaded.StateSpace!.Count); // 2 D1 bins x 4 D0 bins x 2 channels
        using var again = new MemoryStream();
        loaded.SaveModel(again);
        Assert.Equal(stream.ToArray(), again.ToArray());
    }

    [Fact]
    public void Model_OfAnotherShapeOrKind_IsRefused()
    {
        var space = PrivacyStateSpace.For(Presets.Calibrated, 1, 5); // 40 states, 2 actions: 80 entries
        var actions = Assert.Throws<InvalidDataException>(() => Loaded(PolicyFile(space, 4, new double[80])));
        Assert.Equal("CMDP policy: the number of actions is 4, expected 2", actions.Message);
        var length = Assert.Throws<InvalidDataException>(() => Loaded(PolicyFile(space, 2, new double[79])));
        Assert.Equal("CMDP policy: the policy table's length is 79, expected 80", length.Message);

        var kind = Assert.Throws<InvalidDataException>(() => Loaded(RlPrivacyStateFile.Model(space, new RlPrivacyOptions().Rates, new double[200])));
        Assert.StartsWith("not an EdgeMine CMDP policy: magic 0x50524D45", kind.Message);
    }

    [Fact]
    public void Act_ADrawOnARowBoundary_BelongsToTheNextAction()
    {
        // Action a is taken when sum_{b<a} pi(b) <= u < sum_{b<=a} pi(b), so that P(a) = pi(a) exactly. Rows (u0, 1 - u0)
        // with u0 the generator's first draw: u = u0 is not below pi(0) = u0, so the action is 1 (offload).
        double first = new Xoshiro256(12).NextDouble();
        var space = PrivacyStateSpace.For(Presets.Calibrated, 1, 5);
        var policy = Loaded(PolicyFile(space, 2, [.. Enumerable.Range(0, space.Count * 2).Select(i => i % 2 == 0 ? first : 1 - first)]));
        var environment = new MiningEnvironment(Presets.Calibrated, Single());
        environment.Reset(3);
        policy.Reset(12);
        double[] action = [0];

        policy.Act(environment, action);

        Assert.Equal([1.0], action);
    }

    [Fact]
    public void SaveTrainingState_WithoutAWriter_IsAnArgumentError()
    {
        Assert.Throws<ArgumentNullException>(() => new CmdpPolicy().SaveTrainingState(null!));
    }
}
