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

    /// <summary>The columns of <c>claims.csv</c>, in order.</summary>
    public static IReadOnlyList<string> ClaimColumns { get; } =
    [
        "experiment", "claim", "outcome", "outcome_holm", "outcome_holm_paper", "magnitude", "fragile", "cause", "ours", "ci95_low", "ci95_high", "paper", "measure", "units", "n",
        "from_paper", "id", "schemes", "model_assisted", "duplicate_of", "seed_outcomes", "tolerance", "deciding", "cause_detail",
    ];

    /// <summary>
    /// Writes <c>claims.csv</c>, one row per claim (MODEL.md section 11): its outcome (uncorrected, and with Holm over its
    /// parts), magnitude, fragility and cause class; ours with its 95% interval beside the paper's value, what ours
    /// measures (its kind and unit) over which units; its stable id, the schemes it compares (by their names in the CSVs)
    /// and whether any is model-assisted, the claim it duplicates, the verdicts on 1, 3 and 5 seeds, its tolerance, the
    /// units that would decide it, and the cause in words.
    /// </summary>
    public static string WriteClaims(IReadOnlyList<Claim> claims, string directory)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var text = new StringBuilder(string.Join(",", ClaimColumns) + "\n");
        foreach (var c in claims)
        {
            var o = c.Ours;
            string[] fields =
            [
                c.Experiment, c.Statement, c.OutcomeText, Claim.Text(c.OutcomeHolm), c.OutcomeAcrossPaper is { } across ? Claim.Text(across) : "", Claim.Text(c.Magnitude), Bool(c.Fragile), c.Cause?.ClassText ?? "",
                CsvNumber(o?.Mean), CsvNumber(o?.Low), CsvNumber(o?.High), c.Paper, c.Measure, o?.Units ?? "", o is null ? "" : o.N.ToString(CultureInfo.InvariantCulture),
                Bool(c.FromPaper), c.Id, string.Join(";", c.Schemes.Select(s => s.Name)), Bool(c.ModelAssisted), c.DuplicateOf, c.SeedOutcomesText, c.Tolerance, c.Deciding,
                c.Cause?.Reason ?? c.CauseUndetermined,
            ];
            text.Append(string.Join(",", fields.Select(CsvText))).Append('\n');
        }

        string path = Path.Combine(directory, ClaimsFile);
        AtomicFile.WriteAllText(path, text.ToString());
        return path;
    }

    /// <summary>Which claims a scheme is judged in, read from the claims themselves: the paper's, beyond the paper, or both.</summary>
    private static string JudgedIn(EdgeMine.Schemes.Scheme scheme, IEnumerable<Claim> claims)
    {
        var where = claims.Where(c => c.Schemes.Contains(scheme)).Select(c => c.FromPaper).Distinct().ToArray();
        return where switch
        {
            [true] => "the paper's claims",
            [false] => "claims beyond the paper only",
            [_, _] => "the paper's claims and claims beyond the paper",
            _ => "no claim",
        };
    }

    private static string Bool(bool value) => value ? "true" : "false";

    // A CSV field: quoted, with inner quotes doubled, when it holds a comma, a quote or a line break.
    private static string CsvText(string text) =>
        text.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;

    /// <summary>The outcomes in the order the summary counts them.</summary>
    public static IReadOnlyList<ClaimOutcome> OutcomeOrder { get; } =
        [ClaimOutcome.Holds, ClaimOutcome.DoesNotHold, ClaimOutcome.ExactTie, ClaimOutcome.Equivalent, ClaimOutcome.Inconclusive, ClaimOutcome.NotEvaluated];

    /// <summary>The cause classes in the order the summary counts them.</summary>
    public static IReadOnlyList<CauseClass> CauseOrder { get; } = [CauseClass.Preset, CauseClass.Model, CauseClass.Learner, CauseClass.Paper, CauseClass.ByConstruction];

    /// <summary>"holds 3, does not hold 1, exact tie 0, ...": a count per outcome, in <see cref="OutcomeOrder"/>, each named as claims.csv names it.</summary>
    public static string OutcomeCounts(IEnumerable<ClaimOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var all = outcomes.ToArray();
        return string.Join(", ", OutcomeOrder.Select(o => Invariant($"{Claim.Text(o)} {all.Count(x => x == o)}")));
    }

    private static IEnumerable<Block> FirstScreen(ReproductionMetadata metadata, Claim[] all, LearnerStanding[] standings, Figure? outcomes)
    {
        var paper = all.Where(c => c.FromPaper).ToArray();
        var claims = paper.Where(c => !c.CountedApart).ToArray();
        var ours = all.Where(c => !c.FromPaper).ToArray();
        var sizes = metadata.Options.Sizes;
        string partial = claims.Any(c => c.Partial) ? Invariant($" ({claims.Count(c => c.Partial)} judged in part: some schemes n/a)") : "";
        string sized = metadata.Options.Quick ? "quick sizes: a smoke test, not a reproduction" : "the paper's sizes";
        yield return new Paragraph(Invariant(
            $"{claims.Length} claims of the paper, judged by MODEL.md section 11 on {sizes.TrainingSeeds} training seed{(sizes.TrainingSeeds == 1 ? "" : "s")} per learner and {sizes.EvaluationRuns} evaluation runs per scheme: {OutcomeCounts(claims.Select(c => c.Outcome))}{partial}. Preset {metadata.Options.Preset}{(metadata.Options.Overrides.Count == 0 ? "" : $" with {OverridesText(metadata.Options)}")}, {sized}; wall time {metadata.WallSeconds:F0} s{(metadata.CellsReused > 0 ? Invariant($" for this invocation, which reused {metadata.CellsReused} cells finished by an earlier one (their seconds are in \"What it cost\")") : "")}."));
        int failing = claims.Count(c => c.Outcome == ClaimOutcome.DoesNotHold);
        string causes = string.Join(", ", CauseOrder.Select(k => Invariant($"{ClaimCause.Text(k)} {claims.Count(c => c.Outcome == ClaimOutcome.DoesNotHold && c.Cause?.Class == k)}")))
            + Invariant($", undetermined {claims.Count(c => c.Outcome == ClaimOutcome.DoesNotHold && c.Cause is null)}");
        var subsets = ClaimSet.SeedSubsets(sizes.TrainingSeeds);
        yield return new Paragraph(Invariant(
            $"With Holm-Bonferroni over each claim's parts (family-wise 5% per claim): {OutcomeCounts(claims.Select(c => c.OutcomeHolm))}. Across the paper's {claims.Length} claims at once (Holm over all their parts, family-wise 5%): {OutcomeCounts(claims.Select(c => c.OutcomeAcrossPaper ?? ClaimOutcome.NotEvaluated))}. Magnitude, where the paper gives a number: consistent {claims.Count(c => c.Magnitude == Magnitude.Consistent)}, differs {claims.Count(c => c.Magnitude == Magnitude.Differs)}. Fragile (the verdict changes between the first {string.Join(", ", subsets)} training seeds of this run): {claims.Count(c => c.Fragile)}. Counted apart: duplicates {paper.Count(c => c.DuplicateOf.Length > 0)}, by construction {paper.Count(c => c.Cause?.Class == CauseClass.ByConstruction && c.DuplicateOf.Length == 0)}. Causes of the {failing} that do not hold: {causes}."));
        if (ours.Length > 0)
        {
            yield return new Paragraph("Beyond the paper, judged the same way: " + string.Join("; ", ours.Select(c => $"{c.Statement}: {c.OutcomeText}")) + ".");
        }

        var schemes = all.SelectMany(c => c.Schemes).Distinct().Where(s => ReproductionSchemes.Knowledge(s).Length > 0).ToArray();
        if (schemes.Length > 0)
        {
            yield return new Heading(2, "Schemes");
            yield return new Paragraph(
                "The paper's claims are judged with the paper's methods (MODEL.md sections 7 and 11): DRLO is the paper's DQN, RLO its tabular "
                + "Q-learning. A scheme that uses the reward model is model-assisted: it stands beside them and is judged only in claims beyond the paper.");
            yield return new Table(
                ["scheme (name in the CSVs)", "label", "what it knows", "judged in"],
                schemes.Select(s => (IReadOnlyList<string>)[
                    s.Name, s.Label, ReproductionSchemes.Knowledge(s),
                    JudgedIn(s, all),
                ]).ToArray());
        }

        if (outcomes is not null)
        {
            yield return new FigureBlock(outcomes);
        }

        var notHolding = all.Where(c => c.Outcome == ClaimOutcome.DoesNotHold).ToArray();
        if (notHolding.Length > 0)
        {
            yield return new Heading(2, "Claims that do not hold, and why");
            yield return new Bullets(notHolding.Select(c => ($"{c.Experiment}:", $"{c.Statement}. Cause: {(c.CauseText.Length > 0 ? c.CauseText : "not diagnosed")}.")).ToArray());
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
            $"Ours: the quantity that decides the claim (the closest comparison of a claim that holds, the one most against a claim that does not), with its 95% interval, in the kind and unit the next column names: a relative difference is in percent of the other scheme's value (\"-133.0% [-145.0%, -120.9%]\": 133.0% of the next scheme's value the wrong way), an absolute one in its unit. An exact tie reads \"exact tie: 0 [0, 0]\": identical values in every run and seed. Seeds: the verdicts on the first 1, 3 and 5 training seeds of this run. {ClaimsFile} holds the same table with every column of MODEL.md section 11."));
        if (claims.Length > 0)
        {
            yield return new Table(
                ["experiment", "claim", "outcome", "with Holm", "magnitude", "seeds", "ours (95% CI)", "what ours measures", "paper", "cause"],
                claims.Select(c => (IReadOnlyList<string>)[
                    c.Experiment, c.Statement + (c.DuplicateOf.Length > 0 ? $" (duplicate of {c.DuplicateOf})" : ""), c.OutcomeText,
                    Claim.Text(c.OutcomeHolm), Claim.Text(c.Magnitude), c.SeedOutcomesText + (c.Fragile ? " (fragile)" : ""),
                    OursText(c), c.Measure, c.Paper, c.CauseText,
                ]).ToArray());
        }
    }

    /// <summary>Ours with its interval and unit: <c>12.5% [10.1%, 14.9%]</c>, <c>exact tie: 0 [0, 0]</c>, <c>0.0045 [0.0044, 0.0046]</c>.</summary>
    internal static string OursText(Claim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        if (claim.Ours is not { } o)
        {
            return "";
        }

        string unit = claim.Measure.StartsWith("relative", StringComparison.Ordinal) ? "%" : "";
        string text = $"{Number(o.Mean)}{unit} {(o.HasBounds ? Invariant($"[{Number(o.Low)}{unit}, {Number(o.High)}{unit}]") : "(no interval)")}";
        return claim.Outcome == ClaimOutcome.ExactTie ? "exact tie: " + text : text;
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
            ("Judging.", "A comparison holds when the 95% interval of the paired difference (over training seeds when a learner with several is involved, else over evaluation runs) excludes 0 in the claimed direction and does not hold when it excludes 0 the other way. Otherwise it is an exact tie (identical values in every run and seed: the same policy; shown as 0 [0, 0]), equivalent (two one-sided tests at 5% place the difference within the claim's tolerance, in claims.csv) or inconclusive (the claim states how many seeds or runs would decide it at the observed effect). A claim of several parts holds when every part holds and does not hold when any does not; otherwise an exact tie, then equivalent, then inconclusive. Trends are judged by the least-squares slope, stability by two windows of training (MODEL.md section 11). Not evaluated: a cell did not apply or the experiment did not run. When this run's sizes differ from the paper's (e.g. --quick), a claim tied to M = 12 uses the largest M run and says so."),
            ("Statistics.", "The per-part 95% interval is the primary display. Each part also has a two-sided p-value from its t statistic (mean over the interval's standard error, on the interval's degrees of freedom); Holm-Bonferroni over a claim's parts gives its family-wise outcome (outcome_holm), and over every part of the paper's claims at once the family-wise outcome across the paper. A magnitude verdict compares the paper's number with our interval: consistent when it lies inside, differs otherwise. Fragile: the verdict on the first 1, 3 and 5 training seeds of the same run is not the same. A claim that makes exactly the comparisons of an earlier one is its duplicate; duplicates and claims true by construction are counted apart."),
            ("Causes.", "For a claim that does not hold, in this order: paper (the paper's own stated choice decides it); learner (with the per-slot optimum in a learner's place, in every part of the claim, it holds); preset (it holds at k of the n points of the calibration's feasible set, named, e.g. paper-fit); paper (it holds at none, and the paper contradicts itself where the claim needs it, MODEL.md section 9); model (it holds at none). By construction: true or false under every preset, with the proof. Without a calibration run (reproduce --calibration DIR) preset and model cannot be told apart, and the cause says so."),
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
            ["learners' tuned values (--tuned)", TunedText(o)],
            ["calibration behind the causes (--calibration)", o.CalibrationDirectory ?? "none: preset and model causes undetermined"],
            ["seed", o.Seed.ToString(CultureInfo.InvariantCulture)],
            ["jobs", o.Jobs.ToString(CultureInfo.InvariantCulture)],
            ["EdgeMine version", metadata.EdgeMineVersion],
            ["runtime", metadata.Runtime],
            ["machine", metadata.Machine],
            ["wall time of this invocation", Invariant($"{metadata.WallSeconds:F1} s ({metadata.CellsReused} cells reused from earlier runs)")],
            ["summed cell time (training + evaluation)", Invariant($"{metadata.CellSeconds:F1} s")],
        ]);
        if (metadata.Cost is { } cost)
        {
            yield return new Heading(2, "What it cost");
            yield return new Paragraph(Invariant(
                $"Seconds each cell spent training and evaluating, as its result.json records them, summed per experiment and scheme ({CostBreakdown.FileName} holds the same at full precision). Each is the cell's own wall time, which is its CPU time when the machine has a core for every job: with {o.Jobs} jobs in parallel the run's wall time is less than their sum, and on a machine busy with other work they grow with its load; cells reused from an earlier invocation count with the seconds they took then. Fig. 4 shares its cells with Tables II-III: they count under the first of them that this run ran."));
            yield return new Table(CostBreakdown.TableHeaders, cost.TableRows());
        }
    }

    /// <summary>Which values each learner ran with, and where they came from.</summary>
    private static string TunedText(ReproductionOptions options) => options.Tuned is not { } tuned
        ? "none: every learner at its variant's defaults"
        : $"from {tuned.File}: " + string.Join("; ", tuned.Learners.Select(l => $"{l.Key} {string.Join(" ", l.Value.Select(v => $"{v.Key}={v.Value}"))}"))
            + "; every other learner at its variant's defaults (docs/tuning.md)";

    /// <summary>"rate_bad_bps = 1000000, transmit_watts = 0.3": each overridden key with its value in force.</summary>
    private static string OverridesText(ReproductionOptions options) =>
        string.Join(", ", options.Overrides.Select(o => Invariant($"{o.Key} = {o.Value:R}")));

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
