namespace EdgeMine.Calibration;

/// <summary>Which end of a range a constant sits at.</summary>
internal enum BoundSide
{
    Low,
    High,
}
