using EdgeMine.Simulation;

namespace EdgeMine.Calibration;

/// <summary>
/// One of the top points of the search re-evaluated (issue 21, item 5): its fitted objective on each of several batches
/// of the search's size, each batch on its own common seeds apart from the search's.
/// </summary>
/// <param name="Search">The point as the search found it (its objective on the search's seeds).</param>
/// <param name="BatchObjectives">The fitted objective on each batch, in batch order.</param>
internal sealed record TopPointNoise(PointOutcome Search, IReadOnlyList<double> BatchObjectives)
{
    /// <summary>The refined objective: the mean over the batches (an estimate of the search's objective free of its seeds).</summary>
    public double Refined => BatchObjectives.Average();

    /// <summary>The refined objective's standard error over the batches.</summary>
    public double StandardError => NoiseStatistics.StandardError(BatchObjectives);

    /// <summary>This point's objective minus <paramref name="other"/>'s, paired over the batches, with its 95% interval.</summary>
    public Estimate DifferenceFrom(TopPointNoise other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return NoiseStatistics.PairedDifference(BatchObjectives, other.BatchObjectives);
    }
}
