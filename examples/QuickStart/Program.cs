// README-BEGIN
using EdgeMine.Model;

var environment = new MiningEnvironment(Presets.Calibrated, new EnvironmentSettings { Miners = 5, TasksPerMiner = 2, Beta = 0.5 });
var observation = environment.Reset(seed: 42);      // 5 x (2 + 2 + 1) values
var action = new double[environment.ActionSpace.Dimension];
for (int slot = 0; slot < 1000; slot++)
{
    MyAgent.Choose(observation, action);            // one offloading fraction in [0, 1] per task
    var step = environment.Step(action);
    observation = step.Observation;                  // step.Reward, step.Metrics.EnergyJoules, ...
}
// README-END

System.Console.WriteLine(System.FormattableString.Invariant($"slots {environment.Slot}"));

/// <summary>An agent for the example: offload every task of a miner whose channel is good (the last value of its block).</summary>
internal static class MyAgent
{
    public static void Choose(ReadOnlySpan<double> observation, Span<double> action)
    {
        int tasksPerMiner = 2, block = (2 * tasksPerMiner) + 1;
        for (int i = 0; i < action.Length; i++)
        {
            action[i] = observation[((i / tasksPerMiner) * block) + (2 * tasksPerMiner)];
        }
    }
}
