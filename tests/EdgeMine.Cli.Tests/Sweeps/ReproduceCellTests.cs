
namespace EdgeMine.Tests.Sweeps;

/// <summary>The reproduction on the shared cell store: cell by cell (as array tasks would), then one plain run that only assembles.</summary>
public sealed class ReproduceCellTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void CellByCell_ThenAPlainRun_OnlyAssembles_AndSubmitListsTheMissingCells()
    {
        string[] options = ["--quick", "--only", "table2"];
        string outPath = _directory.File("out");
        var list = CliRunner.Run(["reproduce", .. options, "--list-cells"]);
        Assert.Equal(0, list.ExitCode);
        var lines = list.Output.TrimEnd().Split('\n');
        int count = int.Parse(lines[0].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"{count} cells", lines[0]);
        Assert.Equal(count, lines.Length - 1);
        Assert.StartsWith("0\tn2-m2-b0.5__", lines[1], StringComparison.Ordinal);

        var outOfRange = CliRunner.Run(["reproduce", .. options, "--out", outPath, "--index", $"{count}"]);
        Assert.Equal(2, outOfRange.ExitCode);
        var noEnvironment = CliRunner.Run(["reproduce", .. options, "--out", outPath, "--cell-from-env"]);
        Assert.Equal(2, noEnvironment.ExitCode);
        Assert.Contains("SLURM_ARRAY_TASK_ID", noEnvironment.Error, StringComparison.Ordinal);

        for (int i = 0; i < count; i++)
        {
            var one = CliRunner.Run(["reproduce", .. options, "--out", outPath, "--index", $"{i}"]);
            Assert.True(one.ExitCode == 0, one.Error);
            Assert.DoesNotContain("table2.csv", one.Output, StringComparison.Ordinal);
        }

        string cells = Path.Combine(outPath, "cells");
        var before = Directory.GetFiles(cells, "result.json", SearchOption.AllDirectories).ToDictionary(f => f, File.GetLastWriteTimeUtc);
        Assert.Equal(count, before.Count);
        Assert.False(File.Exists(Path.Combine(outPath, "table2.csv")));

        var assemble = CliRunner.Run(["reproduce", .. options, "--out", outPath]);
        Assert.True(assemble.ExitCode == 0, assemble.Error);
        Assert.True(File.Exists(Path.Combine(outPath, "table2.csv")));
        Assert.All(before, f => Assert.Equal(f.Value, File.GetLastWriteTimeUtc(f.Key)));

        File.Delete(Path.Combine(cells, lines[3].Split('\t')[1], "result.json"));
        var submit = CliRunner.Run(["reproduce", "submit", .. options, "--out", outPath, "--max-parallel", "4"]);
        Assert.True(submit.ExitCode == 0, submit.Error);
        string script = File.ReadAllText(Path.Combine(outPath, "reproduce.sbatch"));
        Assert.Contains("#SBATCH --array=2%4\n", script, StringComparison.Ordinal);
        Assert.Contains("reproduce --out ", script, StringComparison.Ordinal);
        // The tuned values are resolved once (here none: no docs/tuning/tuned.json under the test's working directory) and passed to every task.
        Assert.Contains("--quick --only table2 --seed 1 --tuned none --cell-from-env\n", script, StringComparison.Ordinal);
    }
}
