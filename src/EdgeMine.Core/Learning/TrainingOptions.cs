namespace EdgeMine.Learning;

/// <summary>How long and how to train.</summary>
public sealed record TrainingOptions
{
    /// <summary>T, training slots (the paper: 10,000).</summary>
    public required long Slots { get; init; }

    /// <summary>The run's seed: the environment and the learner derive their generators from it.</summary>
    public required ulong Seed { get; init; }

    /// <summary>Write a checkpoint every this many slots (0: never).</summary>
    public long CheckpointEvery { get; init; }

    /// <summary>Window of the moving-average reward of the learning curve (slots).</summary>
    public int MovingAverageWindow { get; init; } = 100;

    public EpsilonSchedule Epsilon { get; init; } = new();
}
