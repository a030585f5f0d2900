namespace EdgeMine.Learning;

/// <summary>Progress of a training run, for display.</summary>
public readonly record struct TrainingProgress(long Slot, long TotalSlots, double MovingAverage, double Epsilon, double Loss);
