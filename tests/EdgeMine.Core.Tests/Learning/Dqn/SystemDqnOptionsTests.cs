using EdgeMine.Learning.Dqn;

namespace EdgeMine.Tests.Learning.Dqn;

/// <summary>The joint and branching heads' settings: their shapes, their sizes against the limits, their keys.</summary>
public sealed class SystemDqnOptionsTests
{
    [Fact]
    public void GroupsAndGroupSize_JointIsOneGroupOfTwoToTheTasks_BranchingIsOneBranchOfTwoPerTask()
    {
        Assert.Equal((1, 8), (SystemDqnOptions.Paper.Groups(3), SystemDqnOptions.Paper.GroupSize(3)));
        Assert.Equal((3, 2), (SystemDqnOptions.Branching.Groups(3), SystemDqnOptions.Branching.GroupSize(3)));
    }

    [Fact]
    public void Sizes_JointHead_InputsOutputsAndTransitionBytes()
    {
        // Two tasks: 3 x 2 + 1 = 7 inputs, 2^2 = 4 outputs; weights of hidden 10,000,000: 8 x 1e7 + (1e7 + 1) x 4 =
        // 120,000,004. A transition: 8 x 7 + 8 x 2 = 72 bytes, so 2^32 / 72 = 59,652,323 transitions fit.
        var paper = SystemDqnOptions.Paper;
        Assert.Equal(
            "hidden = 10000000: 120000004 weights with 7 inputs and 4 outputs; allowed: at most 50000000 (about 20 bytes each with Adam and the target network)",
            (paper with { HiddenSizes = [10_000_000], BatchSize = 1, ReplayCapacity = 1 }).Problem(2));
        Assert.Null((paper with { ReplayCapacity = 59_652_323 }).Problem(2));
        Assert.Equal(
            "replay = 59652324: 59652324 x 72 bytes; allowed: at most 4294967296 bytes of transitions (59652323 here)",
            (paper with { ReplayCapacity = 59_652_324 }).Problem(2));
    }

    [Fact]
    public void Sizes_BranchingHead_InputsOutputsAndTransitionBytes()
    {
        // Three tasks: 10 inputs, 2 x 3 = 6 outputs; hidden 10,000,000: 11 x 1e7 + (1e7 + 1) x 6 = 170,000,006.
        // A transition: 8 x 10 + 8 x 3 = 104 bytes: 2^32 / 104 = 41,297,762 transitions fit.
        var branching = SystemDqnOptions.Branching;
        Assert.Equal(
            "hidden = 10000000: 170000006 weights with 10 inputs and 6 outputs; allowed: at most 50000000 (about 20 bytes each with Adam and the target network)",
            (branching with { HiddenSizes = [10_000_000], BatchSize = 1, ReplayCapacity = 1 }).Problem(3));
        Assert.Null((branching with { ReplayCapacity = 41_297_762 }).Problem(3));
        Assert.StartsWith("replay = 41297763: 41297763 x 104 bytes;", (branching with { ReplayCapacity = 41_297_763 }).Problem(3), StringComparison.Ordinal);
    }

    [Fact]
    public void JointHead_AtMost4096Actions_BranchingAny()
    {
        Assert.Equal(
            "head = joint has 2^(N M) = 2^13 outputs; allowed: 2^(N M) <= 4096 (use head = branching)",
            SystemDqnOptions.Paper.Problem(13));
        Assert.StartsWith("head = joint has 2^(N M) = 2^40 outputs", SystemDqnOptions.Paper.Problem(40), StringComparison.Ordinal);
        Assert.Null(SystemDqnOptions.Branching.Problem(40));
        Assert.Equal(
            "difference_rewards = true needs head = branching; add difference_rewards=false for a joint head",
            (SystemDqnOptions.Paper with { DifferenceRewards = true }).Problem(2));
    }

