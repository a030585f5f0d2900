using EdgeMine.Cells;
using EdgeMine.Model;
using EdgeMine.Schemes;

namespace EdgeMine.Tests.Cells;

/// <summary>
/// The cell store's state on disk: a result wins over a failure marker left by an earlier attempt (or by another array
/// task), writing a result drops the marker, and a finished cell is never run again.
/// </summary>
public sealed class CellStoreTests
{
    private static CellStore Store(TemporaryDirectory directory) => new(directory.Path, SchemeCatalog.Full);

    /// <summary>A cell that runs in milliseconds: never-offloading, one miner, two runs of five slots.</summary>
    private static CellSpec Spec(string key) => new(
        Key: key,
        Scheme: BaselineScheme.Never,
        Preset: "calibrated",
        Parameters: Presets.Calibrated,
        Settings: new EnvironmentSettings { Miners = 1, TasksPerMiner = 1, Beta = 0.5 })
    {
        Evaluation = new EvaluationPlan(2, 5, 1),
    };

    [Fact]
    public void State_MissingThenFailed()
    {
        using var directory = new TemporaryDirectory();
        var store = Store(directory);
        Assert.Equal(CellState.Missing, store.State("a"));
        var failure = store.WriteFailure("a", new InvalidOperationException("out of memory"));
        Assert.Equal(CellState.Failed, store.State("a"));
        Assert.Equal("a", failure.Key);
        Assert.Equal(nameof(InvalidOperationException), store.TryReadFailure("a")!.Error);
    }

    [Fact]
    public void State_AResultBesideAStaleFailureMarker_IsDone()
    {
        using var directory = new TemporaryDirectory();
        var store = Store(directory);
        store.WriteFailure("a", new InvalidOperationException("first attempt"));
        File.WriteAllText(store.ResultPath("a"), "{}"); // a result written by another task after the marker
        Assert.Equal(CellState.Done, store.State("a"));
        Assert.True(store.AnyResult());
    }

    [Fact]
    public void Run_SkipsADoneCellEvenWithAStaleMarker_AndRunsTheOthers()
    {
        using var directory = new TemporaryDirectory();
        var store = Store(directory);
        store.WriteFailure("done", new InvalidOperationException("first attempt"));
        File.WriteAllText(store.ResultPath("done"), "{}");

        var summary = store.Run([Spec("done"), Spec("other")], jobs: 1);
        Assert.Equal((1, 1), (summary.Skipped, summary.Succeeded));
        Assert.Empty(summary.Failures);
        Assert.Equal("{}", File.ReadAllText(store.ResultPath("done"))); // untouched
        Assert.Equal(CellState.Done, store.State("other"));
        Assert.Equal(2, store.TryRead("other")!.Runs);
    }

    [Fact]
    public void Run_ACellThatFailedBefore_RunsAgainAndDropsItsMarker()
    {
        using var directory = new TemporaryDirectory();
        var store = Store(directory);
        store.WriteFailure("retry", new InvalidOperationException("node lost"));

        var summary = store.Run([Spec("retry")], jobs: 1);
        Assert.Equal((0, 1), (summary.Skipped, summary.Succeeded));
        Assert.Equal(CellState.Done, store.State("retry"));
        Assert.False(File.Exists(store.FailurePath("retry")));
        Assert.Null(store.TryReadFailure("retry"));
    }
}
