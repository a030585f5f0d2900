using EdgeMine.Experiments;
using EdgeMine.Model;
using EdgeMine.Tests.Cli;

namespace EdgeMine.Tests.Experiments;

/// <summary>A reproduction killed part-way and run again ends with the same numbers; a directory of another configuration is refused.</summary>
public sealed class ReproductionResumeTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private ReproductionOptions Options(string name) => new()
    {
        Preset = "calibrated",
        Parameters = Presets.Calibrated,
        OutDirectory = _directory.File(name),
        Sizes = ReproductionSizes.Quick,
        Quick = true,
        Only = ["table2"],
        Jobs = 2,
        Seed = 3,
    };

    [Fact]
    public void Run_KilledAfterSomeCellsThenRunAgain_WritesTheSameTableAsAnUninterruptedRun()
    {
        var straight = Options("straight");
        var results = Reproduction.Run(straight);
        ResultTablesWriter(straight, results);

        var interrupted = Options("interrupted");
        using var kill = new CancellationTokenSource();
        Assert.ThrowsAny<OperationCanceledException>(() => Reproduction.Run(interrupted, p =>
        {
            if (p.CellsDone >= 4)
            {
                kill.Cancel();
            }
        }, kill.Token));
        int finished = Directory.GetFiles(Path.Combine(interrupted.OutDirectory, Reproduction.CellsDirectory), "*.json").Length;
        Assert.InRange(finished, 4, Reproduction.Cells(ReproductionPlan.Build(interrupted.Sizes, interrupted.Only)).Count - 1);

        var resumed = Reproduction.Run(interrupted);
        ResultTablesWriter(interrupted, resumed);

        Assert.Equal(
            File.ReadAllText(Path.Combine(straight.OutDirectory, "table2.csv")),
            File.ReadAllText(Path.Combine(interrupted.OutDirectory, "table2.csv")));
    }

    [Fact]
    public void Run_IntoADirectoryOfAnotherPreset_IsRefusedWithExitCodeTwo()
    {
        string outPath = _directory.File("mixed");
        var first = CliRunner.Run("reproduce", "--quick", "--only", "table2", "--out", outPath);
        Assert.True(first.ExitCode == 0, first.Error);

        var other = CliRunner.Run("reproduce", "--quick", "--only", "table2", "--out", outPath, "--preset", "paper-literal");

        Assert.Equal(2, other.ExitCode);
        Assert.Contains(Reproduction.ManifestFile, other.Error, StringComparison.Ordinal);
    }

    private static void ResultTablesWriter(ReproductionOptions options, IReadOnlyDictionary<string, UnitResult> results)
    {
        foreach (var plan in ReproductionPlan.Build(options.Sizes, options.Only))
        {
            ResultTables.WriteCsv(Path.Combine(options.OutDirectory, plan.Name + ".csv"), plan, ResultTables.Rows(plan, results));
        }
    }
}
