using System.Globalization;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using EdgeMine.Cells;
using EdgeMine.Experiments;
using EdgeMine.Model;
using EdgeMine.Reporting;
using EdgeMine.Simulation;

namespace EdgeMine.Tests.Experiments;

/// <summary>A whole quick reproduction (about a second), run once and shared by the report tests.</summary>
public sealed class QuickReproduction : IDisposable
{
    private readonly TemporaryDirectory directory = new();

    public QuickReproduction() => (Results, Written) = Run(directory.Path, []);

    /// <summary>The options of the shared run.</summary>
    public static ReproductionOptions Options(string outDirectory, IReadOnlyCollection<string> only) => new(
        Preset: "calibrated",
        Parameters: Presets.Calibrated,
        OutDirectory: outDirectory,
        Sizes: ReproductionSizes.Quick)
    {
        Quick = true,
        Only = Reproduction.ParseOnly(only.Count == 0 ? null : string.Join(',', only)), // no names: every experiment
        Jobs = 2,
        CalibrationDirectory = Path.GetDirectoryName(Repository.File("docs/calibration-run/points.csv")), // the committed calibration
    };

    public string OutDirectory => directory.Path;

    public IReadOnlyDictionary<string, CellResult> Results { get; }

    public IReadOnlyList<string> Written { get; }

    public static (IReadOnlyDictionary<string, CellResult>, IReadOnlyList<string>) Run(string outDirectory, IReadOnlyCollection<string> only)
    {
        var options = Options(outDirectory, only);
        var clock = Stopwatch.StartNew();
        var reproduction = new Reproduction(options);
        var results = reproduction.Run();
        var metadata = new ReproductionMetadata { Options = options, WallSeconds = clock.Elapsed.TotalSeconds, CellSeconds = 0 };
        var written = reproduction.WriteOutputs(metadata, results);
        return (results, written);
    }

    public void Dispose() => directory.Dispose();
}

public sealed class ReportTests(QuickReproduction run) : IClassFixture<QuickReproduction>
{
    private static readonly string[] ExpectedFigures =
    [
        "fig4_beta0.5", "fig4_beta0.8", "fig5_energy", "fig5_latency", "fig5_cost", "fig6_energy", "fig6_latency", "fig6_cost",
        "table2_power", "table2_latency", "table2_cost", "table3_power", "table3_latency", "table3_cost", "fig7_privacy", "fig7_frontier",
        "scaling_headroom", "ablations_margins", "claims_outcomes",
    ];

    private static readonly string[] NoOutcome = [""], Magnitudes = ["consistent", "differs", "n/a"], Booleans = ["true", "false"];

