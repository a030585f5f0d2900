namespace EdgeMine.Cells;

/// <summary>What an output directory holds, recorded by the name of its manifest file.</summary>
public enum DirectoryKind
{
    /// <summary><c>edgemine train</c>: config.json, curve.csv, model.bin.</summary>
    TrainingRun,

    /// <summary><c>edgemine train --seeds S</c> with S &gt; 1: seeds.json, and seed-1 to seed-S, one training run each.</summary>
    TrainingSeeds,

    /// <summary><c>edgemine reproduce</c>: reproduction.json, cells/, the CSVs, figures and report.</summary>
    Reproduction,

    /// <summary><c>edgemine sweep</c>: sweep.json, cells/, results.csv.</summary>
    Sweep,

    /// <summary><c>edgemine calibrate</c>: calibration.json, cells/, points.csv, paper-fit.json, feasibility.md.</summary>
    Calibration,
}

/// <summary>
/// A bound output directory: how it was found, and this process's lock of it, released on dispose (the lock is
/// re-entrant: nested binds of one directory share it).
/// </summary>
public sealed class Binding(BindOutcome outcome, IDisposable hold) : IDisposable
{
    public BindOutcome Outcome { get; } = outcome;

    public void Dispose() => hold.Dispose();
}

/// <summary>How <see cref="OutputDirectory.Bind"/> found the directory.</summary>
public enum BindOutcome
{
    /// <summary>The manifest was written now: a new directory, or one whose earlier run left no results.</summary>
    New,

    /// <summary>The directory already held this very manifest: a run to continue.</summary>
    Existing,
}

/// <summary>
/// The one way a job binds an output directory to what it computes: its kind and its manifest (the canonical text of
/// its configuration: config.json, reproduction.json, sweep.json). Results are found by name inside the directory, so a
/// directory must never hold two configurations, nor be used as another kind: both are refused with a line that says
/// what the directory holds. A directory whose earlier run stopped before writing any result is taken over.
/// </summary>
public static class OutputDirectory
{
    /// <summary>The manifest file of each kind.</summary>
    public static string ManifestFile(DirectoryKind kind) => kind switch
    {
        DirectoryKind.TrainingRun => "config.json",
        DirectoryKind.TrainingSeeds => "seeds.json",
        DirectoryKind.Reproduction => "reproduction.json",
        DirectoryKind.Sweep => "sweep.json",
        DirectoryKind.Calibration => "calibration.json",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>How messages name each kind: <c>training run</c>, <c>reproduction</c>, <c>sweep</c>.</summary>
    public static string Noun(DirectoryKind kind) => kind switch
    {
        DirectoryKind.TrainingRun => "training run",
        DirectoryKind.TrainingSeeds => "set of training runs, one per seed",
        DirectoryKind.Reproduction => "reproduction",
        DirectoryKind.Sweep => "sweep",
        DirectoryKind.Calibration => "calibration",
        _ => kind.ToString(),
    };

    /// <summary>"a training run", "a reproduction", "a sweep".</summary>
    public static string Describe(DirectoryKind kind) => $"a {Noun(kind)}";

    /// <summary>The kind of <paramref name="directory"/> by its manifest, or null when it holds none.</summary>
    public static DirectoryKind? KindOf(string directory) =>
        Enum.GetValues<DirectoryKind>().Cast<DirectoryKind?>().FirstOrDefault(k => File.Exists(Path.Combine(directory, ManifestFile(k!.Value))));

    /// <summary>
    /// Creates <paramref name="directory"/> if needed and binds it to <paramref name="manifest"/>. Refused (a
    /// <see cref="ConfigurationException"/> naming <paramref name="option"/> and the directory): a directory of another
    /// kind, and one whose manifest differs while <paramref name="hasResults"/> says it holds results of it.
    /// </summary>
    /// <remarks>
    /// The directory is locked first (<see cref="DirectoryLock"/>) until the returned binding is disposed (or the
    /// process ends): a second writer is refused naming the holder's PID; <paramref name="shared"/> holders (the tasks
    /// of one job array, each writing its own cell) coexist with each other but not with a whole run.
    /// </remarks>
    public static Binding Bind(string directory, DirectoryKind kind, string manifest, string option, Func<bool> hasResults, bool shared = false)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(hasResults);
        string where = $"{option} {UserInput.Quote(directory)}";
        if (string.IsNullOrWhiteSpace(directory))
        {
            throw new ConfigurationException($"{option} {UserInput.Quote(directory)}: allowed: a directory path");
        }

        if (IO.FileKind.Of(directory) is IO.PathKind.RegularFile or IO.PathKind.Special)
        {
            throw new ConfigurationException($"{where}: is a file; allowed: a directory (new, or one written by the same command)");
        }

        if (KindOf(directory) is { } earlier && earlier != kind)
        {
            throw new ConfigurationException($"{where}: the directory holds {Describe(earlier)} ({ManifestFile(earlier)}); choose another directory for {Describe(kind)}");
        }

        Directory.CreateDirectory(directory);
        var hold = DirectoryLock.Hold(directory, where, shared);
        try
        {
            // Checked again under the lock: another run may have bound the directory in between.
            if (KindOf(directory) is { } other && other != kind)
            {
                throw new ConfigurationException($"{where}: the directory holds {Describe(other)} ({ManifestFile(other)}); choose another directory for {Describe(kind)}");
            }

            string path = Path.Combine(directory, ManifestFile(kind));
            if (File.Exists(path))
            {
                if (File.ReadAllText(path) == manifest)
                {
                    return new Binding(BindOutcome.Existing, hold);
                }

                if (hasResults())
                {
                    throw new ConfigurationException(
                        $"{where}: the directory holds {Describe(kind)} of another configuration ({path} differs); choose another directory, or remove it");
                }
            }

            IO.AtomicFile.WriteAllText(path, manifest);
            return new Binding(BindOutcome.New, hold);
        }
        catch
        {
            hold.Dispose();
            throw;
        }
    }
}

