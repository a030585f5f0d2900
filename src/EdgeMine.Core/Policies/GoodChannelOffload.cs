using EdgeMine.Model;

namespace EdgeMine.Policies;

/// <summary>GO, the rule of thumb a user tries first (MODEL.md section 7): offload every task of a miner whose channel is good, else keep it local.</summary>
public sealed class GoodChannelOffload : IOffloadingPolicy
{
    public string Name => "go";

    public void Reset(ulong seed)
    {
    }

    public void Act(MiningEnvironment environment, Span<double> action)
    {
        ArgumentNullException.ThrowIfNull(environment);
        int tasksPerMiner = environment.Settings.TasksPerMiner;
        for (int i = 0; i < action.Length; i++)
        {
            action[i] = environment.ChannelGood[i / tasksPerMiner] ? 1 : 0;
        }
    }
}
