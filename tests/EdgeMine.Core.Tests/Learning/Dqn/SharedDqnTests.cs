using EdgeMine.Learning;
using EdgeMine.Learning.Dqn;
using EdgeMine.Model;
using EdgeMine.Policies;
using EdgeMine.Schemes;
using EdgeMine.Simulation;

namespace EdgeMine.Tests.Learning.Dqn;

/// <summary>
/// DRLO's default variant, the shared learner of issue 13: it learns, it is deterministic, and it trains without
/// allocating (its resume test is with the others', tests/EdgeMine.Runs.Tests/Training/ResumeTests).
/// </summary>
public sealed class SharedDqnTests
{
    private static readonly ModelParameters Parameters = Presets.Calibrated;

    /// <summary>DRLO's <paramref name="variant"/> for N miners with M = 2 and beta 0.5, with learner options over the variant's.</summary>
    private static LearnerSpec Spec(int miners, string variant, params (string Key, string Value)[] options)
    {
        var learnerOptions = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in options)
        {
            learnerOptions[key] = value;
        }

        return new LearnerSpec(variant, learnerOptions, new EnvironmentSettings { Miners = miners, TasksPerMiner = 2, Beta = 0.5 });
    }

    private static LearnerSpec Spec(int miners, params (string Key, string Value)[] options) => Spec(miners, LearnerAlgorithm.DefaultVariant, options);

    private static ILearner Create(LearnerSpec spec)
    {
        Assert.Null(DrloAlgorithm.Instance.Problem(spec));
        return DrloAlgorithm.Instance.Create(spec);
    }

    [Trait("Category", "Slow")] // left out of mutation runs (scripts/mutation.sh): a training run, minutes under Stryker's coverage capture
    [Fact]
    public void Train_TwentyMiners_BeatsTheBestRuleOnTheSameEvaluationSeeds()
    {
        // N = 20, M = 2, beta 0.5, 2,000 training slots. The best of NO, EO, GO and Random is found on the same 10
        // evaluation runs; the learner must beat it in mean reward by more than the 95% half-width of the paired
        // per-run differences, and capture at least a third of the headroom to the per-slot optimum.
        var spec = Spec(20);
        var learner = Create(spec);
        Assert.IsType<SharedDqn>(learner);
        Trainer.Train(Parameters, spec.Settings, learner, new TrainingOptions { Slots = 2000, Seed = 1 });

        const int runs = 10, slots = 300;
        const ulong seed = 77;
        PolicySummary Evaluate(IOffloadingPolicy policy) =>
            PolicyEvaluation.Evaluate(Parameters, spec.Settings, policy, runs, slots, seed);
        var best = BaselineScheme.Simple.Select(b => Evaluate(b.Create())).MaxBy(r => r.Reward.Mean)!;
        var optimum = Evaluate(new PerSlotOptimum());
        var drlo = Evaluate(learner);

        var paired = Estimate.Of(Enumerable.Range(0, runs).Select(r => drlo.PerRun[Metrics.Reward][r] - best.PerRun[Metrics.Reward][r]).ToArray());
        Assert.True(paired.Low > 0, $"DRLO - {best.Policy}: {paired.Mean:F4} ± {paired.HalfWidth:F4} per slot");
        double headroom = (drlo.Reward.Mean - best.Reward.Mean) / (optimum.Reward.Mean - best.Reward.Mean);
        Assert.True(headroom > 1.0 / 3, $"headroom captured over {best.Policy}: {headroom:F3}");
    }

    [Trait("Category", "Slow")] // left out of mutation runs (scripts/mutation.sh): a training run, minutes under Stryker's coverage capture
    [Theory]
    [InlineData("true")]
    [InlineData("false")]
    public void Train_SameSeedTwice_SameModelBitForBit_AndTheSavedModelActsTheSame(string meanField)
    {
        // Without mean-field acting there is no planned term (it is priced at the self-consistent offload count): value_discount = 0.
        var spec = Spec(4, ("mean_field", meanField), ("discount", "0.85"), ("learning_starts", "200"), ("value_discount", meanField == "true" ? "0.999" : "0"));
        (ILearner Learner, byte[] Model) Train()
        {
            var learner = Create(spec);
            Trainer.Train(Parameters, spec.Settings, learner, new TrainingOptions { Slots = 600, Seed = 5 });
            using var stream = new MemoryStream();
            learner.SaveModel(stream);
            return (learner, stream.ToArray());
        }

        var (trained, first) = Train();
        Assert.Equal(first, Train().Model);

        // The saved model acts as the trained learner does, at the N it was trained on and at another (N = 30).
        var loaded = Create(spec);
        loaded.LoadModel(new MemoryStream(first));
        foreach (int miners in new[] { 4, 30 })
        {
            var settings = spec.Settings with { Miners = miners };
            var a = PolicyEvaluation.Evaluate(Parameters, settings, loaded, 2, 50, 9);
            var b = PolicyEvaluation.Evaluate(Parameters, settings, trained, 2, 50, 9);
            Assert.Equal(a.Reward.Mean, b.Reward.Mean);
        }
    }

    [Fact]
    public void LoadModel_OfOtherFeatures_NamesTheField()
    {
        var spec = Spec(2);
        var learner = Create(spec);
        var environment = new MiningEnvironment(Parameters, spec.Settings);
        environment.Reset(1);
        learner.BeginTraining(environment, 1);
        using var stream = new MemoryStream();
        learner.SaveModel(stream);
        var other = Create(Spec(2, ("features", "rank")));

        var e = Assert.Throws<InvalidDataException>(() => other.LoadModel(new MemoryStream(stream.ToArray())));

        Assert.Contains("feature flags", e.Message, StringComparison.Ordinal);
    }

    [Trait("Category", "Slow")] // left out of mutation runs (scripts/mutation.sh): a training run, minutes under Stryker's coverage capture
    [Fact]
    public void TrainSlot_AfterWarmUp_AllocatesNothing()
    {
        var spec = Spec(50, ("learning_starts", "100"));
        var learner = (SharedDqn)Create(spec);
        var environment = new MiningEnvironment(Parameters, spec.Settings);
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
    [InlineData("default", "head=joint", "drlo (default) learner options: unknown DRLO option 'head' for variant default (head is an option of variants branching, paper and paper-branching); allowed: hidden, features")]
    [InlineData("default", "features=all", "drlo (default) learner options: features 'all': allowed: own, global or rank")]
    [InlineData("default", "batch=64 replay=32", "drlo (default): replay = 32: allowed: at least the batch (64)")]
    [InlineData("branching", "features=rank", "drlo (branching) learner options: unknown DRLO option 'features' for variant branching (features is an option of variants default, shared, model-free and planner); allowed: head,")]
    [InlineData("branching", "head=joint", "drlo (branching): difference_rewards = true needs head = branching")]
    [InlineData("paper", "dueling=true", null)]
    [InlineData("model-free", "discount=0.5", null)]
    [InlineData("model-free", "both_actions=true", "drlo (model-free): both_actions = true, value_discount = 0 in the model-free variant: allowed: both_actions = false and value_discount = 0 (each needs the reward model)")]
    [InlineData("default", "mean_field=false", "drlo (default): value_discount = 0.999 with mean_field = false: allowed: value_discount = 0, or mean_field = true")]
    [InlineData("default", "mean_field=false value_discount=0", null)]
    [InlineData("default", "value_discount=1", "drlo (default) learner options: value_discount '1': allowed: a number in [0, 1) (0: no planning)")]
    public void Problem_LearnerOptions_CheckedPerVariant(string variant, string options, string? expected)
    {
        var spec = Spec(2, variant, [.. options.Split(' ').Select(o => (o[..o.IndexOf('=', StringComparison.Ordinal)], o[(o.IndexOf('=', StringComparison.Ordinal) + 1)..]))]);

        string? problem = DrloAlgorithm.Instance.Problem(spec);

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
    public void Variants_AreDefaultSharedBranchingPaperPaperBranchingModelFreePlanner_WithTheirLabelsAndLearners()
    {
        var drlo = DrloAlgorithm.Instance;
        Assert.Equal(["default", "shared", "branching", "paper", "paper-branching", "model-free", "planner"], drlo.Variants);
        Assert.Equal(["DRLO", "shared DQN (ours)", "DRLO (branching)", "DRLO (paper DQN)", "DRLO (paper DQN, branching head)", "DRLO (model-free)", "planner (learned backlog value, the model's search)"], drlo.Variants.Select(drlo.Label));
        Assert.Equal(["drlo", "drlo-shared", "drlo-branching", "drlo-paper", "drlo-paper-branching", "drlo-model-free", "drlo-planner"], drlo.Variants.Select(v => new LearnerScheme(drlo, v).Name));
        Assert.Equal(SharedDqnOptions.ModelFree, ((SharedDqn)drlo.Create(Spec(2, "model-free"))).Options);
        Assert.Equal(SharedDqnOptions.Planner, ((SharedDqn)drlo.Create(Spec(2, "planner"))).Options);
        Assert.Equal(SharedDqnOptions.Default with { HiddenSizes = SharedDqnOptions.Planner.HiddenSizes, Search = PlanSearch.Model }, SharedDqnOptions.Planner);
        Assert.IsType<SharedDqn>(drlo.Create(Spec(2)));
        Assert.IsType<SharedDqn>(drlo.Create(Spec(2, "shared")));
        Assert.Equal(SharedDqnOptions.Default, DrloAlgorithm.DefaultOptions("shared"));
        Assert.Equal(SystemDqnOptions.Branching, ((BranchingHeadDqn)drlo.Create(Spec(2, "branching"))).Options);
        Assert.Equal(SystemDqnOptions.Paper, ((JointHeadDqn)drlo.Create(Spec(2, "paper"))).Options);

        // The substitute for the joint head: the paper's values (discount 0.85, no difference rewards) with branching.
        var substitute = ((BranchingHeadDqn)drlo.Create(Spec(2, "paper-branching"))).Options;
        Assert.Equal(SystemDqnOptions.Paper with { Head = DqnHead.Branching }, substitute);
        Assert.Equal(0.85f, substitute.Discount);
        Assert.False(substitute.DifferenceRewards);

        // Only the paper's DQN, its substitute and the model-free variant learn without the reward model.
        Assert.Equal([true, true, true, false, false, false, true], drlo.Variants.Select(DrloAlgorithm.UsesRewardModel));
    }

    [Theory]
    // Difference rewards (model-assisted): the stored reward is offloading's; a local task's target is 0 + bootstrap.
    [InlineData(SharedCredit.Difference, 1, 3f, 2f, 5f)]
    [InlineData(SharedCredit.Difference, 0, 3f, 2f, 2f)]
    // Observed reward (model-free): the stored reward is the task's share of the slot reward, whichever action it took.
    [InlineData(SharedCredit.Observed, 1, 3f, 2f, 5f)]
    [InlineData(SharedCredit.Observed, 0, 3f, 2f, 5f)]
    public void TakenTarget_IsTheStoredRewardPlusTheBootstrap_LocalEarningZeroOnlyUnderDifferenceRewards(SharedCredit credit, int action, float reward, float bootstrap, float expected)
    {
        Assert.Equal(expected, SharedDqn.TakenTarget(credit, action, reward, bootstrap));
    }

    [Fact]
    public void ModelFree_StoresTheObservedSlotRewardSharedByTheTasks()
    {
        // N = 3, M = 2: one slot stores one sample per miner (no shifted copies), every task's reward r / 6 with r the
        // slot reward the environment reported, and no other number: nothing from the reward model's counterfactuals.
        var spec = Spec(3, "model-free");
        var learner = (SharedDqn)Create(spec);
        var environment = new MiningEnvironment(Presets.PaperLiteral, spec.Settings);
        environment.Reset(1);
        learner.BeginTraining(environment, 2);

        var slot = learner.TrainSlot(environment, 1.0);

        Assert.Equal(3, learner.Memory.Count);
        var states = new float[3 * learner.Memory.ObservationDim];
        var next = new float[3 * learner.Memory.ObservationDim];
        var actions = new int[3 * 2];
        var rewards = new float[3 * 2];
        learner.Memory.Sample(new EdgeMine.Randomness.Xoshiro256(1), 3, states, actions, rewards, next);
        Assert.All(rewards, r => Assert.Equal((float)(slot.Metrics.Reward / 6), r));
    }
}
