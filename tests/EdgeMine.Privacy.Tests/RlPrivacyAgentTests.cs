using EdgeMine.Learning;
using EdgeMine.Model;
using EdgeMine.Policies;
using EdgeMine.Privacy;
using EdgeMine.Simulation;
using Xunit.Abstractions;

namespace EdgeMine.Tests.Privacy;

/// <summary>The RL-privacy baseline learns, in every variant, and its variants are reachable by name.</summary>
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
}
