using EdgeMine.Model;

namespace EdgeMine.Learning;

/// <summary>What one training slot gave: the environment step's totals and the loss of any update made (NaN when none).</summary>
public readonly record struct TrainingSlot(SlotMetrics Metrics, double Loss);