    [Fact]
    public void Claims_csv_has_one_row_per_claim_with_the_columns_of_the_issues()
    {
        var table = Csv.Parse(File.ReadAllText(Path.Combine(run.OutDirectory, ReportBuilder.ClaimsFile)));
        string[] columns =
        [
            "experiment", "claim", "outcome", "outcome_holm", "outcome_holm_paper", "magnitude", "fragile", "cause", "ours", "ci95_low", "ci95_high", "paper", "measure", "units", "n",
            "from_paper", "id", "schemes", "model_assisted", "duplicate_of", "seed_outcomes", "tolerance", "deciding", "cause_detail",
        ];
        Assert.Equal(columns, table[0]);
        var rows = table.Skip(1).Select(r => columns.Select((c, i) => (c, r[i])).ToDictionary(x => x.c, x => x.Item2)).ToArray();

        // The paper's claims, judged with the paper's DQN (6 in Fig. 4, 4 + 2 in Figs. 5-6, 6 + 6 in the tables, 3 in
        // Fig. 7), the scaling experiment's one claim about the shared learner, and the sequential experiment's own.
        Assert.Equal(27, rows.Count(r => r["from_paper"] == "true"));
        var ours = Assert.Single(rows, r => r["from_paper"] == "false" && r["experiment"] == "scaling");
        Assert.Equal("true", ours["model_assisted"]);
        Assert.StartsWith("drlo-shared;", ours["schemes"], StringComparison.Ordinal);
        Assert.All(rows.Where(r => r["experiment"] == "sequential"), r => Assert.Equal("false", r["from_paper"]));

        // The ablations' five claims, beyond the paper too; only the one about the shared learner is model-assisted.
        var ablations = rows.Where(r => r["experiment"] == "ablations").ToArray();
        Assert.Equal(AblationsExperiment.All.Select(a => a.Id), ablations.Select(r => r["id"]));
        Assert.All(ablations, r => Assert.Equal("false", r["from_paper"]));
        Assert.Equal(["ablations.reward-model.drlo-shared"], ablations.Where(r => r["model_assisted"] == "true").Select(r => r["id"]));
        // Beyond the paper: the scaling claim, the ablations' 5 and the sequential experiment's 8 (DRLO and the planner each
        // beat the optimum, beat the lookahead, capture the gap; the model-free variant and the paper's DQN above never offloading).
        Assert.Equal(8, rows.Count(r => r["experiment"] == "sequential"));
        Assert.Equal(1 + 5 + 8, rows.Count(r => r["from_paper"] == "false"));

        string[] outcomes = ["holds", "does not hold", "exact tie", "equivalent", "inconclusive", "not evaluated"];
        string[] causes = ["", "preset", "model", "learner", "paper", "by construction"];
        var ids = rows.Select(r => r["id"]).ToArray();
        Assert.Equal(ids.Length, ids.Distinct().Count());
        foreach (var r in rows)
        {
            Assert.Contains(r["experiment"], Reproduction.Experiments.Select(e => e.Name));
            Assert.StartsWith(r["experiment"] + ".", r["id"], StringComparison.Ordinal);
            Assert.Contains(r["outcome"].Replace(" (partial)", "", StringComparison.Ordinal), outcomes);
            Assert.Contains(r["outcome_holm"], outcomes);
            Assert.Contains(r["outcome_holm_paper"], r["from_paper"] == "true" && r["duplicate_of"].Length == 0 && r["cause"] != "by construction" ? outcomes : NoOutcome);
            Assert.Contains(r["magnitude"], Magnitudes);
            Assert.Contains(r["fragile"], Booleans);
            Assert.Contains(r["cause"], causes);
            Assert.True(r["duplicate_of"].Length == 0 || ids.Contains(r["duplicate_of"]), r["duplicate_of"]);

            // Every scheme by its name in the CSVs; a claim of the paper never rests on a model-assisted scheme.
            Assert.All(r["schemes"].Split(';'), name => Assert.NotNull(ReproductionSchemes.Catalog.Find(name)));
            Assert.False(r["from_paper"] == "true" && r["model_assisted"] == "true", r["claim"]);
            Assert.DoesNotContain("drlo-shared", r["from_paper"] == "true" ? r["schemes"] : "", StringComparison.Ordinal);

            // Verdicts on the first 1 and 2 seeds of the run (quick sizes: 2 seeds); fragile when they differ.
            var verdicts = r["seed_outcomes"].Split("; ").Select(v => v[(v.IndexOf(':', StringComparison.Ordinal) + 2)..]).ToArray();
            Assert.Equal(["1", "2"], r["seed_outcomes"].Split("; ").Select(v => v[..v.IndexOf(':', StringComparison.Ordinal)]));
            Assert.Equal(verdicts.Distinct().Count() > 1 ? "true" : "false", r["fragile"]);
            Assert.Equal(r["outcome"].Replace(" (partial)", "", StringComparison.Ordinal), verdicts[^1]);

            // A claim that does not hold has a cause class, or says why none could be found; an inconclusive one says
            // how many units would decide it.
            if (r["outcome"].StartsWith("does not hold", StringComparison.Ordinal))
            {
                Assert.NotEqual("", r["cause_detail"]);
            }

            Assert.Equal(r["outcome"] == "inconclusive", r["deciding"].Length > 0);
            Assert.NotEqual("", r["tolerance"]);
            Assert.Matches("^(relative|absolute): ", r["measure"]);
        }

        // Fig. 7's trend is no longer called true by construction (it fails under paper-fit).
        Assert.DoesNotContain(rows, r => r["cause"] == "by construction");
    }

