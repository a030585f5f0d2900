using EdgeMine.Model;

namespace EdgeMine.Policies;

/// <summary>EO: every task is offloaded, x = 1 [Sec. IV-A].</summary>
public sealed class AlwaysOffload : IOffloadingPolicy
{
    public string Name => "eo";

    public void Reset(ulong seed)
    {
    }

    public void Act(MiningEnvironment environment, Span<double> action) => action.Fill(1);
}
