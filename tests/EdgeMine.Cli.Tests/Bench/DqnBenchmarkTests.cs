using EdgeMine.Benchmarks;
using Xunit.Abstractions;

namespace EdgeMine.Tests.Bench;

/// <summary>The DQN throughput measurement of <c>edgemine bench dqn</c> (bench/EdgeMine.Benchmarks) runs and reports rates.</summary>
public sealed class DqnBenchmarkTests(ITestOutputHelper output)
{
    [Fact]
    public void Benchmark_Measure_ReturnsPositiveRates()
    {
        // Set EDGEMINE_BENCH_SECONDS (e.g. 3, in Release) to read real figures from the test output.
        double seconds = double.TryParse(Environment.GetEnvironmentVariable("EDGEMINE_BENCH_SECONDS"), System.Globalization.CultureInfo.InvariantCulture, out double s) ? s : 0.02;
        int actions = seconds > 0.5 ? 1024 : 16;
        DqnBenchmarkResult result = DqnBenchmark.Measure(observationDim: 25, actions, batch: seconds > 0.5 ? 128 : 8, seconds);
        output.WriteLine(System.FormattableString.Invariant($"updates/s {result.UpdatesPerSecond:F1} ({result.Updates}), actions/s {result.ActionsPerSecond:F0} ({result.ActionSelections})"));
        Assert.True(result.UpdatesPerSecond > 0);
        Assert.True(result.ActionsPerSecond > 0);
    }
}
