using Spectre.Console;

namespace EdgeMine.Cli;

/// <summary>
/// <c>edgemine evaluate</c>: the greedy learned policy and, on the same seeds, no, eo, random and optimal, with the
/// optimality ratio of MODEL.md section 6.
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var modelDirectory = new Option<string>("--model") { Description = "Directory written by 'edgemine train'.", Required = true };
        var evaluation = new EvaluationOptions();
        var json = new Option<bool>("--json") { Description = "End with one JSON object keyed by policy name." };
        var command = new Command("evaluate", "Evaluate a trained learner beside the baselines and the per-slot optimum.") { modelDirectory, json };
        evaluation.AddTo(command);
        command.SetAction(parse =>
        {
            var catalog = PrivacySchemes.Catalog;
            var (configuration, learner) = TrainingDirectory.Load(parse.GetValue(modelDirectory)!, catalog);
            int runCount = evaluation.Runs.Value(parse);
            long slotCount = evaluation.Slots.Value(parse);
            ulong evaluationSeed = evaluation.Seed.Value(parse);
            var policies = new List<IOffloadingPolicy> { learner };
            policies.AddRange(catalog.Baselines.Select(b => b.Create()));

            var summaries = ProgressDisplay.Run(error, "evaluate", policies.Count * runCount * slotCount, sink =>
            {
                var results = new List<PolicySummary>();
                for (int i = 0; i < policies.Count; i++)
                {
                    long offset = i * runCount * slotCount;
                    results.Add(PolicyEvaluation.Evaluate(
                        configuration.Parameters, configuration.Settings, policies[i], runCount, slotCount, evaluationSeed,
                        progress: new OffsetProgress(sink, offset)));
                }

                return results;
            });
            var ratios = OptimalityRatios(summaries);
            if (parse.GetValue(json))
            {
                output.WriteLine(Output.JsonObject(j =>
                {
                    foreach (var s in summaries)
                    {
                        j.WriteStartObject(s.Policy);
                        foreach (var metric in new[] { Metrics.Reward, Metrics.Cost, Metrics.Energy, Metrics.Latency, Metrics.Privacy })
                        {
                            MetricEstimate.WriteNumber(j, metric.Key, s[metric].Mean);
                        }

                        MetricEstimate.WriteNumber(j, "optimality_ratio", ratios[s.Policy]);
                        j.WriteStartObject("ci95");
                        Output.WriteSummaryProperties(j, s);
                        j.WriteEndObject();
                        j.WriteEndObject();
                    }
                }));
            }
            else
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{configuration}; evaluated over {runCount} runs x {slotCount} slots, seed {evaluationSeed}"));
                Output.ConsoleFor(output).Write(Output.MetricsTable(summaries, ratios));
            }

            return 0;
        });
        return command;
    }

    /// <summary>Optimality ratio of every summary against those named random and optimal (MODEL.md section 6).</summary>
    public static Dictionary<string, double> OptimalityRatios(IReadOnlyList<PolicySummary> summaries)
    {
        double random = summaries.Single(s => s.Policy == "random").Reward.Mean;
        double optimal = summaries.Single(s => s.Policy == "optimal").Reward.Mean;
        return summaries.ToDictionary(s => s.Policy, s => PolicyEvaluation.OptimalityRatio(s.Reward.Mean, random, optimal));
    }

    private sealed class OffsetProgress(ProgressSink sink, long offset) : IProgress<long>
    {
        public void Report(long value) => sink.Report(offset + value);
    }
}
