using System.Globalization;
using EdgeMine.Model;

namespace EdgeMine.Simulation;

/// <summary>
/// Writes the per-task trace of MODEL.md section 10: one CSV row per task per slot, header first, invariant culture,
/// round-trippable doubles, SI units. The column list is a stable interface that tests and outside checkers read.
/// </summary>
public sealed class TraceWriter : IDisposable
{
    /// <summary>The header, exactly as MODEL.md section 10 gives it.</summary>
    public const string Header =
        "slot,miner,task,beta,g,d0,d1,x,mec_backlog,served_offload,served_local,upload_s,processing_s,queuing_s," +
        "offload_latency_s,local_latency_s,latency_s,offload_energy_j,local_energy_j,energy_j,privacy_usage," +
        "privacy_location,privacy,cost,reward";

    private readonly TextWriter _writer;
    private readonly char[] _number = new char[32];

    public TraceWriter(TextWriter writer)
    {
        _writer = writer;
        _writer.Write(Header);
        _writer.Write('\n');
    }

    /// <summary>Appends the rows of one slot: <paramref name="outcomes"/> as left by the step, and the slot's totals.</summary>
    public void WriteSlot(long slot, int tasksPerMiner, double beta, ReadOnlySpan<TaskOutcome> outcomes, in SlotMetrics metrics)
    {
        for (int i = 0; i < outcomes.Length; i++)
        {
            ref readonly var o = ref outcomes[i];
            WriteInteger(slot);
            WriteInteger(i / tasksPerMiner);
            WriteInteger(i % tasksPerMiner);
            Write(beta);
            WriteInteger(o.ChannelGood ? 1 : 0);
            Write(o.BufferedBits);
            Write(o.ArrivedBits);
            Write(o.OffloadFraction);
            Write(metrics.MecBacklogCycles);
            Write(o.ServedOffloadBits);
            Write(o.ServedLocalBits);
            Write(o.UploadSeconds);
            Write(o.ProcessingSeconds);
            Write(o.QueuingSeconds);
            Write(o.OffloadLatencySeconds);
            Write(o.LocalLatencySeconds);
            Write(o.LatencySeconds);
            Write(o.OffloadEnergyJoules);
            Write(o.LocalEnergyJoules);
            Write(o.EnergyJoules);
            Write(o.UsagePrivacy);
            Write(o.LocationPrivacy);
            Write(o.Privacy);
            Write(o.Cost);
            Write(metrics.Reward, last: true);
        }
    }

    public void Dispose() => _writer.Dispose();

    private void WriteInteger(long value)
    {
        value.TryFormat(_number, out int written, default, CultureInfo.InvariantCulture);
        _writer.Write(_number, 0, written);
        _writer.Write(',');
    }

    private void Write(double value, bool last = false)
    {
        // "R" round-trips every double; the invariant culture keeps '.' as the decimal separator everywhere.
        value.TryFormat(_number, out int written, "R", CultureInfo.InvariantCulture);
        _writer.Write(_number, 0, written);
        _writer.Write(last ? '\n' : ',');
    }
}
