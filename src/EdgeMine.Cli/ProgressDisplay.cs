using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace EdgeMine.Cli;

/// <summary>
/// Progress of long work on standard error: a live Spectre progress bar on a terminal, as wide as the terminal;
/// elsewhere (logs, CI, tests) a plain line at most every five seconds, so that redirected output stays readable, and
/// a last line with the final count once the work is done (a log never ends on a stale "599/1000 (60%)").
/// </summary>
internal static class ProgressDisplay
{
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);

    public static T Run<T>(TextWriter error, string description, long total, Func<ProgressSink, T> work)
    {
        bool terminal = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;
        return terminal ? Live(error, description, total, work) : Plain(error, description, total, work, PlainInterval);
    }

    /// <summary>
    /// Plain lines, at most one per <paramref name="interval"/>; when any was written, a last one with the final count
    /// (short work, done before the first interval, prints nothing).
    /// </summary>
    internal static T Plain<T>(TextWriter error, string description, long total, Func<ProgressSink, T> work, TimeSpan interval)
    {
        var clock = Stopwatch.StartNew();
        TimeSpan? last = null;
        string? lastStatus = null;
        void Line(long done, string? status) => error.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{description}: {done}/{total} ({100.0 * done / Math.Max(1, total):F0}%){(status is null ? "" : " " + status)}"));

        var result = work(new ProgressSink((done, status) =>
        {
            lastStatus = status ?? lastStatus;
            if (clock.Elapsed - (last ?? TimeSpan.Zero) < interval)
            {
                return;
            }

            last = clock.Elapsed;
            Line(done, status);
        }));
        if (last is not null)
        {
            Line(total, lastStatus);
        }

        return result;
    }

    private static T Live<T>(TextWriter error, string description, long total, Func<ProgressSink, T> work)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(error) });
        var layout = Layout(TerminalWidth());
        console.Profile.Width = layout.Width;
        T result = default!;
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn { Width = layout.BarWidth }, new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape(Fit(description, layout.DescriptionWidth)), maxValue: Math.Max(1, total));
                result = work(new ProgressSink((done, status) =>
                {
                    task.Value = done;
                    if (status is not null)
                    {
                        task.Description = Markup.Escape(Fit($"{description} {status}", layout.DescriptionWidth));
                    }
                }));
                task.Value = task.MaxValue;
            });
        return result;
    }

    /// <summary>The terminal's width in columns (Console.WindowWidth), or 80 when it cannot be read.</summary>
    private static int TerminalWidth()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : 80;
        }
        catch (IOException)
        {
            return 80;
        }
    }

    /// <summary>
    /// The live bar's row in <paramref name="terminalWidth"/> columns: the percentage (4), elapsed and remaining times
    /// (8 each) and the four gaps between the five columns take 24, and the last column is left free so that the
    /// terminal never wraps; the bar gets a quarter of the width (10 to 40 columns) and the description the rest.
    /// </summary>
    internal static (int Width, int BarWidth, int DescriptionWidth) Layout(int terminalWidth)
    {
        const int fixedColumns = 4 + 8 + 8 + 4;
        int width = Math.Max(40, terminalWidth) - 1;
        int bar = Math.Clamp(width / 4, 10, 40);
        return (width, bar, Math.Max(8, width - fixedColumns - bar));
    }

    /// <summary><paramref name="text"/> in at most <paramref name="width"/> characters, cut with an ellipsis when longer.</summary>
    internal static string Fit(string text, int width) => text.Length <= width ? text : string.Concat(text.AsSpan(0, width - 1), "…");
}
