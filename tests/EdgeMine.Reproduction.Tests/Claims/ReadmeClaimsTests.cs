using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using EdgeMine.Reporting;

namespace EdgeMine.Tests.Claims;

/// <summary>
/// Every sentence of the README's "What reproduces" block is the committed paper-size run's: the counts, per outcome
/// and per experiment, the causes of the claims that do not hold and the claims beyond the paper are recomputed from
/// docs/paper-size-run/claims.csv, the seeds and runs from its reproduction.json. The test reads whichever outcomes
/// and columns the committed file has (a run from before issues 20 and 21 has "indistinguishable" and a cause in words,
/// a later one the six outcomes and a cause class), so that it keeps holding when the run is regenerated, and names
/// the numbers to write when they differ. Claims counted apart (duplicates, true by construction) are left out.
/// </summary>
public sealed partial class ReadmeClaimsTests
{
    private const string Begin = "<!-- claims-at-paper-size:";
    private const string End = "<!-- end claims-at-paper-size -->";
    private const string Predates = "<!-- predates-claims-columns:";

    /// <summary>The outcomes in the order the README lists them; only those the run has, with holds and does not hold always.</summary>
    private static readonly string[] OutcomeOrder = ["holds", "does not hold", "exact tie", "equivalent", "inconclusive", "indistinguishable", "not evaluated"];

    private static readonly string[] CauseOrder = ["preset", "model", "learner", "paper", "by construction"];

    /// <summary>A claim of the committed run, as the README counts it.</summary>
    private sealed record Row(string Experiment, string Statement, string Outcome, string Cause, bool FromPaper, bool Apart);

    private static (IReadOnlyList<Row> Rows, bool NewColumns) CommittedClaims()
    {
        var table = Csv.Parse(File.ReadAllText(Repository.File("docs/paper-size-run/claims.csv")));
        var header = table[0].ToList();
        int Column(string name) => header.IndexOf(name);
        int experiment = Column("experiment"), claim = Column("claim"), outcome = Column("outcome"), cause = Column("cause"), fromPaper = Column("from_paper");
        int duplicate = Column("duplicate_of");
        bool newColumns = Column("outcome_holm") >= 0;
        var rows = table.Skip(1).Where(r => r.Count == header.Count).Select(r =>
        {
            // A cause class (the columns of issues 20-21) or "class: reason; class: reason" (before): the first class.
            string causeClass = r[cause].Split(':')[0];
            bool apart = (duplicate >= 0 && r[duplicate].Length > 0) || (newColumns && r[cause] == "by construction");
            return new Row(r[experiment], r[claim], r[outcome].Replace(" (partial)", "", StringComparison.Ordinal), causeClass, fromPaper < 0 || r[fromPaper] == "true", apart);
        }).ToArray();
        return (rows, newColumns);
    }

    private static string Block()
    {
        string readme = File.ReadAllText(Repository.File("README.md"));
        int begin = readme.IndexOf(Begin, StringComparison.Ordinal), end = readme.IndexOf(End, StringComparison.Ordinal);
        Assert.True(begin >= 0 && end > begin, "README.md has no claims-at-paper-size block");
        return readme[begin..end];
    }

    private static string[] Outcomes(IEnumerable<Row> claims)
    {
        var present = claims.Select(c => c.Outcome).ToHashSet();
        Assert.All(present, o => Assert.Contains(o, OutcomeOrder));
        return OutcomeOrder.Where(o => o is "holds" or "does not hold" || present.Contains(o)).ToArray();
    }

