using EdgeMine.Model;
using EdgeMine.Privacy;
using EdgeMine.Simulation;
using Xunit.Abstractions;

namespace EdgeMine.Tests.Privacy;

/// <summary>The CMDP baseline's transition model and its policy in simulation (N = 1).</summary>
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
        var (space, model) = CmdpPolicy.BuildModel(Preset(preset), tasks, 0.5);

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
}
