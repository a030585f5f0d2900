namespace EdgeMine.Model;

/// <summary>
/// The model parameters of MODEL.md section 9, in SI units, one property per config key.
/// Build one from a preset (<see cref="Presets"/>) and change it with <c>with</c>, a config file or
/// <c>--set key=value</c> (<see cref="ParameterCatalog"/>); <see cref="ParameterCatalog.Validate"/> must pass before use.
/// Each property cites the paper's equation it enters, or the gap of section 9 it fills.
/// </summary>
public sealed record ModelParameters
{
    /// <summary>dt, slot length (s). Paper: 1 s.</summary>
    public required double SlotSeconds { get; init; }

    /// <summary>F, total MEC CPU capacity (cycles/s) [eqs. 3-4]. Paper: 10 GHz.</summary>
    public required double MecCapacityHz { get; init; }

    /// <summary>t_local, local execution time per bit (s/bit) [eq. 6]. Paper: 4.75e-7.</summary>
    public required double LocalSecondsPerBit { get; init; }

    /// <summary>e_local, local execution energy per bit (J/bit) [eq. 7]. Paper: 3.25e-7.</summary>
    public required double LocalJoulesPerBit { get; init; }

    /// <summary>d_min, new transaction data per task per slot, lower bound (bits). Paper: 50 kb.</summary>
    public required double ArrivalMinBits { get; init; }

    /// <summary>d_max, new transaction data per task per slot, upper bound (bits). Paper: 150 kb.</summary>
    public required double ArrivalMaxBits { get; init; }

    /// <summary>X, MEC cycles per bit [eq. 4]. Paper: 18000 ("local workload"); calibrated: 1000 (section 9).</summary>
    public required double MecCyclesPerBit { get; init; }

    /// <summary>tau, deadline (s) [eq. 13b]. Paper: 15 s.</summary>
    public required double DeadlineSeconds { get; init; }

    /// <summary>gamma, MEC energy coefficient in <c>gamma f^3</c> (W) [eq. 5]. Paper: 1e-26.</summary>
    public required double MecEnergyCoefficient { get; init; }

    /// <summary>Unit of f in <c>gamma f^3</c> (Hz): unstated by the paper; calibrated 1e9 (GHz), paper-literal 1 (Hz).</summary>
    public required double MecFrequencyUnitHz { get; init; }

    /// <summary>P_circuit, MEC static circuit power while a task queues (W) [eq. 5]. Paper: 0.05 W.</summary>
    public required double MecCircuitWatts { get; init; }

    /// <summary>P_tx, miner transmit power (W) [eq. 5]. Unstated; 0.5 W.</summary>
    public required double TransmitWatts { get; init; }

    /// <summary>Upload rate in the good channel state (bit/s) [eq. 2]. Unstated; 10 Mbit/s.</summary>
    public required double RateGoodBps { get; init; }

    /// <summary>Upload rate in the bad channel state (bit/s) [eq. 2]. Unstated; 2 Mbit/s.</summary>
    public required double RateBadBps { get; init; }

    /// <summary>P(g(t+1) = g(t)) of each miner's two-state channel chain. Paper: "channel gain factor sigma = 0.8".</summary>
    public required double ChannelPersistence { get; init; }

    /// <summary>eps, good-channel threshold: <c>g &gt;= eps</c> is good [eqs. 8-9]. Unstated; 1.</summary>
    public required double GoodChannelThreshold { get; init; }

    /// <summary>lambda, weight of location privacy [eq. 10]. Paper: in (0, 1), unstated; 0.5.</summary>
    public required double LocationPrivacyWeight { get; init; }

    /// <summary>d_unit, data unit of usage privacy and of observations (bits) [eq. 8]. Unstated.</summary>
    public required double PrivacyUnitBits { get; init; }

    /// <summary>e_unit, energy unit of the cost (J) [eq. 12]. Unstated.</summary>
    public required double EnergyUnitJoules { get; init; }

    /// <summary>l_unit, latency unit of the cost (s) [eq. 12]. Unstated.</summary>
    public required double LatencyUnitSeconds { get; init; }

    /// <summary>Reward subtracted per deadline miss [eq. 13b]. Not in the paper's reward; 0.</summary>
    public required double DeadlinePenalty { get; init; }

    /// <summary>Which reading of eq. 8 gives the usage privacy Pu (MODEL.md section 5): as printed, or the text's. Both presets: as printed.</summary>
    public required UsagePrivacyForm UsagePrivacyForm { get; init; }

    /// <summary>Upload rate of channel state <paramref name="goodChannel"/> (bit/s) [eq. 2].</summary>
    public double UploadRateBps(bool goodChannel) => goodChannel ? RateGoodBps : RateBadBps;

    /// <summary>Bits a miner can execute locally in one slot: <c>dt / t_local</c> (section 5).</summary>
    public double LocalCapacityBitsPerSlot => SlotSeconds / LocalSecondsPerBit;

    /// <summary>Cycles the MEC retires in one slot: <c>F * dt</c>.</summary>
    public double MecCyclesPerSlot => MecCapacityHz * SlotSeconds;

    /// <summary>Mean new data per task per slot (bits).</summary>
    public double ArrivalMeanBits => 0.5 * (ArrivalMinBits + ArrivalMaxBits);
}
