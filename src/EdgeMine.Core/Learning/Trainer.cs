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
    private static readonly BinaryFormat CheckpointFormat = new("checkpoint", 0x4B434D45, 2); // "EMCK"

    /// <summary>The kind of a checkpoint file in its envelope.</summary>
    internal const string CheckpointKind = "training checkpoint";

    /// <summary>
    /// Trains <paramref name="learner"/> and returns its learning curve, held in memory (no checkpoints: for tests and
    /// benchmarks; <see cref="TrainToFiles"/> streams the curve and checkpoints).
    /// </summary>
    public static IReadOnlyList<CurveRow> Train(
        ModelParameters parameters,
        EnvironmentSettings settings,
        ILearner learner,
        TrainingOptions options,
        Action<TrainingProgress>? progress = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var curve = new List<CurveRow>((int)Math.Min(options.Slots, 1_000_000));
        var run = new Run(parameters, settings, learner, options);
        run.Loop(curve.Add, checkpoint: null, progress, cancellation);
        return curve;
    }

    /// <summary>
    /// Trains <paramref name="learner"/>, appending each slot's row to the curve file <paramref name="curvePath"/> as it
    /// goes (so that memory does not grow with the slots) and writing a checkpoint every
    /// <see cref="TrainingOptions.CheckpointEvery"/> slots to <paramref name="checkpointPath"/>, which records how much
    /// of the curve file it covers. With <paramref name="resume"/> and a checkpoint, training continues from it: the
    /// curve file is cut back to what the checkpoint covers. <paramref name="fingerprint"/> identifies the configuration:
    /// a checkpoint of another configuration is refused.
    /// </summary>
    public static void TrainToFiles(
        ModelParameters parameters,
        EnvironmentSettings settings,
        ILearner learner,
        TrainingOptions options,
        string curvePath,
        string checkpointPath,
        bool resume,
        string fingerprint,
        Action<TrainingProgress>? progress = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var run = new Run(parameters, settings, learner, options);
        long curveBytes = 0;
        if (resume && File.Exists(checkpointPath))
        {
            curveBytes = CheckedFile.Read(
                checkpointPath, CheckpointKind, context: null, $"delete {UserInput.Quote(checkpointPath)} to train from the start",
                stream => run.Restore(BinaryFormat.Reader(stream), fingerprint));
        }

        using var curve = CurveFile.Open(curvePath, curveBytes, checkpointPath);
        run.Loop(
            curve.Append,
            options.CheckpointEvery > 0 ? () => run.Save(checkpointPath, fingerprint, curve.Flush()) : null,
            progress,
            cancellation);
        curve.Flush();
    }

    /// <summary>One training run's state: the environment, the learner, the moving-average window, the next slot.</summary>
    private sealed class Run
    {
        private readonly MiningEnvironment _environment;
        private readonly ILearner _learner;
        private readonly TrainingOptions _options;
        private readonly double[] _window;
        private double _windowSum;
        private long _start;

        public Run(ModelParameters parameters, EnvironmentSettings settings, ILearner learner, TrainingOptions options)
        {
            _environment = new MiningEnvironment(parameters, settings);
            _learner = learner;
            _options = options;
            _window = new double[options.MovingAverageWindow];
            _environment.Reset(SeedMixer.Derive(options.Seed, SeedMixer.Streams.Environment));
            learner.BeginTraining(_environment, SeedMixer.Derive(options.Seed, SeedMixer.Streams.Learner));
        }

        public void Loop(Action<CurveRow> record, Action? checkpoint, Action<TrainingProgress>? progress, CancellationToken cancellation)
        {
            var options = _options;
            for (long t = _start; t < options.Slots; t++)
            {
                cancellation.ThrowIfCancellationRequested();
                double epsilon = options.Epsilon.At(t, options.Slots);
                var (metrics, loss) = _learner.TrainSlot(_environment, epsilon);

                int slotInWindow = (int)(t % _window.Length);
                _windowSum += metrics.Reward - _window[slotInWindow];
                _window[slotInWindow] = metrics.Reward;
                double movingAverage = _windowSum / Math.Min(t + 1, _window.Length);
                record(new CurveRow(t, metrics.Reward, movingAverage, epsilon, loss));

                long done = t + 1;
                _start = done;
                if (checkpoint is not null && options.CheckpointEvery > 0 && done % options.CheckpointEvery == 0 && done < options.Slots)
                {
                    checkpoint();
                }

                if (progress is not null && ((done & 255) == 0 || done == options.Slots))
                {
                    progress(new TrainingProgress(done, options.Slots, movingAverage, epsilon, loss));
                }
            }
        }

        public void Save(string path, string fingerprint, long curveBytes) =>
            CheckedFile.Write(path, CheckpointKind, "", stream =>
            {
                using var writer = BinaryFormat.Writer(stream);
                CheckpointFormat.WriteHeader(writer);
                writer.Write(fingerprint);
                writer.Write(_start);
                _environment.SaveState(writer);
                _learner.SaveTrainingState(writer);
                writer.Write(_window.Length);
                foreach (double v in _window)
                {
                    writer.Write(v);
                }

                writer.Write(_windowSum);
                writer.Write(curveBytes);
            });

        /// <summary>Restores the state of a checkpoint; returns the length of the curve file it covers.</summary>
        public long Restore(BinaryReader reader, string fingerprint)
        {
            CheckpointFormat.ReadHeader(reader);
            string saved = CheckpointFormat.Truncated(reader.ReadString);
            if (saved != fingerprint)
            {
                throw new InvalidDataException("it was written for another configuration");
            }

            long slotsDone = CheckpointFormat.Truncated(reader.ReadInt64);
            if (slotsDone < 0 || slotsDone > _options.Slots)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"it records {slotsDone} slots done, outside 0..{_options.Slots}"));
            }

            _environment.LoadState(reader);
            _learner.LoadTrainingState(reader);
            CheckpointFormat.ReadExpected(reader, _window.Length, "the moving-average window");
            for (int i = 0; i < _window.Length; i++)
            {
                _window[i] = CheckpointFormat.Truncated(reader.ReadDouble);
            }

            _windowSum = CheckpointFormat.Truncated(reader.ReadDouble);
            long curveBytes = CheckpointFormat.Truncated(reader.ReadInt64);
            _start = slotsDone;
            return curveBytes;
        }
    }
}

