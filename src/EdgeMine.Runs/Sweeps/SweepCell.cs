using System.Globalization;
using System.Text;
using EdgeMine.Learning;
using EdgeMine.Model;
using EdgeMine.Schemes;
using EdgeMine.Settings;

namespace EdgeMine.Sweeps;

/// <summary>
/// One point of a sweep's grid: its index, its grid values (in the file's key order) and every setting it runs with
/// (defaults, then fixed values, then grid values), as canonical text, resolved to a scheme, a model and run settings.
/// </summary>
public sealed class SweepCell(SweepDefinition definition, int index, IReadOnlyList<KeyValuePair<string, string>> values, IReadOnlyDictionary<string, string> settings)
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

    /// <summary>The name of the cell's algorithm or baseline (<c>algo</c>).</summary>
    public string Algorithm => Settings["algo"];

    public string Variant => Settings["variant"];

    public string Preset => Settings["preset"];

    /// <summary>The scheme: a learner in the cell's variant, or a baseline (which has no variants).</summary>
    public Scheme Scheme
    {
        get
        {
            if (definition.Catalog.FindAlgorithm(Algorithm) is { } algorithm)
            {
                return new LearnerScheme(algorithm, Variant);
            }

            return Variant == LearnerAlgorithm.DefaultVariant
                ? definition.Catalog.Baseline(Algorithm, "algo")
                : throw new ConfigurationException($"variant {Variant}: the baseline {Algorithm} has no variants; allowed: {LearnerAlgorithm.DefaultVariant}");
        }
    }

    public EnvironmentSettings Environment => new()
    {
        Miners = Get(RunSettings.Miners),
        TasksPerMiner = Get(RunSettings.Tasks),
        Beta = Get(RunSettings.Beta),
    };

    public long TrainingSlots => Get(RunSettings.TrainingSlots);

    public ulong TrainingSeed => Get(RunSettings.Seed);

    public int EvaluationRuns => Get(RunSettings.EvaluationRuns);

    public long EvaluationSlots => Get(RunSettings.EvaluationSlots);

    public ulong EvaluationSeed => Get(RunSettings.EvaluationSeed);

    /// <summary>The validated model: the preset with the sweep's model keys applied (throws <see cref="ConfigurationException"/>).</summary>
    public ModelParameters Parameters => _parameters ??= ResolveParameters();

    private ModelParameters ResolveParameters()
    {
        var parameters = Presets.Find(Preset) ?? throw new ConfigurationException($"preset {Preset}: unknown; allowed: {string.Join(", ", Presets.Names)}");
        foreach (var key in ParameterCatalog.Keys)
        {
            if (Settings.TryGetValue(key.Key, out string? value))
            {
                parameters = key.With(parameters, key.Parse(value, key.Key));
            }
        }

        return ParameterCatalog.Validate(parameters);
    }

    private T Get<T>(RunSetting<T> setting)
        where T : struct, System.Numerics.INumber<T> => setting.Parse(Settings[setting.Key], setting.Key);
}
