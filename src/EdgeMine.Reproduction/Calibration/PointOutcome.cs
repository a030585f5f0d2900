using EdgeMine.Experiments;

namespace EdgeMine.Calibration;

/// <summary>A point with its claims judged (learners stood in for by the per-slot optimum) and its objectives.</summary>
internal sealed record PointOutcome(CalibrationPoint Point, IReadOnlyList<Claim> Fitted, IReadOnlyList<Claim> HeldOut, double FittedObjective, double HeldOutObjective)
{
    public int FittedHolding => Fitted.Count(c => c.Outcome == ClaimOutcome.Holds);

    public int HeldOutHolding => HeldOut.Count(c => c.Outcome == ClaimOutcome.Holds);

    public IEnumerable<Claim> All => Fitted.Concat(HeldOut);
}
