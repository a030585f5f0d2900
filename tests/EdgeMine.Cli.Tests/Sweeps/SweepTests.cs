using EdgeMine.Cells;
using EdgeMine.Schemes;
using EdgeMine.Sweeps;

namespace EdgeMine.Tests.Sweeps;

/// <summary>
/// Sweeps through the command line: every validation error of a sweep file, a local run, collect, re-runs after a killed
/// cell, and submit (the sweep file's parsing and numbering: tests/EdgeMine.Runs.Tests/Sweeps).
/// </summary>
public sealed class SweepTests : IDisposable
{
    /// <summary>The tiny sweep of the sweep tests (tests/Shared/SampleSweeps.cs).</summary>
    public const string TinySweep = SampleSweeps.Tiny;

    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private string Write(string name, string text) => _directory.Write(name, text);

    [Fact]
    public void List_PrintsTheCountAndTheMapping()
    {
        var (code, output, _) = CliRunner.Run("sweep", "list", Write("tiny.json", TinySweep));

        Assert.Equal(0, code);
        var lines = output.TrimEnd().Split('\n');
        Assert.StartsWith("4 cells (grid algo x beta = 2 x 2)", lines[0], StringComparison.Ordinal);
        Assert.Equal("0\t0-algo=rlo_beta=0.2\talgo=rlo", lines[1]);
        Assert.Equal("3\t3-algo=eo_beta=0.8\talgo=eo", lines[4]);
    }

    public static TheoryData<string, string[]> InvalidSweeps => new()
    {
        { "not json", ["not valid JSON"] },
        { "[1, 2]", ["JSON array", "expected an object"] },
        { """{ "fixed": {"algo": "eo"}, "gird": {} }""", ["unknown field 'gird'", "allowed fields", "grid"] },
        { """{ "fixed": {"algo": "eo"}, "grid": { "bta": [0.5] } }""", ["grid key 'bta' is unknown", "allowed keys", "beta", "rate_bad_bps"] },
        { """{ "fixed": {"algo": "eo", "warp": 1} }""", ["fixed key 'warp' is unknown", "allowed keys"] },
        { """{ "fixed": {"algo": "eo"}, "grid": { "beta": [] } }""", ["grid key 'beta' has an empty list", "non-empty list"] },
        { """{ "fixed": {"algo": "eo"}, "grid": { "beta": 0.5 } }""", ["grid key 'beta' has value 0.5", "non-empty list"] },
        { """{ "fixed": {"algo": "eo"}, "grid": { "beta": [0.5, 1.5] } }""", ["grid key 'beta' has value 1.5", "[0, 1]"] },
        { """{ "fixed": {"algo": "eo"}, "grid": { "beta": [0.5, 0.5] } }""", ["grid key 'beta'", "0.5 twice", "distinct"] },
        { """{ "fixed": {"algo": "eo"}, "grid": { "miners": [1, 0] } }""", ["grid key 'miners' has value 0", "positive integer"] },
        { """{ "fixed": {"algo": "eo"}, "grid": { "miners": [2.5] } }""", ["grid key 'miners' has value 2.5", "positive integer"] },
        { """{ "fixed": {"algo": "eo"}, "grid": { "seed": [-1] } }""", ["grid key 'seed' has value -1", "[0, 2^64)"] },
        { """{ "grid": { "algo": ["rlo", "dqn"] } }""", ["grid key 'algo' has value \"dqn\"", "rlo", "optimal"] },
        { """{ "fixed": {"algo": "eo", "preset": "fast"} }""", ["fixed key 'preset' has value \"fast\"", "calibrated"] },
        { """{ "fixed": {"algo": "eo", "variant": "turbo"} }""", ["fixed key 'variant' has value \"turbo\"", "paper"] },
        { """{ "fixed": {"algo": "eo", "rate_bad_bps": -1} }""", ["fixed key 'rate_bad_bps' has value -1", "> 0"] },
        { """{ "fixed": {"algo": "eo", "usage_privacy_form": "foo"} }""", ["fixed key 'usage_privacy_form' has value \"foo\"", "allowed: eq8, withheld"] },
        { """{ "fixed": {"algo": "eo"}, "grid": { "usage_privacy_form": ["eq8", 8] } }""", ["grid key 'usage_privacy_form' has value 8", "allowed: eq8, withheld"] },
        { """{ "fixed": {"algo": "eo", "beta": [0.5]} }""", ["fixed key 'beta' has a list", "under 'grid'"] },
        { """{ "fixed": {"algo": "eo", "beta": 0.5}, "grid": { "beta": [0.2] } }""", ["grid key 'beta' is also under 'fixed'"] },
        { """{ "grid": { "beta": [0.2] } }""", ["no 'algo'", "rlo"] },
        { """{ "commands": [], "fixed": {"algo": "eo"} }""", ["field 'commands' has an empty list", "train, evaluate"] },
        { """{ "commands": ["fit"], "fixed": {"algo": "eo"} }""", ["field 'commands' has value \"fit\"", "train, evaluate"] },
        { """{ "baselines": ["greedy"], "fixed": {"algo": "eo"} }""", ["field 'baselines' has value \"greedy\"", "optimal"] },
        { """{ "name": "a b", "fixed": {"algo": "eo"} }""", ["field 'name' has value \"a b\"", "letters, digits"] },
        { """{ "fixed": {"algo": "eo"}, "grid": { "arrival_min_bits": [5e4, 2e5] } }""", ["cell 1 (arrival_min_bits=200000)", "exceeds arrival_max_bits"] },
    };

