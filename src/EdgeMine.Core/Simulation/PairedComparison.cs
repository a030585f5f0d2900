using System.Globalization;

namespace EdgeMine.Simulation;

/// <summary>
/// A paired comparison "A above B" on common runs, judged by MODEL.md section 11's rules: <b>holds</b> when the 95%
/// interval of A - B excludes 0 above, <b>does not hold</b> when it excludes 0 below, else an <b>exact tie</b> (identical
/// values in every run), <b>equivalent</b> (two one-sided tests within the tolerance), or <b>inconclusive</b> (with the
/// runs that would decide it at the observed effect). The one implementation in Core that sweeps' rankings use (and
/// that the report's claims can share).
/// </summary>
/// <param name="Outcome">The verdict.</param>
/// <param name="Difference">A - B per run: its mean and 95% interval.</param>
/// <param name="RunsToDecide">
/// For an inconclusive comparison, about how many runs would put the interval off 0 at the observed effect and spread:
/// (t x sd / |mean|)^2 with t = 1.96; null otherwise (or when the effect is 0).
/// </param>
public sealed record PairedComparison(PairedOutcome Outcome, Estimate Difference, long? RunsToDecide)
{
    /// <summary>
    /// Judges "A above B" from <paramref name="a"/> and <paramref name="b"/> (the same runs, in order), with
    /// <paramref name="tolerance"/> (&gt;= 0) for equivalence. The two one-sided tests are run at 2.5% each (the
    /// 95% interval within ±tolerance), more conservative than the usual 5% each.
    /// </summary>
    public static PairedComparison Judge(IReadOnlyList<double> a, IReadOnlyList<double> b, double tolerance)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count || a.Count == 0)
        {
            throw new ArgumentException($"paired comparison of {a.Count} and {b.Count} runs; allowed: the same number, at least 1");
        }

        var d = YardstickReferences.Difference(a, b);
        if (Enumerable.Range(0, a.Count).All(r => a[r].Equals(b[r])))
        {
            return new PairedComparison(PairedOutcome.ExactTie, d, null);
        }

        if (d.Low > 0)
        {
            return new PairedComparison(PairedOutcome.Holds, d, null);
        }

        if (d.High < 0)
        {
            return new PairedComparison(PairedOutcome.DoesNotHold, d, null);
        }

        if (d.Low >= -tolerance && d.High <= tolerance)
        {
            return new PairedComparison(PairedOutcome.Equivalent, d, null);
        }

        // One run has no interval: at least two are needed; otherwise sd = half-width x sqrt(n) / t.
        long? runs = null;
        if (d.Mean != 0 && double.IsFinite(d.HalfWidth) && d.Count >= 2)
        {
            double sd = d.HalfWidth * Math.Sqrt(d.Count) / Statistics.StudentT975(d.Count - 1);
            runs = Math.Max(d.Count + 1, (long)Math.Ceiling(Math.Pow(1.96 * sd / Math.Abs(d.Mean), 2)));
        }

        return new PairedComparison(PairedOutcome.Inconclusive, d, runs);
    }

    /// <summary>The outcome as MODEL.md section 11 words it: holds, does not hold, exact tie, equivalent, inconclusive.</summary>
    public static string Word(PairedOutcome outcome) => outcome switch
    {
        PairedOutcome.Holds => "holds",
        PairedOutcome.DoesNotHold => "does not hold",
        PairedOutcome.ExactTie => "exact tie",
        PairedOutcome.Equivalent => "equivalent",
        PairedOutcome.Inconclusive => "inconclusive",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome.ToString()),
    };

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Word(Outcome)}: {Difference.Mean:G4} [{Difference.Low:G4}, {Difference.High:G4}]");
}
