using System.Globalization;
using EdgeMine.Model;
using EdgeMine.Policies;
using EdgeMine.Simulation;

namespace EdgeMine.Tests.Simulation;

public class TraceWriterTests
{
    [Fact]
    public void Header_IsExactlyTheOneOfSectionTen()
    {
        Assert.Equal(TraceChecker.SpecHeader, TraceWriter.Header);
        string csv = TraceRecorder.Record(Presets.Calibrated, 1, 1, 0.5, new NeverOffload(), 1, 1, 0);
        Assert.Equal(TraceChecker.SpecHeader + "\n", csv);
    }

    [Fact]
    public void WriteSlot_WritesOneRowPerTaskWithRoundTrippableValues()
    {
        var env = new MiningEnvironment(Presets.Calibrated, new EnvironmentSettings { Miners = 2, TasksPerMiner = 3, Beta = 0.8 });
        env.Reset(4);
        var first = env.Step([0.25, 1, 0, 0.5, 1, 1]);
        var result = env.Step([0.25, 1, 0, 0.5, 1, 1]);
        using var text = new StringWriter();
        using var trace = new TraceWriter(text);
        trace.WriteSlot(1, 3, 0.8, env.LastOutcomes, result.Metrics);
        string[] lines = text.ToString().Split('\n');
        Assert.Equal(8, lines.Length);                                  // header, 6 rows, empty after the final newline
        for (int i = 0; i < 6; i++)
        {
            double[] v = [.. lines[i + 1].Split(',').Select(f => double.Parse(f, NumberStyles.Float, CultureInfo.InvariantCulture))];
            var o = env.LastOutcomes[i];
            Assert.Equal([1, i / 3, i % 3, 0.8, o.ChannelGood ? 1 : 0], v[..5]);
            // Exact equality: the doubles must round-trip bit for bit.
            Assert.Equal(
                [o.BufferedBits, o.ArrivedBits, o.OffloadFraction, result.Metrics.MecBacklogCycles, o.ServedOffloadBits, o.ServedLocalBits,
                 o.UploadSeconds, o.ProcessingSeconds, o.QueuingSeconds, o.OffloadLatencySeconds, o.LocalLatencySeconds, o.LatencySeconds,
                 o.OffloadEnergyJoules, o.LocalEnergyJoules, o.EnergyJoules, o.UsagePrivacy, o.LocationPrivacy, o.Privacy, o.Cost,
                 result.Metrics.Reward],
                v[5..]);
        }

        Assert.NotEqual(first.Reward, result.Reward);                   // the rows carry this slot's reward, not the previous one
    }

    [Fact]
    public void Trace_SameSeeds_GiveIdenticalBytes()
    {
        string a = TraceRecorder.Record(Presets.Calibrated, 2, 2, 0.5, new RandomOffload(), 7, 8, 300);
        string b = TraceRecorder.Record(Presets.Calibrated, 2, 2, 0.5, new RandomOffload(), 7, 8, 300);
        Assert.Equal(1 + (300 * 4) + 1, a.Split('\n').Length);
        Assert.Equal(a, b);
    }

    [Fact]
    public void Trace_DifferentEnvironmentSeed_GivesADifferentTrace()
    {
        string a = TraceRecorder.Record(Presets.Calibrated, 2, 2, 0.5, new RandomOffload(), 7, 8, 300);
        string b = TraceRecorder.Record(Presets.Calibrated, 2, 2, 0.5, new RandomOffload(), 9, 8, 300);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Trace_DifferentPolicySeed_GivesADifferentTrace()
    {
        string a = TraceRecorder.Record(Presets.Calibrated, 2, 2, 0.5, new RandomOffload(), 7, 8, 300);
        string b = TraceRecorder.Record(Presets.Calibrated, 2, 2, 0.5, new RandomOffload(), 7, 10, 300);
        Assert.NotEqual(a, b);
    }
}