    [Fact]
    public void Keys_ParseAndReadTheirValues()
    {
        var changed = SystemDqnOptions.Paper.With(
            [new("head", "branching"), new("dueling", "true"), new("difference_rewards", "1"), new("loss", "huber"), new("double_dqn", "true"),
             new("learning_rate", "0.0005"), new("batch", "64"), new("replay", "1000"), new("target_sync", "10"), new("gradient_clip", "5"),
             new("learning_starts", "50"), new("updates_per_slot", "2"), new("hidden", "16,8"), new("discount", "0.5")],
            "here");
        Assert.Equal(
            new SystemDqnOptions
            {
                Head = DqnHead.Branching, Dueling = true, DifferenceRewards = true, Loss = DqnLoss.Huber, DoubleDqn = true, LearningRate = 0.0005f,
                BatchSize = 64, ReplayCapacity = 1000, TargetSyncInterval = 10, GradientClipNorm = 5, LearningStarts = 50, UpdatesPerSlot = 2,
                HiddenSizes = changed.HiddenSizes, Discount = 0.5f,
            },
            changed);
        Assert.Equal([16, 8], changed.HiddenSizes);

        var keys = SystemDqnOptions.Keys.ToDictionary(k => k.Name);
        string Read(string key, SystemDqnOptions options) => keys[key].Read!(options);
        Assert.Equal(("branching", "true", "true", "huber", "true"), (Read("head", changed), Read("dueling", changed), Read("difference_rewards", changed), Read("loss", changed), Read("double_dqn", changed)));
        Assert.Equal(("joint", "false", "false", "mse", "false"), (Read("head", SystemDqnOptions.Paper), Read("dueling", SystemDqnOptions.Paper), Read("difference_rewards", SystemDqnOptions.Paper), Read("loss", SystemDqnOptions.Paper), Read("double_dqn", SystemDqnOptions.Paper)));
        Assert.Equal(("0.0005", "64", "1000", "10", "5", "50", "2", "16,8", "0.5"), (Read("learning_rate", changed), Read("batch", changed), Read("replay", changed), Read("target_sync", changed), Read("gradient_clip", changed), Read("learning_starts", changed), Read("updates_per_slot", changed), Read("hidden", changed), Read("discount", changed)));
        Assert.Equal(SystemDqnOptions.Paper with { HiddenSizes = SystemDqnOptions.Branching.HiddenSizes }, SystemDqnOptions.Branching.With([new("head", "joint"), new("loss", "mse"), new("double_dqn", "false"), new("difference_rewards", "0"), new("learning_rate", "0.001")], "here"));

        Assert.Equal("here: head 'both': allowed: joint or branching", Assert.Throws<ConfigurationException>(() => SystemDqnOptions.Paper.With([new("head", "both")], "here")).Message);
        Assert.Equal("here: loss 'l1': allowed: mse or huber", Assert.Throws<ConfigurationException>(() => SystemDqnOptions.Paper.With([new("loss", "l1")], "here")).Message);
        Assert.Equal("here: dueling 'yes': allowed: true or false", Assert.Throws<ConfigurationException>(() => SystemDqnOptions.Paper.With([new("dueling", "yes")], "here")).Message);
        Assert.Equal("here: discount '1.5': allowed: a number in [0, 1]", Assert.Throws<ConfigurationException>(() => SystemDqnOptions.Paper.With([new("discount", "1.5")], "here")).Message);
        Assert.Equal("here: hidden '8,x': allowed: comma-separated positive widths, e.g. 300,200", Assert.Throws<ConfigurationException>(() => SystemDqnOptions.Paper.With([new("hidden", "8,x")], "here")).Message);
    }

    [Fact]
    public void Presets_ThePapersValuesAndTheBranchingVariantsChanges()
    {
        // MODEL.md section 7 and [Alg. 2]: 300-200, discount 0.85, replay 1e5, batch 128, squared loss, joint head; section 9:
        // Adam 1e-3, target every 250 updates, clip 10, from 1,000 transitions, one update per slot.
        var paper = SystemDqnOptions.Paper;
        Assert.Equal([300, 200], paper.HiddenSizes);
        Assert.Equal((0.85f, 1e-3f, 128, 100_000, 250, 10f, 1_000, 1), (paper.Discount, paper.LearningRate, paper.BatchSize, paper.ReplayCapacity, paper.TargetSyncInterval, paper.GradientClipNorm, paper.LearningStarts, paper.UpdatesPerSlot));
        Assert.Equal((DqnLoss.Mse, DqnHead.Joint, false, false, false), (paper.Loss, paper.Head, paper.Dueling, paper.DoubleDqn, paper.DifferenceRewards));
        Assert.Equal([300, 200], SystemDqnOptions.Branching.HiddenSizes);
        Assert.Equal(paper with { HiddenSizes = SystemDqnOptions.Branching.HiddenSizes, Head = DqnHead.Branching, DoubleDqn = true, DifferenceRewards = true, LearningRate = 2e-4f }, SystemDqnOptions.Branching);
    }
}
