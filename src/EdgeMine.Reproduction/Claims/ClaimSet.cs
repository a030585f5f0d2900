namespace EdgeMine.Experiments;

/// <summary>What is judged across every claim of a run: duplicates, and the counts that set them apart (MODEL.md section 11).</summary>
internal static class ClaimSet
{
    /// <summary>
    /// Each claim whose comparisons (its parts' canonical keys: setting, metric, lower and higher scheme, or a trend's
    /// scheme and settings) are exactly those of an earlier claim gets <see cref="Claim.DuplicateOf"/> that claim's id.
    /// </summary>
    public static IReadOnlyList<Claim> MarkDuplicates(IReadOnlyList<Claim> claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var marked = new List<Claim>(claims.Count);
        foreach (var claim in claims)
        {
            var keys = claim.Parts.Select(p => p.Key).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToArray();
            if (keys.Length == 0 || keys.Length != claim.Parts.Count)
            {
                marked.Add(claim);
                continue;
            }

            string signature = string.Join("\n", keys);
            if (seen.TryGetValue(signature, out string? first))
            {
                marked.Add(claim with { DuplicateOf = first });
            }
            else
            {
                seen[signature] = claim.Id;
                marked.Add(claim);
            }
        }

        return marked;
    }

    /// <summary>
    /// Sets <see cref="Claim.OutcomeAcrossPaper"/>: Holm-Bonferroni over every tested part of the paper's claims that are
    /// not counted apart, as one family at 5%; the others keep none.
    /// </summary>
    public static IReadOnlyList<Claim> AcrossThePaper(IReadOnlyList<Claim> claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var family = claims.Select((c, i) => (Claim: c, Index: i)).Where(x => x.Claim.FromPaper && !x.Claim.CountedApart).ToArray();
        var parts = family.SelectMany(x => x.Claim.Parts.Select(p => (x.Index, Part: p))).ToArray();
        var rejected = Judge.Holm(parts.Select(x => x.Part.Outcome == ClaimOutcome.NotEvaluated ? double.NaN : x.Part.PValue).ToArray());
        var outcomes = family.ToDictionary(
            x => x.Index,
            x => Judge.Combine(parts.Select((p, j) => (p, j)).Where(y => y.p.Index == x.Index).Select(y => y.p.Part.HolmOutcome(rejected[y.j]))));
        return claims.Select((c, i) => outcomes.TryGetValue(i, out var o) ? c with { OutcomeAcrossPaper = o } : c).ToArray();
    }

    /// <summary>The seed counts whose verdicts are compared for fragility: 1, 3 and 5 (those up to the run's), and the run's own.</summary>
    public static IReadOnlyList<int> SeedSubsets(int seeds) =>
        seeds < 1 ? [] : SubsetSeeds.Where(k => k < seeds).Append(seeds).Distinct().ToArray();

    /// <summary>The seed counts of MODEL.md section 11's fragility test.</summary>
    private static readonly int[] SubsetSeeds = [1, 3, 5];
}
