using EdgeMine.Experiments;

namespace EdgeMine.Tuning;

/// <summary>
/// The budget of <c>edgemine tune</c>, the same for every learner: <see cref="Configurations"/> configurations (the
/// incumbent defaults and a Latin hypercube over the learner's space), each trained on <see cref="TrainingSeeds"/>
/// tuning seeds for <see cref="TrainingSlots"/> slots at one setting and evaluated on <see cref="EvaluationRuns"/> runs
/// of <see cref="EvaluationSlots"/> slots.
/// </summary>
/// <param name="Configurations">Configurations per learner, the defaults included (at least 1).</param>
/// <param name="TrainingSeeds">Tuning training seeds per configuration (at least 2, for an interval).</param>
/// <param name="TrainingSlots">Training slots (the reproduction's, so that the tuned values fit the length they run at).</param>
/// <param name="EvaluationRuns">Evaluation runs per trained model.</param>
/// <param name="EvaluationSlots">Slots per evaluation run.</param>
/// <param name="Miners">N of the tuning setting.</param>
/// <param name="Tasks">M of the tuning setting.</param>
/// <param name="Beta">beta of the tuning setting.</param>
public sealed record TuningSizes(int Configurations, int TrainingSeeds, long TrainingSlots, int EvaluationRuns, long EvaluationSlots, int Miners, int Tasks, double Beta)
{
    /// <summary>
    /// The real run: 8 configurations x 3 seeds per learner at Table II's N = 5, M = 2, beta 0.5 (the setting at which
    /// the paper's DRLO-against-RLO claims are judged, and where the paper's joint head fits), trained for the paper's
    /// 10,000 slots, evaluated on 10 runs of 200 slots. About 25 minutes on 2 loaded cores (docs/tuning.md).
    /// </summary>
    public static TuningSizes Default { get; } = new(8, 3, Paper.TrainingSlots, 10, 200, 5, 2, 0.5);

    /// <summary>A first look and the tests: 3 configurations x 2 seeds at N = 2, M = 2, 300 training slots.</summary>
    public static TuningSizes Quick { get; } = new(3, 2, 300, 2, 50, 2, 2, 0.5);

    /// <summary>The tuning setting.</summary>
    internal Setting Setting => new(Miners, Tasks, Beta);
}
