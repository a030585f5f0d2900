using System.Globalization;
using System.Text;
using EdgeMine.Experiments;
using EdgeMine.IO;

using static EdgeMine.Reporting.ReportFormat;

namespace EdgeMine.Reporting;

/// <summary>
/// The report of a reproduction as a <see cref="Document"/>: the run's configuration and how to read it, the claims at a
/// glance, then each experiment's section (figures, our numbers beside the paper's, the claims checked, the cells that
/// did not apply). Written as <c>report.md</c> and a self-contained <c>report.html</c>.
/// </summary>
internal static class ReportBuilder
{
    public const string MarkdownFile = "report.md";
    public const string HtmlFile = "report.html";

    /// <summary>The file of every claim's outcome, one row per claim.</summary>
    public const string ClaimsFile = "claims.csv";

    /// <summary>
    /// Builds the document from the run's metadata and every experiment's output: first what a reader needs at a glance
    /// (the outcome counts, <paramref name="outcomes"/> (a chart of outcomes per experiment), each claim that does not
    /// hold with its cause, the learners below a rule of thumb), then how to read it, the configuration, every claim, and
    /// each experiment's section.
    /// </summary>
    public static Document Build(ReproductionMetadata metadata, IReadOnlyList<ExperimentOutput> experiments, Figure? outcomes, PresetComparison? compared = null)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(experiments);
        var claims = experiments.SelectMany(e => e.Claims).ToArray();
        var blocks = new List<Block> { new Heading(1, Paper.Title) };
        blocks.AddRange(FirstScreen(metadata, claims, experiments.SelectMany(e => e.Standings).ToArray(), outcomes));
        if (compared is not null)
        {
            blocks.AddRange(compared.Section(metadata.Options, claims));
        }

