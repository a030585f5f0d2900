using EdgeMine.Learning;
using EdgeMine.Model;
using EdgeMine.Schemes;

namespace EdgeMine.Tests.Learning;

/// <summary>A training run killed halfway and resumed ends with the same files as one run straight through (the core's learners).</summary>
public sealed class ResumeTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    public static TheoryData<string> Algorithms => new(SchemeCatalog.Core.Algorithms.Select(a => a.Name));

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Train_KilledAfterACheckpointAndResumed_EndsWithTheSameModelAndCurve(string algorithm)
    {
        var configuration = new TrainingConfiguration
        {
            Learner = SchemeCatalog.Core.FindAlgorithm(algorithm)!.Scheme(),
            Preset = "calibrated",
            Parameters = Presets.Calibrated,
            Settings = new EnvironmentSettings { Miners = 2, TasksPerMiner = 2, Beta = 0.5 },
            Slots = 1200,
            Seed = 11,
        };

        ResumeCheck.KilledAndResumed_EqualsStraight(configuration, _directory.File("straight"), _directory.File("interrupted"));
    }
}
