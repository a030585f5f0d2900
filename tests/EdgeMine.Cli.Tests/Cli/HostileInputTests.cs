using System.Diagnostics;
using System.Globalization;
using EdgeMine.IO;

namespace EdgeMine.Tests.Cli;

/// <summary>
/// Issue 25's hostile uses of the newer commands, one test per class that the command line shares (the Python binding's
/// are in python/tests and tests/EdgeMine.Native.Tests), each of which failed before its fix: wrong error classes (5),
/// messages of unbounded length (6), nonsense accepted with exit 0 (7), unbounded work at the documented maximum (8).
/// Every failing case must end in one line and never in "internal error".
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private string Write(string name, string text) => _directory.Write(name, text);

    /// <summary>The run failed with <paramref name="exitCode"/> and one line, no bug reported, holding every part of <paramref name="expected"/>.</summary>
    private static string AssertOneLineFailure((int ExitCode, string Output, string Error) run, int exitCode, params string[] expected)
    {
        Assert.True(run.ExitCode == exitCode, $"exit {run.ExitCode}: {run.Error}");
        string line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("edgemine: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", line, StringComparison.Ordinal);
        foreach (string part in expected)
        {
            Assert.Contains(part, line, StringComparison.Ordinal);
        }

        return line;
    }

    // Class 5: a configuration that cannot run is exit 2, a failure while running exit 1, "internal error" only for bugs.
    [Theory]
    [InlineData("[1, 2]", "reproduction.json holds [1, 2]; allowed: the reproduction.json of a finished 'edgemine reproduce'")]
    [InlineData("\"calibrated\"", "reproduction.json holds \"calibrated\"; allowed:")]
    [InlineData("{ \"preset\": ", "reproduction.json is not valid JSON at line 1, position 13; allowed:")]
    [InlineData("{ \"preset\": 5 }", "reproduction.json has preset 5; allowed:")]
    public void Reproduce_compare_with_a_foreign_manifest_that_is_not_a_reproductions_exits_2_before_any_cell(string manifest, string expected)
    {
        string foreign = _directory.File("foreign");
        Directory.CreateDirectory(foreign);
        File.WriteAllText(Path.Combine(foreign, "claims.csv"), "experiment,claim,outcome\ntable2,a claim,holds\n");
        File.WriteAllText(Path.Combine(foreign, "reproduction.json"), manifest);
        string output = _directory.File("out");

        var run = CliRunner.Run("reproduce", "--quick", "--only", "table2", "--compare", foreign, "--out", output);

        AssertOneLineFailure(run, 2, $"--compare '{foreign}': {expected}");
        Assert.False(Directory.Exists(output), "the run started");
    }

    [Theory]
    [InlineData("{}", "an empty space, no range to search")]
    [InlineData("{ \"usage_privacy_form\": { \"choices\": [\"eq8\", \"withheld\"] } }", "only choices, no range to search")]
    public void Calibrate_with_a_space_without_ranges_is_refused_before_the_search(string space, string expected)
    {
        string path = Write("space.json", space);
        string output = _directory.File("calibration");

        var run = CliRunner.Run("calibrate", "--quick", "--space", path, "--out", output);

        AssertOneLineFailure(run, 2, $"--space '{path}': {expected}; allowed: at least one config key with {{\"low\", \"high\"}}");
        Assert.False(Directory.Exists(output), "the search started");
    }

    [Fact]
    public void A_full_disk_during_the_cell_phase_exits_1_with_the_systems_reason_not_an_internal_error()
    {
        // The disk is full for every cell's file: the IOException .NET raises for ENOSPC, injected into the writes of
        // this test's run only (AtomicFile.InjectedFailure); the cells run in parallel, which wrapped it in an
        // AggregateException that reached "internal error: AggregateException".
        string output = _directory.File("out");
        AtomicFile.InjectedFailure.Value = path =>
            path.Contains($"{Path.DirectorySeparatorChar}cells{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                ? new IOException($"No space left on device : '{path}'")
                : null;
        try
        {
            var run = CliRunner.Run("sweep", "run", Write("tiny.json", Sweeps.SweepTests.TinySweep), "--out", output, "--jobs", "2");
            AssertOneLineFailure(run, 1, "No space left on device : '", $"{output}{Path.DirectorySeparatorChar}cells{Path.DirectorySeparatorChar}");
        }
        finally
        {
            AtomicFile.InjectedFailure.Value = null;
        }

        // Space again: the same command finishes the sweep.
        Assert.Equal(0, CliRunner.Run("sweep", "run", _directory.File("tiny.json"), "--out", output).ExitCode);
    }

    [Fact]
    public void A_json_escape_of_half_a_surrogate_pair_is_invalid_json_not_an_internal_error()
    {
        // "\ud800" is valid JSON text but no string: reading it threw an InvalidOperationException ("internal error").
        const string Half = "half of a surrogate pair";
        string config = Write("config.json", "{ \"\\ud800\": 1 }");
        AssertOneLineFailure(CliRunner.Run("simulate", "--slots", "5", "--config", config), 2, $"--config '{config}': not valid JSON: a string holds {Half}");
        string sweep = Write("sweep.json", "{ \"name\": \"a\\udc00\", \"fixed\": {\"algo\": \"eo\"} }");
        AssertOneLineFailure(CliRunner.Run("sweep", "list", sweep), 2, $"'{sweep}': not valid JSON: a string holds {Half}");
        string space = Write("space.json", "{ \"usage_privacy_form\": { \"choices\": [\"eq8\", \"\\ud800\"] } }");
        AssertOneLineFailure(CliRunner.Run("calibrate", "--quick", "--space", space, "--out", _directory.File("c")), 2, $"--space '{space}': not valid JSON: a string holds {Half}");
    }

    // Class 6: a user's value is echoed quoted, cut at 200 characters, with its control characters shown.
    [Fact]
    public void A_100000_character_config_key_is_echoed_once_cut_to_200_characters()
    {
        string key = new('k', 100_000);
        string cut = $"'{new string('k', 200)}'... (100000 characters)";
        string file = Write("big-key.json", $"{{ \"{key}\": 1 }}");

        string fromFile = AssertOneLineFailure(CliRunner.Run("simulate", "--slots", "5", "--config", file), 2, $"--config '{file}': unknown key {cut} with value 1; allowed keys: slot_seconds");
        // --set names the assignment (100,002 characters) and the key: both cut.
        string fromSet = AssertOneLineFailure(CliRunner.Run("simulate", "--slots", "5", "--set", $"{key}=1"), 2, $"--set '{new string('k', 200)}'... (100002 characters): unknown key {cut}; allowed keys:");

        Assert.Single(fromFile.Split("(100000 characters)").Skip(1)); // the key once (it was echoed twice, whole)
        foreach (string line in new[] { fromFile, fromSet })
        {
            Assert.True(line.Length < 1200, $"{line.Length} characters");
        }
    }

    [Fact]
    public void A_nul_or_a_newline_in_a_value_is_shown_and_the_message_stays_one_line()
    {
        AssertOneLineFailure(CliRunner.Run("simulate", "--slots", "5", "--preset", "calibrated\0x"), 2, @"--preset 'calibrated\0x': unknown preset; allowed: calibrated, paper-literal");
        AssertOneLineFailure(CliRunner.Run("simulate", "--slots", "5", "--policy", "no\nrm -rf /"), 2, @"--policy 'no\nrm -rf /': unknown policy");
        AssertOneLineFailure(CliRunner.Run("sweep", "submit", Write("s.json", "{ \"fixed\": {\"algo\": \"eo\"} }"), "--out", _directory.File("o"), "--partition", "a\rb\u001b[2J"), 2, @"--partition 'a\rb\u001B[2J': allowed: a partition name");
    }

    // Class 7: empty or degenerate inputs are refused up front, never read as "everything" or "the last one".
    [Theory]
    [InlineData("")]
    [InlineData(" , ")]
    public void Reproduce_only_naming_no_experiment_is_refused(string only)
    {
        string output = _directory.File("out");
        AssertOneLineFailure(CliRunner.Run("reproduce", "--quick", "--only", only, "--out", output), 2, "--only '", "': names no experiment; allowed: a comma-separated list of fig4, fig5");
        Assert.False(Directory.Exists(output), "the reproduction started");
    }

    [Fact]
    public void A_sweep_file_or_a_config_file_that_repeats_a_key_is_refused()
    {
        // JSON lets a key repeat and a reader keeps the last one: the first grid was silently lost.
        string sweep = Write("twice.json", "{ \"fixed\": {\"algo\": \"eo\"}, \"grid\": {\"beta\": [0.2]}, \"grid\": {\"beta\": [0.8]} }");
        AssertOneLineFailure(CliRunner.Run("sweep", "list", sweep), 2, $"'{sweep}': field 'grid' appears twice; allowed: each field once");

        string config = Write("config.json", "{ \"rate_bad_bps\": 1e6, \"rate_bad_bps\": 2e6 }");
        AssertOneLineFailure(CliRunner.Run("simulate", "--slots", "5", "--config", config), 2, $"--config '{config}': key 'rate_bad_bps' appears twice; allowed: each key once");
    }

    [Fact]
    public void Sweep_submit_warns_when_an_index_is_beyond_the_clusters_MaxArraySize()
    {
        // 10,002 cells: index 10001 is beyond Slurm's default MaxArraySize (1001) and the one-node test cluster's (10001).
        string seeds = string.Join(", ", Enumerable.Range(0, 10_002).Select(i => i.ToString(CultureInfo.InvariantCulture)));
        string file = Write("wide.json", $"{{ \"commands\": [\"evaluate\"], \"fixed\": {{\"algo\": \"eo\"}}, \"grid\": {{\"seed\": [{seeds}]}} }}");

        var (code, output, error) = CliRunner.Run("sweep", "submit", file, "--out", _directory.File("out"));

        Assert.True(code == 0, error);
        Assert.Contains("--array=0-10001 (10002 of 10002 cells to run", output, StringComparison.Ordinal);
        string warning = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches(@"^edgemine: warning: \d+ of the array's 10002 indices \(up to 10001\) are at or above the cluster's MaxArraySize \d+ \((Slurm's default: .+|from 'scontrol show config')\), and sbatch refuses an array with any of them", warning);
    }

    // Class 8: a sweep at the documented maximum (a million cells) with nothing run is collected in bounded memory.
    [Fact]
    public void A_million_cell_sweep_with_nothing_run_is_submitted_and_collected_in_a_256_MB_heap_and_summarised_in_one_line()
    {
        // Child processes with a hard heap limit of 256 MB: before, submit took 1.7 GB and collect 2.3 GB (measured), and
        // collect printed a million "missing" lines and wrote a 100 MB results.csv of rows without data.
        string seeds = string.Join(", ", Enumerable.Range(0, 1000).Select(i => i.ToString(CultureInfo.InvariantCulture)));
        string betas = string.Join(", ", Enumerable.Range(0, 1000).Select(i => (i / 1000.0).ToString("R", CultureInfo.InvariantCulture)));
        string file = Write("million.json", $"{{ \"fixed\": {{\"algo\": \"eo\"}}, \"grid\": {{\"seed\": [{seeds}], \"beta\": [{betas}]}} }}");
        string output = _directory.File("out");

        var submit = RunLimited(["sweep", "submit", file, "--out", output]);
        Assert.True(submit.ExitCode == 0, submit.Error);
        Assert.Contains("--array=0-999999 (1000000 of 1000000 cells to run", submit.Output, StringComparison.Ordinal);

        var collect = RunLimited(["sweep", "collect", output]);
        Assert.True(collect.ExitCode == 1, $"exit {collect.ExitCode}: {collect.Error}");
        string[] lines = collect.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("1000000 cells: 0 done (0 not applicable), 0 failed, 1000000 missing; wrote ", lines[0], StringComparison.Ordinal);
        Assert.Equal("missing: 1000000 cell(s), index 0-999999 (see 'edgemine sweep list')", lines[1]);
        Assert.StartsWith("rerun what is missing with: ", lines[2], StringComparison.Ordinal);
        Assert.Single(File.ReadAllLines(Path.Combine(output, "results.csv"))); // the header: no rows without data
    }

    [Fact]
    public void Collect_names_missing_cells_as_ranges_and_keeps_failed_and_done_rows()
    {
        string output = _directory.File("out");
        string file = Write("tiny.json", Sweeps.SweepTests.TinySweep);
        Assert.Equal(0, CliRunner.Run("sweep", "run", file, "--out", output, "--index", "0").ExitCode);
        Assert.Equal(0, CliRunner.Run("sweep", "run", file, "--out", output, "--index", "3").ExitCode);

        var (code, text, _) = CliRunner.Run("sweep", "collect", output);

        Assert.Equal(1, code);
        Assert.Contains("4 cells: 2 done (0 not applicable), 0 failed, 2 missing", text, StringComparison.Ordinal);
        Assert.Contains("missing: 2 cell(s), index 1-2 (see 'edgemine sweep list')", text, StringComparison.Ordinal);
        var rows = File.ReadAllLines(Path.Combine(output, "results.csv")).Skip(1).Select(r => r[..r.IndexOf(',', StringComparison.Ordinal)]).Distinct();
        Assert.Equal(["0", "3"], rows);
    }

    /// <summary>The command line in a child process whose managed heap is capped at 256 MB (DOTNET_GCHeapHardLimit).</summary>
    private static (int ExitCode, string Output, string Error) RunLimited(string[] args)
    {
        string host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(EdgeMine.Cli.Program).Assembly.Location);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_GCHeapHardLimit"] = "0x10000000";
        start.Environment["EDGEMINE_DEBUG"] = null;
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }
}
