using System.Text.Json;
using System.Text.Json.Serialization;
using EdgeMine.IO;
using EdgeMine.Schemes;

namespace EdgeMine.Cells;

/// <summary>
/// The cells of a job on disk, one folder per cell: <c>cells/KEY/result.json</c> when done, <c>cells/KEY/failed.json</c>
/// when its last run threw, and <c>cells/KEY/model/</c> for a learner's training directory. Each result is written
/// atomically, a cell whose result exists is never run again, and a cell that throws leaves a failure marker and is
/// retried on the next run. Because the state is only files, the same directory can be filled by a local thread pool,
/// by a Slurm job array or by a Kubernetes Indexed Job, one cell per task, and any of them can be killed and restarted.
/// </summary>
public sealed class CellStore
{
    public const string CellsDirectory = "cells";
    public const string ResultFile = "result.json";
    public const string FailureFile = "failed.json";
    public const string ModelDirectoryName = "model";

    private static readonly JsonSerializerOptions FailureJson = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    private readonly string _outDirectory;
    private readonly JsonSerializerOptions _json;

    /// <param name="outDirectory">The job's output directory.</param>
    /// <param name="catalog">Resolves the scheme names written in result files.</param>
    public CellStore(string outDirectory, SchemeCatalog catalog)
    {
        _outDirectory = outDirectory;
        _json = ResultJson(catalog);
    }

    /// <summary>How cell results are written: snake_case keys, schemes by name (resolved through <paramref name="catalog"/>).</summary>
    public static JsonSerializerOptions ResultJson(SchemeCatalog catalog) => new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new SchemeJsonConverter(catalog) },
    };

    /// <summary>The folder of cell <paramref name="key"/>.</summary>
    public string CellDirectory(string key) => Path.Combine(_outDirectory, CellsDirectory, key);

    public string ResultPath(string key) => Path.Combine(CellDirectory(key), ResultFile);

    public string FailurePath(string key) => Path.Combine(CellDirectory(key), FailureFile);

    /// <summary>The training directory of a learner cell.</summary>
    public string ModelDirectory(string key) => Path.Combine(CellDirectory(key), ModelDirectoryName);

    /// <summary>The stored result of <paramref name="key"/>, or null when it has not finished (or its file is unreadable).</summary>
    public CellResult? TryRead(string key) =>
        ReadJson<CellResult>(ResultPath(key), _json, _ => null); // cannot happen with atomic writes, but a hand-edited file is simply redone

    /// <summary>The failure marker of <paramref name="key"/>, or null when there is none.</summary>
    public CellFailure? TryReadFailure(string key) =>
        ReadJson(FailurePath(key), FailureJson, path => new CellFailure(key, "unreadable", $"{path} is not a valid failure marker", "", default));

    /// <summary>The JSON file at <paramref name="path"/>, null when it does not exist, <paramref name="unreadable"/>'s value when it does not parse.</summary>
    private static T? ReadJson<T>(string path, JsonSerializerOptions options, Func<string, T?> unreadable)
        where T : class
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), options);
        }
        catch (Exception e) when (e is JsonException or ConfigurationException)
        {
            return unreadable(path);
        }
    }

    public CellState State(string key) =>
        File.Exists(ResultPath(key)) ? CellState.Done : File.Exists(FailurePath(key)) ? CellState.Failed : CellState.Missing;

    /// <summary>True when any cell of the directory has a result.</summary>
    public bool AnyResult() =>
        Directory.Exists(Path.Combine(_outDirectory, CellsDirectory))
        && Directory.EnumerateDirectories(Path.Combine(_outDirectory, CellsDirectory)).Any(d => File.Exists(Path.Combine(d, ResultFile)));

    /// <summary>Writes the result of <paramref name="key"/> atomically and drops its failure marker, if any.</summary>
    public void Write(string key, CellResult result)
    {
        Directory.CreateDirectory(CellDirectory(key));
        AtomicFile.WriteAllText(ResultPath(key), JsonSerializer.Serialize(result, _json) + "\n");
        File.Delete(FailurePath(key));
    }

    /// <summary>Records that <paramref name="key"/> failed with <paramref name="error"/>.</summary>
    public CellFailure WriteFailure(string key, Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var failure = new CellFailure(key, error.GetType().Name, UserInput.Message(error.Message), Environment.MachineName, DateTimeOffset.UtcNow);
        Directory.CreateDirectory(CellDirectory(key));
        AtomicFile.WriteAllText(FailurePath(key), JsonSerializer.Serialize(failure, FailureJson) + "\n");
        return failure;
    }

    /// <summary>
    /// Runs every cell of <paramref name="cells"/> that is not done, at most <paramref name="jobs"/> at a time, in the
    /// given order. A cell that throws gets a failure marker and the others go on (one bad point of a grid must not lose
    /// the rest); cancellation stops everything without markers, since a cancelled cell did not fail.
    /// <paramref name="finished"/> is called (from the worker thread) after each cell.
    /// </summary>
    public CellRunSummary Run(
        IReadOnlyList<CellSpec> cells,
        int jobs,
        Action<CellSpec, CellResult?, CellFailure?>? finished = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var pending = cells.Where(c => State(c.Key) != CellState.Done).ToArray();
        var failures = new List<CellFailure>();
        int succeeded = 0;
        Parallel.ForEach(
            pending,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, jobs), CancellationToken = cancellation },
            cell =>
            {
                CellResult result;
                try
                {
                    result = CellRunner.Run(cell, cancellation);
                }
                catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
                {
                    throw;
                }
#pragma warning disable CA1031 // Any failure of one cell is recorded and reported; the other cells go on.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    var failure = WriteFailure(cell.Key, e);
                    lock (failures)
                    {
                        failures.Add(failure);
                    }

                    finished?.Invoke(cell, null, failure);
                    return;
                }

                Write(cell.Key, result);
                Interlocked.Increment(ref succeeded);
                finished?.Invoke(cell, result, null);
            });

        return new CellRunSummary(cells.Count - pending.Length, succeeded, failures.OrderBy(f => f.Key, StringComparer.Ordinal).ToArray());
    }
}
