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
            ["hidden", "features", "mean_field", "last_offloads", "discount", "learning_rate", "learning_rate_decay", "batch", "replay", "target_sync", "gradient_clip", "double_dqn", "learning_starts", "updates_per_slot", "both_actions", "shifted_counts", "exploration_tasks", "reward_clip", "value_discount", "value_step", "value_decay", "refine_count"],
            SharedDqnOptions.Default.KeyNames());
    }
}
