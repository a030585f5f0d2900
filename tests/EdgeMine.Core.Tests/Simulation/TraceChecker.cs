using System.Globalization;
using EdgeMine.Model;
using EdgeMine.Tests.Model;
using Xunit.Sdk;

namespace EdgeMine.Tests.Simulation;

/// <summary>What a checked trace contained, so that tests can require that buffers filled or the backlog grew.</summary>
internal sealed record TraceSummary(int Slots, int Rows, int Miners, int TasksPerMiner, double MaxBuffered, double MaxBacklog, double LastBacklog, int CappedRows);

/// <summary>
/// An outside checker of the trace of MODEL.md section 10: parses the CSV and recomputes every derived column from the
/// input columns (g, d0, d1, x, beta, and mec_backlog of the first slot only) with <see cref="ReferenceSlot"/>, the
/// literal reading of section 5, never with SlotModel. Checks next-slot d0 and mec_backlog chaining between slots.
/// </summary>
internal static class TraceChecker
{
    /// <summary>The header copied from MODEL.md section 10.</summary>
    public const string SpecHeader =
        "slot,miner,task,beta,g,d0,d1,x,mec_backlog,served_offload,served_local,upload_s,processing_s,queuing_s,offload_latency_s,local_latency_s,latency_s,offload_energy_j,local_energy_j,energy_j,privacy_usage,privacy_location,privacy,cost,reward";

    private static readonly string[] Columns = SpecHeader.Split(',');

    private const double Relative = 1e-6;

    private sealed record Row(int Line, Dictionary<string, double> Values)
    {
        public double this[string column] => Values[column];
    }

    public static TraceSummary Check(string csv, ModelParameters p)
    {
        string[] lines = csv.Split('\n');
        if (lines[0] != SpecHeader)
        {
            throw new XunitException($"header differs from MODEL.md section 10:\n{lines[0]}\n{SpecHeader}");
        }

        if (lines[^1].Length != 0)
        {
            throw new XunitException("the trace must end with a newline");
        }

        var rows = new List<Row>();
        for (int l = 1; l < lines.Length - 1; l++)
        {
            string[] fields = lines[l].Split(',');
            if (fields.Length != Columns.Length)
            {
                throw new XunitException($"line {l + 1}: {fields.Length} fields, expected {Columns.Length}");
            }

            var values = new Dictionary<string, double>(StringComparer.Ordinal);
            for (int c = 0; c < fields.Length; c++)
            {
                values[Columns[c]] = double.Parse(fields[c], NumberStyles.Float, CultureInfo.InvariantCulture);
            }

            rows.Add(new Row(l + 1, values));
        }

        int miners = (int)rows.Max(r => r["miner"]) + 1;
        int tasksPerMiner = (int)rows.Max(r => r["task"]) + 1;
        int tasks = miners * tasksPerMiner;
        if (rows.Count % tasks != 0)
        {
            throw new XunitException($"{rows.Count} rows is not a whole number of slots of {tasks} tasks");
        }

        int slots = rows.Count / tasks;
        double backlog = rows[0]["mec_backlog"];
        double[]? expectedD0 = null;
        double maxBuffered = 0, maxBacklog = 0;
        int cappedRows = 0;
        for (int t = 0; t < slots; t++)
        {
            var slotRows = rows.GetRange(t * tasks, tasks);
            double slot = slotRows[0]["slot"];
            double beta = slotRows[0]["beta"];
            for (int i = 0; i < tasks; i++)
            {
                var r = slotRows[i];
                Expect(r["slot"] == (t == 0 ? slot : rows[0]["slot"] + t), r, "slot counts up by one per slot");
                Expect(r["miner"] == i / tasksPerMiner && r["task"] == i % tasksPerMiner, r, "rows in task order n M + m");
                Expect(r["beta"] == beta, r, "beta constant within a slot");
                Expect(r["g"] is 0 or 1, r, "g is 0/1");
                Expect(r["g"] == slotRows[(i / tasksPerMiner) * tasksPerMiner]["g"], r, "g is per miner");
                Expect(r["x"] is >= 0 and <= 1, r, "x in [0, 1]");
                Compare(r, "mec_backlog", backlog, 1e-3); // chained from the first slot
                if (expectedD0 is not null)
                {
                    Compare(r, "d0", expectedD0[i], 1e-6);  // D0(t+1) of the previous slot
                }
            }

            bool[] good = [.. Enumerable.Range(0, miners).Select(n => slotRows[n * tasksPerMiner]["g"] == 1)];
            var expected = ReferenceSlot.Compute(
                p, miners, tasksPerMiner, beta, good, [.. slotRows.Select(r => r["d0"])], [.. slotRows.Select(r => r["d1"])],
                [.. slotRows.Select(r => r["x"])], slotRows[0]["mec_backlog"]);
            for (int i = 0; i < tasks; i++)
            {
                var r = slotRows[i];
                var e = expected.Tasks[i];
                Compare(r, "served_offload", e.ServedOffload, 1e-6);
                Compare(r, "served_local", e.ServedLocal, 1e-6);
                Compare(r, "upload_s", e.Upload, 1e-12);
                Compare(r, "processing_s", e.Processing, 1e-12);
                Compare(r, "queuing_s", e.Queuing, 1e-12);
                Compare(r, "offload_latency_s", e.OffloadLatency, 1e-12);
                Compare(r, "local_latency_s", e.LocalLatency, 1e-12);
                Compare(r, "latency_s", e.Latency, 1e-12);
                Compare(r, "offload_energy_j", e.OffloadEnergy, 1e-12);
                Compare(r, "local_energy_j", e.LocalEnergy, 1e-12);
                Compare(r, "energy_j", e.Energy, 1e-12);
                Compare(r, "privacy_usage", e.PrivacyUsage, 1e-9);
                Compare(r, "privacy_location", e.PrivacyLocation, 0);
                Compare(r, "privacy", e.Privacy, 1e-9);
                Compare(r, "cost", e.Cost, 1e-9);
                Compare(r, "reward", expected.Reward, 1e-9);
                maxBuffered = Math.Max(maxBuffered, r["d0"]);
                double wanted = r["d0"] + r["d1"];
                cappedRows += e.NextD0 > 1e-6 * wanted ? 1 : 0;
            }

            expectedD0 = [.. expected.Tasks.Select(e => e.NextD0)];
            maxBacklog = Math.Max(maxBacklog, backlog);
            backlog = expected.NextBacklog;
        }

        return new TraceSummary(slots, rows.Count, miners, tasksPerMiner, maxBuffered, maxBacklog, rows[^1]["mec_backlog"], cappedRows);
    }

    private static void Expect(bool condition, Row row, string what)
    {
        if (!condition)
        {
            throw new XunitException($"line {row.Line}: {what}");
        }
    }

    private static void Compare(Row row, string column, double expected, double absolute)
    {
        double actual = row[column];
        if (!Approx.Close(expected, actual, Relative, absolute))
        {
            throw new XunitException(string.Create(
                CultureInfo.InvariantCulture,
                $"line {row.Line} (slot {row["slot"]}, miner {row["miner"]}, task {row["task"]}): {column} = {actual:R}, MODEL.md gives {expected:R}"));
        }
    }
}
