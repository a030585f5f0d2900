using EdgeMine.Experiments;

namespace EdgeMine.Calibration;

/// <summary>
/// How independent of the fit the held-out claims are (issue 21, item 5). Three kinds of held-out claim are counted
/// apart from the rest: those of an experiment whose settings are the fitted experiment's but for beta (Table III:
/// the same miners and tasks as Table II, so its claims hold where Table II's do); a claim that is the same
/// comparison as an earlier one once the optimum stands in for the learners (both DRLO variants become one policy);
/// and a claim no point can judge. What remains is "held out, independent of the fit".
/// </summary>
/// <param name="SharingFit">Indices (into <see cref="PointOutcome.HeldOut"/>) of the claims of experiments that share the fit's settings.</param>
/// <param name="Duplicates">Each claim that repeats an earlier one, with the index of the earlier one.</param>
/// <param name="NeverJudged">Claims not evaluated at any point.</param>
/// <param name="Independent">The rest, each counted once.</param>
internal sealed record HeldOutSet(
    IReadOnlyList<int> SharingFit,
    IReadOnlyList<(int Claim, int SameAs)> Duplicates,
    IReadOnlyList<int> NeverJudged,
    IReadOnlyList<int> Independent)
{
    /// <summary>
    /// The rule that counts identical comparisons once: a held-out claim repeats an earlier one when, at every point of
    /// the search, both have the same outcome and the same deciding interval, bit for bit.
    /// </summary>
    public const string DuplicateRule =
        "a held-out claim repeats an earlier one when, at every point of the search, both have the same outcome and the same deciding value and interval, bit for bit; it is counted once, as the earlier";

    /// <summary>How many of the independent held-out claims hold at a point.</summary>
    public int Holding(PointOutcome point)
    {
        ArgumentNullException.ThrowIfNull(point);
        return Independent.Count(i => point.HeldOut[i].Outcome == ClaimOutcome.Holds);
    }

    /// <summary>The held-out set of a search's points; <paramref name="sharingFit"/> names the experiments whose settings are the fit's but for beta.</summary>
    public static HeldOutSet Of(IReadOnlyList<PointOutcome> points, IReadOnlyCollection<string> sharingFit)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(sharingFit);
        if (points.Count == 0)
        {
            return new HeldOutSet([], [], [], []);
        }

        int count = points[0].HeldOut.Count;
        var sharing = Enumerable.Range(0, count).Where(i => sharingFit.Contains(points[0].HeldOut[i].Experiment)).ToArray();
        var never = Enumerable.Range(0, count).Where(i => points.All(p => p.HeldOut[i].Outcome == ClaimOutcome.NotEvaluated)).ToArray();
        var duplicates = new List<(int Claim, int SameAs)>();
        for (int j = 0; j < count; j++)
        {
            if (never.Contains(j))
            {
                continue;
            }

            int first = Enumerable.Range(0, j)
                .Where(i => !never.Contains(i) && duplicates.All(d => d.Claim != i))
                .FirstOrDefault(i => points.All(p => Same(p.HeldOut[i], p.HeldOut[j])), -1);
            if (first >= 0)
            {
                duplicates.Add((j, first));
            }
        }

        var independent = Enumerable.Range(0, count)
            .Where(i => !sharing.Contains(i) && !never.Contains(i) && duplicates.All(d => d.Claim != i))
            .ToArray();
        return new HeldOutSet(sharing, duplicates, never, independent);
    }

    // Interval is a record: equal means, bounds, counts and units (NaN bounds equal NaN bounds).
    private static bool Same(Claim a, Claim b) => a.Outcome == b.Outcome && Equals(a.Ours, b.Ours);
}
