using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeMine.Experiments;
using EdgeMine.IO;
using EdgeMine.Model;
using EdgeMine.Reporting;
using ScottPlot;
using static EdgeMine.Reporting.ReportFormat;

namespace EdgeMine.Calibration;

/// <summary>
/// A calibration's outputs: <c>points.csv</c> (every point, its constants, objectives and each claim's outcome),
/// <c>paper-fit.json</c> (the best point as a config file), <c>feasibility.md</c> and <c>feasibility.html</c> (how many
/// points satisfy each claim and each pair of claim groups, the claims no point satisfies, the paper's own
/// inconsistencies, a figure).
/// </summary>
internal static class CalibrationReport
{
    public const string PointsFile = "points.csv";
    public const string PaperFitFile = "paper-fit.json";
    public const string MarkdownFile = "feasibility.md";
    public const string HtmlFile = "feasibility.html";

    /// <summary>The paper's internal inconsistencies known so far (MODEL.md section 12), beside what no point can fix.</summary>
    public static IReadOnlyList<(string Strong, string Text)> Inconsistencies { get; } =
    [
        ("NO's absolute numbers.", "Never offloading uses only stated constants: 0.325 W and 475 ms summed over tasks (47.5 ms per task) at N = 5, where Table II says 4.5 W and 39.7 ms. No unstated constant changes them."),
        ("Fixed policies that move.", "NO and EO are fixed policies, yet their power and latency differ between Tables II and III, which differ only in beta (beta changes the reward, not what a fixed policy does)."),
        ("Eq. 8 against its text.", "Eq. 8 as printed rewards offloading under a good channel; the text says miners should offload less there (MODEL.md section 5). The space searches both forms (usage_privacy_form)."),
        ("Cost units.", "Table III's costs equal 0.8 W + 0.2 ms in 7 of 8 rows and Table II's are about 1.1 times 0.5 W + 0.5 ms: the tables' cost is in joules and milliseconds, not in the normalised units of eq. 12. The space tries both."),
    ];

    /// <summary>
    /// A claim's column name in points.csv: its stable id (<c>table2.cost.n5</c>), which a reproduction's causes read
    /// back (<see cref="CalibrationEvidence"/>); <c>table2_3</c> (its place in its experiment) for a claim without one.
    /// </summary>
    public static string ClaimId(Claim claim, int index) => claim.Id.Length > 0 ? claim.Id : FormattableString.Invariant($"{claim.Experiment}_{index + 1}");

    /// <summary>Writes every output; returns the paths.</summary>
    public static IReadOnlyList<string> Write(CalibrationSearch search, CalibrationResult result, double wallSeconds)
    {
        ArgumentNullException.ThrowIfNull(search);
        ArgumentNullException.ThrowIfNull(result);
        string directory = search.Options.OutDirectory;
        var written = new List<string> { WritePoints(search, result, directory), WritePaperFit(search, result.Best, directory) };
        var figure = Plots.Save(
            Path.Combine(directory, Plots.Directory), "calibration", "calibration_points",
            "Calibration points: two constants, coloured by the claims they satisfy", Scatter(search.Options.Space, result));
        written.Add(figure.PngPath);
        written.Add(figure.SvgPath);
        var document = Document(search, result, figure, wallSeconds);
        string markdown = Path.Combine(directory, MarkdownFile);
        AtomicFile.WriteAllText(markdown, MarkdownRenderer.Render(document, directory));
        string html = Path.Combine(directory, HtmlFile);
        AtomicFile.WriteAllText(html, HtmlRenderer.Render(document));
        written.Add(markdown);
        written.Add(html);
        return written;
    }

