namespace EdgeMine.Policies;

/// <summary>
/// A per-slot optimum (binary <see cref="PerSlotOptimum"/> or fractional <see cref="PerSlotFractionalOptimum"/>): a
/// policy that states, for every action it returns, whether that action is proven to maximise the slot's reward.
/// Where its exact method would exceed its compute budget, or has no proof (a cap that binds in the fractional search),
/// it still acts (with the best action it found) and labels the slot inexact; it never falls back silently.
/// Evaluation reads <see cref="Exactness"/> after the runs (it counts across <see cref="IOffloadingPolicy.Reset"/>).
/// </summary>
public interface IPerSlotOptimum : IOffloadingPolicy
{
    /// <summary>True when the latest action returned by <see cref="IOffloadingPolicy.Act"/> is proven optimal.</summary>
    bool LastActionExact { get; }

    /// <summary>The totals over every slot acted in since the policy was created.</summary>
    OptimumExactness Exactness { get; }
}