    [Fact]
    public void TheReadme_SaysHowManyClaimsHoldAtPaperSize_PerOutcomeAndExperiment_AsTheCommittedRunDoes()
    {
        string block = Block();
        var (rows, _) = CommittedClaims();
        var claims = rows.Where(r => r.FromPaper && !r.Apart).ToArray();
        Assert.NotEmpty(claims);
        var outcomes = Outcomes(claims);
        string Counts(IEnumerable<Row> some) => string.Join(", ", outcomes.Select(o => FormattableString.Invariant($"{o} {some.Count(c => c.Outcome == o)}")));

        // "Of the paper's **34** claims, ..., judged on **5** training seeds ... and **50** evaluation runs ...: **holds 7, ...**".
        using var manifest = JsonDocument.Parse(File.ReadAllText(Repository.File("docs/paper-size-run/reproduction.json")));
        int seeds = manifest.RootElement.GetProperty("training_seeds").GetInt32(), runs = manifest.RootElement.GetProperty("evaluation_runs").GetInt32();
        string expected = FormattableString.Invariant($"**{claims.Length}** claims") + " ... " + FormattableString.Invariant($"**{seeds}** training seeds") + " ... "
            + FormattableString.Invariant($"**{runs}** evaluation runs") + $" ... **{Counts(claims)}**";
        var sentence = CountsSentence().Match(block);
        Assert.True(sentence.Success, $"the block's sentence of counts is not in its expected form; write: {expected}");
        string said = $"**{sentence.Groups[1].Value}** claims ... **{sentence.Groups[2].Value}** training seeds ... **{sentence.Groups[3].Value}** evaluation runs ... **{sentence.Groups[4].Value}**";
        Assert.Equal(expected, said);

        // The table: its header names the outcomes, one row per experiment.
        string header = "| experiment | claims | " + string.Join(" | ", outcomes) + " |";
        Assert.Contains(header, block, StringComparison.Ordinal);
        var tableRows = TableRow().Matches(block);
        var experiments = claims.Select(c => c.Experiment).Distinct().ToArray();
        Assert.Equal(experiments.Order(StringComparer.Ordinal), tableRows.Select(r => r.Groups[1].Value).Order(StringComparer.Ordinal));
        foreach (Match row in tableRows)
        {
            var of = claims.Where(c => c.Experiment == row.Groups[1].Value).ToArray();
            string written = row.Groups[2].Value;
            string counted = string.Join(" | ", new[] { of.Length }.Concat(outcomes.Select(o => of.Count(c => c.Outcome == o))).Select(n => n.ToString(CultureInfo.InvariantCulture)));
            Assert.True(written == counted, $"README's row {row.Groups[1].Value}: {written}; docs/paper-size-run/claims.csv: {counted}");
        }
    }

    [Fact]
    public void TheReadme_GivesTheCausesOfTheClaimsThatDoNotHold_AndTheClaimsBeyondThePaper_AsTheCommittedRunDoes()
    {
        string block = Block();
        var (rows, _) = CommittedClaims();
        var failing = rows.Where(r => r.FromPaper && !r.Apart && r.Outcome == "does not hold").ToArray();
        var classes = CauseOrder.Where(k => failing.Any(c => c.Cause == k)).ToArray();
        string expected = FormattableString.Invariant($"Causes of the **{failing.Length}** that do not hold (each claim's first cause class in claims.csv): **")
            + string.Join(", ", classes.Select(k => FormattableString.Invariant($"{k} {failing.Count(c => c.Cause == k)}")))
            + (failing.Any(c => !CauseOrder.Contains(c.Cause)) ? FormattableString.Invariant($", undetermined {failing.Count(c => !CauseOrder.Contains(c.Cause))}") : "")
            + "**.";
        Assert.True(block.Contains(expected, StringComparison.Ordinal), $"README's causes sentence; write: {expected}");

        foreach (var ours in rows.Where(r => !r.FromPaper))
        {
            string line = $"- {ours.Statement}: **{ours.Outcome}**";
            Assert.True(block.Contains(line, StringComparison.Ordinal), $"README lacks the claim beyond the paper; write: {line}");
        }

        Assert.Equal(rows.Count(r => !r.FromPaper), Regex.Count(block, @"^- .*: \*\*[a-z ]+\*\*$", RegexOptions.Multiline));
    }

    [Fact]
    public void TheReadme_SaysTheCommittedRunPredatesTheNewColumns_ExactlyWhileItDoes()
    {
        string readme = File.ReadAllText(Repository.File("README.md"));
        var (_, newColumns) = CommittedClaims();
        Assert.Equal(!newColumns, readme.Contains(Predates, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"\*\*(\d+)\*\* claims.*?\*\*(\d+)\*\* training seeds.*?\*\*(\d+)\*\* evaluation runs.*?: \*\*([^*]+)\*\*", RegexOptions.Singleline)]
    private static partial Regex CountsSentence();

    [GeneratedRegex(@"^\| ((?:fig|table)\d) \| ([\d | ]+\d) \|$", RegexOptions.Multiline)]
    private static partial Regex TableRow();
}
