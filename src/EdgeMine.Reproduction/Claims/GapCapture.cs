using EdgeMine.Simulation;

namespace EdgeMine.Experiments;

/// <summary>
/// "A learner captures at least a share s of the gap from a reference F to a better reference T" (issue 22: DRLO captures
/// at least 0.8 of the gap from the per-slot optimum to the MDP optimum), judged as a comparison is (MODEL.md section 11).
/// The ratio (L - F) / (T - F) has no paired interval of its own, but the claim is the same as
/// <c>L - (1 - s) F - s T &gt; 0</c> when T &gt; F, a linear combination paired on the shared evaluation runs and training
/// seeds exactly as <see cref="Judge.Paired"/> pairs a difference. The gap must first be there: T above F beyond noise.
/// </summary>
internal static class GapCapture
{
    /// <summary>The share of the gap a mean captures: (learner - from) / (to - from); NaN when the gap is 0.</summary>
    public static double Ratio(double learner, double from, double to) => to == from ? double.NaN : (learner - from) / (to - from);

    /// <summary>
    /// <c>L - (1 - s) F - s T</c> of <paramref name="metric"/> with its 95% interval: over the training seeds (seed k's mean
    /// against the references' means, which every seed shares), unless the interval over the evaluation runs of the
    /// seed-averaged combination is wider (as <see cref="Judge.Paired"/>); over the runs when the learner has one seed.
    /// Above 0 beyond noise: the learner captures more than <paramref name="share"/> of the gap (given T above F).
    /// </summary>
    public static Interval Excess(ResultRow learner, ResultRow from, ResultRow to, double share, Metric metric)
    {
        ArgumentNullException.ThrowIfNull(learner);
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        double[] l = learner.RunValues(metric), f = from.RunValues(metric), t = to.RunValues(metric);
        int runs = Math.Min(l.Length, Math.Min(f.Length, t.Length));
        double[] runCombination = Enumerable.Range(0, runs).Select(r => l[r] - ((1 - share) * f[r]) - (share * t[r])).ToArray();
        if (!learner.BySeeds)
        {
            return Interval.Of(runCombination, "evaluation runs");
        }

        double reference = ((1 - share) * from.Mean(metric)!.Value) + (share * to.Mean(metric)!.Value);
        double[] seedCombination = learner.SeedValues(metric).Select(v => v - reference).ToArray();
        var (e, overRuns) = Estimate.OverSeeds(seedCombination, runCombination);
        return new Interval(e.Mean, e.Low, e.High, e.Count, overRuns ? "evaluation runs" : "training seeds");
    }
}
