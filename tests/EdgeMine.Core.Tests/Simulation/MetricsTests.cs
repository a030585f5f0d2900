using EdgeMine.Model;
using EdgeMine.Policies;
using EdgeMine.Simulation;

namespace EdgeMine.Tests.Simulation;

/// <summary>The metric table: every metric is evaluated, derived metrics scale their base, and the buffer metric against hand computation.</summary>
public sealed class MetricsTests
{
    [Fact]
    public void EveryMetric_HasAnEstimate_AndDerivedOnesScaleTheirBase()
    {
        var settings = new EnvironmentSettings { Miners = 3, TasksPerMiner = 2, Beta = 0.5 };
        var summary = PolicyEvaluation.Evaluate(Presets.Calibrated, settings, new RandomOffload(), runs: 3, slots: 50, seed: 9);

        Assert.Equal(Metrics.All.Count, summary.Estimates.Count);
        Assert.Equal(Metrics.All.Count(m => m.Read is not null), summary.PerRun.Count);
        // Latency per task is the summed latency over N M = 6 tasks; power is energy over dt = 1 s.
        Assert.Equal(summary[Metrics.Latency].Mean * (1.0 / 6), summary[Metrics.LatencyPerTask].Mean);
        Assert.Equal(summary[Metrics.Energy].Mean, summary[Metrics.Power].Mean);
        Assert.Equal(Metrics.All.Count, Metrics.All.Select(m => m.Key).Distinct().Count());
        Assert.Equal(Metrics.All.Count, Metrics.All.Select(m => m.ColumnKey).Distinct().Count());
    }

    [Fact]
    public void Buffered_GrowsByWhatTheUploadCapLeaves_AsMODELSaysInSection5()
    {
        // One task of exactly 100 kbit per slot, always offloaded, uploads capped at 10 kbit per slot (both channels):
        // D0(t+1) = D0(t) + 100e3 - 10e3, so after slots 1..4 the buffer holds 90, 180, 270, 360 kbit: mean 225 kbit.
        var parameters = Presets.Calibrated with { ArrivalMinBits = 100e3, ArrivalMaxBits = 100e3, RateGoodBps = 1e4, RateBadBps = 1e4 };
        var settings = new EnvironmentSettings { Miners = 1, TasksPerMiner = 1, Beta = 0.5 };

        var summary = PolicyEvaluation.Evaluate(parameters, settings, new AlwaysOffload(), runs: 1, slots: 4, seed: 1);

        Assert.Equal(225e3, summary[Metrics.Buffered].Mean, 6);
        Assert.Equal(225.0, summary[Metrics.Buffered].Mean * Metrics.Buffered.DisplayScale, 9);
    }
}
