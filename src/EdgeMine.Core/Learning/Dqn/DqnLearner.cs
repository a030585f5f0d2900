using EdgeMine.Neural;

namespace EdgeMine.Learning.Dqn;

/// <summary>
/// DRLO [Alg. 2]: a deep Q-network over the whole system's observation (MODEL.md section 7). Reads top to bottom like
/// CleanRL's dqn.py: <see cref="TrainSlot"/> acts epsilon-greedily, steps the environment and stores the transition;
/// <see cref="Update"/> samples a batch, computes the targets with the target network, regresses Q(s, a) of the taken
/// actions on them, backpropagates, clips the gradient norm, takes an Adam step and copies the online network into the
/// target network every <see cref="DqnOptions.TargetSyncInterval"/> updates. It delegates only to <c>Neural/</c> (the
/// networks, the targets, the losses, clipping, Adam) and to the replay memory.
/// <para>
/// Joint head: one output per binary joint action (bit i of the index offloads task i), exploration over joint actions.
/// Branching head: one 2-way output per task, exploration per task, and with <see cref="DqnOptions.DifferenceRewards"/>
/// one reward per branch.
/// </para>
/// </summary>
public sealed class DqnLearner : ILearner
{
    private static readonly BinaryFormat ModelFormat = new("DRLO model", 0x41444D45, 1); // "EMDA"
    private static readonly BinaryFormat NetworkFormat = new("DRLO network state", 0x4E514D45, 1); // "EMQN"

    private readonly Xoshiro256 _exploration = new(0);
    private readonly Xoshiro256 _replaySampling = new(0);
    private QNetwork? _online;
    private QNetwork? _target;
    private Adam? _adam;
    private ReplayMemory? _memory;
    private SlotModel? _model;
    private int _tasks;
    private int _observationDim;

    // One slot's buffers.
    private float[] _state = [];
    private float[] _nextState = [];
    private int[] _choices = [];
    private float[] _branchRewards = [];
    private float[] _singleQ = [];
    private double[] _action = [];
    private double[] _counterfactual = [];
    private double[] _bufferedBits = [];
    private double[] _arrivedBits = [];
    private bool[] _channelGood = [];
    private TaskOutcome[] _scratch = [];

    // One batch's buffers.
    private float[] _batchStates = [], _batchNextStates = [], _batchRewards = [], _targets = [], _predictions = [], _gradPredictions = [], _gradQ = [];
    private int[] _batchActions = [];

    public DqnLearner(DqnOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
    }

    public string Name => "drlo";

    public DqnOptions Options { get; }

    /// <summary>Updates performed since training began.</summary>
    public long UpdateCount { get; private set; }

    private bool Joint => Options.Head == DqnHead.Joint;

    private int Groups => Options.Groups(_tasks);

    private int GroupSize => Options.GroupSize(_tasks);

    internal QNetwork Online => _online ?? throw new InvalidOperationException("the DRLO learner has neither been trained nor loaded");

    internal QNetwork Target => _target!;

    internal ReplayMemory Memory => _memory ?? throw new InvalidOperationException("call BeginTraining first");

    public void Reset(ulong seed) => _exploration.Reseed(seed);

    public void BeginTraining(MiningEnvironment environment, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(environment);
        BeginTraining(environment.ObservationSpace.Dimension, environment.ActionSpace.Dimension, seed);
        _model = environment.Model;
        _channelGood = new bool[environment.Settings.Miners];
    }

    /// <summary>Prepares training for observations of <paramref name="observationDim"/> values and <paramref name="tasks"/> tasks (without an environment: benchmarks and tests).</summary>
    internal void BeginTraining(int observationDim, int tasks, ulong seed)
    {
        Shape(observationDim, tasks);
        CreateNetworks(new Xoshiro256(SeedMixer.Derive(seed, 1)));
        _memory = NewReplayMemory();
        _exploration.Reseed(SeedMixer.Derive(seed, 2));
        _replaySampling.Reseed(SeedMixer.Derive(seed, 3));
    }

