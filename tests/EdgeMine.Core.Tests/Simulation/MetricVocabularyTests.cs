using EdgeMine.Model;
using EdgeMine.Simulation;

namespace EdgeMine.Tests.Simulation;

/// <summary>
/// The metric table is the output vocabulary users' scripts read (CSV columns, JSON keys, units): pinned here column by
/// column, with the derived metrics' scales worked out by hand; and the header simulate and evaluate print.
/// </summary>
public sealed class MetricVocabularyTests
{
    // key, CSV column of the shown value, unit shown, scale from SI, header
    public static TheoryData<string, string, string, double, string> Table => new()
    {
        { "reward", "reward", "", 1, "reward" },
        { "cost", "cost", "", 1, "cost" },
        { "privacy", "privacy", "", 1, "privacy" },
        { "energy_j", "energy_j", "J", 1, "energy (J)" },
        { "power_w", "power_w", "W", 1, "power (W)" },
        { "latency_s", "latency_ms", "ms", 1e3, "latency (ms)" },
        { "latency_per_task_s", "latency_per_task_ms", "ms", 1e3, "latency per task (ms)" },
        { "deadline_misses", "deadline_misses", "", 1, "deadline misses" },
        { "offloaded_fraction", "offloaded_fraction", "", 1, "fraction offloaded" },
        { "mec_backlog_cycles", "mec_backlog_gcycles", "Gcycles", 1e-9, "MEC backlog (Gcycles)" },
        { "buffered_bits", "buffered_kbit", "kbit", 1e-3, "buffered (kbit)" },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void EachMetric_KeyColumnUnitScaleAndHeader(string key, string column, string unit, double scale, string header)
    {
        var metric = Metrics.Find(key);
        Assert.NotNull(metric);
        Assert.Equal((key, column, unit, scale, header), (metric.Key, metric.ColumnKey, metric.DisplayUnit, metric.DisplayScale, metric.Header));
        Assert.Equal(key, metric.ToString());
    }

    [Fact]
    public void TheTable_InItsOrder_WithNamesAndAxesForEveryMetric()
    {
        Assert.Equal(Table.Select(row => (string)row[0]), Metrics.All.Select(m => m.Key));
        Assert.All(Metrics.All, m => Assert.False(string.IsNullOrWhiteSpace(m.Name) || string.IsNullOrWhiteSpace(m.Axis), m.Key));
        Assert.Equal(Metrics.All.Count, Metrics.All.Select(m => m.Axis).Distinct().Count());
        Assert.Equal(Metrics.All.Count, Metrics.All.Select(m => m.Name).Distinct().Count());
        Assert.Equal("Latency per slot, summed over tasks (ms)", Metrics.Latency.Axis);
        Assert.Equal("latency, all tasks", Metrics.Latency.Name);
        Assert.Null(Metrics.Find("latency_ms")); // the column is not the key
        Assert.Equal(["power_w", "latency_per_task_s"], Metrics.All.Where(m => m.Read is null).Select(m => m.Key));
        Assert.DoesNotContain(Metrics.Power, Metrics.Base);
        Assert.Equal("F3", Metrics.Latency.Format);
        Assert.Equal("F4", Metrics.Cost.Format);
    }

    [Fact]
    public void DerivedMetrics_ScaleTheirBase_ByTheRunsShape()
    {
        // Power = energy / dt: at dt = 2 s, half the energy per slot. Latency per task = summed latency / (N M), in ms.
        Assert.Same(Metrics.Energy, Metrics.Power.Stored);
        Assert.Same(Metrics.Latency, Metrics.LatencyPerTask.Stored);
        Assert.Same(Metrics.Cost, Metrics.Cost.Stored);
        Approx.Equal(0.5, Metrics.Power.ShownScale(new RunShape(4, 2)));
        Approx.Equal(1e3 / 4, Metrics.LatencyPerTask.ShownScale(new RunShape(4, 1)));
        Approx.Equal(1e3, Metrics.Latency.ShownScale(new RunShape(4, 2)));
    }

    [Fact]
    public void ComparisonSetup_DescribesAndWritesItsConfiguration()
    {
        var setup = ComparisonSetup.Of("calibrated", new EnvironmentSettings { Miners = 5, TasksPerMiner = 2, Beta = 0.5 }, [KeyValuePair.Create("rate_bad_bps", "5e5")]);
        Assert.Equal("preset calibrated (rate_bad_bps = 500000), N = 5, M = 2, beta = 0.5; 20 runs x 1000 slots, seed 1000", setup.Describe());

        using var buffer = new MemoryStream();
        using (var json = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            setup.WriteJson(json);
        }

        Assert.Equal(
            """{"preset":"calibrated","overrides":{"rate_bad_bps":500000},"miners":5,"tasks":2,"beta":0.5,"runs":20,"slots":1000,"seed":1000}""",
            System.Text.Encoding.UTF8.GetString(buffer.ToArray()));

        var plain = ComparisonSetup.Of("paper-literal", new EnvironmentSettings { Miners = 1, TasksPerMiner = 3, Beta = 0.8 });
        Assert.Equal("preset paper-literal, N = 1, M = 3, beta = 0.8; 20 runs x 1000 slots, seed 1000", plain.Describe());
        Assert.Empty(plain.Overrides);

        var error = Assert.Throws<ConfigurationException>(() => ComparisonSetup.Of("calibratd", new EnvironmentSettings { Miners = 1, TasksPerMiner = 1, Beta = 0.5 }));
        Assert.Equal("preset 'calibratd': unknown; allowed: calibrated, paper-literal", error.Message);
    }

    [Fact]
    public void AMetricWithoutAUnit_IsUnitFree_InFourDecimals()
    {
        var metric = new Metric { Key = "k", Name = "a count", ShortName = "count", ColumnKey = "k", Axis = "count" };
        Assert.Equal("", metric.DisplayUnit);
        Assert.Equal("count", metric.Header); // no unit: no parentheses
        Assert.Equal("F4", metric.Format);
        Assert.Equal(1, metric.DisplayScale);
    }
}
