using System.Globalization;
using EdgeMine.Cells;
using EdgeMine.IO;
using EdgeMine.Reporting;
using EdgeMine.Schemes;
using EdgeMine.Simulation;
using EdgeMine.Sweeps;

namespace EdgeMine.Cli;

/// <summary>
/// <c>edgemine sweep</c>: a grid of settings (docs/sweeps.md) run as independent cells, on this machine with a pool, one
/// cell per Slurm array task or Kubernetes Indexed Job pod, then collected into one CSV.
/// </summary>
internal static class SweepCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var command = new Command("sweep", "Parameter sweeps: run a grid of settings as cells, locally or as a Slurm job array, and collect the results (docs/sweeps.md).")
        {
            List(output),
            Run(output, error),
            Submit(output, error),
            Collect(output),
        };
        return command;
    }

    private static Argument<string> FileArgument() => new("FILE") { Description = "The sweep file (JSON, docs/sweeps.md)." };

    private static Option<string> OutOption() => new("--out") { Description = "Output directory of the sweep (sweep.json, cells/, results.csv).", Required = true };

    private static Command List(TextWriter output)
    {
        var file = FileArgument();
        var command = new Command("list", "Print the cells of a sweep file: their count and index -> grid values.") { file };
        command.SetAction(parse =>
        {
            var definition = SweepDefinition.Load(parse.GetValue(file)!, SchemeCatalog.Full);
            string shape = definition.Grid.Count == 0
                ? "no grid"
                : $"grid {string.Join(" x ", definition.Grid.Select(g => g.Key))} = {string.Join(" x ", definition.Grid.Select(g => g.Value.Count.ToString(CultureInfo.InvariantCulture)))}";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{definition.Cells.Count} cells ({shape}); commands: {string.Join(", ", definition.Commands)}"));
            foreach (var cell in definition.Cells)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{cell.Index}\t{cell.Slug}\talgo={cell.Algorithm}"));
            }

            return 0;
        });
        return command;
    }

    private static Command Run(TextWriter output, TextWriter error)
    {
        var file = FileArgument();
        var outDirectory = OutOption();
        var index = new Option<int?>("--index") { Description = $"Run only this cell. Without it: the cell in {JobArrayIndex.SlurmVariable} or {JobArrayIndex.KubernetesVariable}, else every cell." };
        var jobs = new Option<int>("--jobs") { Description = "Cells run at once when running every cell (default: all cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("run", "Run the cells of a sweep that are not done yet (all, or one by index).") { file, outDirectory, index, jobs };
        command.SetAction(parse =>
        {
            var definition = SweepDefinition.Load(parse.GetValue(file)!, SchemeCatalog.Full);
            string outPath = parse.GetValue(outDirectory)!;
            int jobCount = OptionChecks.RequirePositive(parse.GetValue(jobs), "--jobs", "cells run at once");
            var (cellIndex, source) = ClusterOptions.ResolveIndex(parse.GetValue(index), useEnvironment: true);
            var job = new SweepJob(definition, outPath);
            IReadOnlyList<CellSpec> cells = cellIndex is { } i ? [CellJobs.Cell(job, i, source)] : job.Cells;
            var summary = ProgressDisplay.Run(error, $"sweep {definition.Name}", 1000, sink =>
                CellJobs.Run(job, jobCount, cells, p => sink.Report(
                    p.WorkTotal == 0 ? 1000 : 1000 * p.WorkDone / p.WorkTotal,
                    string.Create(CultureInfo.InvariantCulture, $"{p.CellsDone}/{p.CellsTotal} cells{(p.LastCell is null ? "" : $", last {p.LastCell}")}")), shared: cellIndex is not null).Summary);
            if (cellIndex is not null)
            {
                var cell = cells[0];
                output.WriteLine(summary.Skipped == 1
                    ? $"cell {cell.Key} was already done; skipped"
                    : summary.Failures.Count == 0 ? $"cell {cell.Key} done" : $"cell {cell.Key} failed");
            }
            else
            {
                output.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"sweep {definition.Name}: {cells.Count} cells; {summary.Skipped} already done, {summary.Succeeded} ran, {summary.Failures.Count} failed; collect with: edgemine sweep collect {outPath}"));
            }

            foreach (var failure in summary.Failures)
            {
                error.WriteLine($"edgemine: cell {failure.Key} failed: {failure.Error}: {failure.Message} (retried by the next run)");
            }

            return summary.Failures.Count == 0 ? 0 : Program.RunError;
        });
        return command;
    }

    private static Command Submit(TextWriter output, TextWriter error)
    {
        var file = FileArgument();
        var outDirectory = OutOption();
        var cluster = new ClusterOptions();
        var command = new Command("submit", "Write OUT/sweep.sbatch, a Slurm job array of the cells not done yet (and submit it with --submit).") { file, outDirectory };
        cluster.AddSubmitTo(command);
        command.SetAction(parse =>
        {
            var definition = SweepDefinition.Load(parse.GetValue(file)!, SchemeCatalog.Full);
            string outPath = SlurmArray.CheckDirectiveWord(Path.GetFullPath(parse.GetValue(outDirectory)!), "--out"); // it goes into #SBATCH lines
            var job = new SweepJob(definition, outPath);
            using var binding = CellJobs.Bind(job);
            var store = CellJobs.Store(job);
            var missing = definition.Cells.Where(c => store.State(c.Slug) != CellState.Done).Select(c => c.Index).ToArray();
            // The tasks read the canonical copy in OUT, not FILE: editing FILE after submitting cannot change a queued task.
            IReadOnlyList<string> run = [.. SelfInvocation.Command(), "sweep", "run", Path.Combine(outPath, SweepJob.DefinitionFile), "--out", outPath];
            return cluster.WriteScript(
                parse, output, error, Path.Combine(outPath, "sweep.sbatch"), $"edgemine-{definition.Name}", missing, definition.Cells.Count, run,
                $"edgemine sweep collect {outPath}");
        });
        return command;
    }

    /// <summary>Parses <c>--plot METRIC:KEY</c>: a metric of the metric table and a grid key whose values are numbers.</summary>
    private static (Metric Metric, string Key) ParsePlot(string text, SweepDefinition definition)
    {
        string[] numeric = definition.Grid
            .Where(g => g.Value.All(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
            .Select(g => g.Key)
            .ToArray();
        string allowed = $"METRIC:KEY with METRIC one of {string.Join(", ", Metrics.All.Select(m => m.Key))} and KEY a numeric grid key of this sweep ({(numeric.Length == 0 ? "it has none" : string.Join(", ", numeric))})";
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            throw new UsageException($"--plot {UserInput.Quote(text)}: allowed: {allowed}");
        }

        var metric = Metrics.Find(text[..colon].Trim()) ?? throw new UsageException($"--plot {UserInput.Quote(text)}: unknown metric {UserInput.Quote(text[..colon].Trim())}; allowed: {allowed}");
        string key = text[(colon + 1)..].Trim();
        return numeric.Contains(key) ? (metric, key) : throw new UsageException($"--plot {UserInput.Quote(text)}: {UserInput.Quote(key)} is not a numeric grid key; allowed: {allowed}");
    }

    private static Command Collect(TextWriter output)
    {
        var directory = new Argument<string>("DIR") { Description = "The sweep's output directory." };
        var plots = new Option<string[]>("--plot")
        {
            Description = $"METRIC:KEY (repeatable): draw METRIC against the numeric grid key KEY, one line per scheme, with 95% error bars, as DIR/{SweepFigure.Directory}/METRIC_vs_KEY.png and .svg, one panel (METRIC_vs_KEY__k=v) per value of the other grid keys (e.g. the preset); METRIC is one of {string.Join(", ", Metrics.All.Select(m => m.Key))}.",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("collect", "Merge the cells into DIR/results.csv (one row per scheme and cell, with its rank) and DIR/ranking.csv (each cell's schemes in order, each adjacent pair's verdict), and report missing or failed cells (exit code 1 if any).") { directory, plots };
        command.SetAction(parse =>
        {
            string outPath = parse.GetValue(directory)!;
            var job = SweepJob.LoadBound(outPath, SchemeCatalog.Full);
            var figures = (parse.GetValue(plots) ?? []).Select(p => ParsePlot(p, job.Definition)).ToArray();
            string csvPath = Path.Combine(outPath, SweepCollector.ResultsFile);
            string rankingPath = Path.Combine(outPath, SweepCollector.RankingFile);
            SweepSummary collected;
            using (var csv = AtomicFile.CreateText(csvPath))
            using (var ranking = AtomicFile.CreateText(rankingPath))
            {
                // Streamed cell by cell: a million cells take the memory of one.
                collected = SweepCollector.Collect(job, csv, keepEvaluatedRows: figures.Length > 0, ranking: ranking);
                csv.Commit();
                ranking.Commit();
            }

            foreach (var (metric, key) in figures)
            {
                foreach (var figure in SweepFigure.Draw(job.Definition, collected.EvaluatedRows, metric, key, Path.Combine(outPath, SweepFigure.Directory)))
                {
                    output.WriteLine($"wrote {figure.PngPath} and {figure.SvgPath}");
                }
            }

            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{collected.Cells} cells: {collected.Done} done ({collected.NotApplicable} not applicable), {collected.Failed} failed, {collected.Missing} missing; wrote {csvPath} and {rankingPath}"));
            foreach (var c in collected.FirstFailures)
            {
                output.WriteLine($"failed: {c.Cell.Slug}: {UserInput.Message(c.Failure!.Error)}: {UserInput.Message(c.Failure.Message)} (on {UserInput.Message(c.Failure.Host)})");
            }

            if (collected.Failed > collected.FirstFailures.Count)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"failed: {collected.Failed - collected.FirstFailures.Count} more (every failed cell has a row in {csvPath})"));
            }

            if (collected.Missing > 0)
            {
                // One line, however many: the indices as ranges (the ones 'sweep list' numbers), the first ones named.
                string ranges = string.Join(',', collected.MissingRanges.Select(r => r.First == r.Last
                    ? r.First.ToString(CultureInfo.InvariantCulture)
                    : string.Create(CultureInfo.InvariantCulture, $"{r.First}-{r.Last}")));
                int more = collected.MissingRangeCount - collected.MissingRanges.Count;
                output.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"missing: {collected.Missing} cell(s), index {ranges}{(more > 0 ? $" and {more} more range(s)" : "")} (see 'edgemine sweep list')"));
            }

            if (collected.Failed + collected.Missing == 0)
            {
                return 0;
            }

            output.WriteLine($"rerun what is missing with: edgemine sweep run {Path.Combine(outPath, SweepJob.DefinitionFile)} --out {outPath} (or sweep submit)");
            return Program.RunError;
        });
        return command;
    }
}
