using System.Diagnostics;
using EdgeMine.Learning;
using EdgeMine.Model;
using EdgeMine.Schemes;
using EdgeMine.Settings;
using EdgeMine.Training;

namespace EdgeMine.Benchmarks;

/// <summary>
/// Training time per slot of a learner (<c>edgemine bench train</c>): <c>train</c>'s loop in memory, on one thread,
/// under the calibrated preset at the default beta.
/// </summary>
public static class TrainingBenchmark
{
    /// <summary>
    /// Wall seconds to train <paramref name="learner"/> for <paramref name="slots"/> slots at N = <paramref name="miners"/>,
    /// M = <paramref name="tasks"/> from <paramref name="seed"/>; a learner that cannot train there is a
    /// <see cref="ConfigurationException"/> that says why.
    /// </summary>
    public static double Seconds(LearnerScheme learner, int miners, int tasks, long slots, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(learner);
        var configuration = new TrainingConfiguration
        {
            Learner = learner,
            Preset = Presets.Names[0],
            Parameters = Presets.Calibrated,
            Settings = RunSettings.Shape(miners, tasks, RunSettings.Beta.Default, s => s.Option),
            Slots = slots,
            Seed = seed,
        };
        if (configuration.Problem() is { } problem)
        {
            throw new ConfigurationException(problem);
        }

        var trained = configuration.CreateLearner();
        var clock = Stopwatch.StartNew();
        Trainer.Train(configuration.Parameters, configuration.Settings, trained, new TrainingOptions { Slots = slots, Seed = seed });
        return clock.Elapsed.TotalSeconds;
    }
}
