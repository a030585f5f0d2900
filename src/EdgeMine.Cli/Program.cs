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
        catch (Exception e) when (e is ConfigurationException or UsageException)
        {
            error.WriteLine($"edgemine: {e.Message}");
            return UsageError;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"edgemine: {e.Message}");
            return RunError;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("edgemine: cancelled");
            return RunError;
        }
#pragma warning disable CA1031 // The last line of defence: a bug is reported in one line, its stack trace only on request.
        catch (Exception e) when (Environment.GetEnvironmentVariable("EDGEMINE_DEBUG") is null)
        {
            error.WriteLine($"edgemine: internal error: {e.GetType().Name}: {e.Message} (set EDGEMINE_DEBUG=1 for the stack trace)");
            return RunError;
        }
#pragma warning restore CA1031
        finally
        {
            output.Flush();
            error.Flush();
        }
    }
}