    private static string WritePoints(CalibrationSearch search, CalibrationResult result, string directory)
    {
        var space = search.Options.Space;
        var claims = result.Best.All.ToArray();
        var text = new StringBuilder("point,phase");
        foreach (var dimension in space.Dimensions)
        {
            text.Append(',').Append(dimension.Name);
        }

        text.Append(",objective_fitted,objective_held_out,fitted_holding,held_out_holding");
        for (int i = 0; i < claims.Length; i++)
        {
            text.Append(',').Append(ClaimId(claims[i], Index(claims, i)));
        }

        // Added after the claims' columns, so that a reader of the earlier columns is unaffected.
        text.Append(',').Append(CalibrationEvidence.RefinedObjectiveColumn).Append(',').Append(CalibrationEvidence.RefinedObjectiveErrorColumn);
        text.Append('\n');
        var noise = result.TopPoints.ToDictionary(n => n.Search.Point.Id, StringComparer.Ordinal);
        foreach (var outcome in result.Points)
        {
            var p = outcome.Point;
            text.Append(p.Id).Append(',').Append(p.Phase);
            foreach (var dimension in space.Dimensions)
            {
                text.Append(',').Append(ValueText(dimension, p));
            }

            text.Append(CultureInfo.InvariantCulture, $",{CsvNumber(outcome.FittedObjective)},{CsvNumber(outcome.HeldOutObjective)},{outcome.FittedHolding},{outcome.HeldOutHolding}");
            foreach (var claim in outcome.All)
            {
                text.Append(',').Append(claim.OutcomeText);
            }

            text.Append(',').Append(noise.TryGetValue(p.Id, out var n) ? CsvNumber(n.Refined) : "")
                .Append(',').Append(n is null ? "" : CsvNumber(n.StandardError));
            text.Append('\n');
        }

        string path = Path.Combine(directory, PointsFile);
        AtomicFile.WriteAllText(path, text.ToString());
        return path;
    }

    // The index of a claim within its experiment, for its id.
    private static int Index(Claim[] claims, int i) => claims.Take(i).Count(c => c.Experiment == claims[i].Experiment);

    /// <summary>A dimension's value at a point, as points.csv and the report write it (a choice by its label, spaces as ';').</summary>
    private static string ValueText(SpaceDimension dimension, CalibrationPoint point)
    {
        if (dimension is RangeDimension range)
        {
            return ParameterCatalog.Find(range.Name, "the space").Get(point.Parameters).ToString();
        }

        var choice = (ChoiceDimension)dimension;
        for (int i = 0; i < choice.Options.Count; i++)
        {
            if (choice.Options[i].All(a => ParameterCatalog.Find(a.Key, "the space").Get(point.Parameters).Equals(a.Value)))
            {
                return choice.Labels[i].Replace(' ', ';');
            }
        }

        return "other"; // the preset's values, when they are none of the choices
    }

