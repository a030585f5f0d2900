using EdgeMine.Settings;

namespace EdgeMine.Experiments;

/// <summary>Sizes of a reproduction: the paper's (default) or the quick ones for tests and a first look.</summary>
public sealed record ReproductionSizes
{
    /// <summary>Training slots per learner (paper: 10,000).</summary>
    public required long TrainingSlots { get; init; }

    /// <summary>Independent training seeds per learner and setting (MODEL.md section 11; the paper trains once).</summary>
    public required int TrainingSeeds { get; init; }

    /// <summary>Evaluation runs per scheme and setting (paper: 50).</summary>
    public required int EvaluationRuns { get; init; }

    /// <summary>Slots per evaluation run (not given by the paper).</summary>
    public required long EvaluationSlots { get; init; }

    /// <summary>M values of Figs. 5-6 (paper: 2..12).</summary>
    public required IReadOnlyList<int> SingleMinerTasks { get; init; }

    /// <summary>N values of Tables II-III (paper: 5 and 10).</summary>
    public required IReadOnlyList<int> MultiMiners { get; init; }

    /// <summary>Arrival sizes d of Fig. 7 (kbit; paper: 10..100).</summary>
    public required IReadOnlyList<double> ArrivalKbits { get; init; }

    /// <summary>N values of the scaling experiment (beyond the paper; issue 13: 1 to 1,000).</summary>
    public required IReadOnlyList<int> ScalingMiners { get; init; }

    public static ReproductionSizes Paper { get; } = new()
    {
        TrainingSlots = Experiments.Paper.TrainingSlots,
        TrainingSeeds = 5,
        EvaluationRuns = Experiments.Paper.EvaluationRuns,
        EvaluationSlots = RunSettings.EvaluationSlots.Default,
        SingleMinerTasks = [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
        MultiMiners = [.. Experiments.Paper.TableMiners],
        ArrivalKbits = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100],
        ScalingMiners = [1, 10, 100, 1000],
    };

    public static ReproductionSizes Quick { get; } = new()
    {
        // Past DRLO's 1,000 warm-up transitions, so that the quick run's learners do learn a little.
        TrainingSlots = 1_500,
        TrainingSeeds = 2,
        EvaluationRuns = 4,
        EvaluationSlots = 100,
        SingleMinerTasks = [2, 4],
        MultiMiners = [2, 3],
        ArrivalKbits = [10, 50, 100],
        ScalingMiners = [1, 4, 20],
    };
}
