using EdgeMine.Learning;
using EdgeMine.Model;
using EdgeMine.Policies;
using EdgeMine.Privacy;
using EdgeMine.Simulation;
using Xunit.Abstractions;

namespace EdgeMine.Tests.Privacy;

/// <summary>
/// The RL-privacy baseline learns, in every variant, its variants are reachable by name, and it refuses what it cannot
/// model (rates outside [0, 1], several miners, an environment of another shape).
/// </summary>
public sealed class RlPrivacyAgentTests(ITestOutputHelper output)
{
    private static readonly EnvironmentSettings Single = new() { Miners = 1, TasksPerMiner = 1, Beta = 0.5 };

    [Theory]
    [InlineData("default")]
    [InlineData("no-dyna")]
    [InlineData("no-pds")]
    [InlineData("no-hotboot")]
    [InlineData("plain")]
    public void Train_ThreeThousandSlots_BeatsRandomOnReward(string variant)
    {
        var agent = new RlPrivacyAgent(RlPrivacyOptions.ForVariant(variant));
        Trainer.Train(Presets.Calibrated, Single, agent, new TrainingOptions { Slots = 3000, Seed = 21 });

        var learned = PolicyEvaluation.Evaluate(Presets.Calibrated, Single, agent, runs: 5, slots: 1000, seed: 8);
        var random = PolicyEvaluation.Evaluate(Presets.Calibrated, Single, new RandomOffload(), runs: 5, slots: 1000, seed: 8);

        output.WriteLine($"{variant}: reward {learned.Reward.Mean:F4} vs random {random.Reward.Mean:F4}");
        Assert.True(learned.Reward.Mean > random.Reward.Mean + random.Reward.HalfWidth + learned.Reward.HalfWidth);
    }

    [Fact]
    public void Variants_SwitchOffExactlyTheirTechnique()
    {
        Assert.Equal(RlPrivacyOptions.VariantNames, RlPrivacyAlgorithm.Instance.Variants);
        var noDyna = RlPrivacyOptions.ForVariant("no-dyna")!;
        var noPds = RlPrivacyOptions.ForVariant("no-pds")!;
        var noHotBoot = RlPrivacyOptions.ForVariant("no-hotboot")!;
        var plain = RlPrivacyOptions.ForVariant("plain")!;
        Assert.True(!noDyna.UseDyna && noDyna.UsePostDecisionStates && noDyna.UseHotBoot);
        Assert.True(noPds.UseDyna && !noPds.UsePostDecisionStates && noPds.UseHotBoot);
        Assert.True(noHotBoot.UseDyna && noHotBoot.UsePostDecisionStates && !noHotBoot.UseHotBoot);
        Assert.True(!plain.UseDyna && !plain.UsePostDecisionStates && !plain.UseHotBoot);
        Assert.Null(RlPrivacyOptions.ForVariant("turbo"));
    }

    [Fact]
    public void BeginTraining_WithHotBoot_FillsTheDynaModelBeforeTheFirstSlot()
    {
        var environment = new MiningEnvironment(Presets.Calibrated, Single);
        environment.Reset(1);
        var booted = new RlPrivacyAgent();
        var cold = new RlPrivacyAgent(RlPrivacyOptions.ForVariant("no-hotboot"));

        booted.BeginTraining(environment, 2);
        cold.BeginTraining(environment, 2);

        Assert.Equal(5, booted.ActionCount); // M = 1: one task, five rates
        Assert.True(booted.ModelledPairs > 0);
        Assert.Equal(0, cold.ModelledPairs);
    }

    [Theory]
    [InlineData(new double[0])]
    [InlineData(new[] { 0, 0.5, 1.5 })]
    [InlineData(new[] { -0.25, 0, 1 })]
    [InlineData(new[] { 0, double.NaN })]
    public void Constructor_RatesOutsideTheUnitInterval_AreRefused(double[] rates)
    {
        var error = Assert.Throws<ArgumentException>(() => new RlPrivacyAgent(new RlPrivacyOptions { Rates = rates }));
        Assert.StartsWith("offloading rates must be a non-empty list of fractions in [0, 1]", error.Message);
    }

