using EdgeMine.Model;

namespace EdgeMine.Policies;

/// <summary>
/// A policy: given the environment at the start of a slot, the offloading fraction of every task. The baselines, the
/// per-slot optimum and the learners' greedy policies all implement it, so one evaluation loop serves them all.
/// A policy may read the observation (what the paper's agents see) or, if it is an oracle, the full state.
/// </summary>
public interface IOffloadingPolicy
{
    /// <summary>The name used on the command line and in results (<c>no</c>, <c>eo</c>, <c>random</c>, <c>optimal</c>, ...).</summary>
    string Name { get; }

    /// <summary>Starts a run: the policy's own randomness (if any) comes from <paramref name="seed"/>.</summary>
    void Reset(ulong seed);

    /// <summary>Writes one fraction in [0, 1] per task into <paramref name="action"/> for the environment's current slot.</summary>
    void Act(MiningEnvironment environment, Span<double> action);
}
