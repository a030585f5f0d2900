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

    [Fact]
    public void Readme_TestCommand_IsWhatCiRuns_WordForWord_AndShowsEachTest()
    {
        string command = File.ReadLines(Repository.File("README.md")).First(l => l.StartsWith("dotnet test ", StringComparison.Ordinal));
        string ci = File.ReadAllText(Repository.File(".ci/run"));

        Assert.Contains("\n" + command + " 2>&1 | tee", ci, StringComparison.Ordinal);
        Assert.Contains("--logger \"console;verbosity=normal\"", command, StringComparison.Ordinal); // per-test progress
    }
}
