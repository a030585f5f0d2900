using EdgeMine.Schemes;

namespace EdgeMine.Experiments;

/// <summary>One learner's training curve at one training seed: reward and moving average per slot.</summary>
internal sealed record LearningCurve(Scheme Scheme, double Beta, int Seed, long[] Slots, double[] Rewards, double[] MovingAverages);
