namespace EdgeMine.Policies;

/// <summary>
/// How many of a per-slot optimum's actions are proven optimal (<see cref="IPerSlotOptimum"/>): the slots it acted in,
/// those whose action it could not prove optimal within its compute budget or method, and an upper bound on what those
/// may have lost. A yardstick whose <see cref="InexactSlots"/> is above 0 is a lower bound on the optimum in those
/// slots, not the optimum: evaluation reports it beside the ratios computed from it.
/// </summary>
/// <param name="Slots">Slots acted in since the policy was created (across runs: <see cref="IOffloadingPolicy.Reset"/> keeps the count).</param>
/// <param name="InexactSlots">Slots whose action is not proven to maximise the slot's reward.</param>
/// <param name="LargestGapBound">
/// The largest proven bound, over the inexact slots, on (the slot's optimal reward - the reward of the action returned):
/// 0 when every slot was exact, <see cref="double.PositiveInfinity"/> when some inexact slot has no bound.
/// </param>
public readonly record struct OptimumExactness(long Slots, long InexactSlots, double LargestGapBound)
{
    /// <summary>True when every action returned so far is proven optimal.</summary>
    public bool AllExact => InexactSlots == 0;

    /// <summary>The totals after one more slot, exact or not, with the gap bound of that slot (ignored when exact).</summary>
    public OptimumExactness Add(bool exact, double gapBound) =>
        exact
            ? this with { Slots = Slots + 1 }
            : new OptimumExactness(Slots + 1, InexactSlots + 1, Math.Max(LargestGapBound, gapBound));
}
