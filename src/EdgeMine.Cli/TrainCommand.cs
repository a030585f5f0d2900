using System.Diagnostics;
using System.Globalization;
using EdgeMine.Learning;
using EdgeMine.Learning.Dqn;
using EdgeMine.Learning.Tabular;
using EdgeMine.Schemes;
using EdgeMine.Settings;
using EdgeMine.Training;

namespace EdgeMine.Cli;

/// <summary><c>edgemine train</c>: trains a learner and writes its directory (config, curve, model; checkpoints while running).</summary>
internal static class TrainCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var model = new ModelOptions();
        var shape = new ShapeOptions();
        var slots = new RunOption<long>(RunSettings.TrainingSlots);
        var seed = new RunOption<ulong>(RunSettings.Seed);
        var seeds = new RunOption<int>(RunSettings.TrainingSeeds);
        var catalog = SchemeCatalog.Full;
        var algorithm = new Option<string>("--algo")
        {
            Description = $"Learner: {string.Join("; ", catalog.Algorithms.Select(a => $"{a.Name} ({a.Description})"))}.",
            Required = true,
        };
        var variant = new Option<string>("--variant")
        {
            Description = $"Learner configuration: {string.Join("; ", catalog.Algorithms.Select(a => $"{a.Name}: {string.Join(", ", a.Variants)}"))}.",
            DefaultValueFactory = _ => LearnerAlgorithm.DefaultVariant,
        };
        var learnerOptions = new Option<string[]>("--learner")
        {
            Description = $"Learner option over the variant's, key=value (repeatable); drlo by variant: {string.Join("; ", DrloAlgorithm.Instance.Variants.Select(v => $"{v}: {string.Join(", ", DrloAlgorithm.OptionKeys(v))}"))}; rlo: {string.Join(", ", RloAlgorithm.OptionKeys)}; e.g. --learner hidden=128,128, --learner reward=team.",
        };
        var outDirectory = new Option<string>("--out")
        {
            Description = $"Directory for config.json, curve.csv, model.bin; with {RunSettings.TrainingSeeds.Option} S > 1, for seeds.json and seed-1 to seed-S (seeds --seed to --seed + S - 1), one run each.",
            Required = true,
        };
        var checkpointEvery = new Option<long>("--checkpoint-every") { Description = "Write a checkpoint every K slots (0: never).", DefaultValueFactory = _ => 1000 };
        var resume = new Option<bool>("--resume") { Description = "Continue the run in --out from its last checkpoint." };
        var extended = new Option<bool>("--extended-observation") { Description = "Add the MEC backlog Q/(F dt) to the observation." };

        var command = new Command("train", "Train a learner (RLO, DRLO, or the privacy baselines CMDP and RL-privacy) and write its learning curve, model and configuration.");
        model.AddTo(command);
        shape.AddTo(command);
        command.AddOptions(slots.Option, seed.Option, seeds.Option, algorithm, variant, learnerOptions, outDirectory, checkpointEvery, resume, extended);
        command.SetAction(parse =>
        {
            var learner = catalog.Algorithm(parse.GetValue(algorithm)!, "--algo");
            var configuration = new TrainingConfiguration
            {
                Learner = new LearnerScheme(learner, parse.GetValue(variant) ?? LearnerAlgorithm.DefaultVariant),
                LearnerOptions = ParseLearnerOptions(parse.GetValue(learnerOptions) ?? []),
                Preset = model.PresetName(parse),
                Parameters = model.ResolveParameters(parse),
                Settings = shape.Resolve(parse) with { ExtendedObservation = parse.GetValue(extended) },
                Slots = slots.Value(parse),
                Seed = seed.Value(parse),
            };
            if (configuration.Problem() is { } problem)
            {
                throw new UsageException(problem);
            }

            long every = parse.GetValue(checkpointEvery);
            if (every < 0)
            {
                throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--checkpoint-every {every}: allowed: 0 (never) or a positive number of slots"));
            }

            string directory = parse.GetValue(outDirectory)!;
            int count = seeds.Value(parse);
            var clock = Stopwatch.StartNew();
            var statuses = ProgressDisplay.Run(error, $"train {configuration.Learner.Name}{(count > 1 ? string.Create(CultureInfo.InvariantCulture, $", {count} seeds") : "")}", configuration.Slots * count, sink =>
                TrainingDirectory.TrainSeeds(configuration, count, directory, every, parse.GetValue(resume), (k, p) =>
                {
                    double rate = p.Slot / Math.Max(1e-9, clock.Elapsed.TotalSeconds);
                    sink.Report(((k - 1) * configuration.Slots) + p.Slot, string.Create(
                        CultureInfo.InvariantCulture,
                        $"{(count > 1 ? $"seed {k}/{count}, " : "")}reward (moving avg) {p.MovingAverage:F3}, epsilon {p.Epsilon:F3}"));
                }));
            string what = count > 1 ? string.Create(CultureInfo.InvariantCulture, $"{configuration} with {count} seeds ({configuration.Seed} to {configuration.Seed + (ulong)(count - 1)})") : configuration.ToString();
            output.WriteLine(statuses.All(s => s == TrainingStatus.AlreadyComplete)
                ? $"{directory} already holds the finished model{(count > 1 ? "s" : "")} of this configuration; nothing to do"
                : string.Create(CultureInfo.InvariantCulture, $"{(statuses.Any(s => s != TrainingStatus.Trained) ? "resumed and finished" : "trained")} {what} in {clock.Elapsed.TotalSeconds:F1} s; wrote {directory}"));
            return 0;
        });
        return command;
    }

    /// <summary>The <c>--learner key=value</c> options (their keys and values are checked per variant by the algorithm's <c>Problem</c>).</summary>
    private static SortedDictionary<string, string> ParseLearnerOptions(string[] assignments)
    {
        var options = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (string assignment in assignments)
        {
            var (key, value) = ModelOptions.KeyValue(assignment, "--learner", "--learner hidden=128,128");
            options[key] = value;
        }

        return options;
    }
}
