using System.Globalization;
using EdgeMine.Cells;

namespace EdgeMine.Cli;

/// <summary>
/// What runs one cell per cluster task: the cell index from <c>--index</c> or, inside a job array, from the
/// scheduler's environment; and the options of <c>submit</c> (the sbatch script of the missing cells).
/// </summary>
internal sealed class ClusterOptions
{
    public Option<int?> MaxParallel { get; } = new("--max-parallel") { Description = "At most K array tasks at once (#SBATCH --array=...%K)." };

    public Option<string?> Partition { get; } = new("--partition") { Description = "Slurm partition (#SBATCH --partition)." };

    public Option<string?> Time { get; } = new("--time") { Description = "Time limit per cell, HH:MM:SS (#SBATCH --time)." };

    public Option<bool> Submit { get; } = new("--submit") { Description = "Run sbatch on the script and print the job id." };

    public void AddSubmitTo(Command command) => command.AddOptions(MaxParallel, Partition, Time, Submit);

    /// <summary>
    /// <see cref="ResolveIndex"/> for a command with <c>--cell-from-env</c>: asked for and not inside a job array task, it is
    /// refused in one line rather than read as "run every cell".
    /// </summary>
    public static (int? Index, string Source) ResolveTaskIndex(int? index, bool cellFromEnv)
    {
        var resolved = ResolveIndex(index, cellFromEnv);
        if (cellFromEnv && resolved.Index is null)
        {
            throw new UsageException($"--cell-from-env: neither {JobArrayIndex.SlurmVariable} nor {JobArrayIndex.KubernetesVariable} is set; allowed: inside a job array task, or pass --index");
        }

        return resolved;
    }

    /// <summary>
    /// One cell of <paramref name="job"/> (an array task): run it unless done, and leave the rest to a later plain run of
    /// <paramref name="command"/>, which <paramref name="then"/> (e.g. "assembles the results").
    /// </summary>
    public static int RunOneCell(ICellJob job, int index, string source, string command, string then, TextWriter output, TextWriter error)
    {
        var cell = CellJobs.Cell(job, index, source);
        var summary = CellJobs.Run(job, 1, [cell], shared: true).Summary;
        if (summary.Failures.Count > 0)
        {
            var failure = summary.Failures[0];
            error.WriteLine($"edgemine: cell {index} {cell.Key} failed: {failure.Error}: {failure.Message} (retried by the next run)");
            return Program.RunError;
        }

        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"cell {index} {cell.Key} {(summary.Skipped == 1 ? "was already done; skipped" : "done")}; once every cell is done, 'edgemine {command} --out {job.OutDirectory}' (same options) {then}"));
        return 0;
    }

    /// <summary>
    /// The cell index of this task: <paramref name="index"/> if given; else, when <paramref name="useEnvironment"/>,
    /// SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX; else null (run every cell). Returns the source for messages.
    /// </summary>
    public static (int? Index, string Source) ResolveIndex(int? index, bool useEnvironment)
    {
        if (index is { } given)
        {
            return (given, "--index");
        }

        if (!useEnvironment)
        {
            return (null, "");
        }

        return JobArrayIndex.FromEnvironment() is { } task ? (task.Index, task.Variable) : (null, "");
    }

    /// <summary>
    /// Writes <paramref name="scriptPath"/> for the cells <paramref name="missing"/> and, with --submit, submits it.
    /// Prints what it did, and warns on <paramref name="error"/> when an index is beyond the cluster's MaxArraySize
    /// (read from scontrol, else Slurm's default). Nothing is written when no cell is missing.
    /// </summary>
    public int WriteScript(ParseResult parse, TextWriter output, TextWriter error, string scriptPath, string jobName, IReadOnlyList<int> missing, int total, IReadOnlyList<string> command, string afterwards)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(missing);
        if (missing.Count == 0)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"all {total} cells are done; nothing to submit. Next: {afterwards}"));
            return 0;
        }

        int? maxParallel = parse.GetValue(MaxParallel);
        if (maxParallel is { } k)
        {
            OptionChecks.RequirePositive(k, "--max-parallel", "array tasks at once");
        }

        string logs = Path.Combine(Path.GetDirectoryName(scriptPath)!, "logs");
        var options = new SlurmArrayOptions
        {
            JobName = jobName,
            Indices = missing,
            Command = command,
            LogDirectory = logs,
            MaxParallel = maxParallel,
            Partition = SlurmArray.CheckPartition(parse.GetValue(Partition)),
            Time = SlurmArray.CheckTime(parse.GetValue(Time)),
        };
        SlurmArray.Write(scriptPath, options);
        string array = SlurmArray.ArraySpec(missing, maxParallel);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {scriptPath}: --array={array} ({missing.Count} of {total} cells to run; logs in {logs})"));
        var (maxArraySize, source) = SlurmArray.MaxArraySize();
        if (SlurmArray.ArrayLimitWarning(missing, maxArraySize, source) is { } warning)
        {
            error.WriteLine($"edgemine: {warning}");
        }

        if (parse.GetValue(Submit))
        {
            string job = SlurmArray.Submit(scriptPath);
            output.WriteLine($"submitted job {job}");
        }
        else
        {
            output.WriteLine($"submit it with: sbatch {scriptPath}");
        }

        output.WriteLine($"when it has finished: {afterwards}");
        return 0;
    }
}
