using System.Globalization;
using EdgeMine.Policies;
using EdgeMine.Sequential;
using EdgeMine.Schemes;
using EdgeMine.Simulation;
using EdgeMine.Training;

namespace EdgeMine.Cli;

/// <summary>
/// <c>edgemine evaluate</c>: trained learners and baselines on common seeds, with the yardsticks of MODEL.md section 6
/// (optimality ratio, headroom captured over the best rule of thumb, regret per task, ratio to the fractional optimum).
/// A model is evaluated under its own configuration, or under changed parameters or beta when given, as long as its
/// observation and action shapes match.
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var catalog = SchemeCatalog.Full;
        var models = new Option<string[]>("--model")
        {
            Description = "Directory written by 'edgemine train' (repeatable). Without one, only the baselines are compared.",
            AllowMultipleArgumentsPerToken = false,
        };
        var policies = new Option<string?>("--policy")
        {
            Description = $"Comma-separated baselines to show: {string.Join(",", catalog.Baselines.Select(b => b.Name))}, {UpperBound.Name} (default: all but {string.Join(", ", SequentialSchemes.All.Select(b => b.Name))} and {UpperBound.Name}, which tune or solve per instance and run only when named; every other baseline is evaluated, the yardsticks need them).",
        };
        var model = new ModelOptions();
        var shape = new ShapeOptions();
        var evaluation = new EvaluationOptions();
        var json = new Option<bool>("--json") { Description = "Print one JSON object: the configuration, the best baseline, and every policy's metrics and yardsticks." };
        var command = new Command("evaluate", "Evaluate trained learners and the baselines on the same seeds, with the yardsticks of MODEL.md section 6.")
        {
            models, policies, json,
        };
        model.AddTo(command);
        shape.AddTo(command);
        evaluation.AddTo(command);
        command.SetAction(parse =>
        {
            var loaded = (parse.GetValue(models) ?? []).Select(d => (Directory: d, Seeds: TrainingDirectory.LoadSeeds(d, catalog))).ToArray();
            var setup = EvaluationSetup.Resolve(parse, model, shape, evaluation, loaded.Length > 0 ? loaded[0].Seeds[0].Configuration : null);
            var (shown, bound) = Shown(parse.GetValue(policies), catalog);
            var compared = new List<(string, IReadOnlyList<IOffloadingPolicy>, IReadOnlyDictionary<string, string>?)>();
            foreach (var (directory, seeds) in loaded)
            {
                var configuration = seeds[0].Configuration;
                foreach (var seed in seeds)
                {
                    EvaluationSetup.CheckShape(directory, seed.Configuration, setup);
                }

                string name = loaded.Count(l => l.Seeds[0].Configuration.Learner.Name == configuration.Learner.Name) > 1
                    ? $"{configuration.Learner.Name}@{directory}"
                    : configuration.Learner.Name;
                compared.Add((name, seeds.Select(s => (IOffloadingPolicy)s.Learner).ToArray(), EvaluationSetup.ModelNotes(directory, seeds.Select(s => s.Configuration).ToArray())));
            }

            // The sequential references run only when named: each prepares first (tunes, solves, or refuses in one line).
            foreach (var reference in shown.Where(b => SequentialSchemes.All.Contains(b)))
            {
                var (policy, notes) = EvaluationSetup.Prepare(reference, setup);
                compared.Add((reference.Name, [policy], notes));
            }

            if (bound && UpperBound.OutOfReach(setup.Parameters, setup.Settings) is { } outOfReach)
            {
                throw new ConfigurationException(outOfReach);
            }

            long total = (compared.Sum(c => c.Item2.Count) + Comparison.Baselines(setup.Settings.Miners * setup.Settings.TasksPerMiner).Count()) * setup.Runs * setup.Slots;
            var comparison = ProgressDisplay.Run(error, "evaluate", total, sink => Comparison.Run(compared, setup, new SinkProgress(sink)));
            if (bound)
            {
                comparison = UpperBound.AppendTo(comparison);
            }
            if (parse.GetValue(json))
            {
                output.WriteLine(comparison.ToJson());
                return 0;
            }

            output.WriteLine($"evaluated under {setup.Describe()}");
            foreach (var policy in comparison.Policies.Where(p => p.Notes.ContainsKey("model")))
            {
                string seeds = policy.Summary.Seeds > 1
                    ? string.Create(CultureInfo.InvariantCulture, $"; its numbers are the mean over {policy.Summary.Seeds} training seeds, with 95% intervals over them")
                    : "";
                output.WriteLine($"model {policy.Notes["model"]}: trained under {policy.Notes["trained_under"]}{seeds}");
            }

            var rows = comparison.Policies.Where(p => !catalog.Baselines.Any(b => b.Name == p.Name) || shown.Any(b => b.Name == p.Name)).ToArray();
            Output.WriteMetricsTables(output, rows.Select(p => p.Summary with { Policy = p.Name }).ToArray(), rows.ToDictionary(p => p.Name, p => p.Yardsticks));
            output.WriteLine($"headroom is captured over the best simple baseline, {comparison.BestBaseline.Name}; regret per task is in reward units");
            output.WriteLine($"each policy's ratios, headroom and regret are against its yardstick: optimal for binary actions, optimal-fractional for a policy that took a fractional action; n/a when {Yardsticks.NotGivenWhen}");
            foreach (var line in YardstickNotes(comparison))
            {
                output.WriteLine(line);
            }

            foreach (var policy in rows.Where(p => !p.Notes.ContainsKey("model") && p.Notes.Count > 0))
            {
                output.WriteLine($"{policy.Name}: {string.Join("; ", policy.Notes.Select(n => $"{n.Key.Replace('_', ' ')} {n.Value}"))}");
            }

            return 0;
        });
        return command;
    }

    /// <summary>The warnings a reader of the yardsticks needs: an optimum that is not a bound, one with inexact slots, a policy above its yardstick.</summary>
    internal static IEnumerable<string> YardstickNotes(Comparison comparison)
    {
        if (!comparison.PerSlotOptimumIsBound)
        {
            yield return "NOT A BOUND: in its own runs the per-slot optimum carried a buffer or an MEC backlog over between slots (or a cap could bind, so some policy could buffer), so the future matters and it is myopic (MODEL.md section 13); ratios against it are labelled \"(not a bound)\"";
        }

        foreach (var (name, exactness) in comparison.Exactness.Where(e => !e.Value.AllExact))
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{name}: {exactness.InexactSlots} of {exactness.Slots} slots not proven optimal (largest gap bound {exactness.LargestGapBound:G4} reward); its reward is a lower bound on the optimum's there");
        }

        foreach (var policy in comparison.Policies.Where(p => p.Yardsticks.AboveYardstick))
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{policy.Name} is above its yardstick ({policy.Yardsticks.YardstickLabel}) beyond noise: reward difference {policy.Yardsticks.AboveYardstickBy!.Value.Mean:G4} [{policy.Yardsticks.AboveYardstickBy!.Value.Low:G4}, {policy.Yardsticks.AboveYardstickBy!.Value.High:G4}]");
        }
    }

    /// <summary>The baselines named in <paramref name="list"/> (all but the sequential references when none is), and whether the upper bound is.</summary>
    private static (IReadOnlyList<BaselineScheme> Shown, bool Bound) Shown(string? list, SchemeCatalog catalog)
    {
        if (list is null)
        {
            return (catalog.Baselines.Where(b => !SequentialSchemes.All.Contains(b)).ToArray(), false);
        }

        string[] names = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return (names.Where(n => n != UpperBound.Name).Select(n => catalog.Baseline(n, "--policy")).ToArray(), names.Contains(UpperBound.Name));
    }
}
