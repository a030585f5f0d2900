using EdgeMine.IO;

namespace EdgeMine.Tests.IO;

/// <summary>
/// The text writer of <see cref="AtomicFile.CreateText"/>: its bytes (UTF-8 without a byte order mark), the file
/// replaced on commit, the writer closed by a commit or a dispose, and a dispose that removes only its own temporary.
/// </summary>
public sealed class AtomicTextWriterTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    // Where CreateText writes before the commit: NAME.PID.tmp beside the file (the name DeleteStaleTemporaries cleans).
    private static string TemporaryOf(string path) => $"{path}.{Environment.ProcessId}.tmp";

    [Fact]
    public void Commit_ReplacesAnExistingFile_WithTheTextAsUtf8WithoutAByteOrderMark()
    {
        string path = _directory.Write("curve.csv", "an older and longer curve\n");
        using (var writer = AtomicFile.CreateText(path))
        {
            writer.Write("slot,é\n");
            writer.Commit();
        }

        // "slot,é\n" in UTF-8: é is the two bytes C3 A9, and nothing before the text (no EF BB BF).
        Assert.Equal([.. "slot,"u8, 0xC3, 0xA9, (byte)'\n'], File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(_directory.Path));
    }

    [Fact]
    public void CreateText_AStaleTemporaryOfTheSameName_IsOverwrittenNotAppendedTo()
    {
        // A killed writer of this process id left its temporary: the new writer starts it afresh.
        string path = _directory.File("curve.csv");
        File.WriteAllText(TemporaryOf(path), "half of a killed run's curve\n");
        using (var writer = AtomicFile.CreateText(path))
        {
            writer.Write("slot\n");
            writer.Commit();
        }

        Assert.Equal("slot\n", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_directory.Path));
    }

    [Fact]
    public void Commit_ClosesTheWriter()
    {
        string path = _directory.File("curve.csv");
        using var writer = AtomicFile.CreateText(path);
        writer.Write("slot\n");
        writer.Commit();
        Assert.Throws<ObjectDisposedException>(() => writer.Write("late"));
        Assert.Equal("slot\n", File.ReadAllText(path));
    }

    [Fact]
    public void Dispose_WithoutCommit_ClosesTheWriterAndDropsItsTemporary()
    {
        string path = _directory.File("curve.csv");
        var writer = AtomicFile.CreateText(path);
        writer.Write("never committed");
        writer.Dispose();
        Assert.Throws<ObjectDisposedException>(() => writer.Write("late"));
        Assert.Empty(Directory.GetFiles(_directory.Path));
    }

    [Fact]
    public void Dispose_AfterCommit_LeavesTheNextWritersTemporaryAlone()
    {
        // Two writers of the same file in one process share the temporary's name. The first commits, the second opens
        // that name again, then the first is disposed (its using block ends later): it must not delete the second's file.
        string path = _directory.File("curve.csv");
        var first = AtomicFile.CreateText(path);
        first.Write("first\n");
        first.Commit();
        using var second = AtomicFile.CreateText(path);
        second.Write("second\n");
        first.Dispose();
        Assert.True(File.Exists(TemporaryOf(path)));
        second.Commit();
        Assert.Equal("second\n", File.ReadAllText(path));
    }
}
