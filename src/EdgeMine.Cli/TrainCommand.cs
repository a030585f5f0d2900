using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using EdgeMine.Learning;

namespace EdgeMine.Cli;

/// <summary><c>edgemine train</c>: trains a learner and writes its directory (config, curve, model; checkpoints while running).</summary>
public static class TrainCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var model = new ModelOptions();
        var algorithm = new Option<string>("--algo") { Description = $"Learner: {string.Join(", ", LearnerCatalog.Algorithms)}.", Required = true };
        var variant = new Option<string>("--variant")
        {
            Description = "Learner configuration: default (EdgeMine's); for drlo also paper (the paper-faithful DQN); for rl-privacy also no-dyna, no-pds, no-hotboot, plain.",
            DefaultValueFactory = _ => "default",
        };
        var learnerOptions = new Option<string[]>("--learner")
        {
            Description = $"DRLO option over the variant's, key=value (repeatable): {string.Join(", ", DqnAgentOptions.OptionKeys)}; e.g. --learner head=joint --learner dueling=true.",
        };
        var outDirectory = new Option<string>("--out") { Description = "Directory for config.json, curve.csv, model.bin.", Required = true };
        var checkpointEvery = new Option<long>("--checkpoint-every") { Description = "Write a checkpoint every K slots (0: never).", DefaultValueFactory = _ => 1000 };
        var resume = new Option<bool>("--resume") { Description = "Continue the run in --out from its last checkpoint." };
        var extended = new Option<bool>("--extended-observation") { Description = "Add the MEC backlog Q/(F dt) to the observation." };

        var command = new Command("train", "Train a learner (RLO, DRLO, or the privacy baselines CMDP and RL-privacy) and write its learning curve, model and configuration.");
        model.AddModelTo(command);
        model.AddRunTo(command);
        command.Options.Add(algorithm);
        command.Options.Add(variant);
        command.Options.Add(learnerOptions);
        command.Options.Add(outDirectory);
        command.Options.Add(checkpointEvery);
        command.Options.Add(resume);
        command.Options.Add(extended);
        command.SetAction(parse =>
        {
            var configuration = new TrainingConfiguration
            {
                Algorithm = parse.GetValue(algorithm)!,
                Variant = parse.GetValue(variant) ?? "default",
                LearnerOptions = ParseLearnerOptions(parse.GetValue(learnerOptions) ?? []),
                Preset = parse.GetValue(model.Preset) ?? "calibrated",
                Parameters = model.ResolveParameters(parse),
                Settings = model.ResolveSettings(parse) with { ExtendedObservation = parse.GetValue(extended) },
                Slots = model.ResolveSlots(parse),
                Seed = parse.GetValue(model.Seed),
            };
            if (LearnerCatalog.Check(configuration) is { } problem)
            {
                throw new UsageException(problem);
            }

            long every = parse.GetValue(checkpointEvery);
            if (every < 0)
            {
                throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--checkpoint-every {every}: allowed: 0 (never) or a positive number of slots"));
            }

            string directory = parse.GetValue(outDirectory)!;
            var clock = Stopwatch.StartNew();
            var status = ProgressDisplay.Run(error, $"train {configuration.Algorithm}", configuration.Slots, sink =>
                TrainingDirectory.Train(configuration, directory, every, parse.GetValue(resume), p =>
                {
                    double rate = p.Slot / Math.Max(1e-9, clock.Elapsed.TotalSeconds);
                    sink.Report(p.Slot, string.Create(
                        CultureInfo.InvariantCulture,
                        $"{rate:F0} slots/s, reward (moving avg) {p.MovingAverage:F3}, epsilon {p.Epsilon:F3}"));
                }));
            output.WriteLine(status switch
            {
                TrainingStatus.AlreadyComplete => $"{directory} already holds the finished model of this configuration; nothing to do",
                TrainingStatus.Resumed => string.Create(CultureInfo.InvariantCulture, $"resumed and finished {configuration} in {clock.Elapsed.TotalSeconds:F1} s; wrote {directory}"),
                _ => string.Create(CultureInfo.InvariantCulture, $"trained {configuration} in {clock.Elapsed.TotalSeconds:F1} s; wrote {directory}"),
            });
            return 0;
        });
        return command;
    }

    private static SortedDictionary<string, string> ParseLearnerOptions(string[] assignments)
    {
        var options = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (string assignment in assignments)
        {
            int eq = assignment.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new UsageException($"--learner '{assignment}': expected key=value, e.g. --learner head=joint");
            }

            options[assignment[..eq].Trim()] = assignment[(eq + 1)..].Trim();
        }

        return options;
    }
}
