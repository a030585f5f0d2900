using EdgeMine.IO;

namespace EdgeMine.Tests.IO;

/// <summary>The checked reads every binary reader uses: header, shape fields, counts and truncation, each with its message.</summary>
public sealed class BinaryFormatTests
{
    private static readonly BinaryFormat Format = new("test model", 0x54514D45, 3); // "EMQT"

    private static BinaryReader ReaderOf(Action<BinaryWriter> write)
    {
        var stream = new MemoryStream();
        using (var writer = BinaryFormat.Writer(stream))
        {
            write(writer);
        }

        stream.Position = 0;
        return BinaryFormat.Reader(stream);
    }

    private static string Refusal(Action read) => Assert.Throws<InvalidDataException>(read).Message;

    [Fact]
    public void Header_RoundTrips_AsMagicThenVersion()
    {
        var stream = new MemoryStream();
        using (var writer = BinaryFormat.Writer(stream))
        {
            Format.WriteHeader(writer);
        }

        Assert.Equal([0x45, 0x4D, 0x51, 0x54, 3, 0, 0, 0], stream.ToArray());
        stream.Position = 0;
        using var reader = BinaryFormat.Reader(stream);
        Format.ReadHeader(reader);
        Assert.Equal(8, stream.Position);
    }

    [Fact]
    public void Header_AnotherMagicVersionOrTooShort_IsRefused()
    {
        Assert.Equal(
            "not an EdgeMine test model: magic 0x46434D45, expected 0x54514D45 (\"EMQT\")",
            Refusal(() => Format.ReadHeader(ReaderOf(w => { w.Write(0x46434D45u); w.Write(3); }))));
        Assert.Equal(
            "test model version 4 is not supported (this build reads version 3)",
            Refusal(() => Format.ReadHeader(ReaderOf(w => { w.Write(0x54514D45u); w.Write(4); }))));
        Assert.Equal("test model is truncated", Refusal(() => Format.ReadHeader(ReaderOf(w => w.Write((ushort)1)))));
        Assert.Equal("test model is truncated", Refusal(() => Format.ReadHeader(ReaderOf(w => w.Write(0x54514D45u)))));
    }

    [Fact]
    public void ReadExpected_AShapeThatDiffers_NamesBoth()
    {
        Assert.Equal(12, Format.ReadExpected(ReaderOf(w => w.Write(12)), 12, "tasks"));
        Assert.Equal("test model: tasks is 13, expected 12", Refusal(() => Format.ReadExpected(ReaderOf(w => w.Write(13)), 12, "tasks")));
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(5, true)]
    [InlineData(0, false)]
    [InlineData(6, false)]
    public void ReadCount_InsideTheBoundsOnly(int value, bool accepted)
    {
        if (accepted)
        {
            Assert.Equal(value, Format.ReadCount(ReaderOf(w => w.Write(value)), 1, 5, "layers"));
        }
        else
        {
            Assert.Equal($"test model: layers is {value}, outside 1..5", Refusal(() => Format.ReadCount(ReaderOf(w => w.Write(value)), 1, 5, "layers")));
        }
    }

    [Fact]
    public void Truncated_ReportsTheFormatsName_AndPassesOtherValuesThrough()
    {
        var reader = ReaderOf(w => w.Write(1.5));
        double read = 0;
        Format.Truncated(() => read = reader.ReadDouble());
        Assert.Equal(1.5, read);
        Assert.Equal("test model is truncated", Refusal(() => Format.Truncated(() => reader.ReadDouble())));
        Assert.Throws<ArgumentNullException>(() => Format.ReadHeader(null!));
    }

    [Fact]
    public void WriterAndReader_LeaveTheStreamOpen()
    {
        var stream = new MemoryStream();
        BinaryFormat.Writer(stream).Dispose();
        BinaryFormat.Reader(stream).Dispose();
        stream.WriteByte(1); // still open
        Assert.Equal(1, stream.Length);
    }

    [Fact]
    public void ReadHeader_AVersionOlderThanTheOldestRead_IsRefused()
    {
        // Format reads version 3 only: 2 is below it, as refused as 4 above it.
        Assert.Equal(
            "test model version 2 is not supported (this build reads version 3)",
            Refusal(() => Format.ReadHeader(ReaderOf(w => { w.Write(0x54514D45u); w.Write(2); }))));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void ReadHeader_FromAnOldestVersion_ReadsEachVersionUpToTheCurrent(int version) =>
        Assert.Equal(version, Format.ReadHeader(ReaderOf(w => { w.Write(0x54514D45u); w.Write(version); }), oldest: 2));

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void ReadHeader_FromAnOldestVersion_NamesTheRangeItReads(int version) =>
        Assert.Equal(
            $"test model version {version} is not supported (this build reads versions 2 to 3)",
            Refusal(() => Format.ReadHeader(ReaderOf(w => { w.Write(0x54514D45u); w.Write(version); }), oldest: 2)));

    [Fact]
    public void TruncatedAction_RunsTheRead_AndReportsTheFormatsName()
    {
        var reader = ReaderOf(w => w.Write(7));
        int read = 0;
        Format.Truncated(() => { read = reader.ReadInt32(); });
        Assert.Equal(7, read);
        Assert.Equal("test model is truncated", Refusal(() => Format.Truncated(() => { reader.ReadInt32(); })));
    }

    [Fact]
    public void EveryMethod_WithoutAReaderWriterOrRead_IsRefusedNamingTheArgument()
    {
        Assert.Equal("writer", Assert.Throws<ArgumentNullException>(() => Format.WriteHeader(null!)).ParamName);
        Assert.Equal("reader", Assert.Throws<ArgumentNullException>(() => Format.ReadExpected(null!, 1, "tasks")).ParamName);
        Assert.Equal("reader", Assert.Throws<ArgumentNullException>(() => Format.ReadCount(null!, 1, 5, "layers")).ParamName);
        Assert.Equal("read", Assert.Throws<ArgumentNullException>(() => Format.Truncated((Func<int>)null!)).ParamName);
        Assert.Equal("read", Assert.Throws<ArgumentNullException>(() => Format.Truncated((Action)null!)).ParamName);
    }
}
