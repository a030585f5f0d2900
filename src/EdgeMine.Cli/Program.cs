namespace EdgeMine.Cli;

/// <summary>The <c>edgemine</c> command line.</summary>
public static class Program
{
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs one command with the given output streams; returns the exit code (0 ok, 2 bad input, 1 failure).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        error.WriteLine("edgemine: no commands yet");
        output.Flush();
        return 2;
    }
}