    [Theory]
    [MemberData(nameof(InvalidSweeps))]
    public void InvalidSweepFile_ExitsTwoWithOneLineNamingTheFieldValueAndWhatIsAllowed(string text, string[] fragments)
    {
        string path = Write("bad.json", text);
        foreach (string[] command in new[] { new[] { "sweep", "list", path }, ["sweep", "run", path, "--out", _directory.File("out")] })
        {
            var (code, output, error) = CliRunner.Run(command);

            Assert.Equal(2, code);
            Assert.Equal("", output);
            string line = Assert.Single(error.TrimEnd().Split('\n'));
            Assert.StartsWith($"edgemine: '{path}': ", line, StringComparison.Ordinal);
            foreach (string fragment in fragments)
            {
                Assert.Contains(fragment, line, StringComparison.Ordinal);
            }
        }

        Assert.False(Directory.Exists(_directory.File("out")));
    }

    [Fact]
    public void Run_IndexOutOfRange_IsAUsageError()
    {
        var (code, _, error) = CliRunner.Run("sweep", "run", Write("tiny.json", TinySweep), "--out", _directory.File("out"), "--index", "4");

        Assert.Equal(2, code);
        Assert.Contains("--index 4: allowed: 0 to 3 (the sweep has 4 cells)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_SameDirectoryWithAnotherSweep_IsRefused()
    {
        string outPath = _directory.File("out");
        Assert.Equal(0, CliRunner.Run("sweep", "run", Write("tiny.json", TinySweep), "--out", outPath, "--index", "2").ExitCode);

        var (code, _, error) = CliRunner.Run("sweep", "run", Write("other.json", TinySweep.Replace("0.8", "0.9", StringComparison.Ordinal)), "--out", outPath);

        Assert.Equal(2, code);
        Assert.Contains("holds a sweep of another configuration", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TinySweep_RunLocally_CollectsOneRowPerSchemeAndCell_AndEqualsTheCellByCellRun()
    {
        string file = Write("tiny.json", TinySweep);
        string all = _directory.File("all");
        string byIndex = _directory.File("by-index");

        var run = CliRunner.Run("sweep", "run", file, "--out", all, "--jobs", "2");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("4 cells; 0 already done, 4 ran, 0 failed", run.Output, StringComparison.Ordinal);
        for (int i = 3; i >= 0; i--)
        {
            Assert.Equal(0, CliRunner.Run("sweep", "run", file, "--out", byIndex, "--index", $"{i}").ExitCode);
        }

        var collected = CliRunner.Run("sweep", "collect", all);
        Assert.True(collected.ExitCode == 0, collected.Output);
        Assert.Contains("4 cells: 4 done (0 not applicable), 0 failed, 0 missing", collected.Output, StringComparison.Ordinal);
        Assert.Equal(0, CliRunner.Run("sweep", "collect", byIndex).ExitCode);

        string csv = File.ReadAllText(Path.Combine(all, "results.csv"));
        Assert.Equal(csv, File.ReadAllText(Path.Combine(byIndex, "results.csv")));
        var lines = csv.TrimEnd().Split('\n');
        Assert.Equal(1 + (4 * 3), lines.Length); // each cell: its scheme, random and optimal
        var header = lines[0].Split(',');
        Assert.Equal(["index", "slug", "algo", "beta", "status", "scheme", "reward", "reward_ci95_low", "reward_ci95_high", "reward_n"], header[..10]);
        foreach (string metric in new[] { "cost", "privacy", "energy_j", "latency_s" })
        {
            Assert.Contains(metric, header);
            Assert.Contains($"{metric}_ci95_high", header);
        }

        Assert.Equal(["optimality_ratio", "headroom_captured", "rank"], header[^3..]);
        var rows = lines[1..].Select(l => l.Split(',')).ToArray();
        Assert.Equal(["0", "0", "0", "1", "1", "1", "2", "2", "2", "3", "3", "3"], rows.Select(r => r[0]));
        Assert.Equal(["rlo", "random", "optimal", "rlo", "random", "optimal", "eo", "random", "optimal", "eo", "random", "optimal"], rows.Select(r => r[5]));
        Assert.Equal(["0.2", "0.8", "0.2", "0.8"], rows.Where(r => r[5] == "random").Select(r => r[3]));
        Assert.All(rows, r => Assert.Equal("ok", r[4]));
        Assert.All(rows, r => Assert.True(double.Parse(r[7], System.Globalization.CultureInfo.InvariantCulture) <= double.Parse(r[8], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(rows, r => Assert.Equal("3", r[9])); // eval_runs
        // The optimality ratio on the cell's own seeds: 0 for Random and 1 for the optimum by definition (or empty where
        // the optimum's lead over Random is within noise on these 3 runs).
        Assert.All(rows.Where(r => r[5] == "random"), r => Assert.True(r[^3] is "0" or "", r[^3]));
        Assert.All(rows.Where(r => r[5] == "optimal"), r => Assert.True(r[^3] is "1" or "", r[^3]));
        // The optimum ranks first in its cell: nothing is above it beyond noise (the calibrated preset, where it bounds).
        Assert.All(rows.Where(r => r[5] == "optimal"), r => Assert.Equal("1", r[^1]));

        // ranking.csv: per cell, the three schemes in order of mean reward, each adjacent pair with its verdict.
        var ranking = File.ReadAllLines(Path.Combine(all, "ranking.csv"));
        Assert.Equal(1 + (4 * 3), ranking.Length);
        var rankingHeader = ranking[0].Split(',');
        Assert.Equal(["index", "slug", "algo", "beta", "position", "scheme", "rank", "reward", "next_scheme", "verdict_above_next"], rankingHeader[..10]);
        var byCell = ranking[1..].Select(l => l.Split(',')).GroupBy(r => r[0]).ToArray();
        Assert.Equal(4, byCell.Length);
        foreach (var cell in byCell)
        {
            var cellRows = cell.ToArray();
            Assert.Equal(["1", "2", "3"], cellRows.Select(r => r[4]));
            Assert.Equal("1", cellRows[0][6]);
            Assert.Equal("", cellRows[2][9]); // the last has no next
            Assert.All(cellRows[..2], r => Assert.True(r[9] is "holds" or "exact tie" or "equivalent" or "inconclusive", r[9]));
            double[] rewards = cellRows.Select(r => double.Parse(r[7], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            Assert.True(rewards[0] >= rewards[1] && rewards[1] >= rewards[2]);
        }

        Assert.Equal(File.ReadAllText(Path.Combine(all, "ranking.csv")), File.ReadAllText(Path.Combine(byIndex, "ranking.csv")));

        // The learner's training directory sits in its cell; a baseline cell has none.
        Assert.True(File.Exists(Path.Combine(all, "cells", "0-algo=rlo_beta=0.2", "model", "model.bin")));
        Assert.False(Directory.Exists(Path.Combine(all, "cells", "2-algo=eo_beta=0.2", "model")));
    }

    [Fact]
    public void ASweepOverBeta_KeepsEveryBaselineInResultsCsv_AndDrawsAMetricAgainstBeta()
    {
        string file = Write("beta.json", """
            { "baselines": ["no", "eo", "go", "random", "optimal"],
              "fixed": { "algo": "rlo", "slots": 200, "eval_runs": 3, "eval_slots": 50 },
              "grid": { "beta": [0.2, 0.8] } }
            """);
        string outPath = _directory.File("out");
        Assert.Equal(0, CliRunner.Run("sweep", "run", file, "--out", outPath).ExitCode);

        var (code, output, error) = CliRunner.Run("sweep", "collect", outPath, "--plot", "reward:beta");

        Assert.True(code == 0, output + error);
        var lines = File.ReadAllLines(Path.Combine(outPath, "results.csv"));
        var header = lines[0].Split(',');
        var rows = lines[1..].Select(l => l.Split(',')).ToArray();
        string Cell(string[] row, string column) => row[Array.IndexOf(header, column)];
        Assert.Equal(["rlo", "no", "eo", "go", "random", "optimal", "rlo", "no", "eo", "go", "random", "optimal"], rows.Select(r => Cell(r, "scheme")));
        Assert.Equal(["0.2", "0.8"], rows.Select(r => Cell(r, "beta")).Distinct());

        // Every row is its cell's evaluation of that scheme, digit for digit.
        var store = new CellStore(outPath, SchemeCatalog.Full);
        foreach (var row in rows)
        {
            var evaluation = store.TryRead(Cell(row, "slug"))!.Evaluations.Single(e => e.Scheme.Name == Cell(row, "scheme"));
            Assert.Equal(evaluation.Metrics["reward"].Mean.ToString("R", System.Globalization.CultureInfo.InvariantCulture), Cell(row, "reward"));
            Assert.Equal(evaluation.Metrics["cost"].Ci95High.ToString("R", System.Globalization.CultureInfo.InvariantCulture), Cell(row, "cost_ci95_high"));
        }

        // Hand-worked: NO executes everything locally, so its cost per task is beta D / 100 kbit + (1 - beta) D / 100 kbit
        // = D / 100 kbit (the calibrated units), whatever beta, and its privacy is 0: on common seeds its reward is the
        // same at both betas. EO offloads every task.
        var no = rows.Where(r => Cell(r, "scheme") == "no").Select(r => double.Parse(Cell(r, "reward"), System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(no[0], no[1], 12);
        Assert.All(rows.Where(r => Cell(r, "scheme") == "no"), r => Assert.Equal("0", Cell(r, "privacy")));
        Assert.All(rows.Where(r => Cell(r, "scheme") == "eo"), r => Assert.Equal("1", Cell(r, "offloaded_fraction")));

        // The figure: PNG and SVG, one line per scheme.
        string png = Path.Combine(outPath, "figures", "reward_vs_beta.png");
        Assert.Equal((byte[])[0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(png)[..4]);
        string svg = File.ReadAllText(Path.Combine(outPath, "figures", "reward_vs_beta.svg"));
        foreach (string label in new[] { "RLO", "NO", "EO", "GO", "Random", "Per-slot optimum" })
        {
            Assert.Matches($@">\s*{System.Text.RegularExpressions.Regex.Escape(label)}\s*<", svg);
        }

        Assert.Contains("reward_vs_beta.png", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Plot_DrawsOnePanelPerPreset_SoTheirScalesDoNotSquashEachOther()
    {
        // Issue 26: paper-literal's rewards of +-400 drew the calibrated lines flat at 0 on one axis.
        string file = Write("presets.json", """
            { "baselines": ["random", "optimal"],
              "fixed": { "algo": "eo", "eval_runs": 2, "eval_slots": 20 },
              "grid": { "preset": ["calibrated", "paper-literal"], "beta": [0.2, 0.8] } }
            """);
        string outPath = _directory.File("presets");
        Assert.Equal(0, CliRunner.Run("sweep", "run", file, "--out", outPath).ExitCode);
        var (code, output, error) = CliRunner.Run("sweep", "collect", outPath, "--plot", "reward:beta");
        Assert.True(code == 0, output + error);
        foreach (string preset in new[] { "calibrated", "paper-literal" })
        {
            string png = Path.Combine(outPath, "figures", $"reward_vs_beta__preset={preset}.png");
            Assert.True(File.Exists(png), output);
            string svg = File.ReadAllText(Path.ChangeExtension(png, ".svg"));
            Assert.Contains($"preset={preset}", svg, StringComparison.Ordinal); // the panel's title names it
        }

        Assert.False(File.Exists(Path.Combine(outPath, "figures", "reward_vs_beta.png")));
    }

    [Theory]
    [InlineData("reward", "allowed: METRIC:KEY")]
    [InlineData("rewards:beta", "unknown metric 'rewards'")]
    [InlineData("reward:algo", "'algo' is not a numeric grid key")]
    public void Collect_BadPlot_IsAUsageErrorNamingWhatIsAllowed(string plot, string expected)
    {
        string outPath = _directory.File("out");
        Assert.Equal(0, CliRunner.Run("sweep", "run", Write("tiny.json", TinySweep), "--out", outPath, "--index", "0").ExitCode);

        var (code, _, error) = CliRunner.Run("sweep", "collect", outPath, "--plot", plot);

        Assert.Equal(2, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Contains("numeric grid key of this sweep (beta)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void KilledAndFailedCells_AreReportedBySubmitAndCollect_AndARerunRedoesOnlyThem()
    {
        string file = Write("tiny.json", TinySweep);
        string outPath = _directory.File("out");
        Assert.Equal(0, CliRunner.Run("sweep", "run", file, "--out", outPath).ExitCode);
        Assert.Equal(0, CliRunner.Run("sweep", "collect", outPath).ExitCode);
        string complete = File.ReadAllText(Path.Combine(outPath, "results.csv"));
        var sweep = SweepDefinition.Parse(TinySweep, "tiny", SchemeCatalog.Full);
        string Result(int i) => Path.Combine(outPath, "cells", sweep.Cells[i].Slug, "result.json");

        // Cell 1 "killed" (its result never written); cell 2 failed (a marker instead of a result).
        File.Delete(Result(1));
        File.Delete(Result(2));
        new CellStore(outPath, SchemeCatalog.Full).WriteFailure(sweep.Cells[2].Slug, new InvalidOperationException("out of memory\non node 7"));
        var before = Enumerable.Range(0, 4).Where(i => i is 0 or 3).ToDictionary(i => i, i => (File.GetLastWriteTimeUtc(Result(i)), File.ReadAllBytes(Result(i))));

        var collected = CliRunner.Run("sweep", "collect", outPath);
        Assert.Equal(1, collected.ExitCode);
        Assert.Contains("2 done (0 not applicable), 1 failed, 1 missing", collected.Output, StringComparison.Ordinal);
        Assert.Contains("failed: 2-algo=eo_beta=0.2: InvalidOperationException: out of memory\\non node 7", collected.Output, StringComparison.Ordinal);
        Assert.Contains("missing: 1 cell(s), index 1 (see 'edgemine sweep list')", collected.Output, StringComparison.Ordinal);
        var incomplete = File.ReadAllText(Path.Combine(outPath, "results.csv")).Split('\n');
        // Cell 0 has three rows (rlo, random, optimal); the failed cell one, for its own scheme; the missing cell none.
        Assert.StartsWith("2,2-algo=eo_beta=0.2,eo,0.2,failed,eo,,", incomplete[4], StringComparison.Ordinal);
        Assert.DoesNotContain(incomplete, row => row.StartsWith("1,", StringComparison.Ordinal));

        var submit = CliRunner.Run("sweep", "submit", file, "--out", outPath, "--max-parallel", "2", "--partition", "debug", "--time", "00:10:00");
        Assert.True(submit.ExitCode == 0, submit.Error);
        string script = File.ReadAllText(Path.Combine(outPath, "sweep.sbatch"));
        Assert.Contains("#SBATCH --array=1-2%2\n", script, StringComparison.Ordinal);
        Assert.Contains("#SBATCH --partition=debug\n", script, StringComparison.Ordinal);
        Assert.Contains("#SBATCH --time=00:10:00\n", script, StringComparison.Ordinal);
        Assert.Contains($" sweep run {Path.GetFullPath(outPath)}/sweep.json --out {Path.GetFullPath(outPath)}\n", script, StringComparison.Ordinal);
        Assert.Contains("edgemine.dll", script, StringComparison.Ordinal);

        var rerun = CliRunner.Run("sweep", "run", file, "--out", outPath);
        Assert.True(rerun.ExitCode == 0, rerun.Error);
        Assert.Contains("2 already done, 2 ran, 0 failed", rerun.Output, StringComparison.Ordinal);
        foreach (var (i, (time, bytes)) in before)
        {
            Assert.Equal(time, File.GetLastWriteTimeUtc(Result(i)));
            Assert.Equal(bytes, File.ReadAllBytes(Result(i)));
        }

        Assert.False(File.Exists(Path.Combine(outPath, "cells", sweep.Cells[2].Slug, "failed.json")));
        Assert.Equal(0, CliRunner.Run("sweep", "collect", outPath).ExitCode);
        Assert.Equal(complete, File.ReadAllText(Path.Combine(outPath, "results.csv")));

        var nothing = CliRunner.Run("sweep", "submit", file, "--out", outPath);
        Assert.Equal(0, nothing.ExitCode);
        Assert.Contains("all 4 cells are done; nothing to submit", nothing.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void ACellThatThrows_LeavesAFailureMarker_RunAndCollectExitNonZero()
    {
        // "evaluate" alone needs a model trained earlier: the learner cells fail, the baseline cell runs.
        string file = Write("eval.json", """{ "commands": ["evaluate"], "fixed": {"eval_runs": 2, "eval_slots": 50}, "grid": { "algo": ["rlo", "no"] } }""");
        string outPath = _directory.File("out");

        var run = CliRunner.Run("sweep", "run", file, "--out", outPath);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("cell 0-algo=rlo failed", run.Error, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(outPath, "cells", "0-algo=rlo", "failed.json")));
        Assert.True(File.Exists(Path.Combine(outPath, "cells", "1-algo=no", "result.json")));
        var collected = CliRunner.Run("sweep", "collect", outPath);
        Assert.Equal(1, collected.ExitCode);
        Assert.Contains("failed: 0-algo=rlo", collected.Output, StringComparison.Ordinal);
        Assert.Equal(CellState.Failed, new CellStore(outPath, SchemeCatalog.Full).State("0-algo=rlo"));
    }

    [Fact]
    public void ALearnerThatRejectsItsSetting_IsNotApplicable_NotFailed()
    {
        string file = Write("na.json", """{ "fixed": {"slots": 50, "eval_runs": 2, "eval_slots": 50, "tasks": 1}, "grid": { "algo": ["cmdp"], "miners": [1, 2] } }""");
        string outPath = _directory.File("out");

        Assert.Equal(0, CliRunner.Run("sweep", "run", file, "--out", outPath, "--index", "1").ExitCode);

        var result = new CellStore(outPath, SchemeCatalog.Full).TryRead("1-algo=cmdp_miners=2");
        Assert.NotNull(result);
        Assert.Equal(CellStatus.NotApplicable, result.Status);
        Assert.Contains("single-miner", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Submit_BadClusterOptions_AreUsageErrors()
    {
        string file = Write("tiny.json", TinySweep);
        Assert.Contains("--time '90 minutes'", CliRunner.Run("sweep", "submit", file, "--out", _directory.File("o1"), "--time", "90 minutes").Error, StringComparison.Ordinal);
        Assert.Equal(2, CliRunner.Run("sweep", "submit", file, "--out", _directory.File("o2"), "--max-parallel", "0").ExitCode);
        Assert.Equal(2, CliRunner.Run("sweep", "submit", file, "--out", _directory.File("o3"), "--partition", "a;rm").ExitCode);
    }
}
