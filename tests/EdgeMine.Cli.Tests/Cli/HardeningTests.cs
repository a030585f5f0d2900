using System.Globalization;
using System.Diagnostics;
using EdgeMine.Cells;
using EdgeMine.IO;

namespace EdgeMine.Tests.Cli;

/// <summary>
/// One test per class of issue 14's hostile uses, each of which failed before the fix: nothing that is not ours is
/// destroyed, no directory is written by two runs, nothing grows without bound, no hidden crash, no script injection,
/// nothing non-finite, and every error is one line naming the option, without .NET type names.
/// </summary>
public sealed class HardeningTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static void AssertUsageError((int ExitCode, string Output, string Error) run, params string[] expected)
    {
        Assert.True(run.ExitCode == 2, $"exit {run.ExitCode}: {run.Error}");
        string line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("edgemine: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", line, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", line, StringComparison.Ordinal);
        foreach (string part in expected)
        {
            Assert.Contains(part, line, StringComparison.Ordinal);
        }
    }

    // Class 1: destroying what is not ours.
    [SkippableFact]
    public void A_trace_to_a_device_is_written_through_and_the_device_stays()
    {
        Skip.IfNot(File.Exists("/dev/null") && FileKind.Of("/dev/null") == PathKind.Special, "no /dev/null device here");
        var run = CliRunner.Run("simulate", "--slots", "20", "--runs", "1", "--trace", "/dev/null");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(PathKind.Special, FileKind.Of("/dev/null"));

        if (File.Exists("/dev/full"))
        {
            var full = CliRunner.Run("simulate", "--slots", "20", "--runs", "1", "--trace", "/dev/full");
            Assert.Equal(1, full.ExitCode);
            Assert.Contains("/dev/full", full.Error, StringComparison.Ordinal);
            Assert.Equal(PathKind.Special, FileKind.Of("/dev/full"));
        }
    }

    [Fact]
    public void A_trace_through_a_symbolic_link_keeps_the_link_and_writes_its_target()
    {
        string target = _directory.File("target.csv");
        File.WriteAllText(target, "old");
        string link = _directory.File("link.csv");
        File.CreateSymbolicLink(link, target);

        var run = CliRunner.Run("simulate", "--slots", "5", "--runs", "1", "--trace", link);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(target, new FileInfo(link).LinkTarget);
        Assert.StartsWith("slot,miner,task", File.ReadAllText(target), StringComparison.Ordinal);
    }

    [Fact]
    public void A_trace_that_is_empty_a_directory_or_in_no_directory_is_refused_naming_the_option()
    {
        AssertUsageError(CliRunner.Run("simulate", "--trace", ""), "--trace ''");
        AssertUsageError(CliRunner.Run("simulate", "--trace", _directory.Path), "is a directory");
        AssertUsageError(CliRunner.Run("simulate", "--trace", Path.Combine(_directory.Path, "missing", "t.csv")), "does not exist");
    }

    // Class 2: two runs in one directory.
    [Fact]
    public void A_second_run_in_a_locked_directory_is_refused_naming_the_holder_and_a_killed_holder_leaves_no_lock()
    {
        string run = _directory.File("locked");
        string[] train = ["train", "--algo", "rlo", "--slots", "5000000", "--checkpoint-every", "1000", "--out", run];
        using var holder = StartCli(train);
        try
        {
            string pidFile = Path.Combine(run, DirectoryLock.HolderFile);
            var clock = Stopwatch.StartNew();
            while (!(File.Exists(pidFile) && File.ReadAllText(pidFile).StartsWith(holder.Id.ToString(CultureInfo.InvariantCulture) + " ", StringComparison.Ordinal)))
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "the holder never locked the directory");
                Thread.Sleep(50);
            }

            AssertUsageError(CliRunner.Run([.. train[..^2], "--beta", "0.8", "--out", run]), "another edgemine run", $"PID {holder.Id}");
            AssertUsageError(CliRunner.Run([.. train, "--resume"]), "another edgemine run");
        }
        finally
        {
            holder.Kill();
            holder.WaitForExit();
        }

        // Killed: the kernel dropped its lock. A run of another configuration takes the directory over when the killed
        // one left no result, or is refused for its checkpoint, but never for a lock.
        var other = CliRunner.Run("train", "--algo", "rlo", "--slots", "2000", "--out", run);
        Assert.True(other.ExitCode == 0 || other.Error.Contains("another configuration", StringComparison.Ordinal), other.Error);
        Assert.DoesNotContain("another edgemine run", other.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_of_one_kind_is_refused_as_another()
    {
        string trained = _directory.File("trained");
        Assert.Equal(0, CliRunner.Run("train", "--algo", "rlo", "--slots", "50", "--out", trained).ExitCode);
        AssertUsageError(CliRunner.Run("reproduce", "--quick", "--only", "fig7", "--out", trained), "holds a training run");

        string file = _directory.File("a-file");
        File.WriteAllText(file, "x");
        AssertUsageError(CliRunner.Run("train", "--algo", "rlo", "--slots", "50", "--out", file), "is a file");
        AssertUsageError(CliRunner.Run("train", "--algo", "rlo", "--slots", "50", "--out", ""), "--out ''");
    }

    // Class 3: unbounded memory.
    [Fact]
    public void Endless_or_huge_inputs_are_refused_before_they_are_read_whole()
    {
        if (File.Exists("/dev/zero"))
        {
            AssertUsageError(CliRunner.Run("simulate", "--config", "/dev/zero"), "--config '/dev/zero'", "at most 1 MiB");
            AssertUsageError(CliRunner.Run("simulate", "@/dev/zero"), "@/dev/zero");
        }

        string big = _directory.File("big.json");
        File.WriteAllText(big, "{\"x\": \"" + new string('a', (1 << 20) + 10) + "\"}");
        AssertUsageError(CliRunner.Run("sweep", "run", big, "--out", _directory.File("s")), "at most 1 MiB");
        AssertUsageError(CliRunner.Run("train", "--algo", "rlo", "--slots", "1099511627776", "--out", _directory.File("t")), "--slots 1099511627776", "allowed");
    }

    [Theory]
    [InlineData("default", "hidden=100000,100000", "weights")]
    [InlineData("branching", "hidden=100000,100000", "weights")]
    [InlineData("paper", "batch=1000000000;replay=1000000000", "batch")]
    [InlineData("branching", "replay=2000000000", "replay")]
    [InlineData("default", "updates_per_slot=100000", "updates_per_slot")]
    public void Learner_sizes_beyond_memory_are_refused_before_anything_is_allocated(string variant, string option, string named)
    {
        long before = GC.GetTotalAllocatedBytes();
        string[] learner = option.Split(";").SelectMany(o => new[] { "--learner", o }).ToArray();
        AssertUsageError(CliRunner.Run(["train", "--algo", "drlo", "--variant", variant, .. learner, "--slots", "10", "--out", _directory.File(variant)]), named, "allowed:", "at most");
        Assert.True(GC.GetTotalAllocatedBytes() - before < 100_000_000);
    }

    // Class 4: hidden crashes, with a file named and what to do.
    [Fact]
    public void Damaged_models_and_checkpoints_are_refused_naming_the_file_and_the_remedy()
    {
        string run = _directory.File("rlo");
        Assert.Equal(0, CliRunner.Run("train", "--algo", "rlo", "--miners", "2", "--slots", "300", "--out", run).ExitCode);
        string model = Path.Combine(run, "model.bin");
        byte[] original = File.ReadAllBytes(model);

        var flipped = (byte[])original.Clone();
        flipped[flipped.Length / 2] ^= 0x10;
        File.WriteAllBytes(model, flipped);
        AssertUsageError(CliRunner.Run("evaluate", "--model", run, "--runs", "1", "--slots", "5"), model, "checksum", "retrain");

        File.WriteAllBytes(model, original[..(original.Length / 3)]);
        AssertUsageError(CliRunner.Run("evaluate", "--model", run, "--runs", "1", "--slots", "5"), model);

        // A model whose shape differs from its config.json.
        File.WriteAllBytes(model, original);
        string config = Path.Combine(run, "config.json");
        File.WriteAllText(config, File.ReadAllText(config).Replace("\"miners\": 2", "\"miners\": 3", StringComparison.Ordinal));
        AssertUsageError(CliRunner.Run("evaluate", "--model", run, "--runs", "1", "--slots", "5"), model, "N = 2", "N = 3");
    }

    [Fact]
    public void A_damaged_checkpoint_is_refused_on_resume_saying_to_delete_it()
    {
        string run = _directory.File("checkpointed");
        string checkpoint = Path.Combine(run, "checkpoint.bin");
        Directory.CreateDirectory(run);
        string[] train = ["train", "--algo", "rlo", "--slots", "400", "--checkpoint-every", "100", "--out", run];

        // A run whose model was removed and whose checkpoint is empty or truncated.
        Assert.Equal(0, CliRunner.Run(train).ExitCode);
        File.Delete(Path.Combine(run, "model.bin"));
        File.WriteAllBytes(checkpoint, []);
        AssertUsageError(CliRunner.Run([.. train, "--resume"]), checkpoint, "is empty", "delete");
        File.WriteAllBytes(checkpoint, new byte[100]);
        AssertUsageError(CliRunner.Run([.. train, "--resume"]), checkpoint, "delete");

        // Deleting it, as the message says, trains from the start.
        File.Delete(checkpoint);
        Assert.Equal(0, CliRunner.Run([.. train, "--resume"]).ExitCode);
    }

    // Class 5: command injection into a generated script.
    [Fact]
    public void A_newline_in_the_output_directory_of_a_job_array_is_refused_and_nothing_is_written()
    {
        string evil = _directory.File("a\nrm -rf x");
        AssertUsageError(CliRunner.Run("reproduce", "submit", "--quick", "--out", evil), "#SBATCH");
        Assert.False(Directory.Exists(evil));
        Assert.Equal("my-sweep--rm--rf", EdgeMine.Cells.SlurmArray.JobName("my sweep\n;rm -rf"));
    }

    // Class 6: silent garbage.
    [Theory]
    [InlineData("energy_unit_joules=5e-324", "energy_unit_joules=5E-324")]
    [InlineData("mec_capacity_hz=1e-300", "mec_capacity_hz=1E-300")]
    [InlineData("arrival_max_bits=1e308", "arrival_max_bits=1E+308")]
    public void Parameters_whose_numbers_overflow_stop_the_run_naming_them(string assignment, string named)
    {
        AssertUsageError(CliRunner.Run("simulate", "--set", assignment, "--slots", "20", "--runs", "1"), "overflow", named);
        AssertUsageError(CliRunner.Run("train", "--algo", "rlo", "--set", assignment, "--slots", "50", "--out", _directory.File("nan")), "overflow");
        Assert.False(File.Exists(Path.Combine(_directory.File("nan"), "model.bin")));
    }

    // Class 7: wrong exit code, no option named, .NET type names, long values echoed.
    [Fact]
    public void Parse_errors_are_one_line_with_the_option_the_allowed_values_and_a_suggestion()
    {
        AssertUsageError(CliRunner.Run("reproduce", "--jobs", "x"), "--jobs 'x': allowed: an integer");
        AssertUsageError(CliRunner.Run("simulate", "--polcy", "no"), "--polcy", "did you mean '--policy'?");
        AssertUsageError(CliRunner.Run("simulat"), "did you mean 'simulate'?");
        string huge = new('7', 10_000_000);
        var run = CliRunner.Run("reproduce", "--jobs", huge + "x");
        AssertUsageError(run, "(10000001 characters)");
        Assert.True(run.Error.Length < 1000, $"the error echoes {run.Error.Length} characters");
    }

    private static Process StartCli(string[] args)
    {
        string host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(EdgeMine.Cli.Program).Assembly.Location);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }
}
