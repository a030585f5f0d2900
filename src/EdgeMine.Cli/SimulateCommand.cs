using Spectre.Console;

namespace EdgeMine.Cli;

/// <summary><c>edgemine simulate</c>: runs a policy for R runs and prints the section 6 metrics.</summary>
internal static class SimulateCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var model = new ModelOptions();
        var shape = new ShapeOptions();
        var evaluation = new EvaluationOptions();
        var catalog = PrivacySchemes.Catalog;
        var policy = new Option<string>("--policy")
        {
            Description = $"Policy: {string.Join(", ", catalog.Baselines.Select(b => $"{b.Name} ({b.Description})"))}.",
            DefaultValueFactory = _ => "random",
        };
        var modelDirectory = new Option<string?>("--model")
        {
            Description = "Run the greedy policy of a trained learner (a directory written by 'edgemine train') instead of --policy; its configuration is used unless overridden.",
        };
        var trace = new Option<string?>("--trace") { Description = "Write the per-task CSV trace (MODEL.md section 10) of the first run to FILE." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table." };

        var command = new Command("simulate", "Run a policy on the environment and print energy, latency, privacy, cost and reward.");
        model.AddTo(command);
        shape.AddTo(command);
        evaluation.AddTo(command);
        command.Options.Add(policy);
        command.Options.Add(modelDirectory);
        command.Options.Add(trace);
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            var parameters = model.ResolveParameters(parse);
            var settings = shape.Resolve(parse);
            long slots = evaluation.Slots.Value(parse);
            int runCount = evaluation.Runs.Value(parse);
            ulong seed = evaluation.Seed.Value(parse);
            IOffloadingPolicy chosen;
            string presetName = model.PresetName(parse);
            if (parse.GetValue(modelDirectory) is { } directory)
            {
                // A trained learner fixes the model and the shape it was trained on; options given explicitly may not contradict it.
                var (configuration, learner) = TrainingDirectory.Load(directory, catalog);
                RejectExplicit(parse, directory, model.Preset, model.Config, model.Set, shape.Miners.Option, shape.Tasks.Option, shape.Beta.Option, policy);
                parameters = configuration.Parameters;
                settings = configuration.Settings;
                presetName = configuration.Preset;
                chosen = learner;
            }
            else
            {
                chosen = catalog.Baseline(parse.GetValue(policy) ?? "random", "--policy").Create();
            }

            string policyName = chosen.Name;
            string? tracePath = parse.GetValue(trace);
            if (tracePath is not null)
            {
                AtomicFile.CheckOutputPath(tracePath, trace.Name);
            }

            using var traceFile = tracePath is null ? null : AtomicFile.CreateText(tracePath);
            var traceWriter = traceFile is null ? null : new TraceWriter(traceFile);
            var summary = ProgressDisplay.Run(error, $"simulate {policyName}", runCount * slots, sink =>
                PolicyEvaluation.Evaluate(parameters, settings, chosen, runCount, slots, seed, traceWriter, new SinkProgress(sink)));
            traceFile?.Commit();

            if (parse.GetValue(json))
            {
                output.WriteLine(Output.JsonObject(j =>
                {
                    j.WriteString("policy", summary.Policy);
                    j.WriteString("preset", presetName);
                    j.WriteNumber("miners", settings.Miners);
                    j.WriteNumber("tasks", settings.TasksPerMiner);
                    j.WriteNumber("beta", settings.Beta);
                    j.WriteNumber("seed", seed);
                    Output.WriteSummaryProperties(j, summary);
                }));
            }
            else
            {
                var console = Output.ConsoleFor(output);
                output.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"policy {policyName}, preset {presetName}, N = {settings.Miners}, M = {settings.TasksPerMiner}, beta = {settings.Beta}, {runCount} run(s) x {slots} slots, seed {seed}"));
                console.Write(Output.MetricsTable([summary]));
                if (tracePath is not null)
                {
                    output.WriteLine($"trace of run 0: {tracePath}");
                }
            }

            return 0;
        });
        return command;
    }

    /// <summary>Refuses options that a trained model fixes itself.</summary>
    private static void RejectExplicit(ParseResult parse, string directory, params Option[] options)
    {
        foreach (var option in options)
        {
            if (parse.GetResult(option) is { Implicit: false })
            {
                throw new UsageException($"{option.Name} cannot be combined with --model {directory}: the trained model fixes it (see {directory}/config.json)");
            }
        }
    }
}
