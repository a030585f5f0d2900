using System.Globalization;
using EdgeMine.Policies;
using EdgeMine.Schemes;
using EdgeMine.Sequential;
using EdgeMine.Simulation;
using EdgeMine.Training;

namespace EdgeMine.Cli;

/// <summary>
/// What <c>simulate</c> and <c>evaluate</c> run under, by one rule: a trained model's own configuration (preset,
/// parameters, N, M, beta) unless an option changes it; without a model, the options' (with their defaults). A model is
/// evaluated wherever its observation and action have the shapes it was trained on, and its notes say what it was
/// trained under.
/// </summary>
internal static class EvaluationSetup
{
    /// <summary>The setup of the options in <paramref name="parse"/>, over <paramref name="trained"/> when a model is given.</summary>
    public static ComparisonSetup Resolve(ParseResult parse, ModelOptions model, ShapeOptions shape, EvaluationOptions evaluation, TrainingConfiguration? trained)
    {
        bool Given(Option option) => parse.GetResult(option) is { Implicit: false };
        string preset = trained is null || Given(model.Preset) ? model.PresetName(parse) : trained.Preset;
        var parameters = trained is null || Given(model.Preset) ? model.ResolveParameters(parse) : model.ResolveParameters(parse, trained.Parameters);
        var settings = shape.Resolve(parse, trained?.Settings);
        return new ComparisonSetup(
            Preset: preset,
            Parameters: parameters,
            Settings: settings)
        {
            Runs = evaluation.Runs.Value(parse),
            Slots = evaluation.Slots.Value(parse),
            Seed = evaluation.Seed.Value(parse),
        };
    }

    /// <summary>A model can be evaluated where its observation and action have the shapes it was trained on.</summary>
    public static void CheckShape(string directory, TrainingConfiguration configuration, ComparisonSetup setup)
    {
        var trained = configuration.Settings;
        var evaluated = setup.Settings;
        if (trained.Miners != evaluated.Miners || trained.TasksPerMiner != evaluated.TasksPerMiner || trained.ExtendedObservation != evaluated.ExtendedObservation)
        {
            throw new UsageException(string.Create(
                CultureInfo.InvariantCulture,
                $"--model {UserInput.Quote(directory)}: trained on N = {trained.Miners}, M = {trained.TasksPerMiner}; evaluated at N = {evaluated.Miners}, M = {evaluated.TasksPerMiner}; allowed: the shapes it was trained on (its observation and action lengths)"));
        }
    }

    /// <summary>
    /// What a reader needs about a model beside its numbers: its directory, its algorithm and variant, and the
    /// configuration it was trained under (with the range of its training seeds when it has several).
    /// </summary>
    public static Dictionary<string, string> ModelNotes(string directory, IReadOnlyList<TrainingConfiguration> seeds)
    {
        var configuration = seeds[0];
        return new Dictionary<string, string>
        {
            ["model"] = directory,
            ["algorithm"] = configuration.Learner.Algorithm.Name,
            ["variant"] = configuration.Learner.Variant,
            ["trained_under"] = seeds.Count == 1
                ? configuration.ToString()
                : string.Create(CultureInfo.InvariantCulture, $"{configuration} (seeds {configuration.Seed} to {seeds[^1].Seed})"),
        };
    }

    /// <summary>
    /// A baseline's policy, ready to run under <paramref name="setup"/>: a sequential reference prepares first (tunes,
    /// solves, or refuses in one line) and brings its notes; any other baseline has none.
    /// </summary>
    public static (IOffloadingPolicy Policy, IReadOnlyDictionary<string, string>? Notes) Prepare(BaselineScheme baseline, ComparisonSetup setup)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        var policy = baseline.Create();
        if (policy is not ISequentialReference sequential)
        {
            return (policy, null);
        }

        sequential.Prepare(setup.Parameters, setup.Settings);
        return (policy, sequential.Notes);
    }
}
