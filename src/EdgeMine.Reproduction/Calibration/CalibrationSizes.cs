using EdgeMine.Experiments;

namespace EdgeMine.Calibration;

/// <summary>How many points a calibration tries and how long it evaluates each.</summary>
/// <param name="LatinPoints">Points of the space-filling start (a Latin hypercube).</param>
/// <param name="Starts">Best start points refined by Nelder-Mead.</param>
/// <param name="EvaluationsPerStart">Objective evaluations of each refinement.</param>
/// <param name="Runs">Evaluation runs per scheme and setting (common seeds across points).</param>
/// <param name="Slots">Slots per evaluation run.</param>
public sealed record CalibrationSizes(
    int LatinPoints,
    int Starts,
    int EvaluationsPerStart,
    int Runs,
    long Slots)
{
    /// <summary>The experiments' settings (N of Tables II-III, M of Figs. 5-6, d of Fig. 7): the paper's by default.</summary>
    public ReproductionSizes Settings { get; init; } = ReproductionSizes.Paper;

    /// <summary>
    /// The points with the lowest search objective that are evaluated again, on <see cref="NoiseBatches"/> batches of
    /// <see cref="Runs"/> runs each, to tell their differences from their noise (issue 21: the default run's top 12 lay
    /// within 0.331-0.340, closer than one batch's noise).
    /// </summary>
    public int TopPoints { get; init; } = 12;

    /// <summary>Batches of the top points' re-evaluation (5 x the search's runs in all), each on its own common seeds.</summary>
    public int NoiseBatches { get; init; } = 5;

    /// <summary>The default size: MODEL.md section 12's at least 500 points, in about 5 minutes on two cores.</summary>
    public static CalibrationSizes Default { get; } = new(
        LatinPoints: 500,
        Starts: 3,
        EvaluationsPerStart: 60,
        Runs: 10,
        Slots: 200);

    /// <summary>
    /// A first look in under a minute: few points, runs and slots, and every other M of Figs. 5-6 and d of Fig. 7
    /// (enough for their trends and rankings).
    /// </summary>
    public static CalibrationSizes Quick { get; } = new(
        LatinPoints: 24,
        Starts: 1,
        EvaluationsPerStart: 8,
        Runs: 4,
        Slots: 40)
    {
        Settings = ReproductionSizes.Paper with { SingleMinerTasks = [2, 4, 6, 8, 10, 12], ArrivalKbits = [10, 40, 70, 100] },
        TopPoints = 4,
        NoiseBatches = 3,
    };
}
