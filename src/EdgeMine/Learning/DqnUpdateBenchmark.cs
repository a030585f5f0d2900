using System.Diagnostics;
using EdgeMine.Randomness;

namespace EdgeMine.Learning;

/// <summary>Throughput of the DQN learner on one thread (for <c>edgemine bench dqn</c>).</summary>
/// <param name="UpdatesPerSecond">Full <see cref="QNetwork.TrainStep"/> calls per second.</param>
/// <param name="ActionsPerSecond">Single-state greedy action selections per second.</param>
/// <param name="Updates">Updates timed.</param>
/// <param name="ActionSelections">Action selections timed.</param>
public sealed record DqnBenchmarkResult(double UpdatesPerSecond, double ActionsPerSecond, long Updates, long ActionSelections);

/// <summary>
/// Times the paper's network (trunk 300-200, joint head) on random data: first updates (TrainStep with the given
/// batch), then greedy action selection for one state at a time, each for about <c>seconds</c> of wall time.
/// </summary>
public static class DqnUpdateBenchmark
{
    private const int MemorySize = 10_000;

    public static DqnBenchmarkResult Measure(int observationDim, int actions, int batch, double seconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(seconds);
        var rng = new Xoshiro256(20_240_601);
        var options = new DqnOptions { BatchSize = batch, ReplayCapacity = Math.Max(MemorySize, batch) };
        var network = new QNetwork(observationDim, actions, options, rng);
        ReplayMemory memory = FillRandom(network, options.ReplayCapacity, rng);

        var state = new float[observationDim];
        memory.StateAt(0).CopyTo(state);
        for (int warmUp = 0; warmUp < 3; warmUp++)
        {
            network.TrainStep(memory, rng);
            network.GreedyJoint(state);
        }

        long updates = 0;
        var clock = Stopwatch.StartNew();
        do
        {
            network.TrainStep(memory, rng);
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
                memory.StateAt((int)((selections + i) % memory.Count)).CopyTo(state);
                checksum += network.GreedyJoint(state);
            }

            selections += 64;
        }
        while (clock.Elapsed.TotalSeconds < seconds);
        double selectionSeconds = clock.Elapsed.TotalSeconds;
        GC.KeepAlive(checksum);

        return new DqnBenchmarkResult(updates / updateSeconds, selections / selectionSeconds, updates, selections);
    }

    private static ReplayMemory FillRandom(QNetwork network, int count, Xoshiro256 rng)
    {
        ReplayMemory memory = network.CreateReplayMemory();
        var state = new float[network.ObservationDim];
        var next = new float[network.ObservationDim];
        for (int t = 0; t < count; t++)
        {
            for (int i = 0; i < state.Length; i++)
            {
                state[i] = (float)rng.NextDouble();
                next[i] = (float)rng.NextDouble();
            }

            memory.Add(state, rng.NextInt(network.Actions), (float)rng.NextGaussian(), next);
        }

        return memory;
    }
}
