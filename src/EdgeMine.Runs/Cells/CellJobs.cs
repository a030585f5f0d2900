namespace EdgeMine.Cells;

/// <summary>Binding, running and resuming a job's cells.</summary>
public static class CellJobs
{
    /// <summary>The cell store of the job's output directory.</summary>
    public static CellStore Store(ICellJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new CellStore(job.OutDirectory, job.Catalog);
    }

    /// <summary>
    /// Binds and locks the output directory for the job (a directory of another job or kind, or one another run is
    /// writing to, is refused); <paramref name="shared"/> for one task of a job array, which writes its own cell only.
    /// </summary>
    public static Binding Bind(ICellJob job, string option = "--out", bool shared = false)
    {
        ArgumentNullException.ThrowIfNull(job);
        var store = Store(job);
        return OutputDirectory.Bind(job.OutDirectory, job.Kind, job.Manifest, option, store.AnyResult, shared);
    }

    /// <summary>
    /// Runs the cells of <paramref name="cells"/> (every cell when null) that are not done, the longest first, at most
    /// <paramref name="jobs"/> at a time, with progress over the whole job. Returns every finished cell's result.
    /// <paramref name="shared"/>: this run is one task of a job array, whose tasks share the directory's lock.
    /// </summary>
    public static JobOutcome Run(
        ICellJob job,
        int jobs,
        IReadOnlyList<CellSpec>? cells = null,
        Action<JobProgress>? progress = null,
        bool shared = false,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        using var binding = Bind(job, shared: shared);
        var store = Store(job);
        var selected = cells ?? job.Cells;
        var results = new System.Collections.Concurrent.ConcurrentDictionary<string, CellResult>();
        foreach (var cell in job.Cells)
        {
            if (store.TryRead(cell.Key) is { } done)
            {
                results[cell.Key] = done;
            }
        }

        long total = selected.Sum(job.Weight);
        long workDone = selected.Where(c => results.ContainsKey(c.Key)).Sum(job.Weight);
        int cellsDone = selected.Count(c => results.ContainsKey(c.Key));
        progress?.Invoke(new JobProgress(workDone, total, cellsDone, selected.Count, null));

        // The longest cells first, so that the last ones to finish are short ones.
        var ordered = selected.Where(c => !results.ContainsKey(c.Key))
            .OrderByDescending(job.Weight).ThenBy(c => c.Key, StringComparer.Ordinal).ToArray();
        var summary = store.Run(
            ordered,
            jobs,
            (cell, result, _) =>
            {
                if (result is not null)
                {
                    results[cell.Key] = result;
                }

                long now = Interlocked.Add(ref workDone, job.Weight(cell));
                int count = Interlocked.Increment(ref cellsDone);
                progress?.Invoke(new JobProgress(now, total, count, selected.Count, cell.Key));
            },
            cancellation);
        return new JobOutcome(results, summary with { Skipped = selected.Count - ordered.Length });
    }

    /// <summary>The cell at <paramref name="index"/>, or a <see cref="ConfigurationException"/> naming <paramref name="source"/> and the range.</summary>
    public static CellSpec Cell(ICellJob job, int index, string source)
    {
        ArgumentNullException.ThrowIfNull(job);
        return index >= 0 && index < job.Cells.Count
            ? job.Cells[index]
            : throw new ConfigurationException(FormattableString.Invariant(
                $"{source} {index}: allowed: 0 to {job.Cells.Count - 1} (the {OutputDirectory.Noun(job.Kind)} has {job.Cells.Count} cells)"));
    }
}