    /// <summary>
    /// The sequential experiment end to end at the quick sizes: a cell for every scheme at every scenario and N (the MDP
    /// optimum and the paper's DQN's substitute not applicable where out of reach), its two CSVs with their columns, its
    /// claims, and the report's labels: the per-slot optimum not a bound, the shared learner model-assisted.
    /// </summary>
    [Fact]
    public void Sequential_experiment_writes_its_cells_csvs_claims_and_labels()
    {
        var sequential = SequentialExperiment.Instance;
        var settings = sequential.Settings(ReproductionSizes.Quick);
        Assert.Equal(3 * ReproductionSizes.Quick.SequentialMiners.Count, settings.Count);
        var results = ExperimentResults.From(sequential, settings, run.Results, QuickReproduction.Options(run.OutDirectory, []));
        foreach (var row in results.Rows)
        {
            Assert.Equal(sequential.NotRun(row.Setting, row.Scheme) is null, row.IsOk);
        }

        var table = Csv.Parse(File.ReadAllText(Path.Combine(run.OutDirectory, "sequential.csv")));
        Assert.Contains("per_slot_optimum_is_bound", table[0]);
        Assert.Contains("mec_backlog_gcycles", table[0]);
        Assert.Contains("buffered_kbit", table[0]);
        Assert.Equal(results.Rows.Count, table.Count - 1);
        int bound = table[0].ToList().IndexOf("per_slot_optimum_is_bound");
        Assert.All(table.Skip(1), r => Assert.Equal("false", r[bound])); // something carries over in every scenario's runs

        var learners = Csv.Parse(File.ReadAllText(Path.Combine(run.OutDirectory, "sequential-learners.csv")));
        Assert.Equal(["scenario", "miners", "tasks", "beta", "scheme", "model_assisted", "seeds"], learners[0].Take(7));
        Assert.Contains("minus_lookahead_ci95_low", learners[0]);
        Assert.Contains("gap_captured", learners[0]);
        Assert.Contains("training_seconds_per_seed", learners[0]);
        Assert.Equal(results.Rows.Count(r => r.Scheme.IsLearner && r.IsOk), learners.Count - 1);
        Assert.All(learners.Skip(1), r => Assert.Equal(r[4] is "drlo-shared" or "drlo-planner" ? "true" : "false", r[5]));

        var claims = Csv.Parse(File.ReadAllText(Path.Combine(run.OutDirectory, ReportBuilder.ClaimsFile)));
        int id = claims[0].ToList().IndexOf("id");
        Assert.Equal(
            ["sequential.drlo-beats-optimum", "sequential.drlo-beats-lookahead", "sequential.drlo-captures-gap", "sequential.planner-beats-optimum", "sequential.planner-beats-lookahead", "sequential.planner-captures-gap", "sequential.model-free-above-never", "sequential.paper-dqn-above-never"],
            claims.Skip(1).Select(r => r[id]).Where(i => i.StartsWith("sequential.", StringComparison.Ordinal)));

        string md = File.ReadAllText(Path.Combine(run.OutDirectory, ReportBuilder.MarkdownFile));
        string section = md[md.IndexOf("## " + sequential.Title, StringComparison.Ordinal)..];
        Assert.Contains("### Every learner against every reference", section, StringComparison.Ordinal);
        Assert.Contains("### References per setting", section, StringComparison.Ordinal);
        Assert.Contains("(vs optimal (not a bound))", section, StringComparison.Ordinal);
        Assert.Contains("yes (not a bound)", section, StringComparison.Ordinal);
        Assert.Contains("shared DQN (ours), model-assisted", section, StringComparison.Ordinal);
        Assert.Contains("planner (learned backlog value, the model's search), model-assisted", section, StringComparison.Ordinal);
    }

