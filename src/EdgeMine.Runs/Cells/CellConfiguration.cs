using EdgeMine.Model;
using EdgeMine.Schemes;

namespace EdgeMine.Cells;

/// <summary>
/// The configuration a cell ran under, written into its result so that the file states it whole: the preset and every
/// config key whose value differs from it, the shape, and the scheme (a learner's algorithm and variant, its training
/// slots). The evaluation plan (runs, slots per run, seed) and the training seed are the result's own fields.
/// </summary>
/// <param name="Preset">The preset's name.</param>
/// <param name="Overrides">The config keys that differ from the preset, with the values in force.</param>
/// <param name="Miners">N.</param>
/// <param name="Tasks">M.</param>
/// <param name="Beta">The cost weight beta.</param>
/// <param name="Algorithm">The learning algorithm, or the baseline's name.</param>
/// <param name="Variant">The learner's variant, or null for a baseline.</param>
/// <param name="TrainingSlots">Training slots of a learner this cell trains, else null.</param>
public sealed record CellConfiguration(
    string Preset, IReadOnlyDictionary<string, ParameterValue> Overrides, int Miners, int Tasks, double Beta, string Algorithm, string? Variant, long? TrainingSlots)
{
    /// <summary>The configuration of <paramref name="spec"/>.</summary>
    public static CellConfiguration Of(CellSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var preset = Presets.Get(spec.Preset);
        var learner = spec.Scheme as LearnerScheme;
        return new CellConfiguration(
            spec.Preset,
            ParameterCatalog.Overrides(preset, spec.Parameters).ToDictionary(o => o.Key, o => o.Value),
            spec.Settings.Miners,
            spec.Settings.TasksPerMiner,
            spec.Settings.Beta,
            learner?.Algorithm.Name ?? spec.Scheme.Name,
            learner?.Variant,
            spec.Training?.Slots);
    }
}