/// <summary>
/// The advisory lock of an output directory: <c>.edgemine.lock</c> opened without sharing, which .NET turns into
/// <c>flock(2)</c> on Unix. The kernel drops it when the process ends, however it ends, so a killed run leaves no stale
/// lock to clear (its file stays, unlocked, and the next run takes it over). The holder's PID is written beside it, in
/// <c>.edgemine.lock.pid</c>, for the message the next writer gets. Holds are counted per directory within a process, so
/// that nested binds share one lock, which is released with the last.
/// </summary>
public static class DirectoryLock
{
    /// <summary>The lock file inside a locked directory.</summary>
    public const string LockFile = ".edgemine.lock";

    /// <summary>The file that names the holder's process.</summary>
    public const string HolderFile = ".edgemine.lock.pid";

    private static readonly Dictionary<string, Entry> Held = new(StringComparer.Ordinal);

    private sealed class Entry(FileStream stream, bool shared)
    {
        public FileStream Stream { get; set; } = stream;

        public bool Shared { get; set; } = shared;

        public int Count { get; set; }
    }

    /// <summary>
    /// Locks <paramref name="directory"/> (which must exist) for this process, exclusively or <paramref name="shared"/>,
    /// until the returned hold is disposed. Refused with a <see cref="ConfigurationException"/> that starts with
    /// <paramref name="where"/> and names the holder.
    /// </summary>
    public static IDisposable Hold(string directory, string where, bool shared)
    {
        ArgumentNullException.ThrowIfNull(directory);
        string full = Path.GetFullPath(directory);
        lock (Held)
        {
            if (Held.TryGetValue(full, out var entry))
            {
                if (entry.Shared && !shared)
                {
                    // An exclusive hold inside a shared one: take the stronger lock.
                    var stronger = Open(full, where, shared: false);
                    entry.Stream.Dispose();
                    (entry.Stream, entry.Shared) = (stronger, false);
                }
            }
            else
            {
                entry = new Entry(Open(full, where, shared), shared);
                Held[full] = entry;
                if (!shared)
                {
                    IO.AtomicFile.DeleteStaleTemporaries(full); // no other writer can be using them now
                }

                IO.AtomicFile.WriteAllText(Path.Combine(full, HolderFile), string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId} {Environment.MachineName}\n"));
            }

            entry.Count++;
            return new Lease(full);
        }
    }

    private static FileStream Open(string directory, string where, bool shared)
    {
        string path = Path.Combine(directory, LockFile);
        try
        {
            return shared
                ? new FileStream(path, FileMode.OpenOrCreate, FileAccess.Read, FileShare.Read)
                : new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException) when (File.Exists(path))
        {
            throw new ConfigurationException(
                $"{where}: another edgemine run{ReadHolder(directory)} is writing to this directory; wait for it to end, or choose another directory");
        }
    }

    private sealed class Lease(string directory) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            lock (Held)
            {
                if (Held.TryGetValue(directory, out var entry) && --entry.Count == 0)
                {
                    entry.Stream.Dispose();
                    Held.Remove(directory);
                }
            }
        }
    }

    // " (PID 123 on host)" from the holder file, or nothing when it cannot be read.
    private static string ReadHolder(string directory)
    {
        try
        {
            string[] words = File.ReadAllText(Path.Combine(directory, HolderFile)).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return words.Length >= 2 && int.TryParse(words[0], CultureInfo.InvariantCulture, out int pid)
                ? string.Create(CultureInfo.InvariantCulture, $" (PID {pid} on {UserInput.Message(words[1])})")
                : "";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
