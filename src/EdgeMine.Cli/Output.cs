using System.Globalization;
using System.Text;
using System.Text.Json;
using EdgeMine.Simulation;
using Spectre.Console;

namespace EdgeMine.Cli;

/// <summary>Console rendering shared by the commands: tables of metrics, JSON objects, progress.</summary>
public static class Output
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

    /// <summary>The section 6 metrics of each summary as rows of one table (one column per policy).</summary>
    public static Table MetricsTable(IReadOnlyList<PolicySummary> summaries, IReadOnlyDictionary<string, double>? optimalityRatios = null)
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("metric (per slot, mean ± 95% CI)");
        foreach (var s in summaries)
        {
            table.AddColumn(new TableColumn(s.Policy).RightAligned());
        }

        void Row(string name, Func<PolicySummary, string> cell) =>
            table.AddRow([new Markup(Markup.Escape(name)), .. summaries.Select(s => new Markup(Markup.Escape(cell(s))))]);

        Row("reward", s => Format(s.Reward, "F4"));
        Row("cost", s => Format(s.Cost, "F4"));
        Row("privacy", s => Format(s.Privacy, "F4"));
        Row("energy (J) = avg power (W) x dt", s => Format(s.EnergyJoules, "F4"));
        Row("average power (W)", s => Format(s.PowerWatts, "F4"));
        Row("latency, all tasks (ms)", s => Format(s.LatencySeconds.Scaled(1e3), "F3"));
        Row("latency per task (ms)", s => Format(s.LatencyPerTaskSeconds.Scaled(1e3), "F3"));
        Row("deadline misses", s => Format(s.DeadlineMisses, "F4"));
        Row("fraction offloaded", s => Format(s.OffloadedFraction, "F4"));
        Row("MEC backlog (Gcycles)", s => Format(s.MecBacklogCycles.Scaled(1e-9), "F4"));
        if (optimalityRatios is not null)
        {
            Row("optimality ratio", s => optimalityRatios.TryGetValue(s.Policy, out double r) && !double.IsNaN(r)
                ? r.ToString("F4", CultureInfo.InvariantCulture)
                : "n/a");
        }

        return table;
    }

    /// <summary>Writes an estimate as {"mean", "ci95_low", "ci95_high"} (nulls when there is no interval).</summary>
    public static void WriteEstimate(Utf8JsonWriter json, string name, Estimate e)
    {
        json.WriteStartObject(name);
        WriteNumber(json, "mean", e.Mean);
        WriteNumber(json, "ci95_low", e.Low);
        WriteNumber(json, "ci95_high", e.High);
        json.WriteEndObject();
    }

    /// <summary>Writes a number, or null when it is not finite (JSON has no NaN).</summary>
    public static void WriteNumber(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    /// <summary>The metrics of one summary as JSON properties (inside an open object).</summary>
    public static void WriteSummaryProperties(Utf8JsonWriter json, PolicySummary s)
    {
        json.WriteNumber("runs", s.Runs);
        json.WriteNumber("slots_per_run", s.SlotsPerRun);
        WriteEstimate(json, "reward", s.Reward);
        WriteEstimate(json, "cost", s.Cost);
        WriteEstimate(json, "privacy", s.Privacy);
        WriteEstimate(json, "energy_j", s.EnergyJoules);
        WriteEstimate(json, "power_w", s.PowerWatts);
        WriteEstimate(json, "latency_s", s.LatencySeconds);
        WriteEstimate(json, "latency_per_task_s", s.LatencyPerTaskSeconds);
        WriteEstimate(json, "deadline_misses", s.DeadlineMisses);
        WriteEstimate(json, "offloaded_fraction", s.OffloadedFraction);
        WriteEstimate(json, "mec_backlog_cycles", s.MecBacklogCycles);
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
