using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using EdgeMine.Experiments;

namespace EdgeMine.Cli;

/// <summary><c>edgemine reproduce</c>: every experiment of the paper's Section IV, its CSVs, figures and report.</summary>
public static class ReproduceCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var model = new ModelOptions();
        var outDirectory = new Option<string>("--out") { Description = "Output directory (cells, models, CSVs, figures, report).", DefaultValueFactory = _ => "reproduction" };
        var quick = new Option<bool>("--quick") { Description = "Shrink every size: the whole job in well under a minute (tests, a first look)." };
        var only = new Option<string?>("--only") { Description = $"Comma-separated experiments: {string.Join(",", ReproductionPlan.ExperimentNames)}." };
        var jobs = new Option<int>("--jobs") { Description = "Cells run in parallel (default: all cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the whole reproduction.", DefaultValueFactory = _ => 1UL };
        var command = new Command("reproduce", "Reproduce the paper's Section IV: Figs. 4-7 and Tables II-III, with a report.");
        model.AddModelTo(command);
        command.Options.Add(outDirectory);
        command.Options.Add(quick);
        command.Options.Add(only);
        command.Options.Add(jobs);
        command.Options.Add(seed);
        command.SetAction(parse =>
        {
            var options = new ReproductionOptions
            {
                Preset = parse.GetValue(model.Preset) ?? "calibrated",
                Parameters = model.ResolveParameters(parse),
                OutDirectory = parse.GetValue(outDirectory)!,
                Quick = parse.GetValue(quick),
                Sizes = parse.GetValue(quick) ? ReproductionSizes.Quick : ReproductionSizes.Paper,
                Only = ReproductionPlan.ParseOnly(parse.GetValue(only)),
                Jobs = ModelOptions.RequirePositive(parse.GetValue(jobs), "--jobs", "cells run in parallel"),
                Seed = parse.GetValue(seed),
            };
            var clock = Stopwatch.StartNew();
            var results = ProgressDisplay.Run(error, "reproduce", 1000, sink =>
                Reproduction.Run(options, p => sink.Report(
                    p.WorkTotal == 0 ? 1000 : 1000 * p.WorkDone / p.WorkTotal,
                    string.Create(CultureInfo.InvariantCulture, $"{p.CellsDone}/{p.CellsTotal} cells{(p.LastCell is null ? "" : $", last {p.LastCell}")}"))));
            var metadata = new ReproductionMetadata
            {
                Options = options,
                WallSeconds = clock.Elapsed.TotalSeconds,
                CellSeconds = results.Values.Sum(r => r.TrainingSeconds + r.EvaluationSeconds),
            };
            var written = ReproductionOutput.Write(metadata, results);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"reproduction ({(options.Quick ? "quick" : "paper sizes")}, preset {options.Preset}) finished in {clock.Elapsed.TotalSeconds:F1} s; {results.Count} cells in {options.OutDirectory}/{Reproduction.CellsDirectory}"));
            foreach (string path in written)
            {
                output.WriteLine($"  {path}");
            }

            return 0;
        });
        return command;
    }
}
