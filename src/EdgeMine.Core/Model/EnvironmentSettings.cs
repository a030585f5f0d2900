namespace EdgeMine.Model;

/// <summary>The shape of a run: N miners with M task streams each, the cost weight beta, and observation options.</summary>
public sealed record EnvironmentSettings
{
    /// <summary>N, miners.</summary>
    public required int Miners { get; init; }

    /// <summary>M, mining-task streams per miner.</summary>
    public required int TasksPerMiner { get; init; }

    /// <summary>beta = alpha1 in [0, 1]: weight of energy in the cost; latency gets 1 - beta [eq. 14].</summary>
    public required double Beta { get; init; }

    /// <summary>Append Q / (F dt) to the observation (MODEL.md section 3, off by default).</summary>
    public bool ExtendedObservation { get; init; }

    /// <summary>Episode length in slots for evaluation (<c>truncated</c> after it); 0 for a continuing process.</summary>
    public int EpisodeSlots { get; init; }
}
