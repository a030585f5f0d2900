using System.Diagnostics;
using System.Text.RegularExpressions;
using EdgeMine.Schemes;
using EdgeMine.Sweeps;

namespace EdgeMine.Tests.Sweeps;

/// <summary>
/// The Slurm path for real: a one-node cluster started by scripts/slurm-local.sh, the tiny sweep submitted as a job
/// array, collected and compared with the same sweep run locally; then one cell "killed" and resubmitted alone.
/// Needs root and Debian's slurmctld, slurmd, slurm-client and munge (.ci/run installs them); skipped otherwise.
/// </summary>
[Trait("Category", "Slurm")]
public sealed class SlurmSweepTests
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(3);

    [SkippableFact]
    public void TinySweep_AsASlurmJobArray_EqualsTheLocalRun_AndAResubmissionRerunsOnlyTheMissingCell()
    {
        Skip.IfNot(Environment.UserName == "root", "the Slurm test starts slurmctld and slurmd, which needs root");
        Skip.If(FindOnPath("slurmctld") is null || FindOnPath("slurmd") is null || FindOnPath("sbatch") is null || FindOnPath("munged") is null,
            "Slurm is not installed (apt-get install -y slurmctld slurmd slurm-client munge)");
        string script = FindScript();

        using var directory = new TemporaryDirectory();
        string cluster = directory.File("slurm");
        string file = directory.File("tiny.json");
        File.WriteAllText(file, SweepTests.TinySweep);
        string local = directory.File("local");
        string slurm = directory.File("slurm-out");
        string? previousConf = Environment.GetEnvironmentVariable("SLURM_CONF");
        var started = Shell("bash", script, "start", cluster);
        try
        {
            Assert.True(started.Code == 0, $"slurm-local.sh start failed: {started.Output}\n{Logs(cluster)}");
            // sbatch, started by 'sweep submit --submit' in this process, finds the cluster here; the array tasks inherit it.
            Environment.SetEnvironmentVariable("SLURM_CONF", Path.Combine(cluster, "slurm.conf"));

            Assert.Equal(0, CliRunner.Run("sweep", "run", file, "--out", local).ExitCode);
            Assert.Equal(0, CliRunner.Run("sweep", "collect", local).ExitCode);

            string job = SubmitAndWait(file, slurm, cluster, "--array=0-3%2");
            var collected = CliRunner.Run("sweep", "collect", slurm);
            Assert.True(collected.ExitCode == 0, $"{collected.Output}\n{TaskLogs(slurm)}");
            string expected = File.ReadAllText(Path.Combine(local, "results.csv"));
            Assert.Equal(expected, File.ReadAllText(Path.Combine(slurm, "results.csv")));
            Assert.Equal(4, Directory.GetFiles(Path.Combine(slurm, "logs"), $"{job}_*.out").Length);

            // Kill one cell's result, resubmit: only that index is in the array, and only it is written again.
            var sweep = SweepDefinition.Parse(SweepTests.TinySweep, "tiny", SchemeCatalog.Full);
            string Result(int i) => Path.Combine(slurm, "cells", sweep.Cells[i].Slug, "result.json");
            File.Delete(Result(1));
            var before = Enumerable.Range(0, 4).Where(i => i != 1).ToDictionary(i => i, i => (File.GetLastWriteTimeUtc(Result(i)), File.ReadAllBytes(Result(i))));
            string second = SubmitAndWait(file, slurm, cluster, "--array=1%2");
            Assert.Single(Directory.GetFiles(Path.Combine(slurm, "logs"), $"{second}_*.out"));
            foreach (var (i, (time, bytes)) in before)
            {
                Assert.Equal(time, File.GetLastWriteTimeUtc(Result(i)));
                Assert.Equal(bytes, File.ReadAllBytes(Result(i)));
            }

            Assert.Equal(0, CliRunner.Run("sweep", "collect", slurm).ExitCode);
            Assert.Equal(expected, File.ReadAllText(Path.Combine(slurm, "results.csv")));
        }
        finally
        {
            Shell("bash", script, "stop", cluster);
            Environment.SetEnvironmentVariable("SLURM_CONF", previousConf);
        }
    }

    /// <summary>Submits the sweep's missing cells, checks the array spec, and waits until the job has left the queue.</summary>
    private static string SubmitAndWait(string file, string outPath, string cluster, string expectedArray)
    {
        var submit = CliRunner.Run("sweep", "submit", file, "--out", outPath, "--max-parallel", "2", "--time", "00:05:00", "--submit");
        Assert.True(submit.ExitCode == 0, $"{submit.Output}\n{submit.Error}\n{Logs(cluster)}");
        Assert.Contains($"#SBATCH {expectedArray}\n", File.ReadAllText(Path.Combine(outPath, "sweep.sbatch")), StringComparison.Ordinal);
        string job = Regex.Match(submit.Output, @"submitted job (\d+)").Groups[1].Value;
        Assert.NotEqual("", job);

        var clock = Stopwatch.StartNew();
        while (true)
        {
            var queue = Shell("squeue", "-h", "-j", job, "-o", "%i %T");
            if (queue.Code == 0 && queue.Output.Trim().Length == 0)
            {
                return job;
            }

            Assert.True(clock.Elapsed < JobTimeout, $"job {job} still queued after {JobTimeout}: {queue.Output}\n{Logs(cluster)}");
            Thread.Sleep(1000);
        }
    }

    private static (int Code, string Output) Shell(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
        }

        return (process.ExitCode, output + error.Result);
    }

    private static string Logs(string cluster) =>
        string.Join('\n', Directory.Exists(Path.Combine(cluster, "log"))
            ? Directory.GetFiles(Path.Combine(cluster, "log")).Select(f => $"== {f}\n{string.Join('\n', File.ReadLines(f).TakeLast(20))}")
            : []);

    private static string TaskLogs(string outPath) =>
        string.Join('\n', Directory.GetFiles(Path.Combine(outPath, "logs")).Select(f => $"== {f}\n{File.ReadAllText(f)}"));

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/sbin"])
            .Select(d => Path.Combine(d, program))
            .FirstOrDefault(File.Exists);

    /// <summary>scripts/slurm-local.sh of this repository: found upwards from the test assembly.</summary>
    private static string FindScript()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            string candidate = Path.Combine(d.FullName, "scripts", "slurm-local.sh");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("scripts/slurm-local.sh not found above " + AppContext.BaseDirectory);
    }
}