    /// <summary>Writes the best point as a config file: every key of the space with its value there.</summary>
    private static string WritePaperFit(CalibrationSearch search, PointOutcome best, string directory)
    {
        var root = new JsonObject();
        foreach (string key in search.Options.Space.Dimensions.SelectMany(CalibrationSpace.Keys))
        {
            root[key] = ParameterCatalog.Find(key, "the space").Get(best.Point.Parameters).ToJson();
        }

        string path = Path.Combine(directory, PaperFitFile);
        AtomicFile.WriteAllText(path, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        return path;
    }

    private static Document Document(CalibrationSearch search, CalibrationResult result, Figure figure, double wallSeconds)
    {
        var o = search.Options;
        var points = result.Points.Where(p => p.Point.Phase != "preset").ToArray();
        var best = result.Best;
        var claims = best.All.ToArray();
        var hits = BoundCheck.Hits(o.Space, best.Point.Parameters);
        var heldOut = result.HeldOut ?? HeldOutSet.Of(result.Points, search.SharingFit);
        var blocks = new List<Block>
        {
            new Heading(1, "Calibration: under which constants does the paper hold?"),
            new Paragraph(Invariant(
                $"Generated by `edgemine calibrate`{(o.Quick ? " --quick (a first look, not the default size)" : "")}: {points.Count(p => p.Point.Phase == "latin")} points of a Latin hypercube over the unstated constants, then {points.Count(p => p.Point.Phase == "refined")} points of Nelder-Mead from the best {o.Sizes.Starts}; each point evaluated on {o.Sizes.Runs} runs x {o.Sizes.Slots} slots of common seeds (seed {o.Seed}), over the {o.Preset} preset, at N = {string.Join(", ", o.Sizes.Settings.MultiMiners)} (Tables II-III), M = {string.Join(", ", o.Sizes.Settings.SingleMinerTasks)} (Figs. 5-6) and d = {string.Join(", ", o.Sizes.Settings.ArrivalKbits)} kbit (Fig. 7); then the {result.TopPoints.Count} points of lowest objective evaluated again on {o.Sizes.NoiseBatches} batches of {o.Sizes.Runs} runs x {o.Sizes.Slots} slots, each batch on seeds of its own, the final point chosen on their mean, and judged once more on fresh seeds; wall time {wallSeconds:F0} s. The learners are stood in for by the per-slot optimum, which they approximate: a claim that compares two learners is not judged here, and the others are judged on their remaining parts. The objective is fitted on Table II (its ranking claims' hinges and its reported ratios, MODEL.md section 12); Tables III and Figs. 5-7 are held out.")),
            new Heading(2, "At a glance"),
            new Paragraph(Invariant(
                $"Final point {best.Point.Id} (paper-fit.json): {best.FittedHolding} of {best.Fitted.Count} fitted claims and {best.HeldOutHolding} of {best.HeldOut.Count} held-out claims hold, {heldOut.Holding(best)} of the {heldOut.Independent.Count} held out independently of the fit (see below), against {result.Preset.FittedHolding}, {result.Preset.HeldOutHolding} and {heldOut.Holding(result.Preset)} under the {o.Preset} preset (learners stood in for by the optimum in both).{FreshGlance(result)}{(hits.Count == 0 ? "" : " " + string.Join(" ", hits.Select(h => $"{h.Dimension.Name} = {Number(h.Value)}: {h.Label}.")))} Run `edgemine reproduce --config paper-fit.json` to confirm with trained learners.")),
            new FigureBlock(figure),
            new Heading(2, "The final point"),
            new Table(["config key", "paper-fit", o.Preset, "at a bound of the space"], search.Options.Space.Dimensions.SelectMany(CalibrationSpace.Keys).Select(k =>
                (IReadOnlyList<string>)[k, ParameterCatalog.Find(k, "").Get(best.Point.Parameters).ToString(), ParameterCatalog.Find(k, "").Get(o.Parameters).ToString(), hits.FirstOrDefault(h => h.Dimension.Name == k)?.Label ?? ""]).ToArray()),
        };
        blocks.AddRange(BoundBlocks(points, hits));
        blocks.AddRange(NoiseBlocks(o, result));
        blocks.AddRange(FreshBlocks(result));
        blocks.AddRange(HeldOutBlocks(points, heldOut, best, result.Preset, o.Preset));
        blocks.AddRange(
        [
            new Heading(2, "How many points satisfy each claim"),
            new Table(
                ["claim", "experiment", "statement", "points where it holds", "exact tie, equivalent or inconclusive", "at paper-fit", "at paper-fit, fresh seeds", Invariant($"under {o.Preset}")],
                claims.Select((c, i) =>
                {
                    var outcomes = points.Select(p => p.All.ElementAt(i).Outcome).ToArray();
                    return (IReadOnlyList<string>)[
                        ClaimId(c, Index(claims, i)), c.Experiment, c.Statement,
                        Invariant($"{outcomes.Count(x => x == ClaimOutcome.Holds)} of {outcomes.Length}"),
                        outcomes.Count(x => x is ClaimOutcome.ExactTie or ClaimOutcome.Equivalent or ClaimOutcome.Inconclusive).ToString(CultureInfo.InvariantCulture),
                        c.OutcomeText, result.Fresh?.All.ElementAt(i).OutcomeText ?? "", result.Preset.All.ElementAt(i).OutcomeText,
                    ];
                }).ToArray()),
            new Heading(2, "Pairs of claim groups"),
            new Paragraph("Points at which every judged claim of both groups holds (a claim that cannot be judged with the optimum standing in for the learners is left out of its group)."),
            GroupPairs(points),
        ]);

        var never = claims.Select((c, i) => (Claim: c, Index: i))
            .Where(x => points.All(p => p.All.ElementAt(x.Index).Outcome != ClaimOutcome.Holds) && points.Any(p => p.All.ElementAt(x.Index).Outcome != ClaimOutcome.NotEvaluated))
            .ToArray();
        blocks.Add(new Heading(2, "Claims no point satisfies"));
        blocks.Add(never.Length == 0
            ? new Paragraph("None: every claim that can be judged here holds at some point of the space.")
            : new Bullets(never.Select(x =>
            {
                var margins = points.Select(p => p.All.ElementAt(x.Index).Ours).OfType<Interval>().ToArray();
                string closest = margins.Length == 0 ? "" : Invariant($" The closest any point came: {Number(margins.Max(m => m.Mean))} ({x.Claim.Measure}).");
                return ($"{ClaimId(x.Claim, Index(claims, x.Index))}:", $"{x.Claim.Statement}.{closest} {StructuralReason(x.Claim)}".TrimEnd());
            }).ToArray()));
        string[] groups = [CalibrationSearch.Fitted.Name, .. CalibrationSearch.HeldOut.Select(e => e.Name)];
        var apart = groups.SelectMany((a, i) => groups.Skip(i + 1).Select(b => (A: a, B: b)))
            .Where(p => points.All(x => !(HoldsAll(x, p.A) && HoldsAll(x, p.B))))
            .ToArray();
        blocks.Add(new Heading(2, "Groups of claims no point satisfies together"));
        blocks.Add(apart.Length == 0
            ? new Paragraph("None: every pair of claim groups holds together at some point of the space.")
            : new Paragraph("No point of the space satisfies every judged claim of both groups of each pair: " + string.Join("; ", apart.Select(p => $"{p.A} with {p.B}"))
                + ". Within this space and with the optimum standing in for the learners, the paper's claims of those experiments contradict each other."));
        blocks.Add(new Heading(2, "The paper's internal inconsistencies (MODEL.md section 12)"));
        blocks.Add(new Bullets(Inconsistencies));
        return new Document("Calibration", blocks);
    }

    /// <summary>The final point's fresh-seed objective and claims, for the glance.</summary>
    private static string FreshGlance(CalibrationResult result) => result.Fresh is not { } fresh ? "" : Invariant(
        $" On fresh seeds: objective {Number(fresh.FittedObjective)} (search's seeds {Number(result.Best.FittedObjective)}), {fresh.FittedHolding} fitted and {fresh.HeldOutHolding} held-out claims hold.");

    /// <summary>The constants of the final point at a bound of their range, with the objective's trend towards it.</summary>
    private static IEnumerable<Block> BoundBlocks(PointOutcome[] points, IReadOnlyList<BoundHit> hits)
    {
        yield return new Heading(2, "Constants at a bound of the space");
        yield return new Paragraph(Invariant(
            $"A constant is at a bound when it lies within {BoundCheck.Tolerance * 100:0.#}% of its range of the bound, in the range's own scale (of the log-range for a log range). A final point at a bound is an optimum of the space, not of the fit: the fit would go beyond the bound, and the label says so."));
        if (hits.Count == 0)
        {
            yield return new Paragraph("None: every constant of the final point lies inside its range.");
            yield break;
        }

        var latin = points.Where(p => p.Point.Phase == "latin").Select(p => (p.Point.Parameters, p.FittedObjective)).ToArray();
        yield return new Table(
            ["config key", "value", "bound", "label", "best objective per fifth of the range, lowest fifth first (Latin hypercube's points)"],
            hits.Select(h => (IReadOnlyList<string>)[
                h.Dimension.Name, Number(h.Value), Number(h.Bound), h.Label,
                string.Join(", ", BoundCheck.BestPerFifth(h.Dimension, latin).Select(Number)),
            ]).ToArray());
    }

    /// <summary>The top points evaluated again: each one's refined objective with its standard error, and its difference from the final point against their noise.</summary>
    private static IEnumerable<Block> NoiseBlocks(CalibrationOptions o, CalibrationResult result)
    {
        var top = result.TopPoints;
        yield return new Heading(2, "The top points against their noise");
        var final = top.FirstOrDefault(n => n.Search.Point.Id == result.Best.Point.Id);
        if (final is null)
        {
            yield return new Paragraph("Not evaluated at this size: the final point is the search's best.");
            yield break;
        }

        var others = top.Where(n => !ReferenceEquals(n, final)).ToArray();
        int separated = others.Count(n => NoiseStatistics.Separated(n.DifferenceFrom(final)));
        yield return new Paragraph(Invariant(
            $"The {top.Count} points of lowest search objective, evaluated again on {o.Sizes.NoiseBatches} batches of {o.Sizes.Runs} runs x {o.Sizes.Slots} slots (the search's size; {o.Sizes.NoiseBatches * o.Sizes.Runs} runs in all), batch b on the common seeds `Derive(search seed of the setting, StableHash(\"calibration:noise\" + b))`, apart from the search's. The refined objective is the mean over the batches and its standard error their standard deviation over the square root of their number; a point's difference from the final point is paired over the batches, with a t-interval on {o.Sizes.NoiseBatches - 1} degrees of freedom. The final point is the one of lowest refined objective. Search objectives {Number(top.Min(n => n.Search.FittedObjective))}-{Number(top.Max(n => n.Search.FittedObjective))}; refined {Number(top.Min(n => n.Refined))}-{Number(top.Max(n => n.Refined))}, standard errors {Number(top.Min(n => n.StandardError))}-{Number(top.Max(n => n.StandardError))}. {separated} of the other {others.Length} differ from the final point beyond their noise (95% interval of the difference excluding 0){(separated == others.Length ? "." : Invariant($"; the other {others.Length - separated} cannot be told from it at this size."))}"));
        yield return new Table(
            ["point", "search objective", "refined objective", "standard error", "minus the final point's (95% interval)", "beyond noise"],
            top.OrderBy(n => n.Refined).ThenBy(n => n.Search.Point.Id, StringComparer.Ordinal).Select(n =>
            {
                bool isFinal = ReferenceEquals(n, final);
                var d = n.DifferenceFrom(final);
                return (IReadOnlyList<string>)[
                    n.Search.Point.Id + (isFinal ? " (final)" : ""), Number(n.Search.FittedObjective), Number(n.Refined), Number(n.StandardError),
                    isFinal ? "" : Invariant($"{Number(d.Mean)} [{Number(d.Low)}, {Number(d.High)}]"),
                    isFinal ? "" : NoiseStatistics.Separated(d) ? "yes" : "no",
                ];
            }).ToArray());
    }

    /// <summary>The final point on fresh seeds beside the search's.</summary>
    private static IEnumerable<Block> FreshBlocks(CalibrationResult result)
    {
        yield return new Heading(2, "The final point on fresh seeds");
        if (result.Fresh is not { } fresh)
        {
            yield return new Paragraph("Not evaluated: no point of the space has a finite objective.");
            yield break;
        }

        var best = result.Best;
        var heldOut = result.HeldOut;
        yield return new Paragraph(
            "The final point evaluated again at every setting, at the search's size, on the common seeds `Derive(search seed of the setting, StableHash(\"calibration:fresh\"))`: apart from the search's, which chose the points, and from the batches', which chose the final one. A fit that holds only on the seeds it was chosen on is noise.");
        var rows = new List<IReadOnlyList<string>>
        {
            new[] { "fitted objective", Number(best.FittedObjective), Number(fresh.FittedObjective) },
            new[] { "held-out objective", Number(best.HeldOutObjective), Number(fresh.HeldOutObjective) },
            new[] { "fitted claims that hold", Invariant($"{best.FittedHolding} of {best.Fitted.Count}"), Invariant($"{fresh.FittedHolding} of {fresh.Fitted.Count}") },
            new[] { "held-out claims that hold", Invariant($"{best.HeldOutHolding} of {best.HeldOut.Count}"), Invariant($"{fresh.HeldOutHolding} of {fresh.HeldOut.Count}") },
        };
        if (heldOut is not null)
        {
            rows.Add([ "held out, independent of the fit", Invariant($"{heldOut.Holding(best)} of {heldOut.Independent.Count}"), Invariant($"{heldOut.Holding(fresh)} of {heldOut.Independent.Count}") ]);
        }

        yield return new Table(["", "search's seeds", "fresh seeds"], rows);
        var changed = best.All.Zip(fresh.All).Select((p, i) => (p.First, p.Second, i)).Where(x => x.First.OutcomeText != x.Second.OutcomeText).ToArray();
        var claims = best.All.ToArray();
        yield return new Paragraph(changed.Length == 0
            ? "Every claim has the same outcome on fresh seeds as on the search's."
            : "Claims whose outcome changes on fresh seeds: " + string.Join("; ", changed.Select(x => Invariant($"{ClaimId(x.First, Index(claims, x.i))} {x.First.OutcomeText} -> {x.Second.OutcomeText}"))) + ".");
    }

    /// <summary>The held-out set's overlap with the fitted set, and what is held out independently of the fit.</summary>
    private static IEnumerable<Block> HeldOutBlocks(PointOutcome[] points, HeldOutSet heldOut, PointOutcome best, PointOutcome preset, string presetName)
    {
        yield return new Heading(2, "The held-out set: overlap with the fit");
        var sample = best.HeldOut;
        string Id(int i) => ClaimId(sample[i], sample.Take(i).Count(c => c.Experiment == sample[i].Experiment));
        var fittedName = CalibrationSearch.Fitted.Name;
        var sharingNames = heldOut.SharingFit.Select(i => sample[i].Experiment).Distinct(StringComparer.Ordinal).ToArray();
        var items = new List<(string Strong, string Text)>();
        foreach (string name in sharingNames)
        {
            int both = points.Count(p => HoldsAll(p, name) && HoldsAll(p, fittedName));
            int alone = points.Count(p => HoldsAll(p, name));
            int fitted = points.Count(p => HoldsAll(p, fittedName));
            var pairs = heldOut.SharingFit.Where(i => sample[i].Experiment == name)
                .Select(i => (Held: i, Fit: best.Fitted.Select((c, k) => (c, k)).FirstOrDefault(x => x.c.Statement == sample[i].Statement, (null!, -1)).k))
                .Where(x => x.Fit >= 0)
                .Select(x => Invariant($"{Id(x.Held)} as {ClaimId(best.Fitted[x.Fit], x.Fit)} at {points.Count(p => p.HeldOut[x.Held].Outcome == p.Fitted[x.Fit].Outcome)}"))
                .ToArray();
            items.Add((Invariant($"{name} shares the fit's settings."), Invariant(
                $"Its settings are {fittedName}'s but for beta (the same miners and tasks), so it is not evidence independent of the fit: its claims all hold at {alone} points, {both} of them among the {fitted} where all of {fittedName}'s do.{(pairs.Length == 0 ? "" : " Points (of " + points.Length.ToString(CultureInfo.InvariantCulture) + ") where a claim has the same outcome as its fitted twin: " + string.Join(", ", pairs) + ".")}")));
        }

        items.Add(("Identical comparisons.", heldOut.Duplicates.Count == 0
            ? $"Rule: {HeldOutSet.DuplicateRule}. None found."
            : $"Rule: {HeldOutSet.DuplicateRule}. With the optimum standing in for both DRLO variants: " + string.Join(", ", heldOut.Duplicates.Select(d => $"{Id(d.Claim)} repeats {Id(d.SameAs)}")) + "."));
        if (heldOut.NeverJudged.Count > 0)
        {
            items.Add(("Not judged here.", string.Join(", ", heldOut.NeverJudged.Select(Id)) + ": not evaluated at any point (they compare learners)."));
        }

        items.Add(("Held out, independent of the fit.", Invariant(
            $"{heldOut.Independent.Count} of {sample.Count} held-out claims ({string.Join(", ", heldOut.Independent.Select(Id))}): {heldOut.Holding(best)} hold at the final point, {heldOut.Holding(preset)} under the {presetName} preset; every point: {string.Join(", ", Enumerable.Range(0, heldOut.Independent.Count + 1).Reverse().Select(k => (k, n: points.Count(p => heldOut.Holding(p) == k))).Where(x => x.n > 0).Select(x => $"{x.k} hold at {x.n}"))}.")));
        yield return new Bullets(items);
    }

    /// <summary>Why no point can satisfy a claim, where the model shows it; empty otherwise.</summary>
    internal static string StructuralReason(Claim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        string s = claim.Statement;
        if (s.Contains("NO costs most", StringComparison.Ordinal) || s.Contains("RLO's cost (9) is below", StringComparison.Ordinal))
        {
            return "Structure: without offloading every task costs the same, so NO's cost is linear in M and set by stated constants only; the optimum never costs more than NO in reward, and NO is the optimum's fallback.";
        }

        if (s.StartsWith("Privacy rises", StringComparison.Ordinal))
        {
            return "Structure: true by construction wherever some data is offloaded under a good channel (eq. 8).";
        }

        return "";
    }

    /// <summary>
    /// True when every judged claim of <paramref name="group"/> (an experiment) holds at the point. Fig. 7's margins
    /// over RL-privacy and CMDP cannot be judged with stand-ins: its group is its trend.
    /// </summary>
    private static bool HoldsAll(PointOutcome point, string group) =>
        point.All.Where(c => c.Experiment == group && c.Outcome != ClaimOutcome.NotEvaluated).All(c => c.Outcome == ClaimOutcome.Holds);

    private static Table GroupPairs(PointOutcome[] points)
    {
        string[] groups = [CalibrationSearch.Fitted.Name, .. CalibrationSearch.HeldOut.Select(e => e.Name)];
        return new Table(
            ["", .. groups],
            groups.Select(a => (IReadOnlyList<string>)[a, .. groups.Select(b => points.Count(p => HoldsAll(p, a) && HoldsAll(p, b)).ToString(CultureInfo.InvariantCulture))]).ToArray());
    }

    /// <summary>Two constants of the space on log axes (the first two ranges), each point coloured by the claims it satisfies.</summary>
    private static Plot Scatter(CalibrationSpace space, CalibrationResult result)
    {
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        var ranges = space.Ranges;
        var (xDim, yDim) = ranges.Any(r => r.Name == "rate_bad_bps") && ranges.Any(r => r.Name == "mec_cycles_per_bit")
            ? (ranges.First(r => r.Name == "rate_bad_bps"), ranges.First(r => r.Name == "mec_cycles_per_bit"))
            : (ranges[0], ranges[Math.Min(1, ranges.Count - 1)]);
        double Coordinate(RangeDimension d, CalibrationPoint p)
        {
            double v = ParameterCatalog.Find(d.Name, "").Get(p.Parameters).Number;
            return d.Scale == SpaceScale.Log ? Math.Log10(v) : v;
        }

        plot.XLabel($"{xDim.Name}{(xDim.Scale == SpaceScale.Log ? " (log10)" : "")}", 14);
        plot.YLabel($"{yDim.Name}{(yDim.Scale == SpaceScale.Log ? " (log10)" : "")}", 14);
        var points = result.Points.Where(p => p.Point.Phase != "preset").ToArray();
        int most = Math.Max(1, points.Max(p => p.FittedHolding + p.HeldOutHolding));
        var colormap = new ScottPlot.Colormaps.Viridis();
        foreach (var group in points.GroupBy(p => p.FittedHolding + p.HeldOutHolding).OrderBy(g => g.Key))
        {
            var scatter = plot.Add.ScatterPoints(group.Select(p => Coordinate(xDim, p.Point)).ToArray(), group.Select(p => Coordinate(yDim, p.Point)).ToArray(), colormap.GetColor(group.Key / (double)most));
            scatter.MarkerSize = 6;
            scatter.LegendText = Invariant($"{group.Key} claims hold");
        }

        var best = plot.Add.ScatterPoints(new[] { Coordinate(xDim, result.Best.Point) }, new[] { Coordinate(yDim, result.Best.Point) }, Colors.Red);
        best.MarkerShape = MarkerShape.OpenCircle;
        best.MarkerSize = 16;
        best.LegendText = "paper-fit";
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
