using EdgeMine.Schemes;

namespace EdgeMine.Experiments;

/// <summary>A learner's mean moving average over its seeds at one beta, with its interval, thinned.</summary>
internal sealed record MeanCurve(Scheme Scheme, double Beta, int Seeds, IReadOnlyList<(long Slot, Simulation.Estimate Average)> Points);
