using System.Numerics.Tensors;
using EdgeMine.Neural;
using EdgeMine.Randomness;

namespace EdgeMine.Learning;

/// <summary>
/// The DQN learner core of DRLO [Alg. 2]: an online and a target Q-network, Adam, and the update
/// y = r + γ · bootstrap(s'), loss on Q(s, a) of the taken actions only.
/// Joint head: bootstrap = max_a Q_target(s', a). Branching head (Tavakoli et al. 2018): every branch shares
/// y = r + γ · mean_b max_a Q_target,b(s', a), and the loss is averaged over branches. Double DQN replaces each max by
/// Q_target at the online network's argmax.
/// </summary>
public sealed class QNetwork
{
    private const uint Magic = 0x4E51_4D45; // "EMQN" as little-endian bytes
    private const int FormatVersion = 1;

    private readonly QModel _online;
    private readonly QModel _target;
    private readonly Adam _adam;
    private readonly bool _selectedFastPath;

    // Batch buffers, allocated once.
    private readonly float[] _states, _nextStates, _rewards, _targets, _predictions, _gradPredictions, _gradQ;
    private readonly int[] _actions, _onlineArgmax;
    private readonly float[] _singleQ;

    /// <param name="observationDim">Length of a state vector.</param>
    /// <param name="actions">Joint head: the number of joint actions A. Branching head: the number of branches B (tasks).</param>
    /// <param name="options">Learner settings.</param>
    /// <param name="rng">Initialises the weights (He for the trunk, Xavier for the heads).</param>
    public QNetwork(int observationDim, int actions, DqnOptions options, Xoshiro256 rng)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(observationDim);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(actions);
        options.Validate();
        Options = options;
        ObservationDim = observationDim;
        Actions = actions;
        (int groups, int groupSize) = options.Head == DqnHead.Joint ? (1, actions) : (actions, 2);
        int batch = options.BatchSize;
        _online = new QModel(observationDim, options.HiddenSizes, groups, groupSize, options.Dueling, batch);
        _target = new QModel(observationDim, options.HiddenSizes, groups, groupSize, options.Dueling, batch);
        _online.Initialize(rng);
        _target.CopyValuesFrom(_online);
        _adam = new Adam(_online.Parameters, options.LearningRate);
        _selectedFastPath = options.Head == DqnHead.Joint && !options.Dueling;