    [Fact]
    public void Experiment_csvs_label_each_scheme_model_assisted_or_not_with_its_discount()
    {
        var table = Csv.Parse(File.ReadAllText(Path.Combine(run.OutDirectory, "table2.csv")));
        var header = table[0].ToList();
        Assert.Equal(["scheme", "model_assisted", "discount", "status"], header.Skip(4).Take(4));
        var rows = table.Skip(1).Where(r => r.Count == header.Count).ToArray();
        string[] Of(string scheme) => rows.First(r => r[4] == scheme).Skip(5).Take(2).ToArray();

        // The shared learner uses the reward model; its discount is its options' (SharedDqnOptions), the paper DQN's 0.85.
        Assert.Equal(["true", EdgeMine.Learning.Dqn.SharedDqnOptions.Default.Discount.ToString(CultureInfo.InvariantCulture)], Of("drlo-shared"));
        Assert.Equal(["false", "0.85"], Of("drlo-paper"));
        Assert.Equal(["false", "0.85"], Of("rlo"));
        Assert.Equal(["false", ""], Of("eo"));
    }

    [Fact]
    public void Every_written_file_exists_with_every_figure_as_png_and_svg()
    {
        Assert.All(run.Written, path => Assert.True(File.Exists(path), path));
        foreach (string name in ExpectedFigures)
        {
            Assert.Contains(Path.Combine(run.OutDirectory, Plots.Directory, name + ".png"), run.Written);
            Assert.Contains(Path.Combine(run.OutDirectory, Plots.Directory, name + ".svg"), run.Written);
        }

        Assert.Contains(Path.Combine(run.OutDirectory, ReportBuilder.MarkdownFile), run.Written);
        Assert.Contains(Path.Combine(run.OutDirectory, ReportBuilder.HtmlFile), run.Written);
    }

