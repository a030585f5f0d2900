using EdgeMine.Experiments;

namespace EdgeMine.Tests.Experiments;

/// <summary>A reproduction into a directory of another configuration is refused.</summary>
public sealed class ReproductionDirectoryTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Run_IntoADirectoryOfAnotherPreset_IsRefusedWithExitCodeTwo()
    {
        string outPath = _directory.File("mixed");
        var first = CliRunner.Run("reproduce", "--quick", "--only", "table2", "--out", outPath);
        Assert.True(first.ExitCode == 0, first.Error);

        var other = CliRunner.Run("reproduce", "--quick", "--only", "table2", "--out", outPath, "--preset", "paper-literal");

        Assert.Equal(2, other.ExitCode);
        Assert.Contains(Reproduction.ManifestFile, other.Error, StringComparison.Ordinal);
    }
}
