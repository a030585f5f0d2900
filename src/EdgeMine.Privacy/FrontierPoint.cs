namespace EdgeMine.Privacy;

/// <summary>One point of the cost-privacy frontier of a finite CMDP: the least average cost at privacy at least P_min.</summary>
public readonly record struct FrontierPoint(double Fraction, double PrivacyFloor, double AverageCost, double AveragePrivacy);
