using System.Globalization;
using System.Security.Cryptography;

namespace EdgeMine.IO;

/// <summary>
/// The envelope of every binary file EdgeMine writes to disk (models, checkpoints): magic <c>EMCF</c>, a version, the
/// kind of file, the context it belongs to (the shape of the run), the payload's length, the payload (the learner's or
/// trainer's own format, <see cref="BinaryFormat"/>), and a SHA-256 of everything before it. A file that is truncated,
/// flipped, of another kind, or written for another shape is refused before any of it is used, with one line naming
/// the file, what is wrong, and what to do (a <see cref="ConfigurationException"/>: exit 2).
/// </summary>
public static class CheckedFile
{
    private const uint Magic = 0x46434D45; // "EMCF"
    private const int Version = 1;
    private const int HashBytes = 32;

    /// <summary>
    /// Largest file read: the payload is checked in memory before it is used, so the file must fit one array
    /// (<see cref="Array.MaxLength"/>, just under 2 GiB; <see cref="File.ReadAllBytes"/> reads no more). A larger file is
    /// refused by name here, not by the reader's own "file too long".
    /// </summary>
    public const long MaxBytes = 0x7FFFFFC7;

    /// <summary>Writes <paramref name="payload"/>'s bytes atomically to <paramref name="path"/> inside the envelope.</summary>
    public static void Write(string path, string kind, string context, Action<Stream> payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        using var body = new MemoryStream();
        payload(body);
        AtomicFile.Write(path, stream =>
        {
            using var hashed = new MemoryStream();
            using (var writer = BinaryFormat.Writer(hashed))
            {
                writer.Write(Magic);
                writer.Write(Version);
                writer.Write(kind);
                writer.Write(context);
                writer.Write(body.Length);
            }

            body.Position = 0;
            body.CopyTo(hashed);
            hashed.Position = 0;
            byte[] hash = SHA256.HashData(hashed);
            hashed.Position = 0;
            hashed.CopyTo(stream);
            stream.Write(hash);
        });
    }

    /// <summary>
    /// Reads and checks the file at <paramref name="path"/> (kind, context when given, length, checksum), then lets
    /// <paramref name="read"/> parse its payload, which must consume all of it. <paramref name="remedy"/> says what to
    /// do about a bad file ("retrain into DIR").
    /// </summary>
    public static T Read<T>(string path, string kind, string? context, string remedy, Func<Stream, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        ConfigurationException Bad(string what) => new($"{UserInput.Quote(path)}: {what}; {remedy}");
        long length;
        try
        {
            length = new FileInfo(path).Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Bad($"cannot be read ({UserInput.Message(e.Message)})");
        }

        if (length > MaxBytes)
        {
            throw Bad(string.Create(CultureInfo.InvariantCulture, $"{length} bytes, more than the {MaxBytes} bytes an EdgeMine {kind} can hold"));
        }

        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length < 8 + HashBytes || BitConverter.ToUInt32(bytes, 0) != Magic)
        {
            throw Bad(bytes.Length == 0 ? "is empty" : $"is not an EdgeMine {kind} file (no EMCF header)");
        }

        var expected = SHA256.HashData(bytes.AsSpan(0, bytes.Length - HashBytes));
        if (!expected.AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - HashBytes)))
        {
            throw Bad("its checksum does not match its contents (the file is damaged or truncated)");
        }

        using var stream = new MemoryStream(bytes, 0, bytes.Length - HashBytes, writable: false);
        using var reader = BinaryFormat.Reader(stream);
        try
        {
            reader.ReadUInt32(); // the magic, checked above
            int version = reader.ReadInt32();
            if (version != Version)
            {
                throw Bad(string.Create(CultureInfo.InvariantCulture, $"envelope version {version}, this build reads version {Version}"));
            }

            string fileKind = reader.ReadString();
            if (fileKind != kind)
            {
                throw Bad($"holds a {UserInput.Quote(fileKind)}, not a {kind}");
            }

            string fileContext = reader.ReadString();
            if (context is not null && fileContext != context)
            {
                throw Bad($"was written for {UserInput.Quote(fileContext)}, not for {UserInput.Quote(context)}");
            }

            long payloadLength = reader.ReadInt64();
            if (payloadLength != stream.Length - stream.Position)
            {
                throw Bad("its length field does not match its contents");
            }

            var value = read(stream);
            if (stream.Position != stream.Length)
            {
                throw Bad(string.Create(CultureInfo.InvariantCulture, $"{stream.Length - stream.Position} bytes left over after the {kind}"));
            }

            return value;
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException)
        {
            throw Bad(e.Message);
        }
    }
}
