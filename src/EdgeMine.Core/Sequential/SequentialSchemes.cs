using EdgeMine.Schemes;

namespace EdgeMine.Sequential;

/// <summary>
/// The references of MODEL.md section 13 as schemes, by name: baselines that need no training, but that tune or solve per
/// instance, so comparisons evaluate them only when asked for (they are not in <see cref="BaselineScheme.All"/>). They
/// live here rather than in <see cref="BaselineScheme"/> because they tune and bound by simulating: this folder reads
/// Simulation, which reads the schemes, so the schemes cannot read it.
/// </summary>
public static class SequentialSchemes
{
    /// <summary>The lookahead (MODEL.md section 13): the per-slot search with the next slot's backlog and buffers priced in, prices tuned per instance.</summary>
    public static BaselineScheme Lookahead { get; } = new(LookaheadPolicy.PolicyName, "Lookahead", "the per-slot search with the next slot's backlog and buffers priced in (tuned prices)", () => new LookaheadPolicy());

    /// <summary>The MDP optimum (MODEL.md section 13): relative value iteration over the carried state, where it is small (one miner).</summary>
    public static BaselineScheme MdpOptimal { get; } = new(MdpOptimalPolicy.PolicyName, "MDP optimum", "the average-reward optimal policy by relative value iteration (one miner only)", () => new MdpOptimalPolicy());

    /// <summary>Both, in the order tables and help texts list them.</summary>
    public static IReadOnlyList<BaselineScheme> All { get; } = [Lookahead, MdpOptimal];
}
