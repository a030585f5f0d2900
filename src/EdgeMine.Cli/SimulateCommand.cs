using System.Collections.ObjectModel;
using EdgeMine.IO;
using EdgeMine.Policies;
using EdgeMine.Schemes;
using EdgeMine.Simulation;
using EdgeMine.Training;

namespace EdgeMine.Cli;

/// <summary><c>edgemine simulate</c>: runs a policy for R runs and prints the section 6 metrics.</summary>
internal static class SimulateCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var model = new ModelOptions();
        var shape = new ShapeOptions();
        var evaluation = new EvaluationOptions();
        var catalog = SchemeCatalog.Full;
        var policy = new Option<string>("--policy")
        {
            Description = $"Policy: {string.Join(", ", catalog.Baselines.Select(b => $"{b.Name} ({b.Description})"))}.",
            DefaultValueFactory = _ => "random",
        };
        var modelDirectory = new Option<string?>("--model")
        {
            Description = "Run the greedy policy of a trained learner (a directory written by 'edgemine train') instead of --policy: under its own configuration, or under --preset, --config, --set, --beta where given (its N and M must stay).",
        };
        var trace = new Option<string?>("--trace") { Description = "Write the per-task CSV trace (MODEL.md section 10) of the first run to FILE." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table." };

        var command = new Command("simulate", "Run a policy on the environment and print energy, latency, privacy, cost and reward.");
        model.AddTo(command);
        shape.AddTo(command);
        evaluation.AddTo(command);
        command.AddOptions(policy, modelDirectory, trace, json);
        command.SetAction(parse =>
        {
            IOffloadingPolicy chosen;
            ComparisonSetup setup;
            IReadOnlyDictionary<string, string>? notes;
            if (parse.GetValue(modelDirectory) is { } directory)
            {
                // A trained learner brings its configuration; options given explicitly change it where its shapes allow.
                if (parse.GetResult(policy) is { Implicit: false })
                {
                    throw new UsageException($"{policy.Name} cannot be combined with --model {UserInput.Quote(directory)}: the model is the policy");
                }

                var (configuration, learner) = TrainingDirectory.Load(directory, catalog);
                setup = EvaluationSetup.Resolve(parse, model, shape, evaluation, configuration);
                EvaluationSetup.CheckShape(directory, configuration, setup);
                notes = EvaluationSetup.ModelNotes(directory, [configuration]);
                chosen = learner;
            }
            else
            {
                setup = EvaluationSetup.Resolve(parse, model, shape, evaluation, null);
                (chosen, notes) = EvaluationSetup.Prepare(catalog.Baseline(parse.GetValue(policy) ?? "random", "--policy"), setup);
            }

            string? tracePath = parse.GetValue(trace);
            if (tracePath is not null)
            {
                AtomicFile.CheckOutputPath(tracePath, trace.Name);
            }

            using var traceFile = tracePath is null ? null : AtomicFile.CreateText(tracePath);
            var traceWriter = traceFile is null ? null : new TraceWriter(traceFile);
            // Whether the per-slot optimum bounds these runs is read from its own runs on the same seeds (Comparison's
            // rule): the optimum is evaluated beside the policy unless it is the policy.
            bool optimumIsPolicy = chosen.Name == BaselineScheme.Optimal.Name;
            long perPolicy = setup.Runs * setup.Slots;
            var (summary, optimum) = ProgressDisplay.Run(error, $"simulate {chosen.Name}", optimumIsPolicy ? perPolicy : 2 * perPolicy, sink =>
            {
                var progress = new SinkProgress(sink);
                var own = PolicyEvaluation.Evaluate(setup.Parameters, setup.Settings, chosen, setup.Runs, setup.Slots, setup.Seed, traceWriter, progress);
                var optimal = optimumIsPolicy
                    ? own
                    : PolicyEvaluation.Evaluate(setup.Parameters, setup.Settings, BaselineScheme.Optimal.Create(), setup.Runs, setup.Slots, setup.Seed, progress: new Offset(progress, perPolicy));
                return (own, optimal);
            });
            traceFile?.Commit();
            bool bound = YardstickReferences.Bounds(optimum);

            if (parse.GetValue(json))
            {
                output.WriteLine(Output.JsonObject(j =>
                {
                    j.WriteString("policy", summary.Policy);
                    j.WritePropertyName("configuration");
                    setup.WriteJson(j);
                    foreach (var (key, value) in notes ?? ReadOnlyDictionary<string, string>.Empty)
                    {
                        j.WriteString(key, value);
                    }

                    Output.WriteSummaryProperties(j, summary);
                    j.WriteBoolean("per_slot_optimum_is_bound", bound);
                    j.WriteBoolean("carries_state_over", YardstickReferences.CarriesOver(summary));
                    j.WriteBoolean("fractional_actions", summary.FractionalActions);
                }));
            }
            else
            {
                output.WriteLine($"policy {chosen.Name} under {setup.Describe()}");
                if (notes is not null && notes.TryGetValue("model", out string? directoryNote))
                {
                    output.WriteLine($"model {directoryNote}: trained under {notes["trained_under"]}");
                }
                else if (notes is not null)
                {
                    output.WriteLine($"{chosen.Name}: {string.Join("; ", notes.Select(n => $"{n.Key.Replace('_', ' ')} {n.Value}"))}");
                }

                Output.WriteMetricsTables(output, [summary]);
                output.WriteLine(bound
                    ? "the per-slot optimum bounds these runs: its own runs carried no buffer and no MEC backlog over, and no cap could bind"
                    : "the per-slot optimum is NOT a bound here: its own runs carried a buffer or an MEC backlog over, or a cap could bind (MODEL.md section 13)");
                if (tracePath is not null)
                {
                    output.WriteLine($"trace of run 0: {tracePath}");
                }
            }

            return 0;
        });
        return command;
    }

    private sealed class Offset(IProgress<long> inner, long offset) : IProgress<long>
    {
        public void Report(long value) => inner.Report(offset + value);
    }
}
