using System.Diagnostics;
using Spectre.Console;

namespace EdgeMine.Cli;

/// <summary>Where long work reports how far it is: done units and an optional status text (rate, reward, epsilon...).</summary>
internal sealed class ProgressSink
{
    private readonly Action<long, string?> _report;

    internal ProgressSink(Action<long, string?> report) => _report = report;

    /// <summary>Reports <paramref name="done"/> units finished, with an optional status line.</summary>
    public void Report(long done, string? status = null) => _report(done, status);
}

/// <summary>
/// Progress of long work on standard error: a live Spectre progress bar on a terminal; elsewhere (logs, CI, tests)
/// a plain line at most every five seconds, so that redirected output stays readable.
/// </summary>
internal static class ProgressDisplay
{
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);

    public static T Run<T>(TextWriter error, string description, long total, Func<ProgressSink, T> work)
    {
        bool terminal = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;
        if (!terminal)
        {
            var clock = Stopwatch.StartNew();
            var last = TimeSpan.Zero;
            return work(new ProgressSink((done, status) =>
            {
                if (clock.Elapsed - last < PlainInterval)
                {
                    return;
                }

                last = clock.Elapsed;
                error.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{description}: {done}/{total} ({100.0 * done / Math.Max(1, total):F0}%) {status}"));
            }));
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(error) });
        T result = default!;
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape(description), maxValue: Math.Max(1, total));
                result = work(new ProgressSink((done, status) =>
                {
                    task.Value = done;
                    if (status is not null)
                    {
                        task.Description = Markup.Escape($"{description} {status}");
                    }
                }));
                task.Value = task.MaxValue;
            });
        return result;
    }
}
