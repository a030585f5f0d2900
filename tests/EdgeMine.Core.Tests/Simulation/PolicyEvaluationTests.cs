using EdgeMine.Model;
using EdgeMine.Policies;
using EdgeMine.Randomness;
using EdgeMine.Simulation;

namespace EdgeMine.Tests.Simulation;

/// <summary>How an evaluation derives each run's seeds: what a user needs to replay run r by hand.</summary>
public sealed class PolicyEvaluationTests
{
    private static readonly EnvironmentSettings Settings = new() { Miners = 2, TasksPerMiner = 2, Beta = 0.5 };

    [Fact]
    public void RunSeeds_AreTheDocumentedDerivations()
    {
        ulong run3 = SeedMixer.Derive(1000, 3);

        Assert.Equal(run3, PolicyEvaluation.RunSeed(1000, 3));
        Assert.Equal(SeedMixer.Derive(run3, SeedMixer.Streams.Environment), PolicyEvaluation.EnvironmentSeed(1000, 3));
        Assert.Equal(SeedMixer.Derive(run3, SeedMixer.Streams.Policy), PolicyEvaluation.PolicySeed(1000, 3));
    }

    [Fact]
    public void RunR_IsTheEnvironmentResetWithItsEnvironmentSeed_NotWithTheEvaluationSeed()
    {
        const int Slots = 40;
        var summary = PolicyEvaluation.Evaluate(Presets.Calibrated, Settings, new AlwaysOffload(), runs: 2, Slots, seed: 1000);

        Assert.Equal(summary.PerRun[Metrics.Reward][1], MeanRewardOfAlwaysOffload(PolicyEvaluation.EnvironmentSeed(1000, 1), Slots));
        Assert.NotEqual(summary.PerRun[Metrics.Reward][0], MeanRewardOfAlwaysOffload(1000, Slots));
    }

    /// <summary>The mean reward per slot of EO from <c>Reset(seed)</c>, summed in slot order as the evaluation sums it.</summary>
    private static double MeanRewardOfAlwaysOffload(ulong seed, int slots)
    {
        var environment = new MiningEnvironment(Presets.Calibrated, Settings);
        environment.Reset(seed);
        double[] action = [1, 1, 1, 1];
        double sum = 0;
        for (int t = 0; t < slots; t++)
        {
            sum += environment.Step(action).Reward;
        }

        return sum / slots;
    }
}
