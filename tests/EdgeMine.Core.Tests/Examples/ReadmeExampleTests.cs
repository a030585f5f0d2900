namespace EdgeMine.Tests.Examples;

/// <summary>The README's code example is examples/QuickStart, compiled with the solution: the text is the same, and it runs.</summary>
public sealed class ReadmeExampleTests
{
    [Fact]
    public void Readme_ShowsTheQuickStartExample_Verbatim()
    {
        string example = Repository.ReadmeSnippet(File.ReadAllText(Repository.File("examples/QuickStart/Program.cs")));
        string readme = File.ReadAllText(Repository.File("README.md"));

        Assert.Contains("```csharp\n" + example + "```", readme, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QuickStart_Runs_ATrajectoryOf1000Slots()
    {
        var (code, output, error) = await Repository.RunExample("QuickStart.dll");

        Assert.True(code == 0, error);
        Assert.Equal("slots 1000\n", output);
    }
}
