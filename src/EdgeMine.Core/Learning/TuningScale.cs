namespace EdgeMine.Learning;

/// <summary>How a tunable learner option maps a coordinate u in [0, 1) to a value.</summary>
public enum TuningScale
{
    /// <summary>low + u (high - low).</summary>
    Linear,

    /// <summary>low (high / low)^u: equal ratios equally likely (learning rates, intervals).</summary>
    Log,

    /// <summary>One of a few values, each on an equal share of [0, 1).</summary>
    Choice,
}
