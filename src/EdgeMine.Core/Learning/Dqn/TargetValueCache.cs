using System.Numerics.Tensors;
using EdgeMine.Neural;

namespace EdgeMine.Learning.Dqn;

/// <summary>
/// max_a' Q_target(s', a') of the replay memory's transitions, kept per memory slot between target syncs: the value of
/// a stored transition depends only on its s' and the target network's weights, so it is computed once per sync period
/// instead of once per draw. With the joint head at M = 12 (4,096 outputs) the target network's forward pass is most of
/// an update, and a slot is drawn 32,000 / (stored transitions) times per period of 250 updates of 128.
/// </summary>
/// <remarks>
/// Exact, not an approximation: <see cref="Gemm"/> computes each output as bias plus one multiply-add chain over the
/// inputs in a fixed order, whatever the batch's size or the row's place in it, so a value computed in a smaller batch
/// of the draws not yet known is bit for bit the one the whole batch's forward pass gave (the joint head's tests
/// compare the two). A value is valid while the target network's version (<see cref="DqnCore{TOptions}"/>) is the one it
/// was computed under and its slot holds the same transition (<see cref="ReplayMemory.WrittenAt"/>); a new replay memory
/// (training begun or resumed) starts an empty cache.
/// </remarks>
internal sealed class TargetValueCache
{
    private float[] _values = [];
    private long[] _computedAt = []; // the target version each value was computed under; -1: none
    private long[] _writtenAt = [];  // the slot's write serial when its value was computed
    private ReplayMemory? _memory;
    private float[] _missStates = [];
    private int[] _missSlots = [];

    /// <summary>
    /// Writes max_a' Q_target(s', a') of each sampled transition into <paramref name="bootstrap"/> [batch]: from the
    /// cache where valid, else from one forward pass of <paramref name="target"/> over the distinct missing slots.
    /// </summary>
    /// <param name="target">The target network.</param>
    /// <param name="targetVersion">Its version (<see cref="DqnCore{TOptions}"/>): values of another version are recomputed.</param>
    /// <param name="memory">The replay memory the samples were drawn from.</param>
    /// <param name="slots">The memory slot of each sample [batch].</param>
    /// <param name="nextStates">The samples' s', [batch × observation length], as drawn.</param>
    /// <param name="batch">The samples.</param>
    /// <param name="bootstrap">Receives each sample's max_a' Q_target(s', a') [batch].</param>
    public void Bootstrap(QNetwork target, long targetVersion, ReplayMemory memory, ReadOnlySpan<int> slots, ReadOnlySpan<float> nextStates, int batch, Span<float> bootstrap)
    {
        int dim = memory.ObservationDim;
        if (!ReferenceEquals(memory, _memory))
        {
            _memory = memory;
            _values = new float[memory.Capacity];
            _computedAt = new long[memory.Capacity];
            _writtenAt = new long[memory.Capacity];
            Array.Fill(_computedAt, -1L);
        }

        if (_missSlots.Length < batch || _missStates.Length < batch * dim)
        {
            _missSlots = new int[batch];
            _missStates = new float[batch * dim];
        }

        // The distinct slots without a valid value, with their s'.
        int misses = 0;
        for (int row = 0; row < batch; row++)
        {
            int slot = slots[row];
            if ((_computedAt[slot] == targetVersion && _writtenAt[slot] == memory.WrittenAt(slot)) || _missSlots.AsSpan(0, misses).Contains(slot))
            {
                continue;
            }

            nextStates.Slice(row * dim, dim).CopyTo(_missStates.AsSpan(misses * dim, dim));
            _missSlots[misses++] = slot;
        }

        if (misses > 0)
        {
            int outputs = target.Outputs;
            ReadOnlySpan<float> q = target.Forward(_missStates.AsSpan(0, misses * dim), misses);
            for (int i = 0; i < misses; i++)
            {
                int slot = _missSlots[i];
                _values[slot] = TensorPrimitives.Max(q.Slice(i * outputs, outputs));
                _computedAt[slot] = targetVersion;
                _writtenAt[slot] = memory.WrittenAt(slot);
            }
        }

        for (int row = 0; row < batch; row++)
        {
            bootstrap[row] = _values[slots[row]];
        }
    }
}