        blocks.AddRange(Introduction(metadata));
        blocks.AddRange(AllClaims(claims));
        blocks.AddRange(experiments.SelectMany(e => e.Section));
        return new Document(Paper.Title, blocks);
    }

    /// <summary>
    /// Writes <c>claims.csv</c>: experiment, claim, outcome, ours with its 95% interval, the paper's value, the cause
    /// (and what ours measures, over which units).
    /// </summary>
    public static string WriteClaims(IReadOnlyList<Claim> claims, string directory)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var text = new StringBuilder("experiment,claim,outcome,ours,ci95_low,ci95_high,paper,cause,measure,units,n,from_paper\n");
        foreach (var c in claims)
        {
            var o = c.Ours;
            text.Append(CultureInfo.InvariantCulture, $"{c.Experiment},{CsvText(c.Statement)},{c.OutcomeText},{CsvNumber(o?.Mean)},{CsvNumber(o?.Low)},{CsvNumber(o?.High)},{CsvText(c.Paper)},{CsvText(c.CauseText)},{CsvText(c.Measure)},{CsvText(o?.Units ?? "")},{(o is null ? "" : o.N.ToString(CultureInfo.InvariantCulture))},{(c.FromPaper ? "true" : "false")}\n");
        }

        string path = Path.Combine(directory, ClaimsFile);
        AtomicFile.WriteAllText(path, text.ToString());
        return path;
    }

    // A CSV field: quoted, with inner quotes doubled, when it holds a comma, a quote or a line break.
    private static string CsvText(string text) =>
        text.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;

    private static IEnumerable<Block> FirstScreen(ReproductionMetadata metadata, Claim[] all, LearnerStanding[] standings, Figure? outcomes)
    {
        var claims = all.Where(c => c.FromPaper).ToArray();
        var ours = all.Where(c => !c.FromPaper).ToArray();
        int Count(ClaimOutcome outcome) => claims.Count(c => c.Outcome == outcome);
        var sizes = metadata.Options.Sizes;
        string partial = claims.Any(c => c.Partial) ? Invariant($" ({claims.Count(c => c.Partial)} judged in part: some schemes n/a)") : "";
        string sized = metadata.Options.Quick ? "quick sizes: a smoke test, not a reproduction" : "the paper's sizes";
        yield return new Paragraph(Invariant(
            $"{claims.Length} claims of the paper, judged by MODEL.md section 11 on {sizes.TrainingSeeds} training seed{(sizes.TrainingSeeds == 1 ? "" : "s")} per learner and {sizes.EvaluationRuns} evaluation runs per scheme: {Count(ClaimOutcome.Holds)} hold, {Count(ClaimOutcome.Indistinguishable)} indistinguishable, {Count(ClaimOutcome.DoesNotHold)} do not hold, {Count(ClaimOutcome.NotEvaluated)} not evaluated{partial}. Preset {metadata.Options.Preset}{(metadata.Options.Overrides.Count == 0 ? "" : $" with {OverridesText(metadata.Options)}")}, {sized}; wall time {metadata.WallSeconds:F0} s."));
        if (ours.Length > 0)
        {
            yield return new Paragraph("Beyond the paper, judged the same way: " + string.Join("; ", ours.Select(c => $"{c.Statement}: {c.OutcomeText}")) + ".");
        }

        if (outcomes is not null)
        {
            yield return new FigureBlock(outcomes);
        }

        var failing = all.Where(c => c.Outcome == ClaimOutcome.DoesNotHold).ToArray();
        if (failing.Length > 0)
        {
            yield return new Heading(2, "Claims that do not hold, and why");
            yield return new Bullets(failing.Select(c => ($"{c.Experiment}:", $"{c.Statement}. Cause: {(c.Causes.Count > 0 ? c.CauseText : "not diagnosed")}.")).ToArray());
        }

        // Fig. 4 shares its cells with Tables II-III: each learner at each setting is listed once.
        var below = standings.Where(s => s.BelowBest).DistinctBy(s => (s.Setting, s.Learner)).ToArray();
        yield return new Heading(2, "Learners below a rule of thumb");
        yield return below.Length == 0
            ? new Paragraph(standings.Length == 0
                ? "No learner was evaluated."
                : Invariant($"None: at every one of the {standings.DistinctBy(s => (s.Setting, s.Learner)).Count()} learner-settings, no learner's reward is below the best of NO, EO, Random and GO outside noise (the yardstick tables of each experiment give the headroom captured)."))
            : new Bullets(below.Select(s => ($"{s.Experiment}, {s.Learner.Label}:", Invariant(
                $"{s.Setting.Describe()}: {s.Verdict}; headroom captured {s.HeadroomText}, optimality ratio {Number(s.Yardsticks.OptimalityRatio)}"))).ToArray());
    }

    private static IEnumerable<Block> AllClaims(Claim[] claims)
    {
        yield return new Heading(2, "Every claim");
        yield return new Paragraph(Invariant(
            $"Ours: the quantity that decides the claim (the closest comparison of a claim that holds, the one most against a claim that does not), with its 95% interval; {ClaimsFile} holds the same table with what each number measures."));
        if (claims.Length > 0)
        {
            yield return new Table(
                ["experiment", "claim", "outcome", "ours (95% CI)", "paper", "cause"],
                claims.Select(c => (IReadOnlyList<string>)[
                    c.Experiment, c.Statement, c.OutcomeText,
                    c.Ours is { } o ? $"{Number(o.Mean)} {(o.HasBounds ? Invariant($"[{Number(o.Low)}, {Number(o.High)}]") : "")}".TrimEnd() : "",
                    c.Paper, c.CauseText,
                ]).ToArray());
        }
    }

    /// <summary>Writes <c>report.md</c> and <c>report.html</c> into <paramref name="directory"/>; returns their paths.</summary>
    public static IReadOnlyList<string> Write(Document document, string directory)
    {
        string markdown = Path.Combine(directory, MarkdownFile);
        AtomicFile.WriteAllText(markdown, MarkdownRenderer.Render(document, directory));
        string html = Path.Combine(directory, HtmlFile);
        AtomicFile.WriteAllText(html, HtmlRenderer.Render(document));
        return [markdown, html];
    }

    private static IEnumerable<Block> Introduction(ReproductionMetadata metadata)
    {
        var o = metadata.Options;
        var s = o.Sizes;
        yield return new Paragraph("Generated by `edgemine reproduce`. Every number below is computed from this run's cell files; the CSV files beside this report hold them at full precision.");
        yield return new Heading(2, "How to read this");
        yield return new Bullets(
        [
            ("Absolute numbers.", "The paper's absolute numbers cannot be matched: its constants are incomplete (MODEL.md section 9 lists the gaps and how the preset fills them). What this reproduction shows is whether each claim (ranking, trend, percentage) holds under the stated preset, side by side with the paper's numbers, and every learner's gap to the per-slot optimum."),
            ("Our numbers.", "Per slot. A learner's number is the mean over its training seeds ± the half-width of a 95% t-interval over the per-seed means (with one seed, over the evaluation runs); a baseline's is the mean over evaluation runs ± its 95% interval. Every scheme and seed of a setting meets the same evaluation runs. Latency is summed over tasks (ms); power is energy per slot of 1 s (W); cost is in the preset's normalised units."),
            ("Differences.", "A relative difference is in percent of the reference's magnitude with its direction in words (\"12.5% above\", \"44.7% below\"); beyond 100% it is a multiple of that magnitude (\"6.94x |RLO| below\": 6.94 times |RLO| below RLO), its interval in the same unit and direction. The per-slot optima maximise the reward, not cost, energy, latency or privacy: in those figures other schemes can beat them."),
            ("Yardsticks.", "Optimality ratio (R - R_random) / (R_opt - R_random); headroom captured (R - R_base) / (R_opt - R_base) over the best of NO, EO, Random and GO, below 0 when a rule of thumb does better; regret per task (R_opt - R) / (N M); the fractional ratio against the fractional per-slot optimum, which bounds every scheme. R_opt is the binary per-slot optimum (MODEL.md sections 6-7; added yardsticks, not in the paper)."),
            ("Judging.", "A comparison holds when the 95% interval of the paired difference (over training seeds when a learner with several is involved, else over evaluation runs) excludes 0 in the claimed direction, does not hold when it excludes 0 the other way, and is indistinguishable otherwise, ties included. A claim of several parts holds when every part holds and does not hold when any does not. Trends are judged by the least-squares slope, stability by two windows of training (MODEL.md section 11). Not evaluated: a cell did not apply or the experiment did not run. When this run's sizes differ from the paper's (e.g. --quick), a claim tied to M = 12 uses the largest M run and says so."),
            ("Causes.", "A claim that does not hold points to the preset (two fixed policies whose order follows from the constants the paper does not state), the model (the per-slot optimum, which maximises the reward, does not satisfy it either), our learner (the optimum satisfies it, the learner falls short) or the paper itself; a claim true by construction of the model is marked so."),
            ("Not applicable.", "Cells that could not run (e.g. a learner not in this build, or a joint-action head too large) are omitted from the figures and shown as n/a with their reason in the tables."),
            ("Names.", "CMDP = [28] (He et al.), RL-privacy = [29] (Min et al.), as MODEL.md maps them; the paper swaps the two names in one sentence."),
        ]);
        yield return new Heading(2, "Configuration");
        yield return new Table(["item", "value"],
        [
            ["preset", o.Preset],
            ["overridden config keys (--config, --set)", o.Overrides.Count == 0 ? "none: the preset's values" : OverridesText(o)],
            ["sizes", o.Quick ? "quick (shrunk; not the paper's)" : "paper"],
            ["experiments", o.Only.Count == 0 ? "all" : string.Join(", ", o.Only)],
            ["training slots per learner", Invariant($"{s.TrainingSlots} (paper: {Paper.TrainingSlots})")],
            ["training seeds per learner", Invariant($"{s.TrainingSeeds} (paper: 1)")],
            ["evaluation", Invariant($"{s.EvaluationRuns} runs x {s.EvaluationSlots} slots (paper: {Paper.EvaluationRuns} runs)")],
            ["M (Figs. 5-6)", string.Join(", ", s.SingleMinerTasks)],
            ["N (Tables II-III)", string.Join(", ", s.MultiMiners)],
            ["d in kbit (Fig. 7)", string.Join(", ", s.ArrivalKbits.Select(d => d.ToString(CultureInfo.InvariantCulture)))],
            ["seed", o.Seed.ToString(CultureInfo.InvariantCulture)],
            ["jobs", o.Jobs.ToString(CultureInfo.InvariantCulture)],
            ["EdgeMine version", metadata.EdgeMineVersion],
            ["runtime", metadata.Runtime],
            ["machine", metadata.Machine],
            ["wall time of this invocation", Invariant($"{metadata.WallSeconds:F1} s ({metadata.CellsReused} cells reused from earlier runs)")],
            ["summed cell time (training + evaluation)", Invariant($"{metadata.CellSeconds:F1} s")],
        ]);
    }

    /// <summary>"rate_bad_bps = 1000000, transmit_watts = 0.3": each overridden key with its value in force.</summary>
    private static string OverridesText(ReproductionOptions options) =>
        string.Join(", ", options.Overrides.Select(o => Invariant($"{o.Key} = {o.Value:R}")));

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
