using EdgeMine.IO;

namespace EdgeMine.Tests.IO;

/// <summary>The kind of a path and where a write to it lands, for the paths the system's stat cannot answer too.</summary>
public sealed class FileKindTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Of_ANameLongerThanTheSystemAllows_IsMissing()
    {
        // 300 characters in one name: more than the 255 bytes of a name on Linux and macOS, so stat fails with
        // ENAMETOOLONG (not ENOENT) and the answer comes from .NET's checks: nothing can be there.
        Assert.Equal(PathKind.Missing, FileKind.Of(_directory.File(new string('n', 300))));
    }

    [Fact]
    public void WriteTarget_APathThatIsNoLink_IsThePathItself()
    {
        string path = _directory.Write("plain.csv", "x");
        Assert.Equal(path, FileKind.WriteTarget(path));
        Assert.Equal(_directory.File("absent.csv"), FileKind.WriteTarget(_directory.File("absent.csv")));
    }

    [Fact]
    public void OfAndWriteTarget_WithoutAPath_AreRefusedNamingTheArgument()
    {
        Assert.Equal("path", Assert.Throws<ArgumentNullException>(() => FileKind.Of(null!)).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentNullException>(() => FileKind.WriteTarget(null!)).ParamName);
    }
}