        _states = new float[batch * observationDim];
        _nextStates = new float[batch * observationDim];
        _rewards = new float[batch * RewardComponents];
        _targets = new float[batch * groups];
        _predictions = new float[batch * groups];
        _gradPredictions = new float[batch * groups];
        _gradQ = new float[batch * _online.Outputs];
        _actions = new int[batch * groups];
        _onlineArgmax = new int[batch * groups];
        _singleQ = new float[_online.Outputs];
    }

    public DqnOptions Options { get; }

    public int ObservationDim { get; }

    /// <summary>Joint: A actions; branching: B branches.</summary>
    public int Actions { get; }

    /// <summary>Integers per stored action: 1 (joint index) or B (one 0/1 choice per branch).</summary>
    public int ActionComponents => _online.Groups;

    /// <summary>Q-values per state: A (joint) or 2·B (branching, branch b at 2b and 2b+1).</summary>
    public int OutputCount => _online.Outputs;

    /// <summary>Updates performed (<see cref="TrainStep"/> calls).</summary>
    public long UpdateCount { get; private set; }

    internal QModel Online => _online;

    internal QModel Target => _target;

    /// <summary>A replay memory shaped for this learner, of <see cref="DqnOptions.ReplayCapacity"/> transitions.</summary>
    public ReplayMemory CreateReplayMemory() => new(Options.ReplayCapacity, ObservationDim, ActionComponents, RewardComponents);

    /// <summary>Rewards per transition: one per branch with <see cref="DqnOptions.PerBranchRewards"/>, else 1.</summary>
    public int RewardComponents => Options.PerBranchRewards ? ActionComponents : 1;

    /// <summary>The online network's Q-values for one state.</summary>
    public void QValues(ReadOnlySpan<float> state, Span<float> q) => _online.ForwardSingle(state, q[..OutputCount]);

    /// <summary>The greedy joint action (joint head only).</summary>
    public int GreedyJoint(ReadOnlySpan<float> state)
    {
        if (Options.Head != DqnHead.Joint)
        {
            throw new InvalidOperationException("GreedyJoint needs the joint head; use GreedyBranches");
        }

        _online.ForwardSingle(state, _singleQ);
        return TensorPrimitives.IndexOfMax<float>(_singleQ);
    }

    /// <summary>The greedy 0/1 choice of every branch (branching head only) into <paramref name="choices"/> [B].</summary>
    public void GreedyBranches(ReadOnlySpan<float> state, Span<int> choices)
    {
        if (Options.Head != DqnHead.Branching)
        {
            throw new InvalidOperationException("GreedyBranches needs the branching head; use GreedyJoint");
        }

        _online.ForwardSingle(state, _singleQ);
        for (int b = 0; b < Actions; b++)
        {
            choices[b] = _singleQ[(2 * b) + 1] > _singleQ[2 * b] ? 1 : 0;
        }
    }

    /// <summary>Copies the online network into the target network.</summary>
    public void SyncTarget() => _target.CopyValuesFrom(_online);

    /// <summary>
    /// One DQN update: sample a batch, compute targets with the target network, regress Q(s, a) of the taken actions
    /// on them, clip the gradient norm, take an Adam step, and copy to the target network every
    /// <see cref="DqnOptions.TargetSyncInterval"/> updates. Returns the batch loss.
    /// </summary>
    public float TrainStep(ReplayMemory memory, Xoshiro256 rng)
    {
        if (memory.ObservationDim != ObservationDim || memory.ActionComponents != ActionComponents || memory.RewardComponents != RewardComponents)
        {
            throw new ArgumentException("replay memory shaped for another learner", nameof(memory));
        }

        int batch = Options.BatchSize;
        int groups = ActionComponents;
        memory.Sample(rng, batch, _states, _actions, _rewards, _nextStates);
        ComputeTargets(_rewards, _nextStates, batch, _targets);

        // --- online prediction Q(s, a) for the taken actions ---
        Span<float> predictions = _predictions.AsSpan(0, batch * groups);
        if (_selectedFastPath)
        {
            _online.ForwardSelected(_states, batch, _actions, predictions);
        }
        else
        {
            ReadOnlySpan<float> q = _online.Forward(_states, batch);
            for (int i = 0; i < batch * groups; i++)
            {
                predictions[i] = q[(i * _online.GroupSize) + _actions[i]];
            }
        }

        Span<float> gradPredictions = _gradPredictions.AsSpan(0, batch * groups);
        float loss = Options.Loss == DqnLoss.Huber
            ? Losses.Huber(predictions, _targets.AsSpan(0, batch * groups), gradPredictions)
            : Losses.MeanSquared(predictions, _targets.AsSpan(0, batch * groups), gradPredictions);

        // --- backward, clip, step ---
        _online.ZeroGradients();
        if (_selectedFastPath)
        {
            _online.BackwardSelected(gradPredictions, _actions);
        }
        else
        {
            Span<float> gradQ = _gradQ.AsSpan(0, batch * _online.Outputs);
            gradQ.Clear();
            for (int i = 0; i < batch * groups; i++)
            {
                gradQ[(i * _online.GroupSize) + _actions[i]] = gradPredictions[i];
            }

            _online.Backward(gradQ);
        }

        GradientClipping.ClipGlobalNorm(_online.Parameters, Options.GradientClipNorm);
        _adam.Step();
        UpdateCount++;
        if (UpdateCount % Options.TargetSyncInterval == 0)
        {
            SyncTarget();
        }

        return loss;
    }

    /// <summary>
    /// y = r + γ · mean over groups of Q_target,g(s', a*_g), a*_g = argmax of Q_target,g (or of Q_online,g with Double
    /// DQN); written once per group (the joint head has one group). Uses the online network's batch buffers when
    /// Double DQN, so it runs before the online forward pass of the update.
    /// </summary>
    internal void ComputeTargets(ReadOnlySpan<float> rewards, ReadOnlySpan<float> nextStates, int batch, Span<float> targets)
    {
        int groups = _online.Groups, groupSize = _online.GroupSize, outputs = _online.Outputs;
        if (Options.DoubleDqn)
        {
            ReadOnlySpan<float> onlineNext = _online.Forward(nextStates, batch);
            for (int i = 0; i < batch * groups; i++)
            {
                _onlineArgmax[i] = TensorPrimitives.IndexOfMax(onlineNext.Slice(i * groupSize, groupSize));
            }
        }

        ReadOnlySpan<float> targetNext = _target.Forward(nextStates, batch);
        for (int row = 0; row < batch; row++)
        {
            double bootstrap = 0;
            for (int g = 0; g < groups; g++)
            {
                ReadOnlySpan<float> group = targetNext.Slice((row * outputs) + (g * groupSize), groupSize);
                bootstrap += Options.DoubleDqn ? group[_onlineArgmax[(row * groups) + g]] : TensorPrimitives.Max(group);
            }

            if (Options.PerBranchRewards)
            {
                // Each branch its own reward and its own bootstrap value.
                for (int g = 0; g < groups; g++)
                {
                    ReadOnlySpan<float> group = targetNext.Slice((row * outputs) + (g * groupSize), groupSize);
                    float next = Options.DoubleDqn ? group[_onlineArgmax[(row * groups) + g]] : TensorPrimitives.Max(group);
                    targets[(row * groups) + g] = rewards[(row * groups) + g] + (Options.Discount * next);
                }

                continue;
            }

            float y = rewards[row] + (Options.Discount * (float)(bootstrap / groups));
            targets.Slice(row * groups, groups).Fill(y);
        }
    }

    /// <summary>
    /// Writes everything an exact resume needs: a header (little-endian "EMQN", int32 version 1, int32 observation
    /// dim, actions, head, dueling (0/1), hidden count, hidden sizes, int64 update count), then the online and the
    /// target network as <see cref="WeightFile"/> blocks (trunk layers, head, value head), then the Adam state.
    /// </summary>
    public void Save(Stream stream)
    {
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(FormatVersion);
            foreach (int field in HeaderFields())
            {
                writer.Write(field);
            }

            writer.Write(UpdateCount);
        }

        WeightFile.Write(stream, _online.Layers);
        WeightFile.Write(stream, _target.Layers);
        _adam.SaveState(stream);
    }

    /// <summary>Restores a learner saved by <see cref="Save"/> with the same shape (observation, actions, head, dueling, hidden sizes).</summary>
    public void Load(Stream stream)
    {
        long updates;
        using (var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            try
            {
                if (reader.ReadUInt32() != Magic)
                {
                    throw new InvalidDataException("not an EdgeMine Q-network file (bad magic)");
                }

                int version = reader.ReadInt32();
                if (version != FormatVersion)
                {
                    throw new InvalidDataException($"Q-network file version {version} is not supported (expected {FormatVersion})");
                }

                int[] expected = HeaderFields();
                for (int i = 0; i < expected.Length; i++)
                {
                    int stored = reader.ReadInt32();
                    if (stored != expected[i])
                    {
                        throw new InvalidDataException(
                            $"Q-network file header field {i} (observation, actions, head, dueling, hidden count, hidden sizes) is {stored}, this learner has {expected[i]}");
                    }
                }

                updates = reader.ReadInt64();
            }
            catch (EndOfStreamException exception)
            {
                throw new InvalidDataException("Q-network file is truncated", exception);
            }
        }

        WeightFile.Read(stream, _online.Layers);
        WeightFile.Read(stream, _target.Layers);
        _adam.LoadState(stream);
        UpdateCount = updates;
    }

    private int[] HeaderFields() =>
        [ObservationDim, Actions, (int)Options.Head, Options.Dueling ? 1 : 0, Options.HiddenSizes.Count, .. Options.HiddenSizes];
}
