using EdgeMine.Model;
using EdgeMine.Policies;
using EdgeMine.Simulation;

namespace EdgeMine.Tests.Simulation;

/// <summary>
/// What an evaluation reports while it runs and what it writes beside its numbers: progress in slots (every 1,024
/// task-slots and at each run's end, offset per policy in a comparison), the trace of the first run only, a policy's own
/// seed per run, and sizes refused before any work.
/// </summary>
public sealed class EvaluationProgressTests
{
    private static readonly EnvironmentSettings OneTask = new() { Miners = 1, TasksPerMiner = 1, Beta = 0.5 };

    /// <summary>Records every report, synchronously (Progress&lt;T&gt; would post them to the thread pool).</summary>
    private sealed class Recorder : IProgress<long>
    {
        public List<long> Reports { get; } = [];

        public void Report(long value) => Reports.Add(value);
    }

    [Fact]
    public void Evaluate_ReportsEvery1024SlotsAndAtEachRunsEnd()
    {
        var progress = new Recorder();
        PolicyEvaluation.Evaluate(Presets.Calibrated, OneTask, new NeverOffload(), runs: 2, slots: 2048, seed: 1, progress: progress);
        Assert.Equal([1024, 2048, 2048, 3072, 4096, 4096], progress.Reports);
    }

    [Theory]
    [InlineData(1, 1024)]
    [InlineData(2, 512)]
    [InlineData(3, 256)] // 3 tasks round up to 4: 1024 / 4
    [InlineData(1000, 1)] // 1000 round up to 1024
    [InlineData(1024, 1)]
    [InlineData(1_000_000, 1)]
    public void CheckInterval_IsAbout1024TaskSlots_APowerOfTwo_AtLeastOneSlot(int tasks, long slots) =>
        Assert.Equal(slots, PolicyEvaluation.CheckInterval(tasks));

    [Fact]
    public void Evaluate_OfTwoTasks_ReportsEvery512Slots_SoACallerCanCancelWithinThem()
    {
        // N M = 2: reports (each a chance to cancel) after slots 512, 1024 and at the run's end (1100).
        var progress = new Recorder();
        PolicyEvaluation.Evaluate(Presets.Calibrated, OneTask with { TasksPerMiner = 2 }, new NeverOffload(), runs: 1, slots: 1100, seed: 1, progress: progress);
        Assert.Equal([512, 1024, 1100], progress.Reports);
    }

    [Fact]
    public void Comparison_OffsetsEachPolicysProgress_EndingAtEverySlotOfEveryPolicy()
    {
        var progress = new Recorder();
        var setup = ComparisonSetup.Of("calibrated", OneTask) with { Runs = 2, Slots = 5 };
        var comparison = Comparison.Run([new AlwaysOffload()], setup, progress);

        // "eo" is given, so the baselines add the other ones: every policy 2 runs x 5 slots, one report per run.
        int policies = comparison.Policies.Count;
        Assert.Equal(Comparison.Baselines(1).Count(), policies);
        Assert.Equal(Enumerable.Range(1, 2 * policies).Select(k => 5L * k), progress.Reports);
    }

    [Fact]
    public void Evaluate_TracesTheFirstRunOnly()
    {
        using var text = new StringWriter();
        using (var trace = new TraceWriter(text))
        {
            PolicyEvaluation.Evaluate(Presets.Calibrated, OneTask with { TasksPerMiner = 2 }, new AlwaysOffload(), runs: 3, slots: 4, seed: 1, trace: trace);
        }

        string[] lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1 + (4 * 2), lines.Length); // the header, then 4 slots x 2 tasks of run 0
    }

    [Fact]
    public void Evaluate_ResetsThePolicyPerRun_SoTwoEvaluationsOfOnePolicyAgree()
    {
        var random = new RandomOffload();
        var first = PolicyEvaluation.Evaluate(Presets.Calibrated, OneTask, random, runs: 3, slots: 50, seed: 9);
        var second = PolicyEvaluation.Evaluate(Presets.Calibrated, OneTask, random, runs: 3, slots: 50, seed: 9);
        Assert.Equal(first.PerRun[Metrics.Reward], second.PerRun[Metrics.Reward]);
        Assert.Equal(first.PerRun[Metrics.OffloadedFraction], second.PerRun[Metrics.OffloadedFraction]);
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(2, 0)]
    public void Evaluate_NoRunsOrNoSlots_IsRefused(int runs, long slots) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PolicyEvaluation.Evaluate(Presets.Calibrated, OneTask, new NeverOffload(), runs, slots, seed: 1));

    [Fact]
    public void Evaluate_ACancelledToken_StopsAtTheNext1024Slots()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() =>
            PolicyEvaluation.Evaluate(Presets.Calibrated, OneTask, new NeverOffload(), runs: 1, slots: 2000, seed: 1, cancellation: cancelled.Token));
        PolicyEvaluation.Evaluate(Presets.Calibrated, OneTask, new NeverOffload(), runs: 1, slots: 1000, seed: 1, cancellation: cancelled.Token); // never checked
    }
}
