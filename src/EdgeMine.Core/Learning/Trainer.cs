namespace EdgeMine.Learning;

/// <summary>One row of a learning curve.</summary>
public readonly record struct CurveRow(long Slot, double Reward, double MovingAverage, double Epsilon, double Loss);

/// <summary>How long and how to train.</summary>
public sealed record TrainingOptions
{
    /// <summary>T, training slots (the paper: 10,000).</summary>
    public required long Slots { get; init; }

    /// <summary>The run's seed: the environment and the learner derive their generators from it.</summary>
    public required ulong Seed { get; init; }

    /// <summary>Write a checkpoint every this many slots (0: never).</summary>
    public long CheckpointEvery { get; init; }

    /// <summary>Window of the moving-average reward of the learning curve (slots).</summary>
    public int MovingAverageWindow { get; init; } = 100;

    public EpsilonSchedule Epsilon { get; init; } = new();
}

/// <summary>Progress of a training run, for display.</summary>
public readonly record struct TrainingProgress(long Slot, long TotalSlots, double MovingAverage, double Epsilon, double Loss);

/// <summary>
/// The training loop shared by all learners: epsilon-greedy acting, stepping, learning, the learning curve, and
/// atomic checkpoints from which a killed run resumes to the same final model as an uninterrupted one.
/// </summary>
public static class Trainer
{
    private static readonly BinaryFormat CheckpointFormat = new("checkpoint", 0x4B434D45, 1); // "EMCK"

    /// <summary>
    /// Trains <paramref name="learner"/>. With <paramref name="checkpointPath"/> set, checkpoints go there; with
    /// <paramref name="resume"/> and an existing checkpoint, training continues from it. <paramref name="fingerprint"/>
    /// identifies the configuration: a checkpoint of another configuration is refused.
    /// </summary>
    public static IReadOnlyList<CurveRow> Train(
        ModelParameters parameters,
        EnvironmentSettings settings,
        ILearner learner,
        TrainingOptions options,
        string? checkpointPath = null,
        bool resume = false,
        string fingerprint = "",
        Action<TrainingProgress>? progress = null,
        CancellationToken cancellation = default)
    {
        var environment = new MiningEnvironment(parameters, settings);
        var window = new double[options.MovingAverageWindow];
        var curve = new List<CurveRow>((int)Math.Min(options.Slots, 1_000_000));
        double windowSum = 0;
        long start = 0;

        environment.Reset(SeedMixer.Derive(options.Seed, SeedMixer.Streams.Environment));
        learner.BeginTraining(environment, SeedMixer.Derive(options.Seed, SeedMixer.Streams.Learner));
        if (resume && checkpointPath is not null && File.Exists(checkpointPath))
        {
            using var reader = new BinaryReader(File.OpenRead(checkpointPath));
            start = ReadCheckpoint(reader, fingerprint, environment, learner, curve, window, ref windowSum);
        }

        for (long t = start; t < options.Slots; t++)
        {
            cancellation.ThrowIfCancellationRequested();
            double epsilon = options.Epsilon.At(t, options.Slots);
            var (metrics, loss) = learner.TrainSlot(environment, epsilon);

            int slotInWindow = (int)(t % window.Length);
            windowSum += metrics.Reward - window[slotInWindow];
            window[slotInWindow] = metrics.Reward;
            double movingAverage = windowSum / Math.Min(t + 1, window.Length);
            curve.Add(new CurveRow(t, metrics.Reward, movingAverage, epsilon, loss));

            long done = t + 1;
            if (options.CheckpointEvery > 0 && checkpointPath is not null && done % options.CheckpointEvery == 0 && done < options.Slots)
            {
                WriteCheckpoint(checkpointPath, done, fingerprint, environment, learner, curve, window, windowSum);
            }

            if (progress is not null && ((done & 255) == 0 || done == options.Slots))
            {
                progress(new TrainingProgress(done, options.Slots, movingAverage, epsilon, loss));
            }
        }

        return curve;
    }

    private static void WriteCheckpoint(
        string path, long slotsDone, string fingerprint, MiningEnvironment environment, ILearner learner,
        List<CurveRow> curve, double[] window, double windowSum)
    {
        AtomicFile.Write(path, stream =>
        {
            using var writer = BinaryFormat.Writer(stream);
            CheckpointFormat.WriteHeader(writer);
            writer.Write(fingerprint);
            writer.Write(slotsDone);
            environment.SaveState(writer);
            learner.SaveTrainingState(writer);
            writer.Write(window.Length);
            foreach (double v in window)
            {
                writer.Write(v);
            }

            writer.Write(windowSum);
            writer.Write(curve.Count);
            foreach (var row in curve)
            {
                writer.Write(row.Slot);
                writer.Write(row.Reward);
                writer.Write(row.MovingAverage);
                writer.Write(row.Epsilon);
                writer.Write(row.Loss);
            }
        });
    }

    private static long ReadCheckpoint(
        BinaryReader reader, string fingerprint, MiningEnvironment environment, ILearner learner,
        List<CurveRow> curve, double[] window, ref double windowSum)
    {
        CheckpointFormat.ReadHeader(reader);
        string saved = CheckpointFormat.Truncated(reader.ReadString);
        if (saved != fingerprint)
        {
            throw new InvalidDataException("the checkpoint was written for another configuration; remove it or train into a new directory");
        }

        long slotsDone = reader.ReadInt64();
        environment.LoadState(reader);
        learner.LoadTrainingState(reader);
        int length = reader.ReadInt32();
        if (length != window.Length)
        {
            throw new InvalidDataException("the checkpoint's moving-average window differs from this run's");
        }

        for (int i = 0; i < length; i++)
        {
            window[i] = reader.ReadDouble();
        }

        windowSum = reader.ReadDouble();
        int rows = reader.ReadInt32();
        curve.Clear();
        for (int i = 0; i < rows; i++)
        {
            curve.Add(new CurveRow(reader.ReadInt64(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble()));
        }

        return slotsDone;
    }
}
