using System.Diagnostics;
using System.Text;

namespace EdgeMine.Native.Tests;

/// <summary>
/// Builds python/edgemine/libedgemine.so once per test run with scripts/build-python.sh, after checking the toolchain
/// and Debian's Python with numpy and torch; runs Python scripts against it.
/// </summary>
public sealed class NativeBuildFixture
{
    /// <summary>Debian's Python with python3-numpy and python3-torch (the pyenv python3 on PATH has neither).</summary>
    public const string Python = "/usr/bin/python3";

    private const string Install = "apt-get install -y clang zlib1g-dev python3-numpy python3-torch python3-venv python3-pip (.ci/run does it)";

    public NativeBuildFixture()
    {
        RepositoryRoot = FindRepositoryRoot();
        var problems = new List<string>();
        if (!File.Exists(Python))
        {
            problems.Add($"{Python} is missing");
        }
        else if (Run(Python, ["-c", "import numpy, torch"], HangGuard) is { Code: not 0 } imports)
        {
            problems.Add($"{Python} cannot import numpy and torch ({LastLine(imports.Output)})");
        }

        if (FindOnPath("clang") is null)
        {
            problems.Add("clang (NativeAOT's compiler and linker) is not on PATH");
        }

        if (!File.Exists("/usr/include/zlib.h"))
        {
            problems.Add("zlib1g-dev (NativeAOT links zlib) is missing");
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"the native library and Python tests need: {string.Join("; ", problems)}. Install: {Install}");
        }

        var clock = Stopwatch.StartNew();
        var build = Run("bash", [Path.Combine(RepositoryRoot, "scripts", "build-python.sh")], HangGuard);
        if (build.Code != 0)
        {
            throw new InvalidOperationException($"scripts/build-python.sh failed (exit {build.Code}):\n{build.Output}");
        }

        BuildLog = $"{build.Output.Trim()} in {clock.Elapsed.TotalSeconds:F1} s";
        LibraryPath = Path.Combine(RepositoryRoot, "python", "edgemine", "libedgemine.so");
    }

    public string RepositoryRoot { get; }

    public string LibraryPath { get; }

    public string BuildLog { get; }

    /// <summary>
    /// The command line as <c>edgemine.evaluate(models=...)</c> runs it (EDGEMINE_CLI): the CLI this test project
    /// references, built beside it (edgemine.dll with its runtimeconfig), run by dotnet.
    /// </summary>
    public static string CliCommand => $"dotnet '{Path.Combine(AppContext.BaseDirectory, "edgemine.dll")}'";

    /// <summary>
    /// How long a process a test starts may take before it is taken to hang and killed: far beyond any run's time even
    /// on a machine loaded 20 times over (the DQN example took over 5 minutes at a load average of 45), so that no test
    /// depends on the machine's speed; it only keeps a real hang from stopping the suite.
    /// </summary>
    public static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(60);

    /// <summary>Runs Debian's Python with PYTHONPATH=python (the package in the tree, as the README's set-up).</summary>
    public (int Code, string Output) RunPython(IEnumerable<string> arguments, TimeSpan timeout, IDictionary<string, string>? environment = null)
    {
        var variables = new Dictionary<string, string>(environment ?? new Dictionary<string, string>())
        {
            ["PYTHONPATH"] = Path.Combine(RepositoryRoot, "python"),
            ["PYTHONDONTWRITEBYTECODE"] = "1",
            ["EDGEMINE_CLI"] = CliCommand,
        };
        return Run(Python, arguments, timeout, variables);
    }

    /// <summary>Runs a process in the repository's root; returns its exit code and its output and error, interleaved.</summary>
    public (int Code, string Output) Run(string file, IEnumerable<string> arguments, TimeSpan timeout, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = RepositoryRoot ?? Directory.GetCurrentDirectory(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test host's MSBuild variables would steer a nested `dotnet publish` to the test run's SDK internals.
        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("MSBUILD", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return (-1, $"{output}\n(killed after {timeout.TotalSeconds} s)");
        }

        process.WaitForExit();
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static string LastLine(string text) => text.Trim().Split('\n')[^1];

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "EdgeMine.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"EdgeMine.slnx not found above {AppContext.BaseDirectory}");
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
}

/// <summary>Every test of this project shares one build and runs one at a time (they spawn processes that use both cores).</summary>
[CollectionDefinition(Name)]
public sealed class NativeTestGroup : ICollectionFixture<NativeBuildFixture>
{
    public const string Name = "native library";
}
