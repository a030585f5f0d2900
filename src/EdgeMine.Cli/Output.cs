using System.Text.Json;
using Spectre.Console;

namespace EdgeMine.Cli;

/// <summary>Console rendering shared by the commands: tables of metrics, JSON objects, progress.</summary>
internal static class Output
{
    /// <summary>A Spectre console writing to <paramref name="writer"/> (plain text unless it is the terminal).</summary>
    public static IAnsiConsole ConsoleFor(TextWriter writer)
    {
        bool terminal = ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal)
        {
            // Files and pipes have no width: wide enough that a table of five policies never wraps.
            console.Profile.Width = 160;
        }

        return console;
    }

    /// <summary>"mean ± half-width" with <paramref name="format"/>, or the mean alone when there is no interval.</summary>
    public static string Format(Estimate e, string format) =>
        double.IsNaN(e.HalfWidth)
            ? e.Mean.ToString(format, CultureInfo.InvariantCulture)
            : $"{e.Mean.ToString(format, CultureInfo.InvariantCulture)} ± {e.HalfWidth.ToString(format, CultureInfo.InvariantCulture)}";

    /// <summary>The section 6 metrics of each summary as rows of one table (one column per policy), in their shown units.</summary>
    public static Table MetricsTable(IReadOnlyList<PolicySummary> summaries, IReadOnlyDictionary<string, Yardsticks>? yardsticks = null)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("metric (per slot, mean ± 95% CI)");
        foreach (var s in summaries)
        {
            table.AddColumn(new TableColumn(s.Policy).RightAligned());
        }

        void Row(string name, Func<PolicySummary, string> cell) =>
            table.AddRow([new Markup(Markup.Escape(name)), .. summaries.Select(s => new Markup(Markup.Escape(cell(s))))]);

        foreach (var metric in Metrics.All)
        {
            Row(metric.DisplayUnit.Length == 0 ? metric.Name : $"{metric.Name} ({metric.DisplayUnit})", s => Format(s[metric].Scaled(metric.DisplayScale), metric.Format));
        }

        if (yardsticks is not null)
        {
            void Yardstick(string name, Func<Yardsticks, double> value) =>
                Row(name, s => yardsticks.TryGetValue(s.Policy, out var y) && double.IsFinite(value(y)) ? value(y).ToString("F4", CultureInfo.InvariantCulture) : "n/a");
            Yardstick("optimality ratio", y => y.OptimalityRatio);
            Yardstick("headroom captured", y => y.HeadroomCaptured);
            Yardstick("regret per task", y => y.RegretPerTask);
            Yardstick("fractional optimality ratio", y => y.FractionalOptimalityRatio);
        }

        return table;
    }

    /// <summary>The metrics of one summary as JSON properties (inside an open object), each in the one interval format.</summary>
    public static void WriteSummaryProperties(Utf8JsonWriter json, PolicySummary s)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(s);
        json.WriteNumber("runs", s.Runs);
        json.WriteNumber("slots_per_run", s.SlotsPerRun);
        foreach (var metric in Metrics.All)
        {
            json.WritePropertyName(metric.Key);
            MetricEstimate.From(s[metric]).WriteJson(json);
        }
    }

    /// <summary>Builds one compact JSON object with <paramref name="write"/> and returns it as a string.</summary>
    public static string JsonObject(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            write(json);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
