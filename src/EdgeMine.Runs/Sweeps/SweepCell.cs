using System.Globalization;
using System.Text;
using EdgeMine.Learning;
using EdgeMine.Model;
using EdgeMine.Schemes;
using EdgeMine.Settings;

namespace EdgeMine.Sweeps;

/// <summary>
/// One point of a sweep's grid: its index, its grid values (in the file's key order, as the file's canonical text, for
/// slugs and result columns), and every setting it runs with (defaults, then fixed values, then grid values), resolved
/// once, when the cell is built, into typed values: the scheme, the validated model, the environment's shape (built by
/// <see cref="RunSettings.Shape"/>), the training and evaluation plans. A setting that cannot resolve is a
/// <see cref="ConfigurationException"/> when the sweep file is read, before anything runs.
/// </summary>
public sealed class SweepCell
{
    /// <summary>Resolves the cell of <paramref name="settings"/> (every key's canonical text, by key) through <paramref name="catalog"/>.</summary>
    public SweepCell(SchemeCatalog catalog, int index, IReadOnlyList<KeyValuePair<string, string>> values, IReadOnlyDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(settings);
        Index = index;
        Values = values;
        Preset = settings["preset"];
        Parameters = ResolveParameters(Preset, settings);
        Scheme = ResolveScheme(catalog, settings["algo"], settings["variant"]);
        T Number<T>(RunSetting<T> setting)
            where T : struct, System.Numerics.INumber<T> => setting.ParseNumber(settings[setting.Key], setting.Key);
        T Checked<T>(RunSetting<T> setting)
            where T : struct, System.Numerics.INumber<T> => setting.Parse(settings[setting.Key], setting.Key);
        Environment = RunSettings.Shape(Number(RunSettings.Miners), Number(RunSettings.Tasks), Number(RunSettings.Beta), s => s.Key);
        TrainingSlots = Checked(RunSettings.TrainingSlots);
        TrainingSeed = Checked(RunSettings.Seed);
        EvaluationRuns = Checked(RunSettings.EvaluationRuns);
        EvaluationSlots = Checked(RunSettings.EvaluationSlots);
        EvaluationSeed = Checked(RunSettings.EvaluationSeed);
    }

    public int Index { get; }

    /// <summary>The grid values of this cell, in the file's key order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Values { get; }

    /// <summary>The preset's name.</summary>
    public string Preset { get; }

    /// <summary>The validated model: the preset with the sweep's model keys applied.</summary>
    public ModelParameters Parameters { get; }

    /// <summary>The scheme: a learner in the cell's variant, or a baseline (which has no variants).</summary>
    public Scheme Scheme { get; }

    /// <summary>The name of the cell's algorithm or baseline (<c>algo</c>).</summary>
    public string Algorithm => Scheme is LearnerScheme learner ? learner.Algorithm.Name : Scheme.Name;

    /// <summary>N, M and beta.</summary>
    public EnvironmentSettings Environment { get; }

    public long TrainingSlots { get; }

    public ulong TrainingSeed { get; }

    public int EvaluationRuns { get; }

    public long EvaluationSlots { get; }

    public ulong EvaluationSeed { get; }

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
    public string Describe() => Describe(Values);

    /// <summary>Grid values as <c>key=value, key=value</c> (<c>no grid</c> when there are none).</summary>
    public static string Describe(IReadOnlyList<KeyValuePair<string, string>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.Count == 0 ? "no grid" : string.Join(", ", values.Select(v => $"{v.Key}={v.Value}"));
    }

    private static Scheme ResolveScheme(SchemeCatalog catalog, string algorithm, string variant)
    {
        if (catalog.FindAlgorithm(algorithm) is { } learner)
        {
            return new LearnerScheme(learner, variant);
        }

        return variant == LearnerAlgorithm.DefaultVariant
            ? catalog.Baseline(algorithm, "algo")
            : throw new ConfigurationException($"variant {variant}: the baseline {algorithm} has no variants; allowed: {LearnerAlgorithm.DefaultVariant}");
    }

    private static ModelParameters ResolveParameters(string preset, IReadOnlyDictionary<string, string> settings)
    {
        var parameters = Presets.Get(preset);
        foreach (var key in ParameterCatalog.Keys)
        {
            if (settings.TryGetValue(key.Key, out string? value))
            {
                parameters = key.With(parameters, key.Parse(value, key.Key));
            }
        }

        return ParameterCatalog.Validate(parameters);
    }
}
