namespace EdgeMine.Model;

/// <summary>The result of one <see cref="MiningEnvironment.Step"/>, Gymnasium style. Views into the environment's own buffers.</summary>
public readonly ref struct StepResult
{
    public StepResult(ReadOnlySpan<double> observation, SlotMetrics metrics, bool truncated)
    {
        Observation = observation;
        Metrics = metrics;
        Truncated = truncated;
    }

    /// <summary>The observation of the next slot (valid until the next step).</summary>
    public ReadOnlySpan<double> Observation { get; }

    /// <summary>The slot's reward r [eq. 18].</summary>
    public double Reward => Metrics.Reward;

    /// <summary>Always false: the process never terminates (MODEL.md section 5).</summary>
    public bool Terminated => false;

    /// <summary>True when the slot ended an evaluation episode of <see cref="EnvironmentSettings.EpisodeSlots"/> slots.</summary>
    public bool Truncated { get; }

    /// <summary>The slot's system totals (MODEL.md section 6).</summary>
    public SlotMetrics Metrics { get; }
}
