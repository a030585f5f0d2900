using EdgeMine.Model;

namespace EdgeMine.Learning;

/// <summary>
/// The training loop shared by all learners (<see cref="TrainingRun"/>), run in memory: epsilon-greedy acting,
/// stepping, learning and the learning curve.
/// </summary>
public static class Trainer
{
    /// <summary>
    /// Trains <paramref name="learner"/> and returns its learning curve, held in memory (no checkpoints: for tests and
    /// benchmarks; a training directory of EdgeMine.Runs streams the curve to disk and checkpoints the
    /// <see cref="TrainingRun"/>).
    /// </summary>
    public static IReadOnlyList<CurveRow> Train(
        ModelParameters parameters,
        EnvironmentSettings settings,
        ILearner learner,
        TrainingOptions options,
        Action<TrainingProgress>? progress = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var curve = new List<CurveRow>((int)Math.Min(options.Slots, 1_000_000));
        var run = new TrainingRun(parameters, settings, learner, options);
        run.Loop(curve.Add, checkpoint: null, progress, cancellation);
        return curve;
    }
}
