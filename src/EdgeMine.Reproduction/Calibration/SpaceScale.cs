namespace EdgeMine.Calibration;

/// <summary>How a continuous dimension maps [0, 1] to its range.</summary>
public enum SpaceScale
{
    Linear,
    Log,
}
