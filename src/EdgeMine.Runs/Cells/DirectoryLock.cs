using System.Globalization;

namespace EdgeMine.Cells;

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
