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
        string notTemporary = _directory.File("run.7.csv"); // NAME.DIGITS but not .tmp: not a writer's temporary
        foreach (string f in new[] { stale, ours, named, mixed, notTemporary })
        {
            File.WriteAllText(f, "");
        }

        AtomicFile.DeleteStaleTemporaries(_directory.Path);
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(ours));
        Assert.True(File.Exists(named));
        Assert.True(File.Exists(mixed)); // "12a" is not a process id
        Assert.True(File.Exists(notTemporary));
    }

    [SkippableFact]
    public void CreateText_APipe_IsWrittenThroughOnCommit()
    {
        string fifo = Fifo();
        var reader = Task.Run(() => File.ReadAllBytes(fifo));
        using (var writer = AtomicFile.CreateText(fifo))
        {
            writer.Write("line\n");
            writer.Commit();
        }

        Assert.True(reader.Wait(TimeSpan.FromSeconds(30)), "the pipe's reader never saw the writer");
        Assert.Equal("line\n"u8.ToArray(), reader.Result); // the bytes as written: UTF-8 without a byte order mark
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

    [Fact]
    public void Write_WithoutAPathOrAWriter_IsRefusedNamingTheArgument()
    {
        Assert.Equal("path", Assert.Throws<ArgumentNullException>(() => AtomicFile.WriteAllText(null!, "x")).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentNullException>(() => AtomicFile.CreateText(null!)).ParamName);
        Assert.Equal("write", Assert.Throws<ArgumentNullException>(() => AtomicFile.Write(_directory.File("out.csv"), null!)).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentNullException>(() => AtomicFile.CheckOutputPath(null!, "--trace")).ParamName);
        Assert.Empty(Directory.GetFileSystemEntries(_directory.Path));
    }

    [Fact]
    public void Write_ADirectoryAnEmptyPathOrAMissingDirectory_SaysWhichInOneLine()
    {
        string Error(string path) => Assert.ThrowsAny<IOException>(() => AtomicFile.WriteAllText(path, "x")).Message;
        Assert.Equal("cannot write to an empty path", Error(""));
        Assert.Equal($"'{_directory.Path}': is a directory, not a file", Error(_directory.Path));
        string missing = _directory.File("no/such/out.csv");
        Assert.Equal($"'{missing}': the directory '{_directory.File("no/such")}' does not exist", Error(missing));
        Assert.Empty(Directory.GetFileSystemEntries(_directory.Path));
    }

    [Fact]
    public void Write_AnInjectedFailure_IsThrownBeforeAnythingIsWritten()
    {
        string failing = _directory.File("full.csv"), other = _directory.File("fine.csv");
        var diskFull = new IOException("No space left on device");
        AtomicFile.InjectedFailure.Value = path => path == failing ? diskFull : null;
        try
        {
            Assert.Same(diskFull, Assert.Throws<IOException>(() => AtomicFile.WriteAllText(failing, "x")));
            Assert.Same(diskFull, Assert.Throws<IOException>(() => AtomicFile.CreateText(failing)));
            AtomicFile.WriteAllText(other, "y"); // another path is written as usual
        }
        finally
        {
            AtomicFile.InjectedFailure.Value = null;
        }

        Assert.Equal([other], Directory.GetFileSystemEntries(_directory.Path));
    }

    [Fact]
    public void Write_AChainOfLinks_WritesTheFinalTarget_AndKeepsEveryLink()
    {
        // first -> second -> target.csv: the write lands on target.csv; replacing the middle link by a regular file (a
        // write that followed one level only) would leave target.csv old.
        string target = _directory.File("target.csv"), second = _directory.File("second.csv"), first = _directory.File("first.csv");
        File.WriteAllText(target, "old");
        File.CreateSymbolicLink(second, target);
        File.CreateSymbolicLink(first, second);
        AtomicFile.WriteAllText(first, "new");
        Assert.Equal("new", File.ReadAllText(target));
        Assert.Equal(target, FileKind.WriteTarget(first));
        Assert.Equal(second, new FileInfo(first).LinkTarget);
        Assert.Equal(target, new FileInfo(second).LinkTarget);
    }
}
