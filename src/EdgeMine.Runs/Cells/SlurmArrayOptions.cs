namespace EdgeMine.Cells;

/// <summary>What a Slurm job-array script runs and asks for.</summary>
public sealed record SlurmArrayOptions
{
    /// <summary>The job name (<c>#SBATCH --job-name</c>).</summary>
    public required string JobName { get; init; }

    /// <summary>The array indices to run: the cells not done yet.</summary>
    public required IReadOnlyList<int> Indices { get; init; }

    /// <summary>The command each task runs (absolute paths); it finds its cell in SLURM_ARRAY_TASK_ID.</summary>
    public required IReadOnlyList<string> Command { get; init; }

    /// <summary>Directory of the tasks' logs (created before submission: Slurm does not create it).</summary>
    public required string LogDirectory { get; init; }

    /// <summary>At most this many tasks at once (<c>%K</c>), or null for the cluster's limit.</summary>
    public int? MaxParallel { get; init; }

    public string? Partition { get; init; }

    /// <summary>Time limit per task, e.g. <c>01:30:00</c>.</summary>
    public string? Time { get; init; }
}
