namespace EdgeMine.Learning;

/// <summary>One row of a learning curve.</summary>
public readonly record struct CurveRow(long Slot, double Reward, double MovingAverage, double Epsilon, double Loss);
