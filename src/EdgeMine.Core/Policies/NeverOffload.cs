using EdgeMine.Model;

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