    /// <summary>The greedy 0/1 choice of every branch for one observation (branching head).</summary>
    internal void GreedyBranches(ReadOnlySpan<float> state, Span<int> choices)
    {
        Online.ForwardSingle(state, _singleQ);
        for (int b = 0; b < _tasks; b++)
        {
            choices[b] = _singleQ[(2 * b) + 1] > _singleQ[2 * b] ? 1 : 0;
        }
    }

    /// <summary>The greedy joint action of one observation (joint head).</summary>
    internal int GreedyJoint(ReadOnlySpan<float> state)
    {
        Online.ForwardSingle(state, _singleQ);
        return System.Numerics.Tensors.TensorPrimitives.IndexOfMax<float>(_singleQ);
    }

    /// <summary>The greedy action (evaluation).</summary>
    public void Act(MiningEnvironment environment, Span<double> action) => ChooseAction(environment, 0, action);

    /// <summary>One training slot: act, step, store; then <see cref="DqnOptions.UpdatesPerSlot"/> updates once learning has started.</summary>
    public TrainingSlot TrainSlot(MiningEnvironment environment, double epsilon)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var memory = Memory;

        // Act: epsilon-greedy on the online network (which leaves the observation s in _state).
        ChooseAction(environment, epsilon, _action);

        // Step the environment.
        var step = environment.Step(_action);
        var metrics = step.Metrics;
        Convert(step.Observation, _nextState);

        // Store (s, a, r, s'): a joint index, or one choice (and with difference rewards one reward) per branch.
        if (Joint)
        {
            int joint = 0;
            for (int i = 0; i < _tasks; i++)
            {
                joint |= (_action[i] >= 0.5 ? 1 : 0) << i;
            }

            memory.Add(_state, joint, (float)metrics.Reward, _nextState);
        }
        else
        {
            for (int i = 0; i < _tasks; i++)
            {
                _choices[i] = _action[i] >= 0.5 ? 1 : 0;
            }

            if (Options.DifferenceRewards)
            {
                DifferenceRewards(_action, environment.LastOutcomes, metrics, _branchRewards);
                memory.Add(_state, _choices, _branchRewards, _nextState);
            }
            else
            {
                memory.Add(_state, _choices, (float)metrics.Reward, _nextState);
            }
        }

        if (memory.Count < Options.LearningStarts)
        {
            return new TrainingSlot(metrics, double.NaN);
        }

        double loss = 0;
        for (int u = 0; u < Options.UpdatesPerSlot; u++)
        {
            loss += Update();
        }

