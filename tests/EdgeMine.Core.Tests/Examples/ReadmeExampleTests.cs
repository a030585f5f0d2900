using System.Diagnostics;

namespace EdgeMine.Tests.Examples;

/// <summary>The README's code example is examples/QuickStart, compiled with the solution: the text is the same, and it runs.</summary>
public sealed class ReadmeExampleTests
{
    private static string RepositoryFile(string relative)
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            string candidate = Path.Combine(d.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{relative} not found above {AppContext.BaseDirectory}");
    }

    [Fact]
    public void Readme_ShowsTheQuickStartExample_Verbatim()
    {
        string source = File.ReadAllText(RepositoryFile("examples/QuickStart/Program.cs"));
        int begin = source.IndexOf("// README-BEGIN\n", StringComparison.Ordinal) + "// README-BEGIN\n".Length;
        int end = source.IndexOf("// README-END", StringComparison.Ordinal);
        string example = source[begin..end];
        string readme = File.ReadAllText(RepositoryFile("README.md"));

        Assert.Contains("```csharp\n" + example + "```", readme, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QuickStart_Runs_ATrajectoryOf1000Slots()
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "QuickStart.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = await process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);

        Assert.True(process.ExitCode == 0, await error);
        Assert.Equal("slots 1000\n", output);
    }
}
