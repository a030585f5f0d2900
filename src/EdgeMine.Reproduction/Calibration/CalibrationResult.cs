namespace EdgeMine.Calibration;

/// <summary>What a calibration found.</summary>
/// <param name="Points">Every point of the search (the preset first) with its claims on the search's seeds.</param>
/// <param name="Best">The final point: the top point with the lowest refined objective (the search's best when nothing was re-evaluated).</param>
/// <param name="Preset">The preset's point.</param>
internal sealed record CalibrationResult(IReadOnlyList<PointOutcome> Points, PointOutcome Best, PointOutcome Preset)
{
    /// <summary>The point with the lowest objective on the search's seeds.</summary>
    public PointOutcome? SearchBest { get; init; }

    /// <summary>The top points re-evaluated on batches apart from the search's seeds, lowest search objective first.</summary>
    public IReadOnlyList<TopPointNoise> TopPoints { get; init; } = [];

    /// <summary>The final point judged on fresh seeds (apart from the search's and the re-evaluation's), or null.</summary>
    public PointOutcome? Fresh { get; init; }

    /// <summary>The held-out set's overlap with the fitted set.</summary>
    public HeldOutSet? HeldOut { get; init; }
}
