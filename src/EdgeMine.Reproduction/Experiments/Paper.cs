namespace EdgeMine.Experiments;

/// <summary>
/// What the paper (Nguyen et al., IEEE TNSM 2020, Sec. IV) fixes for all its experiments, as MODEL.md section 8 gives it.
/// Each experiment keeps its own reported numbers in its own file. The paper swaps the names of [28] and [29] in one
/// sentence; MODEL.md's mapping (CMDP = [28], RL-privacy = [29]) is used everywhere.
/// </summary>
internal static class Paper
{
    /// <summary>Training slots per learner.</summary>
    public const long TrainingSlots = 10_000;

    /// <summary>Evaluation runs (independent seeds) per scheme.</summary>
    public const int EvaluationRuns = 50;

    /// <summary>The N values of Tables II-III.</summary>
    public static IReadOnlyList<int> TableMiners { get; } = [5, 10];

    /// <summary>The M values of Figs. 5-6: 2 to 12.</summary>
    public const int LargestTasks = 12;

    public const string Title = "Reproduction of \"Privacy-Preserved Task Offloading in Mobile Blockchain with Deep Reinforcement Learning\" (Nguyen et al., IEEE TNSM 2020)";
}