/// <summary>
/// The learning curve as it is trained: <c>slot,reward,moving_average,epsilon,loss</c>, one row per slot appended to
/// a partial file, cut back to what a checkpoint covers on resume. Round-trippable numbers, invariant culture.
/// </summary>
internal sealed class CurveFile : IDisposable
{
    public const string Header = "slot,reward,moving_average,epsilon,loss\n";

    private readonly FileStream _stream;
    private readonly StreamWriter _writer;

    private CurveFile(FileStream stream)
    {
        _stream = stream;
        _writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16);
    }

    /// <summary>
    /// Opens <paramref name="path"/> to append after its first <paramref name="keepBytes"/> bytes (a new file with its
    /// header when 0); a file shorter than that does not match its checkpoint, which <paramref name="checkpointPath"/>
    /// names in the error.
    /// </summary>
    public static CurveFile Open(string path, long keepBytes, string checkpointPath)
    {
        var stream = new FileStream(path, keepBytes == 0 ? FileMode.Create : FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read);
        if (stream.Length < keepBytes)
        {
            long length = stream.Length;
            stream.Dispose();
            throw new ConfigurationException(string.Create(CultureInfo.InvariantCulture,
                $"{UserInput.Quote(path)}: {length} bytes, but {UserInput.Quote(checkpointPath)} covers {keepBytes}; delete {UserInput.Quote(checkpointPath)} to train from the start"));
        }

        stream.SetLength(keepBytes);
        stream.Position = keepBytes;
        var curve = new CurveFile(stream);
        if (keepBytes == 0)
        {
            curve._writer.Write(Header);
        }

        return curve;
    }

    public void Append(CurveRow row)
    {
        var w = _writer;
        w.Write(row.Slot.ToString(CultureInfo.InvariantCulture));
        w.Write(',');
        w.Write(row.Reward.ToString("R", CultureInfo.InvariantCulture));
        w.Write(',');
        w.Write(row.MovingAverage.ToString("R", CultureInfo.InvariantCulture));
        w.Write(',');
        w.Write(row.Epsilon.ToString("R", CultureInfo.InvariantCulture));
        w.Write(',');
        if (!double.IsNaN(row.Loss))
        {
            w.Write(row.Loss.ToString("R", CultureInfo.InvariantCulture));
        }

        w.Write('\n');
    }

    /// <summary>Flushes to disk; returns the file's length, which a checkpoint records.</summary>
    public long Flush()
    {
        _writer.Flush();
        _stream.Flush(flushToDisk: true);
        return _stream.Length;
    }

    public void Dispose()
    {
        _writer.Dispose();
        _stream.Dispose();
    }
}
