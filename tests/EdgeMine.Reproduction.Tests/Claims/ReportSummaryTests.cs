using System.Globalization;
using System.Text.RegularExpressions;
using EdgeMine.Reporting;

namespace EdgeMine.Tests.Claims;

/// <summary>
/// Every sentence of a report's summary (its first screen) says what its claims.csv says: the counts per outcome, with
/// Holm over each claim and across the paper, the magnitudes, the fragile claims, the claims counted apart, the causes
/// of those that do not hold, and the claims beyond the paper. Checked on the committed quick run here, and on the
/// report test's tiny reproduction (ReportTests).
/// </summary>
public sealed partial class ReportSummaryTests
{
    private static readonly string[] Outcomes = ["holds", "does not hold", "exact tie", "equivalent", "inconclusive", "not evaluated"];
    private static readonly string[] Causes = ["preset", "model", "learner", "paper", "by construction"];

    /// <summary>Asserts that the summary of <paramref name="markdown"/> agrees with <paramref name="claimsCsv"/>, sentence by sentence.</summary>
    internal static void SummaryMatchesClaimsCsv(string markdown, string claimsCsv)
    {
        var table = Csv.Parse(claimsCsv);
        var header = table[0].ToList();
        var rows = table.Skip(1).Where(r => r.Count == header.Count).Select(r => header.Select((c, i) => (c, r[i])).ToDictionary(x => x.c, x => x.Item2)).ToArray();
        var paper = rows.Where(r => r["from_paper"] == "true").ToArray();
        var counted = paper.Where(r => r["duplicate_of"].Length == 0 && r["cause"] != "by construction").ToArray();
        string Counts(Func<Dictionary<string, string>, string> outcome) =>
            string.Join(", ", Outcomes.Select(o => FormattableString.Invariant($"{o} {counted.Count(r => outcome(r).Replace(" (partial)", "", StringComparison.Ordinal) == o)}")));
        int partial = counted.Count(r => r["outcome"].EndsWith(" (partial)", StringComparison.Ordinal));
        string partialText = partial == 0 ? "" : FormattableString.Invariant($" ({partial} judged in part: some schemes n/a)");

        string summary = markdown[..markdown.IndexOf("## How to read this", StringComparison.Ordinal)];
        Assert.Contains(FormattableString.Invariant($"{counted.Length} claims of the paper, judged by MODEL.md section 11 on "), summary, StringComparison.Ordinal);
        Assert.Contains($"evaluation runs per scheme: {Counts(r => r["outcome"])}{partialText}. Preset ", summary, StringComparison.Ordinal);
        Assert.Contains($"With Holm-Bonferroni over each claim's parts (family-wise 5% per claim): {Counts(r => r["outcome_holm"])}. ", summary, StringComparison.Ordinal);
        Assert.Contains(FormattableString.Invariant($"Across the paper's {counted.Length} claims at once (Holm over all their parts, family-wise 5%): {Counts(r => r["outcome_holm_paper"])}. "), summary, StringComparison.Ordinal);
        Assert.Contains(FormattableString.Invariant($"Magnitude, where the paper gives a number: consistent {counted.Count(r => r["magnitude"] == "consistent")}, differs {counted.Count(r => r["magnitude"] == "differs")}. "), summary, StringComparison.Ordinal);
        var fragile = FragileSentence().Match(summary);
        Assert.True(fragile.Success, "no sentence on fragile claims");
        Assert.Equal(counted.Count(r => r["fragile"] == "true"), int.Parse(fragile.Groups[1].Value, CultureInfo.InvariantCulture));
        Assert.Contains(FormattableString.Invariant($"Counted apart: duplicates {paper.Count(r => r["duplicate_of"].Length > 0)}, by construction {paper.Count(r => r["duplicate_of"].Length == 0 && r["cause"] == "by construction")}. "), summary, StringComparison.Ordinal);
        var failing = counted.Where(r => r["outcome"].StartsWith("does not hold", StringComparison.Ordinal)).ToArray();
        string causes = string.Join(", ", Causes.Select(k => FormattableString.Invariant($"{k} {failing.Count(r => r["cause"] == k)}")))
            + FormattableString.Invariant($", undetermined {failing.Count(r => r["cause"].Length == 0)}");
        Assert.Contains(FormattableString.Invariant($"Causes of the {failing.Length} that do not hold: {causes}."), summary, StringComparison.Ordinal);
        foreach (var ours in rows.Where(r => r["from_paper"] == "false"))
        {
            Assert.Contains($"{ours["claim"]}: {ours["outcome"]}", summary, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TheCommittedQuickRun_SummaryAgreesWithItsClaimsCsv()
    {
        string directory = Path.GetDirectoryName(Repository.File("docs/quick-run/claims.csv"))!;
        SummaryMatchesClaimsCsv(File.ReadAllText(Path.Combine(directory, "report.md")), File.ReadAllText(Path.Combine(directory, "claims.csv")));
    }

    [GeneratedRegex(@"Fragile \(the verdict changes between the first [\d, ]+ training seeds of this run\): (\d+)\.")]
    private static partial Regex FragileSentence();
}
