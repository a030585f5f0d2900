namespace EdgeMine.Cli;

/// <summary>How a batch script should start this same edgemine: the program and leading arguments, absolute paths.</summary>
internal static class SelfInvocation
{
    /// <summary>
    /// The edgemine apphost when this process is one (an installed tool, a published build); otherwise
    /// <c>dotnet edgemine.dll</c> with this assembly's path, which also covers tests that run the CLI in-process.
    /// </summary>
    public static IReadOnlyList<string> Command()
    {
        string? process = Environment.ProcessPath;
        if (process is not null && Path.GetFileNameWithoutExtension(process) == "edgemine")
        {
            return [process];
        }

        string dll = typeof(Program).Assembly.Location;
        return [DotnetHost(process), dll];
    }

    private static string DotnetHost(string? process)
    {
        if (process is not null && Path.GetFileNameWithoutExtension(process) == "dotnet")
        {
            return process;
        }

        // Set by the SDK for processes it starts (dotnet test, dotnet run): the host of this very SDK.
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }

        foreach (string directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(directory, "dotnet");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return "dotnet";
    }
}
