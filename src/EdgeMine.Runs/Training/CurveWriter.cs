using System.Globalization;
using System.Text;
using EdgeMine.Learning;

namespace EdgeMine.Training;

/// <summary>
/// The learning curve of a training directory as it is trained: <c>slot,reward,moving_average,epsilon,loss</c>, one row per slot appended to
/// a partial file, cut back to what a checkpoint covers on resume. Round-trippable numbers, invariant culture.
/// </summary>
internal sealed class CurveWriter : IDisposable
{
    public const string Header = "slot,reward,moving_average,epsilon,loss\n";

    private readonly FileStream _stream;
    private readonly StreamWriter _writer;

    private CurveWriter(FileStream stream)
    {
        _stream = stream;
        _writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16);
    }

    /// <summary>
    /// Opens <paramref name="path"/> to append after its first <paramref name="keepBytes"/> bytes (a new file with its
    /// header when 0); a file shorter than that does not match its checkpoint, which <paramref name="checkpointPath"/>
    /// names in the error.
    /// </summary>
    public static CurveWriter Open(string path, long keepBytes, string checkpointPath)
    {
        var stream = new FileStream(path, keepBytes == 0 ? FileMode.Create : FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read);
        if (stream.Length < keepBytes)
        {
            long length = stream.Length;
            stream.Dispose();
            throw new ConfigurationException(string.Create(CultureInfo.InvariantCulture,
                $"{UserInput.Quote(path)}: {length} bytes, but {UserInput.Quote(checkpointPath)} covers {keepBytes}; delete {UserInput.Quote(checkpointPath)} to train from the start"));
        }

        stream.SetLength(keepBytes);
        stream.Position = keepBytes;
        var curve = new CurveWriter(stream);
        if (keepBytes == 0)
        {
            curve._writer.Write(Header);
        }

        return curve;
    }

    public void Append(CurveRow row)
    {
        var w = _writer;
        w.Write(row.Slot.ToString(CultureInfo.InvariantCulture));
        w.Write(',');
        w.Write(row.Reward.ToString("R", CultureInfo.InvariantCulture));
        w.Write(',');
        w.Write(row.MovingAverage.ToString("R", CultureInfo.InvariantCulture));
        w.Write(',');
        w.Write(row.Epsilon.ToString("R", CultureInfo.InvariantCulture));
        w.Write(',');
        if (!double.IsNaN(row.Loss))
        {
            w.Write(row.Loss.ToString("R", CultureInfo.InvariantCulture));
        }

        w.Write('\n');
    }

    /// <summary>Flushes to disk; returns the file's length, which a checkpoint records.</summary>
    public long Flush()
    {
        _writer.Flush();
        _stream.Flush(flushToDisk: true);
        return _stream.Length;
    }

    public void Dispose()
    {
        _writer.Dispose();
        _stream.Dispose();
    }
}
