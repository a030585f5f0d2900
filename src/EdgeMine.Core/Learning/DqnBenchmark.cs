using System.Diagnostics;
using EdgeMine.Learning.Dqn;

namespace EdgeMine.Learning;

/// <summary>Throughput of the DQN learner on one thread (for <c>edgemine bench dqn</c>).</summary>
/// <param name="UpdatesPerSecond">Full DRLO updates per second (sample, targets, forward, loss, backward, clip, Adam, sync).</param>
/// <param name="ActionsPerSecond">Single-state greedy action selections per second.</param>
/// <param name="Updates">Updates timed.</param>
/// <param name="ActionSelections">Action selections timed.</param>
internal sealed record DqnBenchmarkResult(double UpdatesPerSecond, double ActionsPerSecond, long Updates, long ActionSelections);

/// <summary>
/// Times the paper's network (trunk 300-200, joint head of 2^k actions) on random data: first updates with the given
/// batch, then greedy action selection for one state at a time, each for about <c>seconds</c> of wall time.
/// </summary>
internal static class DqnBenchmark
{
    private const int MemorySize = 10_000;

    public static DqnBenchmarkResult Measure(int observationDim, int actions, int batch, double seconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(seconds);
        int tasks = int.Log2(actions);
        if (actions <= 1 || 1 << tasks != actions || actions > DqnOptions.JointActionLimit)
        {
            throw new ConfigurationException(string.Create(
                CultureInfo.InvariantCulture, $"--actions {actions}: allowed: a power of two from 2 to {DqnOptions.JointActionLimit} (the joint head's 2^(N M) actions)"));
        }

        var rng = new Xoshiro256(20_240_601);
        var learner = new DqnLearner(DqnOptions.Paper with { BatchSize = batch, ReplayCapacity = Math.Max(MemorySize, batch), LearningStarts = 0 });
        learner.BeginTraining(observationDim, tasks, 20_240_601);
        FillRandom(learner.Memory, actions, rng);

        var state = new float[observationDim];
        learner.Memory.StateAt(0).CopyTo(state);
        for (int warmUp = 0; warmUp < 3; warmUp++)
        {
            learner.Update();
            learner.GreedyJoint(state);
        }

        long updates = 0;
        var clock = Stopwatch.StartNew();
        do
        {
            learner.Update();
            updates++;
        }
        while (clock.Elapsed.TotalSeconds < seconds);
        double updateSeconds = clock.Elapsed.TotalSeconds;

        long selections = 0;
        int checksum = 0;
        clock.Restart();
        do
        {
            // Vary the state so that nothing is cached between calls.
            for (int i = 0; i < 64; i++)
            {
                learner.Memory.StateAt((int)((selections + i) % learner.Memory.Count)).CopyTo(state);
                checksum += learner.GreedyJoint(state);
            }

            selections += 64;
        }
        while (clock.Elapsed.TotalSeconds < seconds);
        double selectionSeconds = clock.Elapsed.TotalSeconds;
        GC.KeepAlive(checksum);

        return new DqnBenchmarkResult(updates / updateSeconds, selections / selectionSeconds, updates, selections);
    }

    private static void FillRandom(ReplayMemory memory, int actions, Xoshiro256 rng)
    {
        var state = new float[memory.ObservationDim];
        var next = new float[memory.ObservationDim];
        for (int t = 0; t < memory.Capacity; t++)
        {
            for (int i = 0; i < state.Length; i++)
            {
                state[i] = (float)rng.NextDouble();
                next[i] = (float)rng.NextDouble();
            }

            memory.Add(state, rng.NextInt(actions), (float)rng.NextGaussian(), next);
        }
    }
}
