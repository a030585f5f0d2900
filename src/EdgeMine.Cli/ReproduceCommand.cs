using System.Diagnostics;
using System.Globalization;
using EdgeMine.Cells;
using EdgeMine.Experiments;
using EdgeMine.Settings;
using EdgeMine.Tuning;

namespace EdgeMine.Cli;

/// <summary><c>edgemine reproduce</c>: every experiment of the paper's Section IV, its CSVs, figures and report.</summary>
internal static class ReproduceCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var reproduction = new CellOptions();
        var outDirectory = new Option<string>("--out") { Description = "Output directory (cells, models, CSVs, figures, report).", DefaultValueFactory = _ => "reproduction" };
        var jobs = new Option<int>("--jobs") { Description = "Cells run in parallel (default: all cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var index = new Option<int?>("--index") { Description = "Run only this cell (see --list-cells) and stop; a later plain run assembles the results." };
        var cellFromEnv = new Option<bool>("--cell-from-env")
        {
            Description = $"Without --index, run the cell in {JobArrayIndex.SlurmVariable} or {JobArrayIndex.KubernetesVariable} (a job array's task).",
        };
        var listCells = new Option<bool>("--list-cells") { Description = "Print the number of cells and index -> cell, and run nothing." };
        var command = new Command("reproduce", "Reproduce the paper's Section IV: Figs. 4-7 and Tables II-III, with a report.");
        reproduction.AddTo(command);
        command.AddOptions(outDirectory, jobs, index, cellFromEnv, listCells);
        command.Subcommands.Add(Submit(output, error));
        command.SetAction(parse =>
        {
            var options = reproduction.Resolve(parse, parse.GetValue(outDirectory)!) with
            {
                Jobs = OptionChecks.RequirePositive(parse.GetValue(jobs), "--jobs", "cells run in parallel"),
            };
            var job = new Reproduction(options);
            var cells = job.Cells;
            if (parse.GetValue(listCells))
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{cells.Count} cells"));
                for (int i = 0; i < cells.Count; i++)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{i}\t{cells[i].Key}"));
                }

                return 0;
            }

            var (cellIndex, source) = ClusterOptions.ResolveTaskIndex(parse.GetValue(index), parse.GetValue(cellFromEnv));
            if (cellIndex is { } one)
            {
                return ClusterOptions.RunOneCell(job, one, source, "reproduce", "assembles the results", output, error);
            }

            // The directory stays locked from the first cell to the report.
            using var binding = CellJobs.Bind(job);
            var clock = Stopwatch.StartNew();
            IReadOnlyDictionary<string, CellResult> results;
            int reused = -1;
            try
            {
                results = ProgressDisplay.Run(error, "reproduce", 1000, sink =>
                    job.Run(p =>
                    {
                        // The first report counts the cells an earlier run finished.
                        if (reused < 0)
                        {
                            reused = p.CellsDone;
                        }

                        sink.Report(
                            p.WorkTotal == 0 ? 1000 : 1000 * p.WorkDone / p.WorkTotal,
                            string.Create(CultureInfo.InvariantCulture, $"{p.CellsDone}/{p.CellsTotal} cells{(p.LastCell is null ? "" : $", last {p.LastCell}")}"));
                    }));
            }
            catch (ReproductionCellsFailedException e)
            {
                error.WriteLine($"edgemine: {e.Message}");
                return Program.RunError;
            }

            var metadata = new ReproductionMetadata
            {
                Options = options,
                WallSeconds = clock.Elapsed.TotalSeconds,
                CellsReused = Math.Max(0, reused),
                CellSeconds = results.Values.Sum(r => r.TrainingSeconds + r.EvaluationSeconds),
            };
            var written = job.WriteOutputs(metadata, results);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"reproduction ({(options.Quick ? "quick" : "paper sizes")}, preset {options.Preset}) finished in {clock.Elapsed.TotalSeconds:F1} s; {results.Count} cells in {Path.Combine(options.OutDirectory, CellStore.CellsDirectory)}"));
            foreach (string path in written)
            {
                output.WriteLine($"  {path}");
            }

            return 0;
        });
        return command;
    }

    /// <summary><c>edgemine reproduce submit</c>: the sbatch script of the reproduction's missing cells.</summary>
    private static Command Submit(TextWriter output, TextWriter error)
    {
        var reproduction = new CellOptions();
        var outDirectory = new Option<string>("--out") { Description = "Output directory of the reproduction.", Required = true };
        var cluster = new ClusterOptions();
        var command = new Command("submit", "Write OUT/reproduce.sbatch, a Slurm job array of the reproduction's cells not done yet (and submit it with --submit).");
        reproduction.AddTo(command);
        command.Options.Add(outDirectory);
        cluster.AddSubmitTo(command);
        command.SetAction(parse =>
        {
            string outPath = SlurmArray.CheckDirectiveWord(Path.GetFullPath(parse.GetValue(outDirectory)!), "--out"); // it goes into #SBATCH lines
            var job = new Reproduction(reproduction.Resolve(parse, outPath)); // a bad configuration fails here, not in every array task
            var cells = job.Cells;
            var store = CellJobs.Store(job);
            var missing = Enumerable.Range(0, cells.Count).Where(i => store.State(cells[i].Key) != CellState.Done).ToArray();
            var options = reproduction.Arguments(parse, outPath);
            Directory.CreateDirectory(outPath);
            IReadOnlyList<string> run = [.. SelfInvocation.Command(), "reproduce", .. options, "--cell-from-env"];
            return cluster.WriteScript(
                parse, output, error, Path.Combine(outPath, "reproduce.sbatch"), "edgemine-reproduce", missing, cells.Count, run,
                $"edgemine reproduce {string.Join(' ', options)}");
        });
        return command;
    }

    /// <summary>The options that define a reproduction's cells, shared by <c>reproduce</c> and <c>reproduce submit</c>.</summary>
    private sealed class CellOptions
    {
        private readonly ModelOptions _model = new();
        private readonly Option<bool> _quick = new("--quick") { Description = "Shrink every size: the whole job in well under a minute (tests, a first look)." };
        private readonly Option<string?> _only = new("--only") { Description = $"Comma-separated experiments: {string.Join(",", Reproduction.ExperimentNames)}." };
        private readonly Option<ulong> _seed = new("--seed") { Description = $"Seed of the whole reproduction (default {RunSettings.Seed.DefaultText}, as train's).", DefaultValueFactory = _ => RunSettings.Seed.Default };
        private readonly Option<string?> _compare = new("--compare")
        {
            Description = "Directory of another finished reproduction (e.g. under the calibrated preset) whose claims the report sets beside this run's: 'Presets compared'.",
        };

        private readonly Option<string?> _calibration = new("--calibration")
        {
            Description = "Directory of a finished calibration (`edgemine calibrate`, e.g. docs/calibration-run): its points tell a 'preset' cause from a 'model' one (MODEL.md section 11).",
        };

        private readonly Option<string?> _tuned = new("--tuned")
        {
            Description = $"A tuning's tuned.json (`edgemine tune`): the values each tuned learner runs with; '{TunedValues.None}' for every learner's defaults (default: {TunedValues.DefaultFile} under the working directory when it exists, else none).",
        };

        private readonly Option<string?> _seeds = new(RunSettings.TrainingSeeds.Option)
        {
            Description = $"Training seeds per learner (default {ReproductionSizes.Paper.TrainingSeeds} at the paper's sizes, {ReproductionSizes.Quick.TrainingSeeds} with --quick; MODEL.md section 11).",
        };

        public void AddTo(Command command)
        {
            _model.AddTo(command);
            command.AddOptions(_quick, _only, _seed, _seeds, _compare, _calibration, _tuned);
        }

        public ReproductionOptions Resolve(ParseResult parse, string outDirectory)
        {
            var sizes = parse.GetValue(_quick) ? ReproductionSizes.Quick : ReproductionSizes.Paper;
            if (parse.GetValue(_seeds) is { } seeds)
            {
                sizes = sizes with { TrainingSeeds = RunSettings.TrainingSeeds.Parse(seeds, _seeds.Name) };
            }

            return new(
                Preset: _model.PresetName(parse),
                Parameters: _model.ResolveParameters(parse),
                OutDirectory: outDirectory,
                Sizes: sizes)
            {
                Quick = parse.GetValue(_quick),
                Only = Reproduction.ParseOnly(parse.GetValue(_only)),
                Seed = parse.GetValue(_seed),
                CompareWith = parse.GetValue(_compare) is { } other ? Reproduction.ComparableDirectory(other) : null, // checked before any cell runs
                CalibrationDirectory = parse.GetValue(_calibration) is { } calibration ? Reproduction.CalibrationDirectory(calibration) : null, // likewise
                Tuned = TunedValues.Resolve(parse.GetValue(_tuned), "--tuned"),
            };
        }

        /// <summary>The options as given, passed on verbatim so that every array task and the final assembly agree.</summary>
        public List<string> Arguments(ParseResult parse, string outPath)
        {
            var options = new List<string> { "--out", outPath, "--preset", _model.PresetName(parse) };
            if (parse.GetValue(_model.Config) is { } config)
            {
                options.AddRange(["--config", Path.GetFullPath(config)]);
            }

            foreach (string assignment in parse.GetValue(_model.Set) ?? [])
            {
                options.AddRange(["--set", assignment]);
            }

            if (parse.GetValue(_quick))
            {
                options.Add("--quick");
            }

            if (parse.GetValue(_only) is { } experiments)
            {
                options.AddRange(["--only", experiments]);
            }

            options.AddRange(["--seed", parse.GetValue(_seed).ToString(CultureInfo.InvariantCulture)]);
            if (parse.GetValue(_seeds) is { } seeds)
            {
                options.AddRange([_seeds.Name, seeds]);
            }

            if (parse.GetValue(_calibration) is { } calibration)
            {
                options.AddRange(["--calibration", Path.GetFullPath(calibration)]);
            }

            // Resolved here, so that every array task reads the same file whatever its working directory.
            options.AddRange(["--tuned", TunedValues.Resolve(parse.GetValue(_tuned), "--tuned") is { } tuned ? Path.GetFullPath(tuned.File) : TunedValues.None]);
            return options;
        }
    }
}
