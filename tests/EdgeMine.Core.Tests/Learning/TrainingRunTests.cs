using EdgeMine.Learning;
using EdgeMine.Model;
using EdgeMine.Randomness;

namespace EdgeMine.Tests.Learning;

/// <summary>
/// The training loop shared by all learners, driven by a scripted learner (its slot rewards are 1, 2, 3, ...), so that the
/// curve, the moving average, the schedule's epsilon, the checkpoint and progress cadences and a resume are checked by
/// hand without any learning.
/// </summary>
public sealed class TrainingRunTests
{
    private static readonly EnvironmentSettings Settings = new() { Miners = 1, TasksPerMiner = 1, Beta = 0.5 };

    private static TrainingOptions Options(long slots, int window = 3, long checkpointEvery = 0) => new()
    {
        Slots = slots,
        Seed = 11,
        MovingAverageWindow = window,
        CheckpointEvery = checkpointEvery,
        Epsilon = new EpsilonSchedule(1, 0, 1), // epsilon = 1 - t / slots
    };

    [Fact]
    public void Loop_RecordsEachSlotsReward_MovingAverage_Epsilon_AndLoss()
    {
        // Rewards 1..5, window 3: averages 1, (1 + 2) / 2 = 1.5, 6 / 3 = 2, (2 + 3 + 4) / 3 = 3, (3 + 4 + 5) / 3 = 4.
        // Epsilon falls from 1 over the 5 slots: 1, 0.8, 0.6, 0.4, 0.2; the scripted loss of slot t is 10 t.
        var learner = new ScriptedLearner();
        var rows = new List<CurveRow>();
        var run = new TrainingRun(Presets.Calibrated, Settings, learner, Options(5));

        run.Loop(rows.Add, checkpoint: null, progress: null, CancellationToken.None);

        Assert.Equal([0L, 1, 2, 3, 4], rows.Select(r => r.Slot));
        Assert.Equal([1.0, 2, 3, 4, 5], rows.Select(r => r.Reward));
        Assert.Equal([1.0, 1.5, 2, 3, 4], rows.Select(r => r.MovingAverage));
        Assert.Equal([1.0, 0.8, 0.6, 0.4, 0.2], rows.Select(r => Math.Round(r.Epsilon, 12)));
        Assert.Equal([0.0, 10, 20, 30, 40], rows.Select(r => r.Loss));
        Assert.Equal(rows.Select(r => r.Epsilon), learner.Epsilons);

        // A finished run has nothing left to train.
        run.Loop(rows.Add, checkpoint: null, progress: null, CancellationToken.None);
        Assert.Equal(5, rows.Count);
    }

    [Fact]
    public void Constructor_StartsTheEnvironmentAndTheLearnerFromTheRunsSeed()
    {
        var learner = new ScriptedLearner();
        _ = new TrainingRun(Presets.Calibrated, Settings, learner, Options(5));

        var expected = new MiningEnvironment(Presets.Calibrated, Settings);
        expected.Reset(SeedMixer.Derive(11, SeedMixer.Streams.Environment));
        Assert.Equal(SeedMixer.Derive(11, SeedMixer.Streams.Learner), learner.Seed);
        Assert.Equal(expected.Observation.ToArray(), learner.FirstObservation);
        Assert.Throws<ArgumentNullException>(() => new TrainingRun(Presets.Calibrated, Settings, null!, Options(5)));
        Assert.Throws<ArgumentNullException>(() => new TrainingRun(Presets.Calibrated, Settings, learner, null!));
    }

    [Fact]
    public void Loop_CheckpointsEveryFewSlots_ButNotAfterTheLast()
    {
        // Every 2 of 6 slots: after slots 2 and 4 (the rows recorded by then), not after 6.
        var rows = new List<CurveRow>();
        var at = new List<int>();
        var run = new TrainingRun(Presets.Calibrated, Settings, new ScriptedLearner(), Options(6, checkpointEvery: 2));

        run.Loop(rows.Add, () => at.Add(rows.Count), progress: null, CancellationToken.None);

        Assert.Equal([2, 4], at);

        // Every 0 slots: never.
        var never = new TrainingRun(Presets.Calibrated, Settings, new ScriptedLearner(), Options(6));
        never.Loop(_ => { }, () => Assert.Fail("no checkpoint when CheckpointEvery = 0"), progress: null, CancellationToken.None);
    }

    [Fact]
    public void Loop_ReportsProgressEvery256Slots_AndAtTheEnd()
    {
        var reports = new List<TrainingProgress>();
        var run = new TrainingRun(Presets.Calibrated, Settings, new ScriptedLearner(), Options(600, window: 1));

        run.Loop(_ => { }, checkpoint: null, reports.Add, CancellationToken.None);

        Assert.Equal([256L, 512, 600], reports.Select(p => p.Slot));
        Assert.All(reports, p => Assert.Equal(600, p.TotalSlots));
        // At 256 slots done: slot 255's reward 256 (the window is one slot), epsilon 1 - 255 / 600, loss 2,550.
        Assert.Equal(new TrainingProgress(256, 600, 256, 1 - (255 / 600.0), 2550), reports[0]);
        Assert.Equal(new TrainingProgress(600, 600, 600, 1 - (599 / 600.0), 5990), reports[2]);
    }

