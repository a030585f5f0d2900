using EdgeMine.Randomness;

namespace EdgeMine.Sequential;

/// <summary>
/// The discretisation of the MDP optimum (docs/sequential.md, "Grid and error"): the grid of the carried state, the
/// common arrival samples of the expectation, and the tolerance of relative value iteration. The defaults are the ones
/// <c>mdp-optimal</c> uses; the refined grids of the error measurement change one field each.
/// </summary>
/// <param name="BacklogStepsPerCapacity">m: grid steps of Q per slot's MEC capacity <c>F dt</c> (Delta = F dt / m).</param>
/// <param name="BufferStepsPerMeanArrival">Grid steps of each D0 per mean arrival <c>(d_min + d_max) / 2</c>.</param>
/// <param name="InitialTopCapacities">The Q grid's first top, in slots of capacity; doubled until two grids in a row hold the policy below half their top and agree on the gain.</param>
/// <param name="InitialTopArrivals">The D0 grid's first top, in mean arrivals; doubled likewise.</param>
/// <param name="Samples">The budget of arrival points of the backlog's MDP (<see cref="ArrivalSamples"/>: a midpoint rule for M &lt;= 2, else common samples).</param>
/// <param name="RelativeTolerance">Stop when the span of <c>T h - h</c> is below this times <c>max(1, |gain|)</c>.</param>
/// <param name="SampleSet">Which set of common samples: 0 for <c>mdp-optimal</c>'s, others to measure the sampling error.</param>
/// <param name="BufferSamples">The budget of arrival points for the buffers' MDP (every backup scores 2^M actions with the full physics per point).</param>
/// <param name="TopTolerance">Two grids whose tops differ by a factor 2 agree when their gains differ by less than this times <c>max(1, |gain|)</c>.</param>
/// <param name="MaxPoints">Most grid points per channel state before the instance is refused (the buffers' grid has PointsPerTask^M).</param>
public sealed record MdpGrid(
    int BacklogStepsPerCapacity = 4,
    int BufferStepsPerMeanArrival = 2,
    int InitialTopCapacities = 8,
    int InitialTopArrivals = 8,
    int Samples = 256,
    double RelativeTolerance = 1e-7,
    int SampleSet = 0,
    int BufferSamples = 64,
    double TopTolerance = 1e-4,
    int MaxPoints = 20_000)
{
    /// <summary>The grid <c>mdp-optimal</c> solves on.</summary>
    public static MdpGrid Default { get; } = new();

    /// <summary>The seed of the common arrival samples: a stream of the tuning seed, apart from every evaluation.</summary>
    public ulong SampleSeed => SeedMixer.Derive(SequentialTuning.Seed, 22 + (ulong)SampleSet);

    /// <summary>Largest grid the automatic top may reach per dimension before the instance is refused as unbounded (and at most 20,000 points in all).</summary>
    public const int MaxPointsPerDimension = 4_097;
}
