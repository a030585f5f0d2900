using EdgeMine.Learning;
using EdgeMine.Learning.Dqn;
using EdgeMine.Learning.Tabular;
using EdgeMine.Model;

namespace EdgeMine.Tests.Learning;

/// <summary>What an algorithm can train (its variants, N and M, its learner options), each refusal in one line.</summary>
public sealed class LearnerAlgorithmTests
{
    private static LearnerSpec Spec(string variant, int miners = 2, int tasks = 1, params (string Key, string Value)[] options) =>
        new(variant, options.ToDictionary(o => o.Key, o => o.Value), new EnvironmentSettings { Miners = miners, TasksPerMiner = tasks, Beta = 0.5 });

    [Fact]
    public void Problem_UnknownVariant_NamesTheAlgorithmsVariants()
    {
        Assert.Equal("variant 'fast': unknown for drlo; allowed: default, shared, branching, paper, paper-branching, model-free, planner", DrloAlgorithm.Instance.Problem(Spec("fast")));
        Assert.Equal("variant 'fast': unknown for rlo; allowed: default, backlog", RloAlgorithm.Instance.Problem(Spec("fast")));
        Assert.Throws<ArgumentNullException>(() => DrloAlgorithm.Instance.Problem(null!));
    }

    [Fact]
    public void Problem_ASingleMinerScheme_TakesOneMinerOnly()
    {
        var single = new SingleMiner();
        Assert.Equal("--miners 2: ONE is single-miner; allowed: 1", single.Problem(Spec("default", miners: 2)));
        Assert.Null(single.Problem(Spec("default", miners: 1, tasks: 3)));
        Assert.Equal("--tasks 4: ONE learns at most 3 tasks per miner; allowed: 1 to 3", single.Problem(Spec("default", miners: 1, tasks: 4)));
        Assert.Equal(["default"], single.Variants);
        Assert.Equal("one", single.ToString());
    }

    [Fact]
    public void Problem_LearnerOptions_OnlyForTheAlgorithmsThatTakeThem()
    {
        Assert.Equal(
            "learner options (a, b): only drlo and rlo take learner options; one is configured by its variant",
            new SingleMiner().Problem(Spec("default", miners: 1, tasks: 1, ("a", "1"), ("b", "2"))));
    }

    [Fact]
    public void Problem_TooManyTasksPerMiner_ForDrloAndRlo()
    {
        Assert.False(DrloAlgorithm.Instance.IsSingleMiner);
        Assert.Equal(64, DrloAlgorithm.Instance.MaxTasksPerMiner);
        Assert.Equal("--tasks 65: DRLO learns at most 64 tasks per miner; allowed: 1 to 64", DrloAlgorithm.Instance.Problem(Spec("default", tasks: 65)));
        Assert.Equal(20, RloAlgorithm.Instance.MaxTasksPerMiner);
        Assert.Equal("--tasks 21: RLO learns at most 20 tasks per miner; allowed: 1 to 20", RloAlgorithm.Instance.Problem(Spec("default", miners: 1, tasks: 21)));
    }

    [Fact]
    public void Drlo_AnOptionOfNoVariant_ListsTheVariantsKeys()
    {
        Assert.Equal(
            "drlo (paper) learner options: unknown DRLO option 'gamma' for variant paper; allowed: head, double_dqn, dueling, difference_rewards, learning_rate, discount, batch, replay, target_sync, gradient_clip, loss, hidden, learning_starts, updates_per_slot",
            DrloAlgorithm.Instance.Problem(Spec("paper", options: ("gamma", "0.9"))));
        Assert.Equal(
            "drlo (paper): head = joint has 2^(N M) = 2^13 outputs; allowed: 2^(N M) <= 4096 (use head = branching)",
            DrloAlgorithm.Instance.Problem(Spec("paper", miners: 13)));
    }

    [Fact]
    public void Drlo_NamesAndOptions()
    {
        var drlo = DrloAlgorithm.Instance;
        Assert.Equal("drlo", drlo.Name);
        Assert.Equal("drlo", drlo.ToString());
        Assert.StartsWith("deep Q-network (the paper's DRLO)", drlo.Description, StringComparison.Ordinal);
        Assert.Equal(SystemDqnOptions.Paper.KeyNames(), DrloAlgorithm.OptionKeys("paper-branching"));
        Assert.Equal(SharedDqnOptions.Default.KeyNames(), DrloAlgorithm.OptionKeys("model-free"));
        Assert.Equal(SystemDqnOptions.Branching, DrloAlgorithm.DefaultOptions("branching"));
        Assert.Equal("variant fast: unknown for drlo (Parameter 'variant')", Assert.Throws<ArgumentException>(() => DrloAlgorithm.DefaultOptions("fast")).Message);
        Assert.Equal(0.5f, DrloAlgorithm.Options(Spec("paper", options: ("discount", "0.5"))).Discount);
        Assert.Throws<ArgumentNullException>(() => DrloAlgorithm.Options(null!));
        Assert.Equal("drlo (paper) learner options: discount '2': allowed: a number in [0, 1]", Assert.Throws<ConfigurationException>(() => DrloAlgorithm.Options(Spec("paper", options: ("discount", "2")))).Message);
    }

    [Fact]
    public void Rlo_NamesOptionsAndLearner()
    {
        var rlo = RloAlgorithm.Instance;
        Assert.Equal("rlo", rlo.Name);
        Assert.Equal("tabular Q-learning, one learner per miner (the paper's RLO)", rlo.Description);
        Assert.Equal(["learning_rate", "discount", "reward", "unseen_state", "backlog_bins", "d1_bins"], RloAlgorithm.OptionKeys);
        var learner = Assert.IsType<TabularQLearner>(rlo.Create(Spec("backlog", options: ("discount", "0.5"))));
        Assert.Equal(QLearningOptions.Default with { BacklogBins = 8, Discount = 0.5 }, learner.Options);
        Assert.Equal("rlo", learner.Name);
        Assert.Throws<ArgumentNullException>(() => RloAlgorithm.Options(null!));
    }

    /// <summary>A single-miner scheme of at most 3 tasks, with the base's variants and configuration check.</summary>
    private sealed class SingleMiner : LearnerAlgorithm
    {
        public override string Name => "one";

        public override string Description => "a single-miner scheme";

        public override bool IsSingleMiner => true;

        public override int MaxTasksPerMiner => 3;

        public override string Label(string variant) => "ONE";

        public override ILearner Create(LearnerSpec spec) => throw new NotSupportedException();
    }
}
