using System.CommandLine;
using System.Globalization;
using EdgeMine.IO;
using EdgeMine.Learning;
using EdgeMine.Policies;
using EdgeMine.Simulation;
using Spectre.Console;

namespace EdgeMine.Cli;

/// <summary><c>edgemine simulate</c>: runs a policy for R runs and prints the section 6 metrics.</summary>
public static class SimulateCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var model = new ModelOptions();
        var policy = new Option<string>("--policy")
        {
            Description = "Policy: no (never offload), eo (always offload), random, optimal (per-slot optimum).",
            DefaultValueFactory = _ => "random",
        };
        var modelDirectory = new Option<string?>("--model")
        {
            Description = "Run the greedy policy of a trained learner (a directory written by 'edgemine train') instead of --policy; its configuration is used unless overridden.",
        };
        var runs = new Option<int>("--runs") { Description = "Independent runs (seeds derived from --seed).", DefaultValueFactory = _ => 1 };
        var trace = new Option<string?>("--trace") { Description = "Write the per-task CSV trace (MODEL.md section 10) of the first run to FILE." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table." };

        var command = new Command("simulate", "Run a policy on the environment and print energy, latency, privacy, cost and reward.");
        model.AddModelTo(command);
        model.AddRunTo(command);
        command.Options.Add(policy);
        command.Options.Add(modelDirectory);
        command.Options.Add(runs);
        command.Options.Add(trace);
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            var parameters = model.ResolveParameters(parse);
            var settings = model.ResolveSettings(parse);
            long slots = model.ResolveSlots(parse);
            int runCount = ModelOptions.RequirePositive(parse.GetValue(runs), "--runs", "independent runs");
            ulong seed = parse.GetValue(model.Seed);
            IOffloadingPolicy chosen;
            string presetName = parse.GetValue(model.Preset) ?? "calibrated";
            if (parse.GetValue(modelDirectory) is { } directory)
            {
                // A trained learner fixes the model and the shape it was trained on; options given explicitly may not contradict it.
                var (configuration, learner) = TrainingDirectory.Load(directory);
                RejectExplicit(parse, directory, model.Preset, model.Config, model.Set, model.Miners, model.Tasks, model.Beta, policy);
                parameters = configuration.Parameters;
                settings = configuration.Settings;
                presetName = configuration.Preset;
                chosen = learner;
            }
            else
            {
                string requested = parse.GetValue(policy) ?? "random";
                chosen = PolicyCatalog.CreateBaseline(requested)
                    ?? throw new UsageException($"--policy {requested}: unknown policy; allowed: {string.Join(", ", PolicyCatalog.BaselineNames)}");
            }

            string policyName = chosen.Name;
            string? tracePath = parse.GetValue(trace);
            using var traceFile = tracePath is null ? null : AtomicFile.CreateText(tracePath);
            var traceWriter = traceFile is null ? null : new TraceWriter(traceFile);
            var summary = ProgressDisplay.Run(error, $"simulate {policyName}", runCount * slots, sink =>
                PolicyEvaluation.Evaluate(parameters, settings, chosen, runCount, slots, seed, traceWriter, new Progress(sink)));
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

    /// <summary>Adapts the evaluation's slot counter to the progress display (synchronously, unlike Progress&lt;T&gt;).</summary>
    private sealed class Progress(ProgressSink sink) : IProgress<long>
    {
        public void Report(long value) => sink.Report(value);
    }
}
