using EdgeMine.Model;
using EdgeMine.Settings;
using EdgeMine.Tuning;

namespace EdgeMine.Experiments;

/// <summary>What to reproduce, and where.</summary>
/// <param name="Preset">The preset's name.</param>
/// <param name="Parameters">The preset's parameters, with any --config/--set overrides.</param>
/// <param name="OutDirectory">The output directory (cells, CSVs, figures, report).</param>
/// <param name="Sizes">The sizes: the paper's or the quick ones.</param>
public sealed record ReproductionOptions(
    string Preset,
    ModelParameters Parameters,
    string OutDirectory,
    ReproductionSizes Sizes)
{
    public bool Quick { get; init; }

    /// <summary>The names of the experiments to run (<see cref="Reproduction.ParseOnly"/>), in report order; empty for all.</summary>
    public IReadOnlyCollection<string> Only { get; init; } = [];

    /// <summary>Cells run in parallel (default: all cores).</summary>
    public int Jobs { get; init; } = Environment.ProcessorCount;

    public ulong Seed { get; init; } = RunSettings.Seed.Default;

    /// <summary>The config keys whose values differ from the preset's (from --config and --set), with the values in force.</summary>
    public IReadOnlyList<KeyValuePair<string, ParameterValue>> Overrides =>
        ParameterCatalog.Overrides(Presets.Get(Preset), Parameters);

    /// <summary>
    /// Another reproduction's directory whose claims the report sets beside this run's ("Presets compared": e.g. this
    /// run under a calibration's paper-fit.json against the calibrated preset's run), or null.
    /// </summary>
    public string? CompareWith { get; init; }

    /// <summary>
    /// A calibration's output directory (<c>edgemine calibrate</c>), whose points tell a "preset" cause from a "model"
    /// one (MODEL.md section 11), or null: those causes are then undetermined.
    /// </summary>
    public string? CalibrationDirectory { get; init; }

    /// <summary>
    /// The tuned values the learners run with (<c>--tuned</c>: a tuning's tuned.json; by default
    /// <see cref="TunedValues.DefaultFile"/> when it exists), or null: every learner at its variant's defaults.
    /// </summary>
    public TunedValues? Tuned { get; init; }

    /// <summary>The experiments this reproduction runs, in report order.</summary>
    internal IReadOnlyList<Experiment> Experiments => Reproduction.Experiments.Where(e => Only.Count == 0 || Only.Contains(e.Name)).ToArray();
}
