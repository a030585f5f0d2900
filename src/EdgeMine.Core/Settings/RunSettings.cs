using System.Globalization;
using EdgeMine.Model;

namespace EdgeMine.Settings;

/// <summary>
/// The run settings, each with its one default and range. The largest sizes are set by memory: N M tasks cost about 200
/// bytes each in the environment, so a million tasks fit in 200 MB; learners check what they need on top of that.
/// </summary>
public static class RunSettings
{
    /// <summary>Most tasks of one environment (N M): about 200 MB of environment state.</summary>
    public const int MaxTasks = 1_000_000;

    public static RunSetting<int> Miners { get; } = new("miners", "--miners", "N, the number of miners", 1, 1, MaxTasks);

    /// <summary>Most tasks per miner M.</summary>
    public const int MaxTasksPerMiner = 64;

    public static RunSetting<int> Tasks { get; } = new("tasks", "--tasks", "M, mining-task streams per miner", 2, 1, MaxTasksPerMiner);

    public static RunSetting<double> Beta { get; } = new("beta", "--beta", "the weight of energy in the cost; latency gets 1 - beta", 0.5, 0, 1);

    /// <summary>Training slots: memory does not grow with them (the curve streams to disk), but the curve takes about 80 bytes per slot on disk, 8 GB at the limit.</summary>
    public static RunSetting<long> TrainingSlots { get; } = new("slots", "--slots", "training slots", 10_000, 1, 100_000_000);

    public static RunSetting<ulong> Seed { get; } = new("seed", "--seed", "the training seed; every random draw of training derives from it", 1, 0, ulong.MaxValue);

    /// <summary>
    /// Independent training seeds per learner (MODEL.md section 11): a learner's number is the mean over them, its
    /// interval a t-interval over the per-seed means. Not a sweep key: a sweep grids over <see cref="Seed"/> instead.
    /// </summary>
    public static RunSetting<int> TrainingSeeds { get; } = new("seeds", "--seeds", "independent training seeds per learner", 1, 1, 100);

    public static RunSetting<int> EvaluationRuns { get; } = new("eval_runs", "--runs", "independent evaluation runs", 20, 1, 100_000);

    public static RunSetting<long> EvaluationSlots { get; } = new("eval_slots", "--slots", "slots per evaluation run", 1_000, 1, 1_000_000_000);

    public static RunSetting<ulong> EvaluationSeed { get; } = new("eval_seed", "--seed", "the evaluation seed; run r of every policy meets the same arrivals and channels", 1_000, 0, ulong.MaxValue);

    /// <summary>
    /// The environment settings of N miners with M tasks and weight beta, each checked, and N M at most
    /// <see cref="MaxTasks"/>; errors name each setting as <paramref name="name"/> gives it (its option or its key).
    /// </summary>
    public static EnvironmentSettings Shape(int miners, int tasks, double beta, Func<RunSetting, string> name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Miners.Check(miners, name(Miners));
        Tasks.Check(tasks, name(Tasks));
        Beta.Check(beta, name(Beta));
        if ((long)miners * tasks > MaxTasks)
        {
            throw new ConfigurationException(string.Create(
                CultureInfo.InvariantCulture, $"{name(Miners)} {miners} x {name(Tasks)} {tasks}: allowed: at most {MaxTasks} tasks (N M) in one environment"));
        }

        return new EnvironmentSettings { Miners = miners, TasksPerMiner = tasks, Beta = beta };
    }

    /// <summary>Every run setting of one run (and so a sweep key), in the order files and tables list them.</summary>
    public static IReadOnlyList<RunSetting> All { get; } = [Miners, Tasks, Beta, TrainingSlots, Seed, EvaluationRuns, EvaluationSlots, EvaluationSeed];

    /// <summary>The setting with key <paramref name="key"/>, or null.</summary>
    public static RunSetting? Find(string key) => All.FirstOrDefault(s => s.Key == key);
}
