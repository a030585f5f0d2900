using EdgeMine.IO;
using EdgeMine.Neural;
using EdgeMine.Randomness;

namespace EdgeMine.Learning.Dqn;

/// <summary>
/// The experience replay of DQN [Alg. 2]: a fixed-capacity ring buffer of transitions (s, a, r, s'), the oldest
/// overwritten first once full, sampled uniformly with replacement. The action is stored as
/// <see cref="ActionComponents"/> integers: one joint index, or one choice per branch. Storage is allocated once;
/// adding and sampling allocate nothing. The task is continuing (no terminal flag), as the offloading model is.
/// </summary>
internal sealed class ReplayMemory
{
    private static readonly BinaryFormat Format = new("replay memory", 0x4D52_4D45, 2); // "EMRM"

    private readonly float[] _states;
    private readonly float[] _nextStates;
    private readonly int[] _actions;
    private readonly float[] _rewards;
    private readonly long[] _writtenAt; // the write serial of each slot's contents (see WrittenAt)
    private long _writes;

    public ReplayMemory(int capacity, int observationDim, int actionComponents = 1, int rewardComponents = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(observationDim);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(actionComponents);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rewardComponents);
        Capacity = capacity;
        RewardComponents = rewardComponents;
        ObservationDim = observationDim;
        ActionComponents = actionComponents;
        _states = new float[(long)capacity * observationDim];
        _nextStates = new float[(long)capacity * observationDim];
        _actions = new int[(long)capacity * actionComponents];
        _rewards = new float[(long)capacity * rewardComponents];
        _writtenAt = new long[capacity];
    }

    public int Capacity { get; }

    public int ObservationDim { get; }

    /// <summary>Integers per stored action: 1 for a joint index, B for B branches.</summary>
    public int ActionComponents { get; }

    /// <summary>Rewards per stored transition: 1, or one per branch when each branch learns its own reward.</summary>
    public int RewardComponents { get; }

    /// <summary>Transitions stored (at most <see cref="Capacity"/>).</summary>
    public int Count { get; private set; }

    /// <summary>Slot the next transition goes to.</summary>
    public int NextIndex { get; private set; }

    /// <summary>Stores a transition, overwriting the oldest when full.</summary>
    public void Add(ReadOnlySpan<float> state, ReadOnlySpan<int> action, float reward, ReadOnlySpan<float> nextState)
        => Add(state, action, [reward], nextState);

    /// <summary>Stores a transition with <see cref="RewardComponents"/> rewards, overwriting the oldest when full.</summary>
    public void Add(ReadOnlySpan<float> state, ReadOnlySpan<int> action, ReadOnlySpan<float> rewards, ReadOnlySpan<float> nextState)
    {
        if (rewards.Length != RewardComponents)
        {
            throw new ArgumentException($"{rewards.Length} rewards given; this memory stores {RewardComponents} per transition", nameof(rewards));
        }

        if (state.Length != ObservationDim || nextState.Length != ObservationDim || action.Length != ActionComponents)
        {
            throw new ArgumentException(
                $"transition shapes: state {state.Length}, next {nextState.Length}, action {action.Length}; expected {ObservationDim}, {ObservationDim}, {ActionComponents}");
        }

        int slot = NextIndex;
        state.CopyTo(_states.AsSpan(slot * ObservationDim, ObservationDim));
        nextState.CopyTo(_nextStates.AsSpan(slot * ObservationDim, ObservationDim));
        action.CopyTo(_actions.AsSpan(slot * ActionComponents, ActionComponents));
        rewards.CopyTo(_rewards.AsSpan(slot * RewardComponents, RewardComponents));
        _writtenAt[slot] = ++_writes;
        NextIndex = (slot + 1) % Capacity;
        Count = Math.Min(Count + 1, Capacity);
    }

    /// <summary>Stores a transition with a joint action index.</summary>
    public void Add(ReadOnlySpan<float> state, int jointAction, float reward, ReadOnlySpan<float> nextState)
        => Add(state, [jointAction], reward, nextState);

    /// <summary>
    /// Draws <paramref name="batch"/> stored transitions uniformly (with replacement) into the caller's buffers:
    /// states and nextStates [batch×ObservationDim], actions [batch×ActionComponents], rewards [batch×RewardComponents].
    /// </summary>
    public void Sample(Xoshiro256 rng, int batch, Span<float> states, Span<int> actions, Span<float> rewards, Span<float> nextStates)
        => Sample(rng, batch, states, actions, rewards, nextStates, []);

    /// <summary>
    /// As <see cref="Sample(Xoshiro256, int, Span{float}, Span{int}, Span{float}, Span{float})"/> (the same draws), and
    /// writes each sample's slot into <paramref name="slots"/> [batch] unless it is empty.
    /// </summary>
    public void Sample(Xoshiro256 rng, int batch, Span<float> states, Span<int> actions, Span<float> rewards, Span<float> nextStates, Span<int> slots)
    {
        if (Count == 0)
        {
            throw new InvalidOperationException("cannot sample an empty replay memory");
        }

        int dim = ObservationDim, components = ActionComponents, rewardComponents = RewardComponents;
        for (int row = 0; row < batch; row++)
        {
            int slot = rng.NextInt(Count);
            if (!slots.IsEmpty)
            {
                slots[row] = slot;
            }

            _states.AsSpan(slot * dim, dim).CopyTo(states.Slice(row * dim, dim));
            _nextStates.AsSpan(slot * dim, dim).CopyTo(nextStates.Slice(row * dim, dim));
            _actions.AsSpan(slot * components, components).CopyTo(actions.Slice(row * components, components));
            _rewards.AsSpan(slot * rewardComponents, rewardComponents).CopyTo(rewards.Slice(row * rewardComponents, rewardComponents));
        }
    }

    /// <summary>
    /// A number that changes whenever the contents of <paramref name="slot"/> change (every <see cref="Add(ReadOnlySpan{float}, ReadOnlySpan{int}, ReadOnlySpan{float}, ReadOnlySpan{float})"/>
    /// and <see cref="Load"/>), unique within this memory: a value derived from the slot's transition stays valid while it is the same.
    /// </summary>
    public long WrittenAt(int slot) => _writtenAt[slot];

    /// <summary>The state stored in <paramref name="slot"/> (for inspection and tests).</summary>
    public ReadOnlySpan<float> StateAt(int slot) => _states.AsSpan(slot * ObservationDim, ObservationDim);

    /// <summary>
    /// Writes the contents for an exact resume. Little-endian: "EMRM", int32 version 2, int32 capacity, observation
    /// dim, action components, reward components, count, next index; then for the first count slots: states, next
    /// states (float32), actions (int32), rewards (float32).
    /// </summary>
    public void Save(Stream stream)
    {
        using var writer = BinaryFormat.Writer(stream);
        Format.WriteHeader(writer);
        writer.Write(Capacity);
        writer.Write(ObservationDim);
        writer.Write(ActionComponents);
        writer.Write(RewardComponents);
        writer.Write(Count);
        writer.Write(NextIndex);
        BinaryFloats.Write(writer, _states.AsSpan(0, Count * ObservationDim));
        BinaryFloats.Write(writer, _nextStates.AsSpan(0, Count * ObservationDim));
        foreach (int action in _actions.AsSpan(0, Count * ActionComponents))
        {
            writer.Write(action);
        }

        BinaryFloats.Write(writer, _rewards.AsSpan(0, Count * RewardComponents));
    }

    /// <summary>Replaces the contents with those written by <see cref="Save"/> from a memory of the same shape.</summary>
    public void Load(Stream stream)
    {
        using var reader = BinaryFormat.Reader(stream);
        Format.ReadHeader(reader);
        Format.ReadExpected(reader, Capacity, "the capacity");
        int dim = Format.ReadExpected(reader, ObservationDim, "the observation length");
        int components = Format.ReadExpected(reader, ActionComponents, "the integers per action");
        int rewardComponents = Format.ReadExpected(reader, RewardComponents, "the rewards per transition");
        int count = Format.ReadCount(reader, 0, Capacity, "the number of transitions");
        int next = Format.ReadCount(reader, 0, Capacity - 1, "the next index");
        Format.Truncated(() =>
        {
            BinaryFloats.Read(reader, _states.AsSpan(0, count * dim));
            BinaryFloats.Read(reader, _nextStates.AsSpan(0, count * dim));
            for (int i = 0; i < count * components; i++)
            {
                _actions[i] = reader.ReadInt32();
            }

            BinaryFloats.Read(reader, _rewards.AsSpan(0, count * rewardComponents));
        });
        Count = count;
        NextIndex = next;
        _writtenAt.AsSpan().Fill(++_writes);
    }
}