    [Fact]
    public void Pngs_are_real_images_of_the_figure_size()
    {
        byte[] signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        foreach (string path in run.Written.Where(p => p.EndsWith(".png", StringComparison.Ordinal)))
        {
            byte[] bytes = File.ReadAllBytes(path);
            Assert.True(bytes.Length > 10_000, $"{path}: only {bytes.Length} bytes");
            Assert.Equal(signature, bytes[..8]);
            Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
            Assert.Equal(Plots.Width, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)));
            Assert.Equal(Plots.Height, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)));
        }
    }

    [Fact]
    public void Svgs_parse_as_xml_svg_documents()
    {
        foreach (string path in run.Written.Where(p => p.EndsWith(".svg", StringComparison.Ordinal)))
        {
            var document = XDocument.Load(path);
            Assert.Equal("svg", document.Root!.Name.LocalName);
            Assert.True(document.Descendants().Count() > 20, path);
        }
    }

    [Fact]
    public void Markdown_report_holds_the_papers_numbers_ours_claims_and_reasons()
    {
        string md = File.ReadAllText(Path.Combine(run.OutDirectory, ReportBuilder.MarkdownFile));
        foreach (string paper in new[] { "32.6", "55.8", "19.8", "163.8", "116.7" })
        {
            Assert.Contains($"| {paper} |", md, StringComparison.Ordinal);
        }

        // Ours: RLO's cost at the first setting of Table II, the mean over its seeds ± the CI half-width, and its yardsticks.
        var table2 = MultiMinerTables.Table2;
        var results = ExperimentResults.From(table2, table2.Settings(ReproductionSizes.Quick), run.Results, QuickReproduction.Options(run.OutDirectory, []));
        var rlo = results.Rows.First(r => r.Scheme.Equals(ReproductionSchemes.Rlo) && r.IsOk);
        Assert.Equal(ReproductionSizes.Quick.TrainingSeeds, rlo.Seeds);
        Assert.Equal(rlo.Cells.Average(c => c.Own![Metrics.Cost].Mean), rlo.Shown(Metrics.Cost)!.Mean, 12);
        Assert.Contains(ReportFormat.Estimate(rlo.Shown(Metrics.Cost)!), md, StringComparison.Ordinal);
        Assert.Contains(ReportFormat.Number(results.YardsticksOf(rlo)!.Value.OptimalityRatio), md, StringComparison.Ordinal);
        foreach (string heading in new[] { "## Claims that do not hold", "## Learners below a rule of thumb", "## Every claim", "## Configuration", "## How to read this", "## Fig. 4", "## Fig. 5", "## Fig. 6", "## Table II", "## Table III", "## Fig. 7", "### Yardsticks of the learners", "### Beyond the paper: what the binary action set costs" })
        {
            Assert.Contains(heading, md, StringComparison.Ordinal);
        }

        Assert.Contains("figures/fig5_cost.png", md, StringComparison.Ordinal);
        Assert.Contains("DRLO < RLO < NO < EO in cost at N=3", md, StringComparison.Ordinal);
        Assert.Matches(@"\*\*(holds|does not hold|exact tie|equivalent|inconclusive|not evaluated)( \(partial\))?:\*\*", md);
        // Where each scheme is judged comes from the claims: the paper's DQN in the paper's and in the sequential and ablations
        // experiments' claims, the model-free variant only beyond the paper.
        Assert.Contains("| drlo-model-free | DRLO (model-free) | ours, model-free: the shared network learning from the observed slot reward alone, discount 0.9 | claims beyond the paper only |", md, StringComparison.Ordinal);
        Assert.Contains("| drlo-shared | shared DQN (ours) | model-assisted (uses the reward model's counterfactuals and the backlog's dynamics), discount ", md, StringComparison.Ordinal);
        Assert.Contains("| drlo-paper | DRLO (paper DQN) | the paper's DQN [Alg. 2]: joint head, discount 0.85 | the paper's claims and claims beyond the paper |", md, StringComparison.Ordinal);
        Assert.Contains("| experiment | claim | outcome | with Holm | magnitude | seeds | ours (95% CI) | what ours measures | paper | cause |", md, StringComparison.Ordinal);
        Assert.True(md.IndexOf("Beyond the paper, judged the same way", StringComparison.Ordinal) < md.IndexOf("## How to read this", StringComparison.Ordinal));

        EdgeMine.Tests.Claims.ReportSummaryTests.SummaryMatchesClaimsCsv(md, File.ReadAllText(Path.Combine(run.OutDirectory, ReportBuilder.ClaimsFile)));

        // Not-applicable cells: n/a in the tables, with the reason.
        foreach (var na in run.Results.Values.Where(r => !r.IsOk).Select(r => r.Reason!).Distinct())
        {
            Assert.Contains("n/a: " + na, md, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Html_report_is_self_contained()
    {
        string html = File.ReadAllText(Path.Combine(run.OutDirectory, ReportBuilder.HtmlFile));
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(ExpectedFigures.Length, Regex.Count(html, "<img [^>]*src=\"data:image/png;base64,[A-Za-z0-9+/=]+\""));
        Assert.Contains("DRLO &lt; RLO &lt; NO &lt; EO", html, StringComparison.Ordinal);
        Assert.Contains("<td>32.6</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_one_experiment_gives_its_report_and_no_other()
    {
        using var directory = new TemporaryDirectory();
        var (_, written) = QuickReproduction.Run(directory.Path, ["table3"]);
        string md = File.ReadAllText(Path.Combine(directory.Path, ReportBuilder.MarkdownFile));
        Assert.Contains("## Table III", md, StringComparison.Ordinal);
        Assert.DoesNotContain("## Fig. 4", md, StringComparison.Ordinal);
        Assert.DoesNotContain("## Table II:", md, StringComparison.Ordinal);
        Assert.Equal(4, written.Count(p => p.EndsWith(".png", StringComparison.Ordinal))); // three, and the outcomes chart
        Assert.Contains("| experiments | table3 |", md, StringComparison.Ordinal);
    }
}
