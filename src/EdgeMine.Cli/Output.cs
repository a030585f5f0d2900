using System.Text;
using System.Text.Json;
using EdgeMine.Simulation;
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
            // Files and pipes have no width: the width tables are split to (TableWidth).
            console.Profile.Width = TableWidth;
        }

        return console;
    }

    /// <summary>The width a metric table is kept within: wider tables are split into several, each with the metrics' column.</summary>
    public const int TableWidth = 100;

    /// <summary>
    /// Writes the metric table of <paramref name="summaries"/> (<see cref="MetricTable"/>: the cells are the library's),
    /// drawn with borders, split by columns into tables of at most <see cref="TableWidth"/> characters.
    /// </summary>
    public static void WriteMetricsTables(TextWriter output, IReadOnlyList<PolicySummary> summaries, IReadOnlyDictionary<string, Yardsticks>? yardsticks = null)
    {
        var console = ConsoleFor(output);
        // A bordered column takes 3 characters beyond its text (a border and a space each side), and the table one more.
        foreach (var cells in MetricTable.Of(summaries, yardsticks).Split(TableWidth - 1, perColumn: 3))
        {
            var table = new Table().Border(TableBorder.Rounded);
            table.AddColumn(cells.Header[0]);
            foreach (string policy in cells.Header.Skip(1))
            {
                table.AddColumn(new TableColumn(Markup.Escape(policy)).RightAligned());
            }

            foreach (var row in cells.Rows)
            {
                table.AddRow(row.Select(c => new Markup(Markup.Escape(c))));
            }

            console.Write(table);
        }
    }

    /// <summary>The metrics of one summary as JSON properties (inside an open object), each in the one interval format.</summary>
    public static void WriteSummaryProperties(Utf8JsonWriter json, PolicySummary s)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(s);
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