        return new TrainingSlot(metrics, loss / Options.UpdatesPerSlot);
    }

    /// <summary>One DQN update from the replay memory; returns the batch loss.</summary>
    internal float Update()
    {
        var memory = Memory;
        var online = Online;
        var target = Target;
        int batch = Options.BatchSize, groups = Groups, groupSize = GroupSize;
        Span<float> predictions = _predictions.AsSpan(0, batch * groups);
        Span<float> targets = _targets.AsSpan(0, batch * groups);
        Span<float> gradPredictions = _gradPredictions.AsSpan(0, batch * groups);
        bool selectedOnly = Joint && !Options.Dueling;

        // Sample a batch uniformly from the replay memory.
        memory.Sample(_replaySampling, batch, _batchStates, _batchActions, _batchRewards, _batchNextStates);

        // Targets y = r + γ bootstrap(s'), from the target network (Double DQN: at the online network's argmax).
        // They are computed before the online network's training pass, whose buffers the Double DQN pass shares.
        ReadOnlySpan<float> onlineNext = Options.DoubleDqn ? online.Forward(_batchNextStates, batch) : [];
        ReadOnlySpan<float> targetNext = target.Forward(_batchNextStates, batch);
        QTargets.Compute(targetNext, onlineNext, batch, groups, groupSize, _batchRewards, Options.Discount, Options.DifferenceRewards, targets);

        // Q(s, a) of the taken actions. The joint head without dueling computes only those (one dot product per sample).
        if (selectedOnly)
        {
            online.ForwardSelected(_batchStates, batch, _batchActions, predictions);
        }
        else
        {
            ReadOnlySpan<float> q = online.Forward(_batchStates, batch);
            for (int i = 0; i < batch * groups; i++)
            {
                predictions[i] = q[(i * groupSize) + _batchActions[i]];
            }
        }

        // Loss [eq. 17] and its gradient.
        float loss = Options.Loss == DqnLoss.Huber
            ? Losses.Huber(predictions, targets, gradPredictions)
            : Losses.MeanSquared(predictions, targets, gradPredictions);

        // Backward.
        online.ZeroGradients();
        if (selectedOnly)
        {
            online.BackwardSelected(gradPredictions, _batchActions);
        }
        else
        {
            Span<float> gradQ = _gradQ.AsSpan(0, batch * online.Outputs);
            gradQ.Clear();
            for (int i = 0; i < batch * groups; i++)
            {
                gradQ[(i * groupSize) + _batchActions[i]] = gradPredictions[i];
            }

            online.Backward(gradQ);
        }

        // Clip the gradient norm, take an Adam step, and copy to the target network every C updates.
        GradientClipping.ClipGlobalNorm(online.Parameters, Options.GradientClipNorm);
        _adam!.Step();
        UpdateCount++;
        if (UpdateCount % Options.TargetSyncInterval == 0)
        {
            target.CopyValuesFrom(online);
        }

        return loss;
    }

    /// <summary>
    /// Per task, the slot's reward minus the reward it would have had with that task executed locally (0 for a task that
    /// was executed locally), recomputed with the slot physics from the start-of-slot state recorded in the outcomes.
    /// </summary>
    internal void DifferenceRewards(ReadOnlySpan<double> action, ReadOnlySpan<TaskOutcome> outcomes, in SlotMetrics metrics, Span<float> rewards)
    {
        var model = _model ?? throw new InvalidOperationException("difference rewards need the environment's model: call BeginTraining");
        int tasksPerMiner = model.TasksPerMiner;
        for (int i = 0; i < _tasks; i++)
        {
            _bufferedBits[i] = outcomes[i].BufferedBits;
            _arrivedBits[i] = outcomes[i].ArrivedBits;
            _counterfactual[i] = action[i];
        }

        for (int n = 0; n < _channelGood.Length; n++)
        {
            _channelGood[n] = outcomes[n * tasksPerMiner].ChannelGood;
        }

        for (int i = 0; i < _tasks; i++)
        {
            if (action[i] == 0)
            {
                rewards[i] = 0;
                continue;
            }

            _counterfactual[i] = 0;
            double without = model.Evaluate(_bufferedBits, _arrivedBits, _channelGood, metrics.MecBacklogCycles, _counterfactual, _scratch).Reward;
            _counterfactual[i] = action[i];
            rewards[i] = (float)(metrics.Reward - without);
        }
    }

    /// <summary>
    /// The model file: little-endian "EMDA", int32 version 1, int32 observation length, tasks and head; then the network
    /// state: "EMQN", int32 version 1, int32 observation length, actions (joint actions or branches), head, dueling (0/1),
    /// hidden count and sizes, int64 update count, the online and the target network as <see cref="WeightFile"/> blocks,
    /// and the Adam state.
    /// </summary>
    public void SaveModel(Stream stream)
    {
        using (var writer = BinaryFormat.Writer(stream))
        {
            ModelFormat.WriteHeader(writer);
            writer.Write(_observationDim);
            writer.Write(_tasks);
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
        _adam!.SaveState(stream);
    }

    public void LoadModel(Stream stream)
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
            CreateNetworks(new Xoshiro256(0));
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
        _adam!.LoadState(stream);
        UpdateCount = updates;
    }

    public void SaveTrainingState(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Flush();
        SaveModel(writer.BaseStream);
        Memory.Save(writer.BaseStream);
        _exploration.WriteTo(writer);
        _replaySampling.WriteTo(writer);
    }

    public void LoadTrainingState(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        LoadModel(reader.BaseStream);
        _memory = NewReplayMemory();
        _memory.Load(reader.BaseStream);
        _exploration.ReadFrom(reader);
        _replaySampling.ReadFrom(reader);
    }

    /// <summary>Epsilon-greedy: over the joint action (joint head) or per task (branching head).</summary>
    private void ChooseAction(MiningEnvironment environment, double epsilon, Span<double> action)
    {
        if (environment.ObservationSpace.Dimension != _observationDim || action.Length != _tasks)
        {
            throw new ArgumentException("the environment's shape differs from the one the network was trained on", nameof(environment));
        }

        Convert(environment.Observation, _state);
        if (Joint)
        {
            int joint = epsilon > 0 && _exploration.NextDouble() < epsilon ? _exploration.NextInt(1 << _tasks) : GreedyJoint(_state);
            ActionSpace.DecodeBinary(joint, action);
            return;
        }

        if (epsilon < 1)
        {
            GreedyBranches(_state, _choices);
        }

        for (int i = 0; i < _tasks; i++)
        {
            action[i] = epsilon > 0 && _exploration.NextDouble() < epsilon ? (_exploration.NextBool() ? 1 : 0) : _choices[i];
        }
    }

    /// <summary>The online network initialised from <paramref name="initialisation"/> (He for the trunk, Xavier for the heads), its copy, and Adam.</summary>
    private void CreateNetworks(Xoshiro256 initialisation)
    {
        int batch = Options.BatchSize;
        _online = new QNetwork(_observationDim, Options.HiddenSizes, Groups, GroupSize, Options.Dueling, batch);
        _target = new QNetwork(_observationDim, Options.HiddenSizes, Groups, GroupSize, Options.Dueling, batch);
        _online.Initialize(initialisation);
        _target.CopyValuesFrom(_online);
        _adam = new Adam(_online.Parameters, Options.LearningRate);
        _singleQ = new float[_online.Outputs];
        _batchStates = new float[batch * _observationDim];
        _batchNextStates = new float[batch * _observationDim];
        _batchRewards = new float[batch * RewardComponents];
        _targets = new float[batch * Groups];
        _predictions = new float[batch * Groups];
        _gradPredictions = new float[batch * Groups];
        _gradQ = new float[batch * _online.Outputs];
        _batchActions = new int[batch * Groups];
        UpdateCount = 0;
    }

    /// <summary>Rewards per transition: one per branch with difference rewards, else 1.</summary>
    private int RewardComponents => Options.DifferenceRewards ? Groups : 1;

    private ReplayMemory NewReplayMemory() => new(Options.ReplayCapacity, _observationDim, Groups, RewardComponents);

    // Observation length, actions (joint actions or branches), head, dueling, hidden count and sizes.
    private int[] NetworkShape() =>
        [_observationDim, Joint ? 1 << _tasks : _tasks, (int)Options.Head, Options.Dueling ? 1 : 0, Options.HiddenSizes.Count, .. Options.HiddenSizes];

    private void Shape(int observationDim, int tasks)
    {
        Options.Validate(tasks);
        _observationDim = observationDim;
        _tasks = tasks;
        _state = new float[observationDim];
        _nextState = new float[observationDim];
        _choices = new int[tasks];
        _branchRewards = new float[tasks];
        _action = new double[tasks];
        _counterfactual = new double[tasks];
        _bufferedBits = new double[tasks];
        _arrivedBits = new double[tasks];
        _scratch = new TaskOutcome[tasks];
    }

    private static void Convert(ReadOnlySpan<double> source, Span<float> destination)
    {
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = (float)source[i];
        }
    }
}
