using EdgeMine.Model;
using EdgeMine.Schemes;
using EdgeMine.Training;

namespace EdgeMine.Cells;

/// <summary>
/// One unit of resumable work, the same for <c>reproduce</c>, <c>sweep</c> and <c>train</c>: a scheme at a setting,
/// trained (if it learns and <see cref="Training"/> is set), then evaluated (if <see cref="Evaluation"/> is set) beside
/// <see cref="Baselines"/> on the same seeds.
/// </summary>
/// <param name="Key">The cell's name in its job: unique, and safe as a file name.</param>
/// <param name="Scheme">The baseline or learner (in its variant) the cell runs.</param>
/// <param name="Preset">The preset's name, recorded in training configurations.</param>
/// <param name="Parameters">The model parameters, validated.</param>
/// <param name="Settings">N, M and beta.</param>
public sealed record CellSpec(
    string Key,
    Scheme Scheme,
    string Preset,
    ModelParameters Parameters,
    EnvironmentSettings Settings)
{
    /// <summary>The setting's values by key, for people reading the cell's file (<c>miners</c>, <c>beta</c>, grid keys).</summary>
    public IReadOnlyDictionary<string, string> Values { get; init; } = new Dictionary<string, string>();

    /// <summary>Learner options over the variant's (DRLO), by key.</summary>
    public IReadOnlyDictionary<string, string> LearnerOptions { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Set for a learner that this cell trains; a learner without it is loaded from <see cref="ModelDirectory"/>.</summary>
    public TrainingPlan? Training { get; init; }

    /// <summary>Where a learner's model is (the training plan's directory when it trains).</summary>
    public string? ModelDirectory { get; init; }

    /// <summary>Set when the cell evaluates.</summary>
    public EvaluationPlan? Evaluation { get; init; }

    /// <summary>Baselines evaluated beside the scheme on the same seeds (sweeps: random and optimal give the optimality ratio).</summary>
    public IReadOnlyList<BaselineScheme> Baselines { get; init; } = [];

    /// <summary>The training configuration of a learner cell (its slots and seed from the training plan, or none).</summary>
    public TrainingConfiguration? TrainingConfiguration => Scheme is LearnerScheme learner
        ? new TrainingConfiguration
        {
            Learner = learner,
            LearnerOptions = LearnerOptions,
            Preset = Preset,
            Parameters = Parameters,
            Settings = Settings,
            Slots = Training?.Slots ?? 0,
            Seed = Training?.Seed ?? 0,
        }
        : null;
}