    [Fact]
    public void Constructor_TheBoundsThemselves_AreRates()
    {
        var agent = new RlPrivacyAgent(new RlPrivacyOptions { Rates = [0, 1] });
        Assert.Equal([0, 1], agent.Options.Rates);
        Assert.Equal("rl-privacy", agent.Name);
        Assert.NotNull(RlPrivacyOptions.ForVariant("default"));
        Assert.True(RlPrivacyOptions.ForVariant("default")!.UseDyna);
        Assert.Equal(["default", "no-dyna", "no-pds", "no-hotboot", "plain"], RlPrivacyOptions.VariantNames);
    }

    [Fact]
    public void BeginTraining_RefusesNoEnvironmentAndSeveralMiners()
    {
        Assert.Throws<ArgumentNullException>(() => new RlPrivacyAgent().BeginTraining(null!, 1));
        var two = new MiningEnvironment(Presets.Calibrated, Single with { Miners = 2 });
        var error = Assert.Throws<ArgumentException>(() => new RlPrivacyAgent().BeginTraining(two, 1));
        Assert.StartsWith("the RL-privacy scheme is single-miner; the environment has N = 2", error.Message);
    }

    [Fact]
    public void StateOf_BeforeTraining_SaysSo()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new RlPrivacyAgent().StateOf([1, 0, 1]));
        Assert.Equal("call BeginTraining first", error.Message);
    }

    [Fact]
    public void Act_BeforeTraining_IsGreedyOnAZeroTable_AndAnotherShapeIsRefused()
    {
        // Acting first allocates the tables for the environment: all zeros, so the greedy action is index 0 (rate 0).
        var agent = new RlPrivacyAgent();
        var environment = new MiningEnvironment(Presets.Calibrated, Single);
        environment.Reset(1);
        double[] action = [0.5];

        agent.Act(environment, action);

        Assert.Equal([0.0], action);
        Assert.Equal(5, agent.ActionCount);
        var twoTasks = new MiningEnvironment(Presets.Calibrated, Single with { TasksPerMiner = 2 });
        twoTasks.Reset(1);
        var error = Assert.Throws<ArgumentException>(() => agent.Act(twoTasks, new double[2]));
        Assert.StartsWith("the environment's N and M differ from those the Q-table was trained on", error.Message);
    }

    [Fact]
    public void BeginTraining_Again_StartsFromFreshTables()
    {
        var options = new RlPrivacyOptions { UseHotBoot = false };
        var agent = new RlPrivacyAgent(options);
        var environment = new MiningEnvironment(Presets.Calibrated, Single);
        environment.Reset(1);
        agent.BeginTraining(environment, 1);
        for (int t = 0; t < 5; t++)
        {
            agent.TrainSlot(environment, epsilon: 1);
        }

        Assert.Contains(agent.QTable.ToArray(), v => v != 0);

        agent.BeginTraining(environment, 1);

        Assert.All(agent.QTable.ToArray(), v => Assert.Equal(0, v));
        Assert.Equal(0, agent.ModelledPairs);
    }

    [Fact]
    public void Dyna_CountsEachPairOnce_EvenWhenItLeadsToStateZero()
    {
        // One arrival bin and rates {0, 1}: the calibrated preset never leaves data buffered with M = 1 (2 Mbit/s even in
        // the bad channel, 0.07 s of local work at most), so the states met are 0 (bad channel) and 1 (good), and the pairs
        // at most 2 x 2 = 4. 60 uniformly explored slots meet all four (each missed with probability (3/4)^60 < 1e-7),
        // and half of them lead to state 0, the state index a "not yet met" marker must not be confused with.
        var options = new RlPrivacyOptions { UseHotBoot = false, UsePostDecisionStates = false, ArrivalBins = 1, Rates = [0, 1] };
        var agent = new RlPrivacyAgent(options);
        var environment = new MiningEnvironment(Presets.Calibrated, Single);
        environment.Reset(2);
        agent.BeginTraining(environment, 2);
        for (int t = 0; t < 60; t++)
        {
            agent.TrainSlot(environment, epsilon: 1);
        }

        Assert.Equal(4, agent.ModelledPairs);
        var met = RlPrivacyStateFile.Saved(agent).MetPairs;
        Assert.Equal([0, 1, 2, 3], met.Select(p => p.Pair).Order());
        Assert.All(met, p => Assert.InRange(p.Next, 0, 1));
    }
}
