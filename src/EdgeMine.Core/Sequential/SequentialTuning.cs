namespace EdgeMine.Sequential;

/// <summary>
/// Where the sequential references (lookahead prices, the bound's multiplier) are tuned: their own seed, apart from
/// the training seeds (1, 2, ...) and the evaluation's (1000 and the runs derived from it), and the size of the sample.
/// </summary>
public static class SequentialTuning
{
    /// <summary>The seed of the tuning runs: run r replays <c>PolicyEvaluation.EnvironmentSeed(Seed, r)</c>.</summary>
    public const ulong Seed = 500;

    /// <summary>Runs per tuning sample.</summary>
    public const int Runs = 2;

    /// <summary>Task-slots per tuning run (N M times slots), so that a larger system tunes on fewer slots.</summary>
    public const long TaskSlotsPerRun = 40_000;

    /// <summary>Fewest and most slots per tuning run: long enough for the backlog to settle, short enough at N = 1.</summary>
    public const long MinSlots = 1_000;

    /// <inheritdoc cref="MinSlots"/>
    public const long MaxSlots = 4_000;

    /// <summary>Slots per tuning run for <paramref name="tasks"/> tasks (N M).</summary>
    public static long Slots(int tasks) => Math.Clamp(TaskSlotsPerRun / Math.Max(1, tasks), MinSlots, MaxSlots);
}
