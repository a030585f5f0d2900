using System.Globalization;
using System.Text;

namespace EdgeMine.IO;

/// <summary>
/// One binary format of EdgeMine (models, checkpoints, replay memories, weights, optimiser states): its name for
/// messages, its four-byte magic and its version, and the checked reads every reader uses. Every problem with a file is
/// an <see cref="InvalidDataException"/> whose message says what is wrong (bad magic, another version, a shape that
/// differs, a count out of range, a truncated file), never an end-of-stream or a type name.
/// </summary>
/// <param name="Name">What the file holds, for messages: "DRLO model", "checkpoint".</param>
/// <param name="Magic">Four ASCII bytes read as a little-endian uint32 (<c>EMQT</c> is 0x54514D45).</param>
/// <param name="Version">The version this build writes and reads.</param>
public sealed record BinaryFormat(string Name, uint Magic, int Version)
{
    /// <summary>A writer over <paramref name="stream"/> that leaves it open (UTF-8 strings, little-endian numbers).</summary>
    public static BinaryWriter Writer(Stream stream) => new(stream, Encoding.UTF8, leaveOpen: true);

    /// <summary>A reader over <paramref name="stream"/> that leaves it open.</summary>
    public static BinaryReader Reader(Stream stream) => new(stream, Encoding.UTF8, leaveOpen: true);

    /// <summary>Writes the magic and the version.</summary>
    public void WriteHeader(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Magic);
        writer.Write(Version);
    }

    /// <summary>Reads and checks the magic and the version.</summary>
    public void ReadHeader(BinaryReader reader) => ReadHeader(reader, Version);

    /// <summary>
    /// Reads and checks the magic and a version from <paramref name="oldest"/> to <see cref="Version"/> (a format that
    /// still reads its older files); returns the version read.
    /// </summary>
    public int ReadHeader(BinaryReader reader, int oldest)
    {
        ArgumentNullException.ThrowIfNull(reader);
        uint magic = Truncated(reader.ReadUInt32);
        if (magic != Magic)
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture, $"not an EdgeMine {Name}: magic 0x{magic:X8}, expected 0x{Magic:X8} (\"{MagicText}\")"));
        }

        int version = Truncated(reader.ReadInt32);
        if (version < oldest || version > Version)
        {
            string reads = oldest == Version ? $"version {Version}" : $"versions {oldest} to {Version}";
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture, $"{Name} version {version} is not supported (this build reads {reads})"));
        }

        return version;
    }

    /// <summary>Reads an int32 that must equal <paramref name="expected"/>: a shape field (<paramref name="what"/>) of the file against the receiver's.</summary>
    public int ReadExpected(BinaryReader reader, int expected, string what)
    {
        ArgumentNullException.ThrowIfNull(reader);
        int value = Truncated(reader.ReadInt32);
        return value == expected
            ? value
            : throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{Name}: {what} is {value}, expected {expected}"));
    }

    /// <summary>Reads an int32 count that must lie in [<paramref name="min"/>, <paramref name="max"/>] (checked before anything is allocated for it).</summary>
    public int ReadCount(BinaryReader reader, int min, int max, string what)
    {
        ArgumentNullException.ThrowIfNull(reader);
        int value = Truncated(reader.ReadInt32);
        return value >= min && value <= max
            ? value
            : throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{Name}: {what} is {value}, outside {min}..{max}"));
    }

    /// <summary>Runs <paramref name="read"/>, reporting a file that ends too early as "NAME is truncated".</summary>
    public T Truncated<T>(Func<T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            return read();
        }
        catch (EndOfStreamException exception)
        {
            throw new InvalidDataException($"{Name} is truncated", exception);
        }
    }

    /// <summary>Runs <paramref name="read"/>, reporting a file that ends too early as "NAME is truncated".</summary>
    public void Truncated(Action read)
    {
        ArgumentNullException.ThrowIfNull(read);
        Truncated(() =>
        {
            read();
            return 0;
        });
    }

    private string MagicText => Encoding.ASCII.GetString(BitConverter.GetBytes(Magic));
}
