namespace EdgeMine.Policies;

/// <summary>NO: every task executes locally, x = 0 [Sec. IV-A].</summary>
public sealed class NeverOffload : IOffloadingPolicy
{
    public string Name => "no";

    public void Reset(ulong seed)
    {
    }

    public void Act(MiningEnvironment environment, Span<double> action) => action.Clear();
}

/// <summary>EO: every task is offloaded, x = 1 [Sec. IV-A].</summary>
public sealed class AlwaysOffload : IOffloadingPolicy
{
    public string Name => "eo";

    public void Reset(ulong seed)
    {
    }

    public void Act(MiningEnvironment environment, Span<double> action) => action.Fill(1);
}

/// <summary>Random: each task offloads with probability 1/2, x ~ Bernoulli(0.5) [Sec. IV-A].</summary>
public sealed class RandomOffload : IOffloadingPolicy
{
    private readonly Xoshiro256 _random = new(0);

    public string Name => "random";

    public void Reset(ulong seed) => _random.Reseed(seed);

    public void Act(MiningEnvironment environment, Span<double> action)
    {
        // One 64-bit draw covers 64 tasks: the coin flips are its bits.
        for (int start = 0; start < action.Length; start += 64)
        {
            ulong bits = _random.NextUInt64();
            int end = Math.Min(action.Length, start + 64);
            for (int i = start; i < end; i++)
            {
                action[i] = (bits >> (i - start)) & 1;
            }
        }
    }
}

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