    [Fact]
    public void Loop_StopsWhenCancelled()
    {
        var rows = new List<CurveRow>();
        var run = new TrainingRun(Presets.Calibrated, Settings, new ScriptedLearner(), Options(5));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() => run.Loop(rows.Add, null, null, cancelled.Token));
        Assert.Empty(rows);
        Assert.Throws<ArgumentNullException>(() => run.Loop(null!, null, null, CancellationToken.None));
    }

    [Fact]
    public void Checkpoint_ResumedRun_EndsWithTheUninterruptedRunsCurve()
    {
        // Six slots with a checkpoint after slot 3; a new run restored from it trains slots 3..5 with the same window, so
        // its rows equal the uninterrupted run's last three, and the learner's state (its slot counter) carries over.
        var whole = new List<CurveRow>();
        byte[] checkpoint = [];
        var first = new TrainingRun(Presets.Calibrated, Settings, new ScriptedLearner(), Options(6, checkpointEvery: 3));
        first.Loop(whole.Add, () => checkpoint = Write(first, "config", curveBytes: 1234), null, CancellationToken.None);

        var learner = new ScriptedLearner();
        var resumed = new TrainingRun(Presets.Calibrated, Settings, learner, Options(6, checkpointEvery: 3));
        Assert.Equal(1234, Read(resumed, checkpoint, "config"));
        Assert.Equal(3, learner.Slots);
        var rest = new List<CurveRow>();
        resumed.Loop(rest.Add, null, null, CancellationToken.None);

        Assert.Equal(whole.Skip(3), rest);
    }

    [Fact]
    public void Checkpoint_AtTheStartAndAtTheEnd_AreValid()
    {
        // 0 slots done and all 4 slots done are both in 0..4.
        var run = new TrainingRun(Presets.Calibrated, Settings, new ScriptedLearner(), Options(4));
        byte[] start = Write(run, "c", 0);
        run.Loop(_ => { }, null, null, CancellationToken.None);
        byte[] end = Write(run, "c", 0);

        var fromStart = new TrainingRun(Presets.Calibrated, Settings, new ScriptedLearner(), Options(4));
        Read(fromStart, start, "c");
        var rows = new List<CurveRow>();
        fromStart.Loop(rows.Add, null, null, CancellationToken.None);
        Assert.Equal(4, rows.Count);

        var fromEnd = new TrainingRun(Presets.Calibrated, Settings, new ScriptedLearner(), Options(4));
        Read(fromEnd, end, "c");
        fromEnd.Loop(rows.Add, null, null, CancellationToken.None);
        Assert.Equal(4, rows.Count);
    }

    [Fact]
    public void Checkpoint_OfAnotherConfiguration_OrBeyondTheRun_OrAnotherWindow_IsRefused()
    {
        var run = new TrainingRun(Presets.Calibrated, Settings, new ScriptedLearner(), Options(4));
        run.Loop(_ => { }, null, null, CancellationToken.None);
        byte[] done = Write(run, "c", 0);

        Assert.Equal("it was written for another configuration", Assert.Throws<InvalidDataException>(() => Read(New(Options(4)), done, "d")).Message);
        Assert.Equal("it records 4 slots done, outside 0..3", Assert.Throws<InvalidDataException>(() => Read(New(Options(3)), done, "c")).Message);
        Assert.Equal("checkpoint: the moving-average window is 3, expected 5", Assert.Throws<InvalidDataException>(() => Read(New(Options(4, window: 5)), done, "c")).Message);
        Assert.Equal("checkpoint is truncated", Assert.Throws<InvalidDataException>(() => Read(New(Options(4)), done[..^4], "c")).Message);
        Assert.Throws<ArgumentNullException>(() => run.WriteCheckpoint(null!, "c", 0));
        Assert.Throws<ArgumentNullException>(() => run.ReadCheckpoint(null!, "c"));

        static TrainingRun New(TrainingOptions options) => new(Presets.Calibrated, Settings, new ScriptedLearner(), options);
    }

    [Fact]
    public void Trainer_Train_ReturnsTheWholeCurve()
    {
        var reports = new List<TrainingProgress>();
        var curve = Trainer.Train(Presets.Calibrated, Settings, new ScriptedLearner(), Options(4), reports.Add);

        Assert.Equal([1.0, 2, 3, 4], curve.Select(r => r.Reward));
        Assert.Equal([4L], reports.Select(p => p.Slot));
        Assert.Throws<ArgumentNullException>(() => Trainer.Train(Presets.Calibrated, Settings, new ScriptedLearner(), null!));
    }

    private static byte[] Write(TrainingRun run, string fingerprint, long curveBytes)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            run.WriteCheckpoint(writer, fingerprint, curveBytes);
        }

        return stream.ToArray();
    }

    private static long Read(TrainingRun run, byte[] checkpoint, string fingerprint)
    {
        using var reader = new BinaryReader(new MemoryStream(checkpoint));
        return run.ReadCheckpoint(reader, fingerprint);
    }

    /// <summary>A learner whose slot t (counted over its whole training, resumes included) earns reward t + 1 and loss 10 t.</summary>
    private sealed class ScriptedLearner : ILearner
    {
        public string Name => "scripted";

        public int Slots { get; private set; }

        public ulong Seed { get; private set; }

        public double[] FirstObservation { get; private set; } = [];

        public List<double> Epsilons { get; } = [];

        public void Reset(ulong seed)
        {
        }

        public void Act(MiningEnvironment environment, Span<double> action) => action.Clear();

        public void BeginTraining(MiningEnvironment environment, ulong seed)
        {
            Seed = seed;
            FirstObservation = environment.Observation.ToArray();
        }

        public TrainingSlot TrainSlot(MiningEnvironment environment, double epsilon)
        {
            Epsilons.Add(epsilon);
            environment.Step(new double[environment.ActionSpace.Dimension]);
            int t = Slots++;
            return new TrainingSlot(new SlotMetrics { Reward = t + 1 }, 10.0 * t);
        }

        public void SaveModel(Stream stream)
        {
        }

        public void LoadModel(Stream stream)
        {
        }

        public void SaveTrainingState(BinaryWriter writer) => writer.Write(Slots);

        public void LoadTrainingState(BinaryReader reader) => Slots = reader.ReadInt32();
    }
}
