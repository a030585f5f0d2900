using System.Diagnostics;

namespace EdgeMine.Tests;

/// <summary>Files of the repository (README, examples, committed runs) and the examples' programs, for the tests that check them.</summary>
internal static class Repository
{
    /// <summary>The path of <paramref name="relative"/> in the repository, found by walking up from the test's output directory.</summary>
    public static string File(string relative)
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            string candidate = Path.Combine(d.FullName, relative);
            if (System.IO.File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{relative} not found above {AppContext.BaseDirectory}");
    }

    /// <summary>The text between <c>// README-BEGIN</c> and <c>// README-END</c> of an example's source (the README shows it verbatim).</summary>
    public static string ReadmeSnippet(string source)
    {
        const string Begin = "// README-BEGIN\n";
        int begin = source.IndexOf(Begin, StringComparison.Ordinal) + Begin.Length;
        int end = source.IndexOf("// README-END", StringComparison.Ordinal);
        return source[begin..end];
    }

    /// <summary>Runs an example's compiled program (copied beside the tests) with <paramref name="arguments"/>: exit code, output, error.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunExample(string dll, params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, dll));
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = await process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, output, await error);
    }
}
