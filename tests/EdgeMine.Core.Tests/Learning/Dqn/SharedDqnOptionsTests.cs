using EdgeMine.Learning.Dqn;

namespace EdgeMine.Tests.Learning.Dqn;

/// <summary>The shared learner's settings: what each check allows at and past its edge, the sizes, the flags, the keys.</summary>
public sealed class SharedDqnOptionsTests
{
    private static readonly SharedDqnOptions Default = SharedDqnOptions.Default;

    [Fact]
    public void Defaults_AndTheModelFreeVariant()
    {
        Assert.Equal([64, 64], Default.HiddenSizes);
        Assert.Equal((0f, true, MinerFeatureSet.Global, true, false, 0, 0f), (Default.Discount, Default.DoubleDqn, Default.Features, Default.MeanField, Default.LastOffloads, Default.LearningRateDecayUpdates, Default.RewardClip));
        Assert.Equal((true, true, 10.0, 0.999, 0.1, 4_000, false, SharedCredit.Difference), (Default.BothActions, Default.ShiftedCounts, Default.ExplorationTasks, Default.ValueDiscount, Default.ValueStep, Default.ValueDecaySweeps, Default.RefineCount, Default.Credit));
        Assert.True(Default.Plans);
        var modelFree = SharedDqnOptions.ModelFree;
        Assert.Equal((SharedCredit.Observed, false, false, 0.0, 0.9f, false), (modelFree.Credit, modelFree.BothActions, modelFree.ShiftedCounts, modelFree.ValueDiscount, modelFree.Discount, modelFree.Plans));
        Assert.Null(modelFree.Problem(2));
        Assert.Null(Default.Problem(2));
    }

    [Theory]
    // The feature set's number, | 0x100 with last offloads, | 0x200 with mean field.
    [InlineData(MinerFeatureSet.Own, false, false, 0)]
    [InlineData(MinerFeatureSet.Global, false, true, 0x201)]
    [InlineData(MinerFeatureSet.Rank, true, false, 0x102)]
    [InlineData(MinerFeatureSet.Rank, true, true, 0x302)]
    public void FeatureFlags_AreTheSetAndTwoBits(MinerFeatureSet set, bool lastOffloads, bool meanField, int expected)
    {
        Assert.Equal(expected, (Default with { Features = set, LastOffloads = lastOffloads, MeanField = meanField, ValueDiscount = 0 }).FeatureFlags);
    }

    [Fact]
    public void Sizes_TheSameForEveryN_FromTheLargestM()
    {
        // M at most 64: 3 x 64 + 8 = 200 inputs, 2 x 64 = 128 outputs; hidden 200,000: 201 x 200,000 + 200,001 x 128 =
        // 65,800,128 weights. A sample: 4 x (200 + 4 x 64) = 1,824 bytes, so 2^32 / 1,824 = 2,354,696 fit.
        Assert.Equal(
            "hidden = 200000: 65800128 weights with 200 inputs and 128 outputs; allowed: at most 50000000 (about 20 bytes each with Adam and the target network)",
            (Default with { HiddenSizes = [200_000] }).Problem(2));
        Assert.Null((Default with { ReplayCapacity = 2_354_696 }).Problem(1_000));
        Assert.StartsWith("replay = 2354697: 2354697 x 1824 bytes;", (Default with { ReplayCapacity = 2_354_697 }).Problem(1), StringComparison.Ordinal);
    }

