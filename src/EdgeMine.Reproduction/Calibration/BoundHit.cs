namespace EdgeMine.Calibration;

/// <summary>A constant of a point that sits at a bound of its range (<see cref="BoundCheck"/>).</summary>
/// <param name="Dimension">The range.</param>
/// <param name="Side">Which bound.</param>
/// <param name="Value">The constant's value at the point.</param>
/// <param name="Bound">The bound it sits at (for a range whose high is another key, that key's value at the point).</param>
/// <param name="Fraction">Where the value lies in its range, in the range's own scale: 0 at the low bound, 1 at the high.</param>
internal sealed record BoundHit(RangeDimension Dimension, BoundSide Side, double Value, double Bound, double Fraction)
{
    /// <summary>The label every output gives it: the optimum of the fit lies beyond the space, not inside it.</summary>
    public string Label => Side == BoundSide.Low ? "at bound (low): the fit wants more" : "at bound (high): the fit wants more";
}
