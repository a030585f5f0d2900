namespace EdgeMine.Sequential;

/// <summary>The lookahead's tuned prices of an instance and how they were found (<see cref="LookaheadTuning"/>).</summary>
/// <param name="Prices">The prices kept.</param>
/// <param name="MeanReward">Their mean reward per slot on the tuning runs (NaN when nothing was tuned).</param>
/// <param name="Candidates">Every candidate tried, with its mean reward on the tuning runs, in order.</param>
/// <param name="Slots">Slots per tuning run.</param>
/// <param name="CarryOver">What carries over in the instance.</param>
public sealed record TunedPrices(SlotPrices Prices, double MeanReward, IReadOnlyList<(SlotPrices Prices, double MeanReward)> Candidates, long Slots, CarryOver CarryOver);
