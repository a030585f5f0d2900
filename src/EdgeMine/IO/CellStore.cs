using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeMine.IO;

/// <summary>Where a cell stands in its output directory.</summary>
public enum CellState
{
    /// <summary>Neither a result nor a failure marker: never run, or killed while running.</summary>
    Missing,

    /// <summary>Its result file is there: skipped by every later run.</summary>
    Done,

    /// <summary>Its last run threw: a failure marker (the message) is there, and the next run tries again.</summary>
    Failed,
}

/// <summary>The marker a failed cell leaves, so that collecting can say why; removed when the cell later succeeds.</summary>
public sealed record CellFailure(string Key, string Error, string Message, string Host, DateTimeOffset TimeUtc);

/// <summary>What one pass over the pending cells did.</summary>
public sealed record CellRunSummary(int Skipped, int Succeeded, IReadOnlyList<CellFailure> Failures);

/// <summary>
/// The cells of a long job (a sweep, the reproduction) on disk: each cell's result is one JSON file written atomically,
/// a cell whose result exists is never run again, and a cell that throws leaves a failure marker and is retried on the
/// next run. Because the state is only files, the same directory can be filled by a local thread pool, by a Slurm job
/// array or by a Kubernetes Indexed Job, one cell per task, and any of them can be killed and restarted.
/// </summary>
/// <typeparam name="T">The result type, serialized with <paramref name="json"/>.</typeparam>
/// <param name="resultPath">The result file of a cell key.</param>
/// <param name="failurePath">The failure marker of a cell key.</param>
/// <param name="json">Serializer options of the result.</param>
public sealed class CellStore<T>(Func<string, string> resultPath, Func<string, string> failurePath, JsonSerializerOptions json)
    where T : class
{
    private static readonly JsonSerializerOptions FailureJson = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public string ResultPath(string key) => resultPath(key);

    public string FailurePath(string key) => failurePath(key);

    /// <summary>The stored result of <paramref name="key"/>, or null when it has not finished (or its file is unreadable).</summary>
    public T? TryRead(string key)
    {
        string path = resultPath(key);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), json);
        }
        catch (JsonException)
        {
            return null; // cannot happen with atomic writes, but a hand-edited file is simply redone
        }
    }

    /// <summary>The failure marker of <paramref name="key"/>, or null when there is none.</summary>
    public CellFailure? TryReadFailure(string key)
    {
        string path = failurePath(key);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<CellFailure>(File.ReadAllText(path), FailureJson);
        }
        catch (JsonException)
        {
            return new CellFailure(key, "unreadable", $"{path} is not a valid failure marker", "", default);
        }
    }

    public CellState State(string key) =>
        File.Exists(resultPath(key)) ? CellState.Done : File.Exists(failurePath(key)) ? CellState.Failed : CellState.Missing;

    /// <summary>Writes the result of <paramref name="key"/> atomically and drops its failure marker, if any.</summary>
    public void Write(string key, T result)
    {
        string path = resultPath(key);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(result, json) + "\n");
        File.Delete(failurePath(key));
    }

    /// <summary>Records that <paramref name="key"/> failed with <paramref name="error"/>.</summary>
    public CellFailure WriteFailure(string key, Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var failure = new CellFailure(key, error.GetType().Name, OneLine(error.Message), Environment.MachineName, DateTimeOffset.UtcNow);
        string path = failurePath(key);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(failure, FailureJson) + "\n");
        return failure;
    }

    /// <summary>
    /// Runs <paramref name="run"/> on every cell of <paramref name="cells"/> that is not done, at most
    /// <paramref name="jobs"/> at a time, in the given order. A cell that throws gets a failure marker and the others go
    /// on (one bad point of a grid must not lose the rest); cancellation stops everything without markers, since a
    /// cancelled cell did not fail. <paramref name="finished"/> is called (from the worker thread) after each cell.
    /// </summary>
    public CellRunSummary Run<TCell>(
        IReadOnlyList<TCell> cells,
        Func<TCell, string> key,
        Func<TCell, CancellationToken, T> run,
        int jobs,
        Action<TCell, T?, CellFailure?>? finished = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(run);
        var pending = cells.Where(c => State(key(c)) != CellState.Done).ToArray();
        var failures = new List<CellFailure>();
        int succeeded = 0;
        Parallel.ForEach(
            pending,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, jobs), CancellationToken = cancellation },
            cell =>
            {
                string name = key(cell);
                T result;
                try
                {
                    result = run(cell, cancellation);
                }
                catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
                {
                    throw;
                }
#pragma warning disable CA1031 // Any failure of one cell is recorded and reported; the other cells go on.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    var failure = WriteFailure(name, e);
                    lock (failures)
                    {
                        failures.Add(failure);
                    }

                    finished?.Invoke(cell, null, failure);
                    return;
                }

                Write(name, result);
                Interlocked.Increment(ref succeeded);
                finished?.Invoke(cell, result, null);
            });

        return new CellRunSummary(cells.Count - pending.Length, succeeded, failures.OrderBy(f => f.Key, StringComparer.Ordinal).ToArray());
    }

    private static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
