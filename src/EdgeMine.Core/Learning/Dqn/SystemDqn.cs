using EdgeMine.IO;
using EdgeMine.Model;
using EdgeMine.Neural;
using EdgeMine.Randomness;
using EdgeMine.Settings;

namespace EdgeMine.Learning.Dqn;

/// <summary>
/// What the two DQNs over the whole system's observation share (the <c>paper</c> and <c>branching</c> variants of
/// DRLO, MODEL.md section 7): the observation s of all N miners as the network's input, a <see cref="QNetwork"/> with
/// the joint head (<see cref="JointHeadDqn"/>) or the branching head (<see cref="BranchingHeadDqn"/>) and optionally
/// dueling streams, the buffers of one slot and one batch, the regression loss, and the model file. Each head's file
/// holds how it acts, what it stores and its update.
/// </summary>
public abstract class SystemDqn : DqnCore<SystemDqnOptions>
{
    private static readonly BinaryFormat ModelFormat = new("DRLO model", 0x41444D45, 1); // "EMDA"
    private static readonly BinaryFormat NetworkFormat = new("DRLO network state", 0x4E514D45, 1); // "EMQN"

    private QNetwork? _online;
    private QNetwork? _target;

    private protected SystemDqn(SystemDqnOptions options, DqnHead head)
        : base(options)
    {
        if (options.Head != head)
        {
            throw new ArgumentException($"options of head {options.Head} given to a learner of head {head}; use {nameof(SystemDqn)}.{nameof(Create)}", nameof(options));
        }
    }

    /// <summary>A new learner of the head that <paramref name="options"/> name.</summary>
    public static SystemDqn Create(SystemDqnOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Head == DqnHead.Joint ? new JointHeadDqn(options) : new BranchingHeadDqn(options);
    }

    /// <summary>N M, the tasks (one action component each).</summary>
    private protected int Tasks { get; private set; }

    /// <summary>The observation's length.</summary>
    private protected int ObservationDim { get; private set; }

    /// <summary>Groups of outputs: 1 for the joint head, one per task for the branching head.</summary>
    private protected int Groups => Options.Groups(Tasks);

    /// <summary>Outputs per group: 2^(N M) joint actions, or 2 per branch.</summary>
    private protected int GroupSize => Options.GroupSize(Tasks);

    internal QNetwork Online => _online ?? throw new InvalidOperationException("the DRLO learner has neither been trained nor loaded");

    internal QNetwork Target => _target!;

    private protected override INetwork OnlineNetwork => Online;

    private protected override INetwork TargetNetwork => Target;

    // One slot's buffers: the observation s and s' as float32, the action taken, the Q-values of one state.
    private protected float[] State { get; private set; } = [];

    private protected float[] NextState { get; private set; } = [];

    private protected double[] SlotAction { get; private set; } = [];

    private protected float[] SingleQ { get; private set; } = [];

    /// <summary>Rewards per stored transition: one per branch with difference rewards, else 1.</summary>
    private protected int RewardComponents => Options.DifferenceRewards ? Groups : 1;

    // One batch's buffers: states, actions (one per group), rewards (one per transition or per group), next states,
    // targets, Q(s, a) of the taken actions, their gradient, and the gradient of every output.
    private protected float[] BatchStates { get; private set; } = [];

    private protected int[] BatchActions { get; private set; } = [];

    private protected float[] BatchRewards { get; private set; } = [];

    private protected float[] BatchNextStates { get; private set; } = [];

    private protected float[] Targets { get; private set; } = [];

    private protected float[] Predictions { get; private set; } = [];

    private protected float[] GradPredictions { get; private set; } = [];

    private protected float[] GradQ { get; private set; } = [];

    public override void BeginTraining(MiningEnvironment environment, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(environment);
        BeginTraining(environment.ObservationSpace.Dimension, environment.ActionSpace.Dimension, seed);
    }

    /// <summary>
    /// Prepares training for observations of <paramref name="observationDim"/> values and <paramref name="tasks"/> tasks
    /// without an environment (benchmarks and tests: the transitions are stored by the caller).
    /// </summary>
    public void BeginTraining(int observationDim, int tasks, ulong seed)
    {
        Shape(observationDim, tasks);
        StartTraining(seed);
    }

    /// <summary>The greedy action (evaluation).</summary>
    public override void Act(MiningEnvironment environment, Span<double> action) => ChooseAction(environment, 0, action);

    /// <summary>
    /// The model file: little-endian "EMDA", int32 version 1, int32 observation length, tasks and head; then the network
    /// state: "EMQN", int32 version 1, int32 observation length, actions (joint actions or branches), head, dueling (0/1),
    /// hidden count and sizes, int64 update count, the online and the target network as <see cref="WeightFile"/> blocks,
    /// and the Adam state.
    /// </summary>
    public override void SaveModel(Stream stream)
    {
        using (var writer = BinaryFormat.Writer(stream))
        {
            ModelFormat.WriteHeader(writer);
            writer.Write(ObservationDim);
            writer.Write(Tasks);
            writer.Write((int)Options.Head);
            NetworkFormat.WriteHeader(writer);
            foreach (int field in NetworkShape())
            {
                writer.Write(field);
            }

            writer.Write(UpdateCount);
        }

        WeightFile.Write(stream, Online.Layers);
        WeightFile.Write(stream, Target.Layers);
        Adam.SaveState(stream);
    }

