using EdgeMine.Learning;
using EdgeMine.Model;
using EdgeMine.Policies;
using EdgeMine.Schemes;
using EdgeMine.Simulation;

namespace EdgeMine.Tests.Learning;

/// <summary>DRLO's default variant, the shared learner of issue 13: it learns, it resumes exactly, it is deterministic, and it trains without allocating.</summary>
public sealed class SharedDqnLearnerTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static TrainingConfiguration Configuration(int miners, long slots, ulong seed, params (string Key, string Value)[] options)
    {
        var learnerOptions = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in options)
        {
            learnerOptions[key] = value;
        }

        return new TrainingConfiguration
        {
            Learner = DrloAlgorithm.Instance.Scheme(),
            LearnerOptions = learnerOptions,
            Preset = "calibrated",
            Parameters = Presets.Calibrated,
            Settings = new EnvironmentSettings { Miners = miners, TasksPerMiner = 2, Beta = 0.5 },
            Slots = slots,
            Seed = seed,
        };
    }

    private static ILearner Create(TrainingConfiguration configuration)
    {
        Assert.Null(DrloAlgorithm.Instance.Problem(configuration));
        return DrloAlgorithm.Instance.Create(configuration);
    }

    [Fact]
    public void Train_TwentyMiners_BeatsTheBestRuleOnTheSameEvaluationSeeds()
    {
        // N = 20, M = 2, beta 0.5, 2,000 training slots. The best of NO, EO, GO and Random is found on the same 10
        // evaluation runs; the learner must beat it in mean reward by more than the 95% half-width of the paired
        // per-run differences, and capture at least a third of the headroom to the per-slot optimum.
        var configuration = Configuration(20, 2000, 1);
        var learner = Create(configuration);
        Assert.IsType<SharedDqnLearner>(learner);
        Trainer.Train(configuration.Parameters, configuration.Settings, learner, new TrainingOptions { Slots = 2000, Seed = 1 });

        const int runs = 10, slots = 300;
        const ulong seed = 77;
        PolicySummary Evaluate(IOffloadingPolicy policy) =>
            PolicyEvaluation.Evaluate(configuration.Parameters, configuration.Settings, policy, runs, slots, seed);
        var best = BaselineScheme.Simple.Select(b => Evaluate(b.Create())).MaxBy(r => r.Reward.Mean)!;
        var optimum = Evaluate(new PerSlotOptimum());
        var drlo = Evaluate(learner);

        var paired = Estimate.Of(Enumerable.Range(0, runs).Select(r => drlo.PerRun[Metrics.Reward][r] - best.PerRun[Metrics.Reward][r]).ToArray());
        Assert.True(paired.Low > 0, $"DRLO - {best.Policy}: {paired.Mean:F4} ± {paired.HalfWidth:F4} per slot");
        double headroom = (drlo.Reward.Mean - best.Reward.Mean) / (optimum.Reward.Mean - best.Reward.Mean);
        Assert.True(headroom > 1.0 / 3, $"headroom captured over {best.Policy}: {headroom:F3}");
    }

    [Fact]
    public void Train_KilledAfterACheckpointAndResumed_EndsWithTheSameModelAndCurve() =>
        ResumeCheck.KilledAndResumed_EqualsStraight(Configuration(3, 1200, 11), _directory.File("straight"), _directory.File("interrupted"));

    [Theory]
    [InlineData("true")]
    [InlineData("false")]
    public void Train_SameSeedTwice_SameModelBitForBit_AndTheSavedModelActsTheSame(string meanField)
    {
        var configuration = Configuration(4, 600, 5, ("mean_field", meanField), ("discount", "0.85"), ("learning_starts", "200"));
        (ILearner Learner, byte[] Model) Train()
        {
            var learner = Create(configuration);
            Trainer.Train(configuration.Parameters, configuration.Settings, learner, new TrainingOptions { Slots = 600, Seed = 5 });
            using var stream = new MemoryStream();
            learner.SaveModel(stream);
            return (learner, stream.ToArray());
        }

        var (trained, first) = Train();
        Assert.Equal(first, Train().Model);

        // The saved model acts as the trained learner does, at the N it was trained on and at another (N = 30).
        var loaded = Create(configuration);
        loaded.LoadModel(new MemoryStream(first));
        foreach (int miners in new[] { 4, 30 })
        {
            var settings = configuration.Settings with { Miners = miners };
            var a = PolicyEvaluation.Evaluate(configuration.Parameters, settings, loaded, 2, 50, 9);
            var b = PolicyEvaluation.Evaluate(configuration.Parameters, settings, trained, 2, 50, 9);
            Assert.Equal(a.Reward.Mean, b.Reward.Mean);
        }
    }

    [Fact]
    public void LoadModel_OfOtherFeatures_NamesTheField()
    {
        var configuration = Configuration(2, 10, 1);
        var learner = Create(configuration);
        var environment = new MiningEnvironment(configuration.Parameters, configuration.Settings);
        environment.Reset(1);
        learner.BeginTraining(environment, 1);
        using var stream = new MemoryStream();
        learner.SaveModel(stream);
        var other = Create(Configuration(2, 10, 1, ("features", "rank")));

        var e = Assert.Throws<InvalidDataException>(() => other.LoadModel(new MemoryStream(stream.ToArray())));

        Assert.Contains("feature flags", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TrainSlot_AfterWarmUp_AllocatesNothing()
    {
        var configuration = Configuration(50, 0, 3, ("learning_starts", "100"));
        var learner = (SharedDqnLearner)Create(configuration);
        var environment = new MiningEnvironment(configuration.Parameters, configuration.Settings);
        environment.Reset(1);
        learner.BeginTraining(environment, 2);
        for (int t = 0; t < 20; t++)
        {
            learner.TrainSlot(environment, 0.1);
        }

        Assert.True(learner.UpdateCount > 0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int t = 0; t < 20; t++)
        {
            learner.TrainSlot(environment, 0.1);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Theory]
    [InlineData("default", "hidden=32,32 discount=0 features=rank", null)]
    [InlineData("default", "head=joint", "drlo (default) learner options: unknown DRLO option 'head' for variant default (head is an option of variant branching and paper); allowed: hidden, features")]
    [InlineData("default", "features=all", "drlo (default) learner options: features 'all': allowed: own, global or rank")]
    [InlineData("default", "batch=64 replay=32", "drlo (default): replay = 32: allowed: at least the batch (64)")]
    [InlineData("branching", "features=rank", "drlo (branching) learner options: unknown DRLO option 'features' for variant branching (features is an option of variant default); allowed: head,")]
    [InlineData("branching", "head=joint", "drlo (branching): difference_rewards = true needs head = branching")]
    [InlineData("paper", "dueling=true", null)]
    public void Problem_LearnerOptions_CheckedPerVariant(string variant, string options, string? expected)
    {
        var configuration = Configuration(2, 10, 1, [.. options.Split(' ').Select(o => (o[..o.IndexOf('=', StringComparison.Ordinal)], o[(o.IndexOf('=', StringComparison.Ordinal) + 1)..]))]) with
        {
            Learner = DrloAlgorithm.Instance.Scheme(variant),
        };

        string? problem = DrloAlgorithm.Instance.Problem(configuration);

        if (expected is null)
        {
            Assert.Null(problem);
        }
        else
        {
            Assert.NotNull(problem);
            Assert.StartsWith(expected, problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Variants_AreDefaultBranchingPaper_WithTheirLabelsAndLearners()
    {
        var drlo = DrloAlgorithm.Instance;
        Assert.Equal(["default", "branching", "paper"], drlo.Variants);
        Assert.Equal(["DRLO", "DRLO (branching)", "DRLO (paper DQN)"], drlo.Variants.Select(drlo.Label));
        Assert.Equal(["drlo", "drlo-branching", "drlo-paper"], drlo.Variants.Select(v => drlo.Scheme(v).Name));
        var configuration = Configuration(2, 10, 1);
        Assert.IsType<SharedDqnLearner>(drlo.Create(configuration));
        Assert.Equal(DqnOptions.Default, ((DqnLearner)drlo.Create(configuration with { Learner = drlo.Scheme("branching") })).Options);
        Assert.Equal(DqnOptions.Paper, ((DqnLearner)drlo.Create(configuration with { Learner = drlo.Scheme("paper") })).Options);
    }
}
