namespace EdgeMine.Learning.Tabular;

/// <summary>
/// RLO's settings: MODEL.md section 7 (learning rate 0.1, discount 0.85, 5 bins for D1). The tabular privacy baselines
/// take the same defaults from here, so that comparing them with RLO isolates their own techniques.
/// </summary>
public sealed record QLearningOptions
{
    /// <summary>Q-learning step size (MODEL.md: 0.1).</summary>
    public const double DefaultLearningRate = 0.1;

    /// <summary>Discount factor (the paper's 0.85, shared with DRLO).</summary>
    public const double DefaultDiscount = 0.85;

    /// <summary>Equal-width bins of D1 over [d_min, d_max] (MODEL.md: d1_bins = 5).</summary>
    public const int DefaultArrivalBins = 5;

    public double LearningRate { get; init; } = DefaultLearningRate;

    public double Discount { get; init; } = DefaultDiscount;

    public int ArrivalBins { get; init; } = DefaultArrivalBins;
}
