using EdgeMine.Learning.Tabular;

namespace EdgeMine.Privacy;

/// <summary>The CMDP baseline's settings.</summary>
public sealed record CmdpOptions
{
    /// <summary>P_min as a fraction of P_max, the largest average privacy any policy reaches (MODEL.md section 7: 0.9).</summary>
    public double PrivacyFraction { get; init; } = 0.9;

    /// <summary>Equal-width D1 bins over [d_min, d_max] (as RLO).</summary>
    public int ArrivalBins { get; init; } = QLearningOptions.DefaultArrivalBins;

    /// <summary>Midpoints per task integrating D1 over its bin in the transition model and the expectations.</summary>
    public int QuadraturePoints { get; init; } = 4;
}
