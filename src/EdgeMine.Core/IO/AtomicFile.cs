namespace EdgeMine.IO;

/// <summary>
/// Files written atomically: into a temporary file beside the target, flushed, then renamed over it. A killed run
/// leaves the previous file (or none), never half a file: the basis of resumable training and reproduction.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Writes <paramref name="text"/> (UTF-8, no BOM) to <paramref name="path"/> atomically.</summary>
    public static void WriteAllText(string path, string text) =>
        Write(path, stream =>
        {
            var bytes = new UTF8Encoding(false).GetBytes(text);
            stream.Write(bytes);
        });

    /// <summary>Lets <paramref name="write"/> fill a temporary stream, then moves it to <paramref name="path"/>.</summary>
    public static void Write(string path, Action<Stream> write)
    {
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

    /// <summary>A text writer whose file appears at <paramref name="path"/> only when <see cref="AtomicTextWriter.Commit"/> is called.</summary>
    public static AtomicTextWriter CreateText(string path) => new(path, TemporaryPath(path));

    private static string TemporaryPath(string path)
    {
        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full) ?? ".";
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"{path}: the directory {directory} does not exist");
        }

        // The process id keeps two concurrent writers of the same file from sharing a temporary file.
        return $"{full}.{Environment.ProcessId}.tmp";
    }
}

/// <summary>A text file written to a temporary path and moved into place by <see cref="Commit"/>; dropped if never committed.</summary>
internal sealed class AtomicTextWriter : StreamWriter
{
    private readonly string _path;
    private readonly string _temporary;
    private bool _committed;

    internal AtomicTextWriter(string path, string temporary)
        : base(temporary, append: false, new UTF8Encoding(false), bufferSize: 1 << 16)
    {
        _path = path;
        _temporary = temporary;
    }

    /// <summary>Flushes, closes and moves the file into place.</summary>
    public void Commit()
    {
        Flush();
        BaseStream.Flush();
        base.Dispose(true);
        File.Move(_temporary, _path, overwrite: true);
        _committed = true;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && !_committed && File.Exists(_temporary))
        {
            File.Delete(_temporary);
        }
    }
}
