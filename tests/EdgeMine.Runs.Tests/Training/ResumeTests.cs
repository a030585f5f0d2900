using EdgeMine.Learning.Dqn;
using EdgeMine.Model;
using EdgeMine.Schemes;
using EdgeMine.Training;

namespace EdgeMine.Tests.Training;

/// <summary>
/// A training run killed halfway and resumed ends with the same files as one run straight through: every algorithm of
/// the full catalogue in every variant (the privacy baselines at N = 1, the single miner they model).
/// </summary>
public sealed class ResumeTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    public static TheoryData<string, string> Learners
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var algorithm in SchemeCatalog.Full.Algorithms)
            {
                foreach (string variant in algorithm.Variants)
                {
                    data.Add(algorithm.Name, variant);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Learners))]
    public void Train_KilledAfterACheckpointAndResumed_EndsWithTheSameModelAndCurve(string algorithm, string variant)
    {
        var learner = SchemeCatalog.Full.FindAlgorithm(algorithm)!;
        var configuration = new TrainingConfiguration
        {
            Learner = new LearnerScheme(learner, variant),
            Preset = "calibrated",
            Parameters = Presets.Calibrated,
            Settings = new EnvironmentSettings { Miners = learner.IsSingleMiner ? 1 : 2, TasksPerMiner = 2, Beta = 0.5 },
            Slots = 1200,
            Seed = 11,
        };

        ResumeCheck.KilledAndResumed_EqualsStraight(configuration, _directory.File("straight"), _directory.File("interrupted"));
    }

    [Fact]
    public void Train_SharedDqnOfThreeMiners_KilledAfterACheckpointAndResumed_EndsWithTheSameModelAndCurve()
    {
        // DRLO's default (the shared learner) at N = 3: a slot stores 3 to 6 miner samples, the shifted copies included.
        var configuration = new TrainingConfiguration
        {
            Learner = new LearnerScheme(DrloAlgorithm.Instance),
            Preset = "calibrated",
            Parameters = Presets.Calibrated,
            Settings = new EnvironmentSettings { Miners = 3, TasksPerMiner = 2, Beta = 0.5 },
            Slots = 1200,
            Seed = 11,
        };

        ResumeCheck.KilledAndResumed_EqualsStraight(configuration, _directory.File("straight"), _directory.File("interrupted"));
    }
}
