namespace EdgeMine.Privacy;

/// <summary>An optimal occupation measure and its averages (what the LP itself predicts for the policy it implies).</summary>
internal sealed record CmdpSolution
{
    /// <summary>y(s, a), index s * A + a; non-negative, sums to 1.</summary>
    public required IReadOnlyList<double> Occupation { get; init; }

    /// <summary>sum y c: the long-run average cost per slot the LP predicts.</summary>
    public required double AverageCost { get; init; }

    /// <summary>sum y p: the long-run average privacy per slot the LP predicts.</summary>
    public required double AveragePrivacy { get; init; }

    /// <summary>The privacy floor P_min the LP was solved with (-infinity for the privacy-maximising LP).</summary>
    public required double PrivacyFloor { get; init; }
}
