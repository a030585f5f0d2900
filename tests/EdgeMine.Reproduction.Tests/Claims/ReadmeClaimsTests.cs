using System.Globalization;
using System.Text.RegularExpressions;
using EdgeMine.Experiments;

namespace EdgeMine.Tests.Claims;

/// <summary>
/// The README's "what reproduces" numbers are the committed paper-size run's: the counts in its marked block (in total
/// and per experiment) are recomputed from docs/paper-size-run/claims.csv, or, while that run predates claims.csv, from
/// the claims table of its report.md; the paper's claims only (claims.csv's from_paper). When the run is regenerated,
/// this test names the numbers to write.
/// </summary>
public sealed class ReadmeClaimsTests
{
    private const string Begin = "<!-- claims-at-paper-size:";
    private const string End = "<!-- end claims-at-paper-size -->";

    private static readonly ClaimOutcome[] Outcomes = [ClaimOutcome.Holds, ClaimOutcome.Indistinguishable, ClaimOutcome.DoesNotHold, ClaimOutcome.NotEvaluated];

    /// <summary>The outcome of a claim as claims.csv or the report writes it ("holds", "does not hold (partial)").</summary>
    private static ClaimOutcome Parse(string text)
    {
        string plain = text.Replace(" (partial)", "", StringComparison.Ordinal);
        return Outcomes.Single(o => Claim.Text(o) == plain);
    }

    /// <summary>Every claim of the committed paper-size run: (experiment, outcome).</summary>
    private static IReadOnlyList<(string Experiment, ClaimOutcome Outcome)> CommittedClaims(out string source)
    {
        string report = Repository.File("docs/paper-size-run/report.md");
        string csv = Path.Combine(Path.GetDirectoryName(report)!, "claims.csv");
        if (File.Exists(csv))
        {
            source = "docs/paper-size-run/claims.csv";
            var lines = File.ReadAllLines(csv);
            var header = IntervalFormat.Fields(lines[0]);
            int experiment = Array.IndexOf(header, "experiment"), outcome = Array.IndexOf(header, "outcome"), fromPaper = Array.IndexOf(header, "from_paper");

            // The paper's claims only: claims beyond the paper (the scaling experiment) are counted apart.
            return lines.Skip(1).Where(l => l.Length > 0).Select(IntervalFormat.Fields)
                .Where(f => fromPaper < 0 || f[fromPaper] == "true")
                .Select(f => (f[experiment], Parse(f[outcome]))).ToArray();
        }

        // An older run: its claims table, one row per claim (experiment, claim, outcome, ...).
        source = "docs/paper-size-run/report.md (it has no claims.csv yet)";
        string outcomes = string.Join("|", Outcomes.Select(o => Regex.Escape(Claim.Text(o))));
        return File.ReadLines(report)
            .Select(l => Regex.Match(l, $@"^\| ((?:fig|table)\d) \| .* \| ({outcomes})( \(partial\))? \|"))
            .Where(m => m.Success)
            .Select(m => (m.Groups[1].Value, Parse(m.Groups[2].Value)))
            .ToArray();
    }

    [Fact]
    public void TheReadme_SaysHowManyClaimsHoldAtPaperSize_AsTheCommittedRunDoes()
    {
        string readme = File.ReadAllText(Repository.File("README.md"));
        int begin = readme.IndexOf(Begin, StringComparison.Ordinal), end = readme.IndexOf(End, StringComparison.Ordinal);
        Assert.True(begin >= 0 && end > begin, "README.md has no claims-at-paper-size block");
        string block = readme[begin..end];
        var claims = CommittedClaims(out string source);
        Assert.True(claims.Count > 0, $"no claims found in {source}");

        int Count(IEnumerable<(string, ClaimOutcome Outcome)> some, ClaimOutcome outcome) => some.Count(c => c.Outcome == outcome);
        string Expected(IEnumerable<(string, ClaimOutcome)> some) => string.Join(", ", Outcomes.Select(o => $"{Count(some, o)} {Claim.Text(o)}"));

        // The sentence: "Of the paper's **34** claims ...: **9 hold, 0 indistinguishable, 25 do not hold, 0 not evaluated**".
        var sentence = Regex.Match(block, @"\*\*(\d+)\*\* claims.*?\*\*(\d+) holds?, (\d+) indistinguishable, (\d+) do(?:es)? not hold, (\d+) not evaluated\*\*", RegexOptions.Singleline);
        Assert.True(sentence.Success, "the block's sentence of counts is not in its expected form");
        int[] said = Enumerable.Range(1, 5).Select(g => int.Parse(sentence.Groups[g].Value, CultureInfo.InvariantCulture)).ToArray();
        int[] counted = [claims.Count, .. Outcomes.Select(o => Count(claims, o))];
        Assert.True(said.SequenceEqual(counted), $"README says {string.Join(", ", said)} (claims, then by outcome); {source} has {claims.Count} claims: {Expected(claims)}");

        // The table: one row per experiment, in the same order of columns.
        var rows = Regex.Matches(block, @"^\| ((?:fig|table)\d) \| (\d+) \| (\d+) \| (\d+) \| (\d+) \| (\d+) \|$", RegexOptions.Multiline);
        var experiments = claims.Select(c => c.Experiment).Distinct().ToArray();
        Assert.Equal(experiments.Order(StringComparer.Ordinal), rows.Select(r => r.Groups[1].Value).Order(StringComparer.Ordinal));
        foreach (Match row in rows)
        {
            var of = claims.Where(c => c.Experiment == row.Groups[1].Value).ToArray();
            int[] table = Enumerable.Range(2, 5).Select(g => int.Parse(row.Groups[g].Value, CultureInfo.InvariantCulture)).ToArray();
            int[] expected = [of.Length, .. Outcomes.Select(o => Count(of, o))];
            Assert.True(table.SequenceEqual(expected), $"README's row {row.Groups[1].Value}: {string.Join(", ", table)}; {source}: {of.Length} claims, {Expected(of)}");
        }
    }
}
