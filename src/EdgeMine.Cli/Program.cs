namespace EdgeMine.Cli;

/// <summary>The <c>edgemine</c> command line: one command per file, errors as one line with a non-zero exit code.</summary>
public static class Program
{
    /// <summary>Exit code of bad input (options, configuration).</summary>
    public const int UsageError = 2;

    /// <summary>Exit code of a failure while running.</summary>
    public const int RunError = 1;

    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs one command with the given output streams; returns the exit code (0 ok, 2 bad input, 1 failure).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        var root = new RootCommand("EdgeMine: privacy-preserving mining-task offloading in an MEC-based mobile blockchain.")
        {
            SimulateCommand.Create(output, error),
            TrainCommand.Create(output, error),
            EvaluateCommand.Create(output, error),
            ReproduceCommand.Create(output, error),
            CalibrateCommand.Create(output, error),
            TuneCommand.Create(output, error),
            SweepCommand.Create(output, error),
            BenchCommand.Create(output, error),
        };

        // No response files: '@file' would read any file (or /dev/zero) into the arguments without a bound.
        var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.Errors.Count > 0)
        {
            error.WriteLine($"edgemine: {ParseErrors.Describe(parse)}");
            return UsageError;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
#pragma warning disable CA1031 // The last line of defence: every failure is one line; a bug's stack trace only on request.
        catch (Exception e) when (Classify(e) is var (code, message, bug) && !(bug && Environment.GetEnvironmentVariable("EDGEMINE_DEBUG") is not null))
#pragma warning restore CA1031
        {
            // Messages quote users' values by UserInput's rule; the whole line is still kept to one bounded line, whatever
            // a system's message repeats.
            error.WriteLine($"edgemine: {UserInput.Line(message)}");
            return code;
        }
        finally
        {
            output.Flush();
            error.Flush();
        }
    }

    /// <summary>
    /// The exit code and message of a failure: bad input (exit 2), a failure while running (a full disk, exit 1), or a
    /// bug ("internal error", exit 1). Parallel work (the cells) wraps its failures: the first one inside is reported.
    /// </summary>
    private static (int Code, string Message, bool Bug) Classify(Exception e)
    {
        while (e is AggregateException aggregate && aggregate.Flatten().InnerExceptions is [var first, ..])
        {
            e = first;
        }

        return e switch
        {
            ConfigurationException or UsageException => (UsageError, e.Message, false),
            IOException or UnauthorizedAccessException => (RunError, e.Message, false),
            OperationCanceledException => (RunError, "cancelled", false),
            _ => (RunError, $"internal error: {e.GetType().Name}: {UserInput.Message(e.Message)} (set EDGEMINE_DEBUG=1 for the stack trace)", true),
        };
    }
}
