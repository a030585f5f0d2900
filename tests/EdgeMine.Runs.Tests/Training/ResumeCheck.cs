using EdgeMine.Training;

namespace EdgeMine.Tests.Training;

/// <summary>Kills a training run after a checkpoint, resumes it, and compares it with a run straight through.</summary>
internal static class ResumeCheck
{
    /// <summary>
    /// Trains <paramref name="configuration"/> (1,200 slots or more) straight into one directory, and into another that
    /// is killed at slot ~700 (its last checkpoint at 600) and resumed: both end with the same model and curve, byte for byte.
    /// </summary>
    public static void KilledAndResumed_EqualsStraight(TrainingConfiguration configuration, string straight, string interrupted)
    {
        TrainingDirectory.Train(configuration, straight, checkpointEvery: 0, resume: false);

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
