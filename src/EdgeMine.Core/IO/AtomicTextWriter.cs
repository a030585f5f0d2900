using System.Text;

namespace EdgeMine.IO;

/// <summary>A text file written to a temporary path and moved into place by <see cref="Commit"/>; dropped if never committed.</summary>
public sealed class AtomicTextWriter : StreamWriter
{
    private readonly string? _path;
    private readonly string? _temporary;
    private bool _committed;

    internal AtomicTextWriter(string path, string temporary)
        : base(temporary, append: false, new UTF8Encoding(false), bufferSize: 1 << 16)
    {
        _path = path;
        _temporary = temporary;
    }

    /// <summary>A writer straight into <paramref name="through"/> (a device or a pipe): committing only flushes.</summary>
    internal AtomicTextWriter(Stream through)
        : base(through, new UTF8Encoding(false), bufferSize: 1 << 16)
    {
    }

    /// <summary>Flushes, closes and moves the file into place.</summary>
    public void Commit()
    {
        Flush();
        BaseStream.Flush();
        base.Dispose(true);
        if (_temporary is not null)
        {
            File.Move(_temporary, _path!, overwrite: true);
        }

        _committed = true;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && !_committed && _temporary is not null && File.Exists(_temporary))
        {
            File.Delete(_temporary);
        }
    }
}
