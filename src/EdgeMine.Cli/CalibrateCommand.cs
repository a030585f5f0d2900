using System.Globalization;
using EdgeMine.Calibration;

namespace EdgeMine.Cli;

/// <summary><c>edgemine calibrate</c>: under which unstated constants do the paper's claims hold (MODEL.md section 12)?</summary>
internal static class CalibrateCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var model = new ModelOptions();
        var space = new Option<string?>("--space") { Description = "JSON file of the constants to search, with ranges or choices (default: MODEL.md section 12's space, as examples/calibration-space.json)." };
        var quick = new Option<bool>("--quick") { Description = "A first look in under a minute: fewer points, runs and slots." };
        var jobs = new Option<int>("--jobs") { Description = "Cells run in parallel (default: all cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the search and of the common evaluation seeds.", DefaultValueFactory = _ => 1UL };
        var outDirectory = new Option<string>("--out") { Description = "Output directory (cells, points.csv, paper-fit.json, feasibility.md/html).", DefaultValueFactory = _ => "calibration" };
        var command = new Command("calibrate", "Search the constants the paper leaves unstated for where its claims hold; re-evaluate the top points on seeds of their own, write the final point as a config file and a feasibility report (constants at a bound labelled).")
        {
            space, quick, jobs, seed, outDirectory,
        };
        model.AddTo(command);
        command.SetAction(parse =>
        {
            var options = new CalibrationOptions(
                Preset: model.PresetName(parse),
                Parameters: model.ResolveParameters(parse),
                Space: parse.GetValue(space) is { } spaceFile ? CalibrationSpace.Load(spaceFile) : CalibrationSpace.Default,
                OutDirectory: parse.GetValue(outDirectory)!,
                Sizes: parse.GetValue(quick) ? CalibrationSizes.Quick : CalibrationSizes.Default)
            {
                Quick = parse.GetValue(quick),
                Jobs = OptionChecks.RequirePositive(parse.GetValue(jobs), "--jobs", "cells run in parallel"),
                Seed = parse.GetValue(seed),
            };
            var job = new CalibrationJob(options);
            var (written, summary) = ProgressDisplay.Run(error, "calibrate", job.TotalCells, sink =>
                job.Run(done => sink.Report(done, string.Create(CultureInfo.InvariantCulture, $"{done} cells"))));
            output.WriteLine(summary);
            foreach (string path in written)
            {
                output.WriteLine($"  {path}");
            }

            return 0;
        });
        return command;
    }
}
