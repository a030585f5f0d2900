using System.Text;

namespace EdgeMine.IO;

/// <summary>
/// Files written atomically: into a temporary file beside the target, flushed, then renamed over it. A killed run
/// leaves the previous file (or none), never half a file: the basis of resumable training and reproduction. Only a
/// regular file (or a new one) is replaced so: a device or a pipe (<c>--trace /dev/null</c>) is written through, never
/// renamed over, a symbolic link keeps pointing where it did (its target is written), and a directory is refused.
/// </summary>
public static class AtomicFile
{
    /// <summary>
    /// Tests only, never set otherwise: a failure thrown instead of writing to a path (the IOException of a full disk,
    /// say), for the writes of the execution context that sets it and of the tasks it starts (the cells of a run), so
    /// that a test of a full disk needs neither a full disk nor privileges, and tests running beside it are untouched.
    /// </summary>
    internal static readonly AsyncLocal<Func<string, Exception?>?> InjectedFailure = new();

    /// <summary>
    /// Checks a file path a user gives for output (<c>--trace</c>), naming <paramref name="option"/>: not empty, not a
    /// directory, in a directory that exists. Devices and pipes are allowed (written through).
    /// </summary>
    public static void CheckOutputPath(string path, string option)
    {
        ArgumentNullException.ThrowIfNull(path);
        string where = $"{option} {UserInput.Quote(path)}";
        const string Allowed = "allowed: a file path (a new file, a regular file to replace, or a device or pipe to write through)";
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ConfigurationException($"{option} '': {Allowed}");
        }

        string target = FileKind.WriteTarget(path);
        if (FileKind.Of(target) == PathKind.Directory)
        {
            throw new ConfigurationException($"{where}: is a directory; {Allowed}");
        }

        string? directory = Path.GetDirectoryName(Path.GetFullPath(target));
        if (directory is not null && !Directory.Exists(directory))
        {
            throw new ConfigurationException($"{where}: the directory {UserInput.Quote(directory)} does not exist; {Allowed}");
        }
    }

    /// <summary>Writes <paramref name="text"/> (UTF-8, no BOM) to <paramref name="path"/> atomically.</summary>
    public static void WriteAllText(string path, string text) =>
        Write(path, stream =>
        {
            var bytes = new UTF8Encoding(false).GetBytes(text);
            stream.Write(bytes);
        });

    /// <summary>
    /// Lets <paramref name="write"/> fill a temporary stream, then moves it to <paramref name="path"/> (or, for a device
    /// or a pipe, lets it write there directly).
    /// </summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        ThrowInjectedFailure(path);
        path = Target(path, out bool through);
        if (through)
        {
            using var direct = OpenThrough(path);
            write(direct);
            direct.Flush();
            return;
        }

        string temporary = TemporaryPath(path);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>
    /// A text writer whose file appears at <paramref name="path"/> only when <see cref="AtomicTextWriter.Commit"/> is
    /// called; for a device or a pipe, one that writes there directly.
    /// </summary>
    public static AtomicTextWriter CreateText(string path)
    {
        ThrowInjectedFailure(path);
        path = Target(path, out bool through);
        return through ? new AtomicTextWriter(OpenThrough(path)) : new AtomicTextWriter(path, TemporaryPath(path));
    }

    // Where a write to the path lands (a link's final target), and whether it is written through (a device or a pipe).
    private static string Target(string path, out bool through)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0)
        {
            throw new IOException("cannot write to an empty path");
        }

        string target = FileKind.WriteTarget(path);
        var kind = FileKind.Of(target);
        if (kind == PathKind.Directory)
        {
            throw new IOException($"{UserInput.Quote(path)}: is a directory, not a file");
        }

        through = kind == PathKind.Special;
        return target;
    }

    private static void ThrowInjectedFailure(string path)
    {
        if (InjectedFailure.Value?.Invoke(path) is { } failure)
        {
            throw failure;
        }
    }

    // A device or a pipe, opened for writing as it is: no truncation, no lock, no rename.
    private static FileStream OpenThrough(string path) => new(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1 << 16);

    /// <summary>
    /// Deletes the temporary files that killed writers left under <paramref name="directory"/> (<c>NAME.PID.tmp</c>).
    /// Only safe while holding the directory's exclusive lock.
    /// </summary>
    public static void DeleteStaleTemporaries(string directory)
    {
        foreach (string file in Directory.EnumerateFiles(directory, "*.tmp", SearchOption.AllDirectories))
        {
            string stem = Path.GetFileNameWithoutExtension(file);
            string pid = Path.GetExtension(stem).TrimStart('.');
            if (pid.Length > 0 && pid.All(char.IsAsciiDigit))
            {
                File.Delete(file);
            }
        }
    }

    private static string TemporaryPath(string path)
    {
        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full) ?? ".";
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"{UserInput.Quote(path)}: the directory {UserInput.Quote(directory)} does not exist");
        }

        // The process id keeps two concurrent writers of the same file from sharing a temporary file.
        return $"{full}.{Environment.ProcessId}.tmp";
    }
}
