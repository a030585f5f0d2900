using EdgeMine.Cells;
using EdgeMine.Experiments;
using EdgeMine.Model;

namespace EdgeMine.Tests.Experiments;

/// <summary>A reproduction killed part-way and run again ends with the same numbers as an uninterrupted run.</summary>
public sealed class ReproductionResumeTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private ReproductionOptions Options(string name) => new(
        Preset: "calibrated",
        Parameters: Presets.Calibrated,
        OutDirectory: _directory.File(name),
        Sizes: ReproductionSizes.Quick)
    {
        Quick = true,
        Only = [MultiMinerTables.Table2.Name],
        Jobs = 2,
        Seed = 3,
    };

    [Fact]
    public void Run_KilledAfterSomeCellsThenRunAgain_WritesTheSameTableAsAnUninterruptedRun()
    {
        var straight = Options("straight");
        WriteOutputs(straight, new Reproduction(straight).Run());

        var interrupted = new Reproduction(Options("interrupted"));
        using var kill = new CancellationTokenSource();
        Assert.ThrowsAny<OperationCanceledException>(() => interrupted.Run(
            p =>
            {
                if (p.CellsDone >= 4)
                {
                    kill.Cancel();
                }
            },
            kill.Token));
        var store = CellJobs.Store(interrupted);
        int finished = interrupted.Cells.Count(c => store.State(c.Key) == CellState.Done);
        Assert.InRange(finished, 4, interrupted.Cells.Count - 1);

        WriteOutputs(interrupted.Options, new Reproduction(interrupted.Options).Run());

        Assert.Equal(
            File.ReadAllText(Path.Combine(straight.OutDirectory, "table2.csv")),
            File.ReadAllText(Path.Combine(interrupted.Options.OutDirectory, "table2.csv")));
    }

    private static void WriteOutputs(ReproductionOptions options, IReadOnlyDictionary<string, CellResult> results) =>
        new Reproduction(options).WriteOutputs(new ReproductionMetadata { Options = options, WallSeconds = 0, CellSeconds = 0 }, results);
}
