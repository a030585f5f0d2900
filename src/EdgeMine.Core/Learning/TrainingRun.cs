using System.Globalization;
using EdgeMine.IO;
using EdgeMine.Model;
using EdgeMine.Randomness;

namespace EdgeMine.Learning;

/// <summary>
/// One training run in progress, the loop shared by all learners: the environment (reset from the run's seed), the
/// learner (started from it), the next slot and the moving-average window. <see cref="Loop"/> trains the remaining
/// slots, acting epsilon-greedily, stepping, learning and recording the learning curve; <see cref="WriteCheckpoint"/>
/// and <see cref="ReadCheckpoint"/> write and restore its whole state, so that a killed run resumed from a checkpoint
/// ends with the same model as an uninterrupted one. Where checkpoints and the curve are kept is the training
/// directory's business (EdgeMine.Runs); <see cref="Trainer.Train"/> runs it in memory.
/// </summary>
public sealed class TrainingRun
{
    private static readonly BinaryFormat CheckpointFormat = new("checkpoint", 0x4B434D45, 2); // "EMCK"

    private readonly MiningEnvironment _environment;
    private readonly ILearner _learner;
    private readonly TrainingOptions _options;
    private readonly double[] _window;
    private double _windowSum;
    private long _start;

    public TrainingRun(ModelParameters parameters, EnvironmentSettings settings, ILearner learner, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(learner);
        ArgumentNullException.ThrowIfNull(options);
        _environment = new MiningEnvironment(parameters, settings);
        _learner = learner;
        _options = options;
        _window = new double[options.MovingAverageWindow];
        _environment.Reset(SeedMixer.Derive(options.Seed, SeedMixer.Streams.Environment));
        learner.BeginTraining(_environment, SeedMixer.Derive(options.Seed, SeedMixer.Streams.Learner));
    }

    /// <summary>
    /// Trains the slots not done yet, passing each slot's row to <paramref name="record"/>, calling
    /// <paramref name="checkpoint"/> every <see cref="TrainingOptions.CheckpointEvery"/> slots (not after the last) and
    /// <paramref name="progress"/> every 256 slots and at the end.
    /// </summary>
    public void Loop(Action<CurveRow> record, Action? checkpoint, Action<TrainingProgress>? progress, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(record);
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

    /// <summary>
    /// Writes the checkpoint of this run: little-endian "EMCK", int32 version 2, <paramref name="fingerprint"/> (the
    /// configuration a checkpoint must match), int64 slots done, the environment's state, the learner's training state,
    /// int32 window length and the window's rewards, the window's sum, and <paramref name="curveBytes"/> (how much of the
    /// curve file it covers).
    /// </summary>
    public void WriteCheckpoint(BinaryWriter writer, string fingerprint, long curveBytes)
    {
        ArgumentNullException.ThrowIfNull(writer);
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
    }

    /// <summary>
    /// Restores the state of a checkpoint written by <see cref="WriteCheckpoint"/> for <paramref name="fingerprint"/>;
    /// returns the length of the curve file it covers. A checkpoint of another configuration, or a damaged one, is an
    /// <see cref="InvalidDataException"/> that says what is wrong.
    /// </summary>
    public long ReadCheckpoint(BinaryReader reader, string fingerprint)
    {
        ArgumentNullException.ThrowIfNull(reader);
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
