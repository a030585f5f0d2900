using System.Globalization;
using System.Text;
using EdgeMine.Learning;
using EdgeMine.Model;
using EdgeMine.Policies;

namespace EdgeMine.Sweeps;

/// <summary>
/// One point of a sweep's grid: its index, its grid values (in the file's key order) and every setting it runs with
/// (defaults, then fixed values, then grid values), as canonical text.
/// </summary>
public sealed class SweepCell(int index, IReadOnlyList<KeyValuePair<string, string>> values, IReadOnlyDictionary<string, string> settings)
{
    private ModelParameters? _parameters;

    public int Index { get; } = index;

    /// <summary>The grid values of this cell, in the file's key order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Values { get; } = values;

    /// <summary>Every setting: run settings and the model keys that the sweep sets.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; } = settings;

    /// <summary>The cell's directory name: <c>INDEX-key=value_key=value</c>, readable and unique (the index alone is).</summary>
    public string Slug
    {
        get
        {
            var text = new StringBuilder();
            text.Append(Index.ToString(CultureInfo.InvariantCulture)).Append('-');
            text.Append(Values.Count == 0 ? "cell" : string.Join('_', Values.Select(v => $"{v.Key}={v.Value}")));
            var safe = new StringBuilder(text.Length);
            foreach (char c in text.ToString())
            {
                safe.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '=' or '-' or '+' or '_' ? c : '_');
            }

            // File names have limits; the index keeps a shortened name unique.
            return safe.Length <= 120 ? safe.ToString() : safe.ToString(0, 120);
        }
    }

    /// <summary>The grid values as <c>key=value, key=value</c>, for messages and listings.</summary>
    public string Describe() => Values.Count == 0 ? "no grid" : string.Join(", ", Values.Select(v => $"{v.Key}={v.Value}"));

    public string Algorithm => Settings["algo"];

    public string Variant => Settings["variant"];

    public string Preset => Settings["preset"];

    /// <summary>True when the algorithm is a learner (trained, then evaluated); baselines are only evaluated.</summary>
    public bool IsLearner => LearnerCatalog.Algorithms.Contains(Algorithm);

    public EnvironmentSettings Environment => new()
    {
        Miners = Int("miners"),
        TasksPerMiner = Int("tasks"),
        Beta = Double("beta"),
    };

    public long TrainingSlots => long.Parse(Settings["slots"], CultureInfo.InvariantCulture);

    public ulong TrainingSeed => ulong.Parse(Settings["seed"], CultureInfo.InvariantCulture);

    public int EvaluationRuns => Int("eval_runs");

    public long EvaluationSlots => long.Parse(Settings["eval_slots"], CultureInfo.InvariantCulture);

    public ulong EvaluationSeed => ulong.Parse(Settings["eval_seed"], CultureInfo.InvariantCulture);

    /// <summary>The validated model: the preset with the sweep's model keys applied (throws <see cref="ConfigurationException"/>).</summary>
    public ModelParameters Parameters => _parameters ??= ResolveParameters();

    /// <summary>The training configuration of a learner cell.</summary>
    public TrainingConfiguration TrainingConfiguration => new()
    {
        Algorithm = Algorithm,
        Variant = Variant,
        Preset = Preset,
        Parameters = Parameters,
        Settings = Environment,
        Slots = TrainingSlots,
        Seed = TrainingSeed,
    };

    private ModelParameters ResolveParameters()
    {
        var parameters = Presets.Find(Preset) ?? throw new ConfigurationException($"preset {Preset}: unknown; allowed: {string.Join(", ", Presets.Names)}");
        foreach (var key in ParameterCatalog.Keys)
        {
            if (Settings.TryGetValue(key.Key, out string? value))
            {
                parameters = key.With(parameters, double.Parse(value, CultureInfo.InvariantCulture));
            }
        }

        return ParameterCatalog.Validate(parameters);
    }

    /// <summary>Why this cell cannot run (a learner that rejects the setting, an unknown variant), or null.</summary>
    public string? Problem()
    {
        if (IsLearner)
        {
            return LearnerCatalog.Check(TrainingConfiguration);
        }

        return Variant == "default" ? null : $"variant {Variant}: the baseline {Algorithm} has no variants; allowed: default";
    }

    /// <summary>A new instance of a baseline cell's policy.</summary>
    public IOffloadingPolicy CreateBaseline() =>
        PolicyCatalog.CreateBaseline(Algorithm) ?? throw new InvalidOperationException($"{Algorithm} is not a baseline");

    private int Int(string key) => int.Parse(Settings[key], CultureInfo.InvariantCulture);

    private double Double(string key) => double.Parse(Settings[key], CultureInfo.InvariantCulture);
}