    [Fact]
    public void VariantProblem_EachCheck_AtAndPastItsEdge()
    {
        Assert.Null((Default with { LearningRateDecayUpdates = 0 }).Problem(2));
        Assert.Equal("learning_rate_decay = -1: allowed: 0 (constant) or a positive number of updates", (Default with { LearningRateDecayUpdates = -1 }).Problem(2));

        Assert.Null((Default with { RewardClip = 0 }).Problem(2));
        Assert.Equal("reward_clip = -1: allowed: 0 (not clipped) or a positive number", (Default with { RewardClip = -1 }).Problem(2));
        Assert.Equal("reward_clip = NaN: allowed: 0 (not clipped) or a positive number", (Default with { RewardClip = float.NaN }).Problem(2));
        Assert.StartsWith("reward_clip = ", (Default with { RewardClip = float.PositiveInfinity }).Problem(2), StringComparison.Ordinal);

        Assert.Null((Default with { ValueDiscount = 0 }).Problem(2));
        Assert.Equal("value_discount = -0.5: allowed: a number in [0, 1) (0: no planning)", (Default with { ValueDiscount = -0.5 }).Problem(2));
        Assert.Equal("value_discount = 1: allowed: a number in [0, 1) (0: no planning)", (Default with { ValueDiscount = 1 }).Problem(2));
        Assert.Null((Default with { Search = PlanSearch.Model }).Problem(2));
        Assert.Equal(
            "plan_search = model with value_discount = 0: allowed: plan_search = network, or a value_discount in (0, 1) (the model's search prices the learned value of the backlog)",
            (Default with { Search = PlanSearch.Model, ValueDiscount = 0 }).Problem(2));

        // The model-free credit needs neither the counterfactual of both actions nor planning.
        Assert.Equal(
            "both_actions = true, value_discount = 0 in the model-free variant: allowed: both_actions = false and value_discount = 0 (each needs the reward model)",
            (SharedDqnOptions.ModelFree with { BothActions = true }).Problem(2));
        Assert.Equal(
            "both_actions = false, value_discount = 0.5 in the model-free variant: allowed: both_actions = false and value_discount = 0 (each needs the reward model)",
            (SharedDqnOptions.ModelFree with { ValueDiscount = 0.5 }).Problem(2));
        Assert.Null((Default with { BothActions = false }).Problem(2)); // the difference credit may train one action

        Assert.Equal(
            "value_discount = 0.999 with mean_field = false: allowed: value_discount = 0, or mean_field = true (the planned term is priced at the learner's self-consistent offload count)",
            (Default with { MeanField = false }).Problem(2));

        Assert.Null((Default with { ValueStep = 1 }).Problem(2));
        Assert.Equal("value_step = 0, value_decay = 4000: allowed: a step in (0, 1] and a positive number of sweeps", (Default with { ValueStep = 0 }).Problem(2));
        Assert.StartsWith("value_step = 1.5,", (Default with { ValueStep = 1.5 }).Problem(2), StringComparison.Ordinal);
        Assert.Equal("value_step = 0.1, value_decay = 0: allowed: a step in (0, 1] and a positive number of sweeps", (Default with { ValueDecaySweeps = 0 }).Problem(2));
        Assert.Null((Default with { ValueDecaySweeps = 1 }).Problem(2));

        Assert.Null((Default with { ExplorationTasks = 0.5 }).Problem(2));
        Assert.Equal("exploration_tasks = 0: allowed: a positive number", (Default with { ExplorationTasks = 0 }).Problem(2));
        Assert.StartsWith("exploration_tasks = ", (Default with { ExplorationTasks = double.PositiveInfinity }).Problem(2), StringComparison.Ordinal);
        Assert.StartsWith("exploration_tasks = ", (Default with { ExplorationTasks = double.NaN }).Problem(2), StringComparison.Ordinal);
    }

    [Fact]
    public void Keys_ParseEachValue()
    {
        var changed = Default.With(
            [new("features", "rank"), new("mean_field", "false"), new("last_offloads", "true"), new("learning_rate_decay", "0"), new("both_actions", "false"),
             new("shifted_counts", "false"), new("exploration_tasks", "2.5"), new("reward_clip", "0"), new("value_discount", "0"), new("value_step", "1"),
             new("value_decay", "7"), new("refine_count", "true"), new("plan_search", "model")],
            "here");
        Assert.Equal(
            Default with
            {
                Features = MinerFeatureSet.Rank, MeanField = false, LastOffloads = true, LearningRateDecayUpdates = 0, BothActions = false,
                ShiftedCounts = false, ExplorationTasks = 2.5, RewardClip = 0, ValueDiscount = 0, ValueStep = 1, ValueDecaySweeps = 7, RefineCount = true,
                Search = PlanSearch.Model,
            },
            changed);
        Assert.Equal(MinerFeatureSet.Own, Default.With([new("features", "own")], "here").Features);
        Assert.Equal(MinerFeatureSet.Global, (Default with { Features = MinerFeatureSet.Own }).With([new("features", "global")], "here").Features);
        Assert.Equal((100, 0.25f, 0.5), (Default.With([new("learning_rate_decay", "100"), new("reward_clip", "0.25"), new("value_discount", "0.5")], "here") is var o ? (o.LearningRateDecayUpdates, o.RewardClip, o.ValueDiscount) : default));

        string Refused(string key, string value) => Assert.Throws<ConfigurationException>(() => Default.With([new(key, value)], "here")).Message;
        Assert.Equal("here: features 'all': allowed: own, global or rank", Refused("features", "all"));
        Assert.Equal("here: value_discount '1': allowed: a number in [0, 1) (0: no planning)", Refused("value_discount", "1"));
        Assert.Equal("here: value_discount '-0.1': allowed: a number in [0, 1) (0: no planning)", Refused("value_discount", "-0.1"));
        Assert.Equal("here: value_step '0': allowed: a number in (0, 1]", Refused("value_step", "0"));
        Assert.Equal("here: value_decay '0': allowed: a positive number of sweeps", Refused("value_decay", "0"));
        Assert.Equal("here: plan_search 'exact': allowed: network or model", Refused("plan_search", "exact"));
        Assert.Equal(PlanSearch.Network, SharedDqnOptions.Planner.With([new("plan_search", "network")], "here").Search);
        Assert.Equal("here: exploration_tasks '0': allowed: a positive number", Refused("exploration_tasks", "0"));
        Assert.Equal("here: learning_rate_decay '-1': allowed: 0 (constant) or a positive number of updates", Refused("learning_rate_decay", "-1"));
        Assert.Equal("here: reward_clip '-1': allowed: 0 (not clipped) or a positive number", Refused("reward_clip", "-1"));
        Assert.Equal("here: hidden '0': allowed: comma-separated positive widths, e.g. 64,64", Refused("hidden", "0"));
    }
}
