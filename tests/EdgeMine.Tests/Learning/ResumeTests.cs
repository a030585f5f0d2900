using EdgeMine.Learning;
using EdgeMine.Model;
using EdgeMine.Tests.Cli;

namespace EdgeMine.Tests.Learning;

/// <summary>A training run killed halfway and resumed ends with the same files as one run straight through.</summary>
public sealed class ResumeTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static TrainingConfiguration Configuration(string algorithm, string variant = "default") => new()
    {
        Algorithm = algorithm,
        Variant = variant,
        Preset = "calibrated",
        Parameters = Presets.Calibrated,
        // The privacy baselines model one miner only.
        Settings = new EnvironmentSettings { Miners = LearnerCatalog.IsSingleMiner(algorithm) ? 1 : 2, TasksPerMiner = 2, Beta = 0.5 },
        Slots = 1200,
        Seed = 11,
    };

    public static TheoryData<string> Algorithms => new(LearnerCatalog.Algorithms);

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Train_KilledAfterACheckpointAndResumed_EndsWithTheSameModelAndCurve(string algorithm)
    {
        var configuration = Configuration(algorithm);
        string straight = _directory.File("straight");
        string interrupted = _directory.File("interrupted");
        TrainingDirectory.Train(configuration, straight, checkpointEvery: 0, resume: false);

        // Kill the second run at slot ~700: its last checkpoint is the one at slot 600.
        using var kill = new CancellationTokenSource();
        Assert.ThrowsAny<OperationCanceledException>(() => TrainingDirectory.Train(
            configuration, interrupted, checkpointEvery: 300, resume: false,
            progress: p =>
            {
                if (p.Slot >= 700)
                {
                    kill.Cancel();
                }
            },
            cancellation: kill.Token));
        Assert.True(File.Exists(Path.Combine(interrupted, TrainingDirectory.CheckpointFile)));
        Assert.False(File.Exists(Path.Combine(interrupted, TrainingDirectory.ModelFile)));

        var status = TrainingDirectory.Train(configuration, interrupted, checkpointEvery: 300, resume: true);

        Assert.Equal(TrainingStatus.Resumed, status);
        Assert.Equal(
            File.ReadAllBytes(Path.Combine(straight, TrainingDirectory.ModelFile)),
            File.ReadAllBytes(Path.Combine(interrupted, TrainingDirectory.ModelFile)));
        Assert.Equal(
            File.ReadAllText(Path.Combine(straight, TrainingDirectory.CurveFile)),
            File.ReadAllText(Path.Combine(interrupted, TrainingDirectory.CurveFile)));
    }
}
