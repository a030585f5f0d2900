using EdgeMine.Learning.Dqn;

namespace EdgeMine.Tests.Learning.Dqn;

/// <summary>The settings every DRLO variant shares are checked by one rule, whichever variant holds them.</summary>
public sealed class DqnOptionsTests
{
    public static TheoryData<string> Variants => ["paper", "branching", "default"];

    private static DqnOptions Defaults(string variant) => variant switch
    {
        "paper" => SystemDqnOptions.Paper,
        "branching" => SystemDqnOptions.Branching,
        _ => SharedDqnOptions.Default,
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Problem_LearningStartsZero_IsRefusedByEveryVariant(string variant)
    {
        var options = Defaults(variant);
        // An update samples the replay memory, so learning starts after at least one stored transition: 0 is refused by
        // the check and by the key alike (before issue 23 the joint/branching check let 0 through, their key did not).
        string? problem = (options with { LearningStarts = 0 }).Problem(tasks: 2);

        Assert.StartsWith("batch = 128, target_sync = 250, learning_starts = 0, updates_per_slot = 1: allowed: positive integers", problem, StringComparison.Ordinal);
        var error = Assert.Throws<ConfigurationException>(() => options.With([KeyValuePair.Create("learning_starts", "0")], "here"));
        Assert.Equal("here: learning_starts '0': allowed: a positive integer", error.Message);
        Assert.Null((options with { LearningStarts = 1 }).Problem(tasks: 2));
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void With_ASharedKey_KeepsTheVariantsType(string variant)
    {
        var options = Defaults(variant);
        var changed = options.With([KeyValuePair.Create("discount", "0.5"), KeyValuePair.Create("hidden", "8,4")], "here");

        Assert.IsType(options.GetType(), changed);
        Assert.Equal(0.5f, changed.Discount);
        Assert.Equal([8, 4], changed.HiddenSizes);
        Assert.Equal(options with { Discount = 0.5f, HiddenSizes = changed.HiddenSizes }, changed);
    }

    [Fact]
    public void KeyNames_ListEachVariantsKeysInItsOwnOrder()
    {
        Assert.Equal(
            ["head", "double_dqn", "dueling", "difference_rewards", "learning_rate", "discount", "batch", "replay", "target_sync", "gradient_clip", "loss", "hidden", "learning_starts", "updates_per_slot"],
            SystemDqnOptions.Paper.KeyNames());
        Assert.Equal(
            ["hidden", "features", "mean_field", "last_offloads", "discount", "learning_rate", "learning_rate_decay", "batch", "replay", "target_sync", "gradient_clip", "double_dqn", "learning_starts", "updates_per_slot", "both_actions", "shifted_counts", "exploration_tasks", "reward_clip", "value_discount", "value_step", "value_decay", "refine_count", "plan_search"],
            SharedDqnOptions.Default.KeyNames());
    }

    [Theory]
    [InlineData(new int[0], "hidden = : allowed: one or more positive widths, e.g. 300,200")]
    [InlineData(new[] { 4, 0 }, "hidden = 4,0: allowed: one or more positive widths, e.g. 300,200")]
    [InlineData(new[] { -1 }, "hidden = -1: allowed: one or more positive widths, e.g. 300,200")]
    public void Problem_HiddenWidths_OneOrMorePositive(int[] hidden, string expected)
    {
        Assert.Equal(expected, (SystemDqnOptions.Paper with { HiddenSizes = hidden }).Problem(tasks: 2));
        Assert.Null((SystemDqnOptions.Paper with { HiddenSizes = [1] }).Problem(tasks: 2));
        Assert.StartsWith("hidden = : allowed: one or more positive widths, e.g. 64,64", (SharedDqnOptions.Default with { HiddenSizes = [] }).Problem(tasks: 2), StringComparison.Ordinal);
    }

    [Fact]
    public void Problem_EachSharedSetting_AtAndPastItsEdge()
    {
        var paper = SystemDqnOptions.Paper;

        // The discount lies in [0, 1], both ends allowed.
        Assert.Null((paper with { Discount = 0 }).Problem(2));
        Assert.Null((paper with { Discount = 1 }).Problem(2));
        Assert.Equal("discount = -0.1: allowed: a number in [0, 1]", (paper with { Discount = -0.1f }).Problem(2));
        Assert.Equal("discount = 1.5: allowed: a number in [0, 1]", (paper with { Discount = 1.5f }).Problem(2));

        // The learning rate and the gradient clip are positive and finite.
        foreach (float bad in new[] { 0f, -1f, float.NaN, float.PositiveInfinity })
        {
            Assert.StartsWith("learning_rate = ", (paper with { LearningRate = bad }).Problem(2), StringComparison.Ordinal);
            Assert.StartsWith("gradient_clip = ", (paper with { GradientClipNorm = bad }).Problem(2), StringComparison.Ordinal);
        }

        Assert.Equal("learning_rate = 0: allowed: a positive number", (paper with { LearningRate = 0 }).Problem(2));
        Assert.Equal("gradient_clip = -1: allowed: a positive number", (paper with { GradientClipNorm = -1 }).Problem(2));
        Assert.Null((paper with { LearningRate = 1e-9f, GradientClipNorm = 1e-9f }).Problem(2));

        // Batch, target sync, learning starts and updates per slot are positive integers, each checked.
        const string Allowed = ": allowed: positive integers";
        Assert.Equal("batch = 0, target_sync = 250, learning_starts = 1000, updates_per_slot = 1" + Allowed, (paper with { BatchSize = 0 }).Problem(2));
        Assert.Equal("batch = 128, target_sync = 0, learning_starts = 1000, updates_per_slot = 1" + Allowed, (paper with { TargetSyncInterval = 0 }).Problem(2));
        Assert.Equal("batch = 128, target_sync = 250, learning_starts = 1000, updates_per_slot = 0" + Allowed, (paper with { UpdatesPerSlot = 0 }).Problem(2));
        Assert.Null((paper with { BatchSize = 1, TargetSyncInterval = 1, UpdatesPerSlot = 1 }).Problem(2));

        // The replay holds at least one batch.
        Assert.Null((paper with { ReplayCapacity = 128 }).Problem(2));
        Assert.Equal("replay = 127: allowed: at least the batch (128)", (paper with { ReplayCapacity = 127 }).Problem(2));
    }

    [Fact]
    public void Validate_ThrowsTheProblem_OrNothing()
    {
        var error = Assert.Throws<ArgumentException>(() => (SystemDqnOptions.Paper with { ReplayCapacity = 127 }).Validate(2));
        Assert.Equal("replay = 127: allowed: at least the batch (128)", error.Message);
        SystemDqnOptions.Paper.Validate(2);
    }
}
