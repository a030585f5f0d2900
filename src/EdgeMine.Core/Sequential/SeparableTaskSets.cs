using EdgeMine.Model;

namespace EdgeMine.Sequential;

/// <summary>
/// The sets of K tasks a separable slot can offload (no cap binds: each task's served bits are fixed by its own choice),
/// for <see cref="PricedSlotSearch"/>: given K, every task's reward gain over local execution <c>G_i(K)</c> and cycles
/// <c>c_i = X Do_i</c> are fixed, and a selection takes the K largest keys <c>G_i - price c_i</c>. Two ways: scoring every
/// task (<see cref="ScoredTaskSets"/>), or, where the gains are affine in the data within a channel state, sorting each
/// channel's tasks once per slot (<see cref="AffineTaskSets"/>).
/// </summary>
internal abstract class SeparableTaskSets
{
    private SlotModel? _model;

    /// <summary>The slot's model, set by <see cref="Begin"/>.</summary>
    protected SlotModel Model => _model!;

    /// <summary>The slot's outcome of every task offloaded (a copy, sized for N M).</summary>
    protected TaskOutcome[] OffloadAll { get; private set; } = [];

    /// <summary>The slot's reward of every task executed locally (a copy, sized for N M).</summary>
    protected double[] LocalReward { get; private set; } = [];

    /// <summary>The MEC backlog's queuing time in seconds, the same for every offloaded task of the slot.</summary>
    protected double QueuingSeconds { get; private set; }

    /// <summary>Starts a slot: <paramref name="offloadAll"/> holds every task's outcome offloaded, <paramref name="localReward"/> its reward local.</summary>
    public void Begin(MiningEnvironment environment, ReadOnlySpan<TaskOutcome> offloadAll, ReadOnlySpan<double> localReward)
    {
        _model = environment.Model;
        int tasks = offloadAll.Length;
        if (OffloadAll.Length != tasks)
        {
            OffloadAll = new TaskOutcome[tasks];
            LocalReward = new double[tasks];
        }

        offloadAll.CopyTo(OffloadAll);
        localReward.CopyTo(LocalReward);
        QueuingSeconds = environment.MecBacklogCycles / environment.Parameters.MecCapacityHz;
        BeginSlot(environment);
    }

    /// <summary>What a way adds to <see cref="Begin"/>, once <see cref="OffloadAll"/> and the rest hold the slot.</summary>
    protected abstract void BeginSlot(MiningEnvironment environment);

    /// <summary>How many tasks can offload (served bits above 0): K runs up to it.</summary>
    public abstract int Count { get; }

    /// <summary>Computes the gains of every task given K = <paramref name="k"/>.</summary>
    public abstract void Gains(int k);

    /// <summary>The K largest keys <c>G_i - keyPrice c_i</c> (remembered as the last selection).</summary>
    public abstract Selection TopK(double keyPrice, int k);

    /// <summary>Makes the last selection the best.</summary>
    public abstract void KeepLast();

    /// <summary>Forgets the best: nothing offloaded.</summary>
    public abstract void ClearBest();

    /// <summary>Writes the best selection as a binary action (1 for its tasks, 0 elsewhere).</summary>
    public abstract void WriteBest(Span<double> action);
}

/// <summary>A selection of K tasks: the sums of its gains and cycles, its smallest key, and the sum of every positive key of all tasks.</summary>
internal readonly record struct Selection(double Gain, double Cycles, double Kth, double PositiveKeys);
