namespace EdgeMine.Simulation;

/// <summary>
/// Schemes ranked by mean reward per slot on common runs, each adjacent pair judged by <see cref="PairedComparison"/>
/// ("the higher above the next"): a scheme starts a new rank only when the one above it holds against it, so exact ties,
/// equivalent and inconclusive pairs share a rank (competition ranking: 1, 1, 3). Used by <c>sweep collect</c>.
/// </summary>
public static class Ranking
{
    /// <summary>The share of the reward's scale (mean |reward| of the schemes ranked) within which two schemes are equivalent.</summary>
    public const double EquivalenceShare = 0.01;

    /// <summary>
    /// The schemes of <paramref name="rewards"/> (name, reward per run on the common runs) in order of mean reward,
    /// highest first (equal means keep their given order), each with its rank and its comparison with the next (null for
    /// the last).
    /// </summary>
    public static IReadOnlyList<(string Name, int Rank, PairedComparison? AgainstNext)> Of(IReadOnlyList<(string Name, IReadOnlyList<double> Rewards)> rewards)
    {
        ArgumentNullException.ThrowIfNull(rewards);
        var ordered = rewards.Select((r, i) => (r.Name, r.Rewards, Mean: r.Rewards.Average(), Index: i))
            .OrderByDescending(r => r.Mean).ThenBy(r => r.Index).ToArray();
        double tolerance = EquivalenceShare * YardstickReferences.ScaleOf(ordered.Select(r => r.Mean));
        var ranked = new List<(string, int, PairedComparison?)>();
        int rank = 1;
        for (int i = 0; i < ordered.Length; i++)
        {
            var next = i + 1 < ordered.Length ? PairedComparison.Judge(ordered[i].Rewards, ordered[i + 1].Rewards, tolerance) : null;
            ranked.Add((ordered[i].Name, rank, next));
            if (next is { Outcome: PairedOutcome.Holds })
            {
                rank = i + 2;
            }
        }

        return ranked;
    }
}
