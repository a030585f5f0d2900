using EdgeMine.Model;
using EdgeMine.Policies;

namespace EdgeMine.Tests.Simulation;

/// <summary>Traces from both presets, with buffers filling and backlogs growing, checked against MODEL.md by an outside checker.</summary>
public class TraceCheckerTests
{
    /// <summary>Upload cap 1e4 bits per slot in the bad state, local cap dt / 2e-5 = 5e4 bits per slot: buffers fill.</summary>
    private static ModelParameters Congested(ModelParameters preset) =>
        preset with { RateBadBps = 1e4, LocalSecondsPerBit = 2e-5 };

    [Fact]
    public void Trace_CalibratedWithBindingCapsAndFractionalActions_AgreesWithSectionFive()
    {
        var p = Congested(Presets.Calibrated);
        var summary = TraceChecker.Check(TraceRecorder.Record(p, 2, 3, 0.5, new QuarterStepPolicy(), 1, 2, 200), p);
        Assert.Equal(200, summary.Slots);
        Assert.True(summary.MaxBuffered > 1e6, $"buffers should fill: max d0 {summary.MaxBuffered}");
        Assert.True(summary.CappedRows > 100, $"caps should bind often: {summary.CappedRows} rows");
    }

    [Fact]
    public void Trace_PaperLiteralAlwaysOffload_GrowingBacklog_AgreesWithSectionFive()
    {
        // 3 x 2 tasks of 1e5 bits on average, X = 18000: 1.08e10 cycles offered per slot against F dt = 1e10.
        var p = Presets.PaperLiteral;
        var summary = TraceChecker.Check(TraceRecorder.Record(p, 3, 2, 0.8, new AlwaysOffload(), 3, 4, 200), p);
        Assert.True(summary.LastBacklog > 1e10, $"the backlog should grow: last Q {summary.LastBacklog}");
    }

    [Fact]
    public void Trace_PaperLiteralWithBindingCaps_AgreesWithSectionFive()
    {
        var p = Congested(Presets.PaperLiteral) with { MecCapacityHz = 1e9 };
        var summary = TraceChecker.Check(TraceRecorder.Record(p, 2, 2, 0.5, new QuarterStepPolicy(), 5, 6, 200), p);
        Assert.True(summary.MaxBuffered > 1e6 && summary.MaxBacklog > 1e9, $"{summary}");
    }

    [Fact]
    public void Trace_CalibratedRandomPolicyWithDeadlinePenalty_AgreesWithSectionFive()
    {
        var p = Presets.Calibrated with { DeadlineSeconds = 0.05, DeadlinePenalty = 1.5, MecCapacityHz = 2e8 };
        var summary = TraceChecker.Check(TraceRecorder.Record(p, 2, 2, 0.2, new RandomOffload(), 7, 8, 200), p);
        Assert.True(summary.MaxBacklog > 0, $"{summary}");
    }

    [Fact]
    public void Trace_PerSlotOptimum_AgreesWithSectionFive()
    {
        var p = Presets.Calibrated;
        TraceChecker.Check(TraceRecorder.Record(p, 2, 2, 0.5, new PerSlotOptimum(), 9, 0, 100), p);
    }

    [Fact]
    public void Checker_TamperedDerivedColumn_IsRejected()
    {
        // The checker itself must be able to fail: change one cost value in an otherwise valid trace.
        var p = Presets.Calibrated;
        string csv = TraceRecorder.Record(p, 1, 1, 0.5, new NeverOffload(), 1, 1, 3);
        string[] lines = csv.Split('\n');
        string[] fields = lines[2].Split(',');
        fields[23] = "0.5"; // cost of a local mean-ish task is near 1, never exactly 0.5 here
        lines[2] = string.Join(',', fields);
        Assert.ThrowsAny<Exception>(() => TraceChecker.Check(string.Join('\n', lines), p));
    }

    [Fact]
    public void Checker_BrokenBufferChaining_IsRejected()
    {
        var p = Congested(Presets.Calibrated);
        string csv = TraceRecorder.Record(p, 1, 1, 0.5, new NeverOffload(), 1, 1, 3);
        string[] lines = csv.Split('\n');
        string[] fields = lines[3].Split(',');
        fields[5] = "0"; // d0 of slot 2 no longer equals what slot 1 left unserved
        lines[3] = string.Join(',', fields);
        Assert.ThrowsAny<Exception>(() => TraceChecker.Check(string.Join('\n', lines), p));
    }
}
