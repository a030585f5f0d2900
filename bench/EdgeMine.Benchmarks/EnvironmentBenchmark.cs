using System.Diagnostics;
using EdgeMine.Model;
using EdgeMine.Policies;
using EdgeMine.Settings;

namespace EdgeMine.Benchmarks;

/// <summary>
/// Environment steps per second with the random policy, and bytes allocated per step (<c>edgemine bench env</c>), on one
/// thread, under the calibrated preset at the default beta.
/// </summary>
public static class EnvironmentBenchmark
{
    /// <summary>Steps per second of N miners with M tasks each, and allocated bytes per step, each loop about <paramref name="seconds"/> long.</summary>
    public static (double StepsPerSecond, double AllocatedBytesPerStep) Measure(int miners, int tasks, double seconds)
    {
        var environment = new MiningEnvironment(Presets.Calibrated, RunSettings.Shape(miners, tasks, RunSettings.Beta.Default, s => s.Option));
        var policy = new RandomOffload();
        var action = new double[environment.ActionSpace.Dimension];
        environment.Reset(1);
        policy.Reset(2);
        double sink = 0;

        // Warm-up: let tiered compilation reach its optimised code before anything is measured.
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed.TotalSeconds < Math.Min(0.5, seconds / 2))
        {
            sink += Steps(environment, policy, action, 10_000);
        }

        // Allocation: bytes allocated by this thread around a warm loop.
        const int allocationSteps = 100_000;
        long before = GC.GetAllocatedBytesForCurrentThread();
        sink += Steps(environment, policy, action, allocationSteps);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        long steps = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            sink += Steps(environment, policy, action, 10_000);
            steps += 10_000;
        }

        double elapsed = clock.Elapsed.TotalSeconds;
        GC.KeepAlive(sink);
        return (steps / elapsed, (double)allocated / allocationSteps);
    }

    private static double Steps(MiningEnvironment environment, RandomOffload policy, double[] action, int count)
    {
        double rewardSum = 0;
        for (int i = 0; i < count; i++)
        {
            policy.Act(environment, action);
            rewardSum += environment.Step(action).Reward;
        }

        return rewardSum;
    }
}
