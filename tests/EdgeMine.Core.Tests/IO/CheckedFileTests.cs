using System.Security.Cryptography;
using EdgeMine.IO;

namespace EdgeMine.Tests.IO;

/// <summary>
/// The checked envelope of docs/weight-format.md, byte by byte, and each way a damaged or foreign file is refused
/// with one line that names the file, what is wrong and the remedy.
/// </summary>
public sealed class CheckedFileTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private string WritePayload(byte[] payload, string kind = "model", string context = "N=1 M=2")
    {
        string path = _directory.File("model.bin");
        CheckedFile.Write(path, kind, context, s => s.Write(payload));
        return path;
    }

    private static byte[] Read(string path, string kind = "model", string? context = "N=1 M=2") =>
        CheckedFile.Read(path, kind, context, "retrain into DIR", s =>
        {
            var buffer = new byte[s.Length - s.Position];
            s.ReadExactly(buffer);
            return buffer;
        });

    private static string Refusal(string path, string kind = "model", string? context = "N=1 M=2") =>
        Assert.Throws<ConfigurationException>(() => Read(path, kind, context)).Message;

    [Fact]
    public void Write_LaysOutTheEnvelopeAsDocumented()
    {
        string path = WritePayload([1, 2, 3]);
        byte[] bytes = File.ReadAllBytes(path);

        // "EMCF" as a little-endian uint32, version 1, "model" and "N=1 M=2" as length-prefixed UTF-8, length 3 as int64,
        // the payload, then SHA-256 of everything before it.
        byte[] head = [0x45, 0x4D, 0x43, 0x46, 1, 0, 0, 0, 5, .. "model"u8, 7, .. "N=1 M=2"u8, 3, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3];
        Assert.Equal(head.Length + 32, bytes.Length);
        Assert.Equal(head, bytes[..head.Length]);
        Assert.Equal(SHA256.HashData(head), bytes[head.Length..]);
        Assert.Equal([1, 2, 3], Read(path));
    }

    [Fact]
    public void Read_AnyContextWhenNoneIsAsked() =>
        Assert.Equal([9], Read(WritePayload([9], context: "whatever"), context: null));

    [Fact]
    public void Read_AFlippedByte_IsRefusedByItsChecksum()
    {
        string path = WritePayload([1, 2, 3]);
        byte[] bytes = File.ReadAllBytes(path);
        bytes[^33] ^= 0x01; // the payload's last byte
        File.WriteAllBytes(path, bytes);
        string message = Refusal(path);
        Assert.StartsWith($"'{path}': its checksum does not match", message, StringComparison.Ordinal);
        Assert.EndsWith("; retrain into DIR", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ATruncatedFile_IsRefused()
    {
        string path = WritePayload([1, 2, 3]);
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^1]);
        Assert.Contains("checksum does not match", Refusal(path), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AnEmptyOrForeignFile_IsRefused()
    {
        string path = _directory.File("model.bin");
        File.WriteAllBytes(path, []);
        Assert.Contains(": is empty;", Refusal(path), StringComparison.Ordinal);
        File.WriteAllBytes(path, new byte[64]);
        Assert.Contains("is not an EdgeMine model file (no EMCF header)", Refusal(path), StringComparison.Ordinal);
        File.WriteAllBytes(path, [0x45, 0x4D, 0x43, 0x46]); // the magic alone: shorter than any envelope
        Assert.Contains("no EMCF header", Refusal(path), StringComparison.Ordinal);
        File.WriteAllBytes(path, [0x45, 0x4D, 0x43, 0x46, .. new byte[36]]); // magic and 36 bytes: as long as a header and a hash
        Assert.Contains("checksum does not match", Refusal(path), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AnotherKindOrContext_IsRefusedWithBoth()
    {
        string path = WritePayload([1], kind: "checkpoint");
        Assert.Contains("holds a 'checkpoint', not a model", Refusal(path), StringComparison.Ordinal);
        path = WritePayload([1], context: "N=5 M=2");
        Assert.Contains("was written for 'N=5 M=2', not for 'N=1 M=2'", Refusal(path), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_APayloadNotConsumed_IsRefusedWithTheBytesLeft()
    {
        string path = WritePayload([1, 2, 3, 4]);
        var error = Assert.Throws<ConfigurationException>(() => CheckedFile.Read(path, "model", null, "retrain", s => s.ReadByte()));
        Assert.Contains("3 bytes left over after the model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AParserError_BecomesOneLineNamingTheFile()
    {
        string path = WritePayload([1]);
        var error = Assert.Throws<ConfigurationException>(() => CheckedFile.Read<int>(path, "model", null, "retrain", _ => throw new InvalidDataException("bad layer count")));
        Assert.Equal($"'{path}': bad layer count; retrain", error.Message);
    }

    [Fact]
    public void WriteAndRead_WithoutAPayloadOrAReader_AreRefused()
    {
        Assert.Throws<ArgumentNullException>(() => CheckedFile.Write(_directory.File("x.bin"), "model", "", null!));
        Assert.Throws<ArgumentNullException>(() => CheckedFile.Read<int>(_directory.File("x.bin"), "model", null, "retrain", null!));
    }

    [Fact]
    public void Read_AMissingFile_SaysItCannotBeRead() =>
        Assert.Contains(": cannot be read (", Refusal(_directory.File("absent.bin")), StringComparison.Ordinal);

    [Fact]
    public void Read_AnotherEnvelopeVersion_IsRefused()
    {
        // Version 2 with a valid checksum: the version field itself is what is refused.
        byte[] head = [0x45, 0x4D, 0x43, 0x46, 2, 0, 0, 0, 5, .. "model"u8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 7];
        string path = _directory.File("v2.bin");
        File.WriteAllBytes(path, [.. head, .. SHA256.HashData(head)]);
        Assert.Contains("envelope version 2, this build reads version 1", Refusal(path, context: null), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ALengthFieldThatLies_IsRefused()
    {
        byte[] head = [0x45, 0x4D, 0x43, 0x46, 1, 0, 0, 0, 5, .. "model"u8, 0, 2, 0, 0, 0, 0, 0, 0, 0, 7];
        string path = _directory.File("lies.bin");
        File.WriteAllBytes(path, [.. head, .. SHA256.HashData(head)]);
        Assert.Contains("its length field does not match its contents", Refusal(path, context: null), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ThePayloadStream_IsReadOnly()
    {
        // The reader parses the checked bytes; it cannot change them under the checksum.
        string path = WritePayload([1]);
        Assert.Throws<NotSupportedException>(() => CheckedFile.Read(path, "model", null, "retrain", s =>
        {
            s.WriteByte(2);
            return 0;
        }));
    }

    [Fact]
    public void Read_AFileLargerThanAnArrayHolds_IsRefusedNamingTheFile()
    {
        // 3 GiB, sparse (no disk used): more than the Array.MaxLength = 0x7FFFFFC7 = 2,147,483,591 bytes File.ReadAllBytes can
        // read, so it must be refused by the size check, with the file's name and exit 2, before any read is tried.
        string path = _directory.File("huge.bin");
        using (var file = new FileStream(path, FileMode.CreateNew))
        {
            file.SetLength(3L << 30);
        }

        Assert.Equal(
            $"'{path}': 3221225472 bytes, more than the 2147483591 bytes an EdgeMine model can hold; retrain into DIR",
            Refusal(path));
    }
}
