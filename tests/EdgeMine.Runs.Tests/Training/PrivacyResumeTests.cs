using EdgeMine.Learning;
using EdgeMine.Model;
using EdgeMine.Privacy;
using EdgeMine.Schemes;
using EdgeMine.Training;

namespace EdgeMine.Tests.Training;

/// <summary>A training run of a privacy baseline killed halfway and resumed ends with the same files as one run straight through.</summary>
public sealed class PrivacyResumeTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    public static TheoryData<string> Algorithms => new(CmdpAlgorithm.Instance.Name, RlPrivacyAlgorithm.Instance.Name);

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Train_KilledAfterACheckpointAndResumed_EndsWithTheSameModelAndCurve(string algorithm)
    {
        var configuration = new TrainingConfiguration
        {
            Learner = new LearnerScheme(PrivacySchemes.Catalog.FindAlgorithm(algorithm)!),
            Preset = "calibrated",
            Parameters = Presets.Calibrated,
            // The privacy baselines model one miner only.
            Settings = new EnvironmentSettings { Miners = 1, TasksPerMiner = 2, Beta = 0.5 },
            Slots = 1200,
            Seed = 11,
        };

        ResumeCheck.KilledAndResumed_EqualsStraight(configuration, _directory.File("straight"), _directory.File("interrupted"));
    }
}
