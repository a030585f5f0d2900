using System.Diagnostics;
using System.Globalization;
using EdgeMine.Cells;
using EdgeMine.Tuning;

namespace EdgeMine.Cli;

/// <summary>
/// <c>edgemine tune</c>: the learners' unstated values (MODEL.md section 11), tuned with the same budget for every
/// learner on tuning seeds apart from the evaluation's; writes tuning.csv, tuned.json and tuning.md.
/// </summary>
internal static class TuneCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var model = new ModelOptions();
        var quick = new Option<bool>("--quick") { Description = "A first look in under a minute (and the tests): 3 configurations x 2 seeds at N = 2, M = 2, 300 training slots." };
        var jobs = new Option<int>("--jobs") { Description = "Cells run in parallel (default: all cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var seed = new Option<ulong>("--seed")
        {
            Description = $"Tuning seed: evaluation seed of every cell, training seeds seed + 1 to seed + S, and the hypercube's generator (default {TuningOptions.DefaultSeed}; apart from evaluate's 1000 and train's 1 to S).",
            DefaultValueFactory = _ => TuningOptions.DefaultSeed,
        };
        var outDirectory = new Option<string>("--out") { Description = "Output directory (cells, tuning.csv, tuned.json, tuning.md).", DefaultValueFactory = _ => "tuning" };
        var learners = new Option<string?>("--learners") { Description = $"Comma-separated learners to tune (default all: {string.Join(",", TunedLearner.All.Select(l => l.Name))})." };
        var keys = new Option<string?>("--keys") { Description = "Comma-separated LEARNER.KEY to tune, the learner's other keys held at their defaults (default: every key the learner tunes); a key the paper states is refused." };
        var configurations = new Option<int?>("--configurations") { Description = $"Configurations per learner, the defaults included (default {TuningSizes.Default.Configurations}; {TuningSizes.Quick.Configurations} with --quick)." };
        var seeds = new Option<int?>("--seeds") { Description = $"Tuning training seeds per configuration, at least 2 (default {TuningSizes.Default.TrainingSeeds}; {TuningSizes.Quick.TrainingSeeds} with --quick)." };
        var index = new Option<int?>("--index") { Description = "Run only this cell (see --list-cells) and stop; a later plain run assembles the outputs." };
        var cellFromEnv = new Option<bool>("--cell-from-env") { Description = $"Without --index, run the cell in {JobArrayIndex.SlurmVariable} or {JobArrayIndex.KubernetesVariable} (a job array's task)." };
        var listCells = new Option<bool>("--list-cells") { Description = "Print the number of cells and index -> cell, and run nothing." };
        var command = new Command("tune", "Tune each learner's unstated values (choices of ours, never the paper's) with the same budget for every learner, on tuning seeds apart from the evaluation's; write tuning.csv, tuned.json (read by reproduce --tuned) and tuning.md.")
        {
            quick, jobs, seed, outDirectory, learners, keys, configurations, seeds, index, cellFromEnv, listCells,
        };
        model.AddTo(command);
        command.SetAction(parse =>
        {
            var sizes = parse.GetValue(quick) ? TuningSizes.Quick : TuningSizes.Default;
            if (parse.GetValue(configurations) is { } c)
            {
                sizes = sizes with { Configurations = OptionChecks.RequirePositive(c, "--configurations", "configurations per learner, the defaults included") };
            }

            if (parse.GetValue(seeds) is { } s)
            {
                sizes = sizes with { TrainingSeeds = s >= 2 ? s : throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--seeds {s}: allowed: an integer of at least 2 (an interval needs two seeds)")) };
            }

            var options = new TuningOptions(model.PresetName(parse), model.ResolveParameters(parse), parse.GetValue(outDirectory)!, sizes)
            {
                Quick = parse.GetValue(quick),
                Jobs = OptionChecks.RequirePositive(parse.GetValue(jobs), "--jobs", "cells run in parallel"),
                Seed = parse.GetValue(seed),
                Learners = Learners(parse.GetValue(learners), parse.GetValue(keys)),
            };
            var job = new TuningJob(options);
            if (parse.GetValue(listCells))
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{job.Cells.Count} cells"));
                for (int i = 0; i < job.Cells.Count; i++)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{i}\t{job.Cells[i].Key}"));
                }

                return 0;
            }

            var (cellIndex, source) = ClusterOptions.ResolveTaskIndex(parse.GetValue(index), parse.GetValue(cellFromEnv));
            if (cellIndex is { } one)
            {
                return ClusterOptions.RunOneCell(job, one, source, "tune", "writes the outputs", output, error);
            }

            using var binding = CellJobs.Bind(job);
            var clock = Stopwatch.StartNew();
            int reused = -1;
            JobOutcome outcome;
            try
            {
                outcome = ProgressDisplay.Run(error, "tune", 1000, sink => job.Run(p =>
                {
                    if (reused < 0)
                    {
                        reused = p.CellsDone;
                    }

                    sink.Report(
                        p.WorkTotal == 0 ? 1000 : 1000 * p.WorkDone / p.WorkTotal,
                        string.Create(CultureInfo.InvariantCulture, $"{p.CellsDone}/{p.CellsTotal} cells{(p.LastCell is null ? "" : $", last {p.LastCell}")}"));
                }));
            }
            catch (IOException e)
            {
                error.WriteLine($"edgemine: {e.Message}");
                return Program.RunError;
            }

            var rows = job.Rows(outcome.Results) ?? throw new InvalidOperationException("a tuning cell is missing after the run");
            double cellSeconds = outcome.Results.Values.Sum(r => r.TrainingSeconds + r.EvaluationSeconds);
            var written = TuningReport.Write(job, rows, clock.Elapsed.TotalSeconds, cellSeconds, Math.Max(0, reused));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tuning ({(options.Quick ? "quick" : "full")}) finished in {clock.Elapsed.TotalSeconds:F1} s: {TuningReport.Summary(job, rows)}"));
            foreach (string path in written)
            {
                output.WriteLine($"  {path}");
            }

            return 0;
        });
        return command;
    }

    /// <summary>The learners of <c>--learners</c>, each restricted to its keys of <c>--keys</c> (LEARNER.KEY) when given.</summary>
    private static IReadOnlyList<TunedLearner> Learners(string? names, string? keys)
    {
        var chosen = names is null
            ? TunedLearner.All
            : names.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct().Select(n => TunedLearner.Named(n, "--learners")).ToArray();
        if (chosen.Count == 0)
        {
            throw new UsageException($"--learners {UserInput.Quote(names ?? "")}: names no learner; allowed: a comma-separated list of {string.Join(", ", TunedLearner.All.Select(l => l.Name))}");
        }

        if (keys is null)
        {
            return chosen;
        }

        var pairs = keys.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(k =>
        {
            int dot = k.LastIndexOf('.');
            return dot > 0 && dot < k.Length - 1
                ? (Learner: k[..dot], Key: k[(dot + 1)..])
                : throw new UsageException($"--keys {UserInput.Quote(k)}: allowed: LEARNER.KEY, e.g. rlo.learning_rate");
        }).ToArray();
        foreach (var pair in pairs.Where(p => chosen.All(l => l.Name != p.Learner)))
        {
            throw new UsageException($"--keys {UserInput.Quote($"{pair.Learner}.{pair.Key}")}: {pair.Learner} is not tuned in this run; allowed: {string.Join(", ", chosen.Select(l => l.Name))}");
        }

        return [.. chosen.Select(l => pairs.Any(p => p.Learner == l.Name) ? l.Only([.. pairs.Where(p => p.Learner == l.Name).Select(p => p.Key)], "--keys") : l)];
    }
}
