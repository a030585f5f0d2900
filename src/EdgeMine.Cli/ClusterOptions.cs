namespace EdgeMine.Cli;

/// <summary>
/// What runs one cell per cluster task: the cell index from <c>--index</c> or, inside a job array, from the
/// scheduler's environment; and the options of <c>submit</c> (the sbatch script of the missing cells).
/// </summary>
internal sealed class ClusterOptions
{
    /// <summary>Slurm job arrays number their tasks here.</summary>
    public const string SlurmIndexVariable = "SLURM_ARRAY_TASK_ID";

    /// <summary>Kubernetes Indexed Jobs number their pods here.</summary>
    public const string KubernetesIndexVariable = "JOB_COMPLETION_INDEX";

    public Option<int?> MaxParallel { get; } = new("--max-parallel") { Description = "At most K array tasks at once (#SBATCH --array=...%K)." };

    public Option<string?> Partition { get; } = new("--partition") { Description = "Slurm partition (#SBATCH --partition)." };

    public Option<string?> Time { get; } = new("--time") { Description = "Time limit per cell, HH:MM:SS (#SBATCH --time)." };

    public Option<bool> Submit { get; } = new("--submit") { Description = "Run sbatch on the script and print the job id." };

    public void AddSubmitTo(Command command)
    {
        command.Options.Add(MaxParallel);
        command.Options.Add(Partition);
        command.Options.Add(Time);
        command.Options.Add(Submit);
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

        foreach (string variable in new[] { SlurmIndexVariable, KubernetesIndexVariable })
        {
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } text)
            {
                return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value)
                    ? (value, variable)
                    : throw new UsageException($"{variable}={UserInput.Quote(text)}: allowed: a non-negative integer (the array task's cell index)");
            }
        }

        return (null, "");
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

        string directory = Path.GetDirectoryName(scriptPath)!;
        string logs = Path.Combine(directory, "logs");
        Directory.CreateDirectory(logs);
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
        AtomicFile.WriteAllText(scriptPath, SlurmArray.Script(options));
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