    public override void LoadModel(Stream stream)
    {
        long updates;
        using (var reader = BinaryFormat.Reader(stream))
        {
            ModelFormat.ReadHeader(reader);
            int observationDim = ModelFormat.ReadCount(reader, 1, int.MaxValue, "the observation length");
            int tasks = ModelFormat.ReadCount(reader, 1, RunSettings.MaxTasks, "the number of tasks");
            ModelFormat.ReadExpected(reader, (int)Options.Head, "the head (0 joint, 1 branching) against its configuration's");
            if (Options.Problem(tasks) is { } problem)
            {
                throw new InvalidDataException($"{ModelFormat.Name}: {problem}");
            }

            Shape(observationDim, tasks);
            InitialiseNetworks(new Xoshiro256(0));
            NetworkFormat.ReadHeader(reader);
            string[] fields = ["observation length", "actions", "head", "dueling", "hidden layer count", .. Options.HiddenSizes.Select((_, i) => $"hidden layer {i + 1} width")];
            int[] expected = NetworkShape();
            for (int i = 0; i < expected.Length; i++)
            {
                NetworkFormat.ReadExpected(reader, expected[i], fields[i]);
            }

            updates = NetworkFormat.Truncated(reader.ReadInt64);
        }

        WeightFile.Read(stream, Online.Layers);
        WeightFile.Read(stream, Target.Layers);
        TargetChanged();
        Adam.LoadState(stream);
        UpdateCount = updates;
    }

    /// <summary>The model file (which holds the target network and Adam), the replay memory, then both generators.</summary>
    public override void SaveTrainingState(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Flush();
        SaveModel(writer.BaseStream);
        Memory.Save(writer.BaseStream);
        Exploration.WriteTo(writer);
        ReplaySampling.WriteTo(writer);
    }

    public override void LoadTrainingState(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        LoadModel(reader.BaseStream);
        Memory = NewReplayMemory();
        Memory.Load(reader.BaseStream);
        Exploration.ReadFrom(reader);
        ReplaySampling.ReadFrom(reader);
    }

    /// <summary>Epsilon-greedy on the online network; leaves the observation s in <see cref="State"/> (see <see cref="ReadObservation"/>).</summary>
    private protected abstract void ChooseAction(MiningEnvironment environment, double epsilon, Span<double> action);

    /// <summary>Checks the environment's shape against the network's and copies its observation into <see cref="State"/>.</summary>
    private protected void ReadObservation(MiningEnvironment environment, Span<double> action)
    {
        if (environment.ObservationSpace.Dimension != ObservationDim || action.Length != Tasks)
        {
            throw new ArgumentException("the environment's shape differs from the one the network was trained on", nameof(environment));
        }

        ToFloat(environment.Observation, State);
    }

    /// <summary>The regression loss [eq. 17] (or Huber) of <paramref name="predictions"/> on <paramref name="targets"/>, and its gradient.</summary>
    private protected float Loss(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets, Span<float> gradient) =>
        Options.Loss == DqnLoss.Huber ? Losses.Huber(predictions, targets, gradient) : Losses.MeanSquared(predictions, targets, gradient);

    /// <summary>Q(s, a) of each sample's taken action in each group, read from the Q-values <paramref name="q"/> of every output.</summary>
    private protected void GatherTaken(ReadOnlySpan<float> q, int batch, Span<float> predictions)
    {
        int groups = Groups, groupSize = GroupSize;
        for (int i = 0; i < batch * groups; i++)
        {
            predictions[i] = q[(i * groupSize) + BatchActions[i]];
        }
    }

    /// <summary>The gradient with respect to every output: each taken action's, 0 for the others.</summary>
    private protected ReadOnlySpan<float> ScatterTaken(ReadOnlySpan<float> gradPredictions, int batch)
    {
        int groups = Groups, groupSize = GroupSize;
        Span<float> gradQ = GradQ.AsSpan(0, batch * Online.Outputs);
        gradQ.Clear();
        for (int i = 0; i < batch * groups; i++)
        {
            gradQ[(i * groupSize) + BatchActions[i]] = gradPredictions[i];
        }

        return gradQ;
    }

    private protected override ReplayMemory NewReplayMemory() => new(Options.ReplayCapacity, ObservationDim, Groups, RewardComponents);

    /// <summary>Sizes the learner for <paramref name="observationDim"/> and <paramref name="tasks"/>: its networks (uninitialised) and buffers.</summary>
    private protected virtual void Shape(int observationDim, int tasks)
    {
        Options.Validate(tasks);
        ObservationDim = observationDim;
        Tasks = tasks;
        State = new float[observationDim];
        NextState = new float[observationDim];
        SlotAction = new double[tasks];
        int batch = Options.BatchSize;
        _online = new QNetwork(observationDim, Options.HiddenSizes, Groups, GroupSize, Options.Dueling, batch);
        _target = new QNetwork(observationDim, Options.HiddenSizes, Groups, GroupSize, Options.Dueling, batch);
        SingleQ = new float[_online.Outputs];
        BatchStates = new float[batch * observationDim];
        BatchNextStates = new float[batch * observationDim];
        BatchRewards = new float[batch * RewardComponents];
        Targets = new float[batch * Groups];
        Predictions = new float[batch * Groups];
        GradPredictions = new float[batch * Groups];
        GradQ = new float[batch * _online.Outputs];
        BatchActions = new int[batch * Groups];
    }

    private protected static void ToFloat(ReadOnlySpan<double> source, Span<float> destination)
    {
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = (float)source[i];
        }
    }

    // Observation length, actions (joint actions or branches), head, dueling, hidden count and sizes.
    private int[] NetworkShape() =>
        [ObservationDim, Options.Head == DqnHead.Joint ? 1 << Tasks : Tasks, (int)Options.Head, Options.Dueling ? 1 : 0, Options.HiddenSizes.Count, .. Options.HiddenSizes];
}
