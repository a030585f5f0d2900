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

    [Theory]
    // DRLO's default on paper-literal (N = 5, M = 2), where the backlog carries over: the carried value is learned and
    // priced in, and it is part of the checkpoint (issue 22).
    [InlineData("drlo", "paper-literal", "")]
    // RLO with every option of issue 20 and 22 away from the paper's: the team reward, the nearest met state for a state
    // never met, the backlog's bin in the state, and discount 0.
    [InlineData("rlo", "paper-literal", "reward=team unseen_state=nearest backlog_bins=6 discount=0")]
    [InlineData("rlo", "calibrated", "unseen_state=nearest")]
    public void Train_WithTheOptionsOfIssues20And22_KilledAndResumed_EndsWithTheSameModelAndCurve(string algorithm, string preset, string options)
    {
        var learnerOptions = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (string option in options.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            learnerOptions[option[..option.IndexOf('=', StringComparison.Ordinal)]] = option[(option.IndexOf('=', StringComparison.Ordinal) + 1)..];
        }

        var configuration = new TrainingConfiguration
        {
            Learner = new LearnerScheme(SchemeCatalog.Full.FindAlgorithm(algorithm)!),
            Preset = preset,
            Parameters = Presets.Find(preset)!,
            Settings = new EnvironmentSettings { Miners = 5, TasksPerMiner = 2, Beta = 0.5 },
            LearnerOptions = learnerOptions,
            Slots = 1200,
            Seed = 11,
        };

        ResumeCheck.KilledAndResumed_EqualsStraight(configuration, _directory.File("straight"), _directory.File("interrupted"));
    }
}
