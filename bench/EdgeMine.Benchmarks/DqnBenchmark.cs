using System.Diagnostics;
using System.Globalization;
using EdgeMine.Learning.Dqn;
using EdgeMine.Randomness;

namespace EdgeMine.Benchmarks;

/// <summary>
/// Times the paper's network (trunk 300-200, joint head of 2^k actions) on random data: first updates with the given
/// batch, then greedy action selection for one state at a time, each for about <c>seconds</c> of wall time.
/// </summary>
public static class DqnBenchmark
{
    private const int MemorySize = 10_000;

    public static DqnBenchmarkResult Measure(int observationDim, int actions, int batch, double seconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(seconds);
        int tasks = int.Log2(actions);
        if (actions <= 1 || 1 << tasks != actions || actions > SystemDqnOptions.JointActionLimit)
        {
            throw new ConfigurationException(string.Create(
                CultureInfo.InvariantCulture, $"--actions {actions}: allowed: a power of two from 2 to {SystemDqnOptions.JointActionLimit} (the joint head's 2^(N M) actions)"));
        }

        var rng = new Xoshiro256(20_240_601);
        var options = SystemDqnOptions.Paper with { BatchSize = batch, ReplayCapacity = Math.Max(MemorySize, batch) };
        var learner = new JointHeadDqn(options);
        learner.BeginTraining(observationDim, tasks, 20_240_601);
        var states = FillRandom(learner, observationDim, options.ReplayCapacity, actions, rng);

        var state = new float[observationDim];
        states.AsSpan(0, observationDim).CopyTo(state);
        for (int warmUp = 0; warmUp < 3; warmUp++)
        {
            learner.Update();
            learner.GreedyJointAction(state);
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
                states.AsSpan((int)((selections + i) % options.ReplayCapacity) * observationDim, observationDim).CopyTo(state);
                checksum += learner.GreedyJointAction(state);
            }

            selections += 64;
        }
        while (clock.Elapsed.TotalSeconds < seconds);
        double selectionSeconds = clock.Elapsed.TotalSeconds;
        GC.KeepAlive(checksum);

        return new DqnBenchmarkResult(updates / updateSeconds, selections / selectionSeconds, updates, selections);
    }

    /// <summary>Fills the replay memory with <paramref name="count"/> random transitions; returns their states, one after another.</summary>
    private static float[] FillRandom(JointHeadDqn learner, int observationDim, int count, int actions, Xoshiro256 rng)
    {
        var states = new float[count * observationDim];
        var next = new float[observationDim];
        for (int t = 0; t < count; t++)
        {
            Span<float> state = states.AsSpan(t * observationDim, observationDim);
            for (int i = 0; i < observationDim; i++)
            {
                state[i] = (float)rng.NextDouble();
                next[i] = (float)rng.NextDouble();
            }

            learner.Remember(state, rng.NextInt(actions), (float)rng.NextGaussian(), next);
        }

        return states;
    }
}
