using System.Numerics;
using System.Text.Json;

namespace EdgeMine.Settings;

/// <summary>
/// One run setting: not a model parameter (those are <see cref="Model.ParameterCatalog"/>'s config keys) but how a run
/// is shaped and sized (MODEL.md section 9, last line): its key in sweep files and configurations, its command-line
/// option, its one default, its one range check and its one description. Command-line options, sweep keys, training
/// configurations and the reproduction all read them from <see cref="RunSettings"/>.
/// </summary>
public abstract class RunSetting(string key, string option, string description)
{
    /// <summary>The key in sweep files, configurations and result files (<c>miners</c>, <c>eval_runs</c>).</summary>
    public string Key { get; } = key;

    /// <summary>The command-line option of the commands that take this setting (<c>--miners</c>, <c>--runs</c>).</summary>
    public string Option { get; } = option;

    /// <summary>What the setting is, for help texts and error messages.</summary>
    public string Description { get; } = description;

    /// <summary>The default, as canonical text.</summary>
    public abstract string DefaultText { get; }

    /// <summary>What values are allowed, in words, for error messages.</summary>
    public abstract string Allowed { get; }

    /// <summary>The canonical text of a JSON value of this setting, or a <see cref="ConfigurationException"/> naming <paramref name="where"/>.</summary>
    public abstract string ReadJson(JsonElement value, string where);

    /// <summary>The canonical text of a command-line or file text, or a <see cref="ConfigurationException"/> naming <paramref name="where"/>.</summary>
    public abstract string ReadText(string text, string where);

    /// <summary>Writes a canonical text as a JSON number.</summary>
    public abstract void WriteJson(Utf8JsonWriter json, string canonical);
}

/// <summary>A numeric run setting with its default and its inclusive range.</summary>
/// <typeparam name="T">int, long, ulong or double.</typeparam>
public sealed class RunSetting<T>(string key, string option, string description, T defaultValue, T min, T max) : RunSetting(key, option, description)
    where T : struct, INumber<T>
{
    public T Default { get; } = defaultValue;

    public T Min { get; } = min;

    public T Max { get; } = max;

    public override string DefaultText => Format(Default);

    public override string Allowed => $"{Range} ({Description})";

    private string Range =>
        typeof(T) == typeof(double) ? $"a number in [{Format(Min)}, {Format(Max)}]"
        : typeof(T) == typeof(ulong) && Min == T.Zero && Max == T.CreateTruncating(ulong.MaxValue) ? "an integer in [0, 2^64)"
        : Min == T.One ? $"a positive integer up to {Format(Max)}"
        : $"an integer from {Format(Min)} to {Format(Max)}";

    /// <summary><paramref name="value"/> when it lies in the range, else a <see cref="ConfigurationException"/>: "<c>where value: allowed: ...</c>".</summary>
    public T Check(T value, string where) =>
        Admits(value)
            ? value
            : throw new ConfigurationException($"{where} {Format(value)}: allowed: {Allowed}");

    /// <summary>True when <paramref name="value"/> lies in the range (and is finite).</summary>
    public bool Admits(T value) => T.IsFinite(value) && value >= Min && value <= Max;

    /// <summary>Parses canonical (or user) text of this setting, invariant culture, and checks its range.</summary>
    public T Parse(string text, string where) =>
        TryParse(text, out T value)
            ? Check(value, where)
            : throw new ConfigurationException($"{where} {UserInput.Quote(text)}: allowed: {Allowed}");

    /// <summary>Reads <paramref name="text"/> as a value of this setting's type (invariant culture), without checking its range.</summary>
    public bool TryParse(string text, out T value) =>
        T.TryParse(text, typeof(T) == typeof(double) ? NumberStyles.Float : NumberStyles.Integer, CultureInfo.InvariantCulture, out value);

    public override string ReadText(string text, string where) => Format(Parse(text, where));

    public override string ReadJson(JsonElement value, string where)
    {
        if (value.ValueKind == JsonValueKind.Number
            && T.TryParse(value.GetRawText(), typeof(T) == typeof(double) ? NumberStyles.Float : NumberStyles.Integer, CultureInfo.InvariantCulture, out T number)
            && Admits(number))
        {
            return Format(number);
        }

        throw new ConfigurationException($"{where} has value {UserInput.OneLine(value)}; allowed: {Allowed}");
    }

    public override void WriteJson(Utf8JsonWriter json, string canonical)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteRawValue(Format(Parse(canonical, Key)));
    }

    /// <summary>Invariant text of a value: integers plainly, doubles round-trippable.</summary>
    public string Format(T value) =>
        value is double d ? d.ToString("R", CultureInfo.InvariantCulture) : value.ToString(null, CultureInfo.InvariantCulture);
}

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
