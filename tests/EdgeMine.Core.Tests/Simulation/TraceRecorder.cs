using EdgeMine.Model;
using EdgeMine.Policies;
using EdgeMine.Randomness;
using EdgeMine.Simulation;

namespace EdgeMine.Tests.Simulation;

/// <summary>Random offloading fractions in steps of 1/4 (a partial-offloading policy for the trace tests).</summary>
internal sealed class QuarterStepPolicy : IOffloadingPolicy
{
    private readonly Xoshiro256 _random = new(0);

    public string Name => "quarters";

    public void Reset(ulong seed) => _random.Reseed(seed);

    public void Act(MiningEnvironment environment, Span<double> action)
    {
        for (int i = 0; i < action.Length; i++)
        {
            action[i] = _random.NextInt(5) * 0.25;
        }
    }
}

internal static class TraceRecorder
{
    /// <summary>Runs <paramref name="policy"/> for <paramref name="slots"/> slots and returns the trace CSV.</summary>
    public static string Record(
        ModelParameters p, int miners, int tasksPerMiner, double beta, IOffloadingPolicy policy, ulong environmentSeed, ulong policySeed, int slots)
    {
        var env = new MiningEnvironment(p, new EnvironmentSettings { Miners = miners, TasksPerMiner = tasksPerMiner, Beta = beta });
        using var text = new StringWriter();
        using var trace = new TraceWriter(text);
        env.Reset(environmentSeed);
        policy.Reset(policySeed);
        var action = new double[miners * tasksPerMiner];
        for (long t = 0; t < slots; t++)
        {
            policy.Act(env, action);
            var result = env.Step(action);
            trace.WriteSlot(t, tasksPerMiner, beta, env.LastOutcomes, result.Metrics);
        }

        return text.ToString();
    }
}
