using EdgeMine.IO;

namespace EdgeMine.Tests.IO;

/// <summary>
/// Atomic writes: a regular file is replaced whole or not at all, a device or a pipe is written through (never renamed
/// over), a link keeps pointing where it did, and only killed writers' temporaries are cleaned up.
/// </summary>
public sealed class AtomicFileTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void FileKind_TellsFilesDirectoriesDevicesAndNothingApart()
    {
        string file = _directory.File("a.txt");
        File.WriteAllText(file, "x");
        Assert.Equal(PathKind.RegularFile, FileKind.Of(file));
        Assert.Equal(PathKind.Directory, FileKind.Of(_directory.Path));
        Assert.Equal(PathKind.Missing, FileKind.Of(_directory.File("absent")));
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            Assert.Equal(PathKind.Special, FileKind.Of("/dev/null"));
        }
    }

    [Fact]
    public void WriteAllText_ReplacesTheFileWhole_AndLeavesNoTemporary()
    {
        string path = _directory.File("out.csv");
        File.WriteAllText(path, "old contents that are longer");
        AtomicFile.WriteAllText(path, "new");
        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_directory.Path));
    }

    [Fact]
    public void Write_AWriterThatThrows_LeavesThePreviousFileAndNoTemporary()
    {
        string path = _directory.File("out.csv");
        File.WriteAllText(path, "previous");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, s =>
        {
            s.WriteByte(1);
            throw new InvalidOperationException("killed half-way");
        }));
        Assert.Equal("previous", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_directory.Path));
    }

    [SkippableFact]
    public void Write_APipe_IsWrittenThrough_NotReplaced()
    {
        // A named pipe of our own stands for a device: a test must never risk replacing the machine's /dev/null (a
        // mutant of this very code did, under mutation testing).
        string fifo = Fifo();
        var reader = Task.Run(() => File.ReadAllText(fifo));
        AtomicFile.WriteAllText(fifo, "through the pipe");
        Assert.True(reader.Wait(TimeSpan.FromSeconds(30)), "the pipe's reader never saw the writer");
        Assert.Equal("through the pipe", reader.Result);
        Assert.Equal(PathKind.Special, FileKind.Of(fifo));
        Assert.Equal([fifo], Directory.GetFileSystemEntries(_directory.Path));
    }

    /// <summary>A named pipe in the test's directory (skips where mkfifo is missing).</summary>
    private string Fifo()
    {
        Skip.IfNot(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "named pipes");
        string path = _directory.File("pipe");
        using var mkfifo = System.Diagnostics.Process.Start("mkfifo", path);
        mkfifo.WaitForExit();
        Skip.IfNot(mkfifo.ExitCode == 0, "mkfifo failed");
        return path;
    }

    [Fact]
    public void Write_ALink_KeepsTheLinkAndWritesItsTarget()
    {
        string target = _directory.File("target.csv"), link = _directory.File("link.csv");
        File.WriteAllText(target, "old");
        File.CreateSymbolicLink(link, target);
        AtomicFile.WriteAllText(link, "new");
        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.Equal("new", File.ReadAllText(target));
    }

    [Fact]
    public void Write_ADirectoryOrAnEmptyPath_IsRefused()
    {
        Assert.Throws<IOException>(() => AtomicFile.WriteAllText(_directory.Path, "x"));
        Assert.Throws<IOException>(() => AtomicFile.WriteAllText("", "x"));
        Assert.Throws<DirectoryNotFoundException>(() => AtomicFile.WriteAllText(_directory.File("no/such/out.csv"), "x"));
    }

    [Fact]
    public void CreateText_AppearsOnlyOnCommit()
    {
        string path = _directory.File("curve.csv");
        using (var writer = AtomicFile.CreateText(path))
        {
            writer.Write("slot\n");
            Assert.False(File.Exists(path));
            writer.Commit();
        }

        Assert.Equal("slot\n", File.ReadAllText(path));

        using (var dropped = AtomicFile.CreateText(path))
        {
            dropped.Write("never committed");
        }

        Assert.Equal("slot\n", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_directory.Path));
    }

    [Fact]
    public void DeleteStaleTemporaries_RemovesOnlyNamePidTmp()
    {
        string sub = Path.Combine(_directory.Path, "cells", "a");
        Directory.CreateDirectory(sub);
        string stale = Path.Combine(sub, "result.json.12345.tmp"), ours = _directory.File("notes.tmp"), named = _directory.File("x.abc.tmp"), mixed = _directory.File("y.12a.tmp");
        foreach (string f in new[] { stale, ours, named, mixed })
        {
            File.WriteAllText(f, "");
        }

        AtomicFile.DeleteStaleTemporaries(_directory.Path);
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(ours));
        Assert.True(File.Exists(named));
        Assert.True(File.Exists(mixed)); // "12a" is not a process id
    }

    [SkippableFact]
    public void CreateText_APipe_IsWrittenThroughOnCommit()
    {
        string fifo = Fifo();
        var reader = Task.Run(() => File.ReadAllText(fifo));
        using (var writer = AtomicFile.CreateText(fifo))
        {
            writer.Write("line\n");
            writer.Commit();
        }

        Assert.True(reader.Wait(TimeSpan.FromSeconds(30)), "the pipe's reader never saw the writer");
        Assert.Equal("line\n", reader.Result);
        Assert.Equal(PathKind.Special, FileKind.Of(fifo));
        Assert.Equal([fifo], Directory.GetFileSystemEntries(_directory.Path));
    }

    [Fact]
    public void Write_ADanglingLink_CreatesItsTarget()
    {
        string target = _directory.File("later.csv"), link = _directory.File("link.csv");
        File.CreateSymbolicLink(link, "later.csv"); // relative, and nothing there yet
        AtomicFile.WriteAllText(link, "made");
        Assert.Equal("made", File.ReadAllText(target));
        Assert.NotNull(new FileInfo(link).LinkTarget);
    }

    [Fact]
    public void CheckOutputPath_NamesTheOptionAndWhatIsAllowed()
    {
        string Error(string path) => Assert.Throws<ConfigurationException>(() => AtomicFile.CheckOutputPath(path, "--trace")).Message;
        Assert.StartsWith("--trace '': allowed: a file path", Error(""), StringComparison.Ordinal);
        Assert.StartsWith($"--trace '{_directory.Path}': is a directory; allowed:", Error(_directory.Path), StringComparison.Ordinal);
        Assert.Contains("does not exist; allowed:", Error(_directory.File("no/such/trace.csv")), StringComparison.Ordinal);
        AtomicFile.CheckOutputPath(_directory.File("trace.csv"), "--trace"); // a new file: fine
        AtomicFile.CheckOutputPath("/dev/null", "--trace"); // a device: written through
    }
}
