using EdgeMine.IO;

namespace EdgeMine.Learning.Dqn;

/// <summary>
/// The planning DRLO's learned value of the carried state (issue 22 item 4): V(q'), q' = Q(t+1) / (F dt) the MEC
/// backlog after a slot's decision in slots of the MEC's capacity, a table over the grid <see cref="Grid"/>, linear
/// between its points and along its last segment beyond them. The learner prices gamma [V(q'(a)) - V(q'(a'))] into its
/// choices (<see cref="SharedDqn"/>) and learns V by fitted value iteration with common samples: every training slot,
/// each grid point q_k is moved towards r(s_t with Q = q_k F dt, a_k) + gamma V(q'_k(a_k)), a_k the learner's own
/// planned choice at that backlog, all from the slot's own arrivals and channels, so that the differences between grid
/// points, which are what the choices use, carry little noise. After each sweep V is projected onto the functions that
/// never rise with the backlog (a backlog never helps: every action's reward falls as it grows, eqs. 3-5), as monotone
/// approximate dynamic programming does (Jiang and Powell, "An approximate dynamic programming algorithm for monotone
/// value functions", Operations Research 2015): the learner's own choice at an empty MEC can be worse than at a full
/// one, and without the projection V rose with the backlog in the congested scenario (docs/sequential.md). The grid is the one of the lead's prototype (issue 22):
/// fine near an empty MEC, where the choices are made, coarse up to 128 slots of backlog.
/// </summary>
internal sealed class CarriedValue
{
    /// <summary>The grid of the post-decision backlog, in slots of the MEC's capacity (q' = Q(t+1) / (F dt)).</summary>
    public static readonly double[] Grid = [0, 0.5, 1, 1.5, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128];

    /// <summary>
    /// Up to this many miners, V is swept every training slot; beyond, every <see cref="SweepEvery"/> slots. A sweep
    /// searches the learner's choice at every grid point over all N miners (17 searches), so its cost grows with N while V
    /// stays one table of 17 numbers: at N = 1,000 a sweep every slot made training 30 times slower (383 s against 12 s
    /// per 10,000 slots, calibrated preset). The scenario table of docs/sequential.md (N &lt;= 10) is unchanged by this;
    /// at the calibrated preset it captures 0.9993 of the headroom at N = 100 and 0.993 at N = 1,000 with it (seed 1).
    /// </summary>
    public const int MinersSweptEverySlot = 50;

    /// <summary>Sweep every this many slots at <paramref name="miners"/> miners: ceil(N / 50), at least 1.</summary>
    public static int SweepEvery(int miners) => Math.Max(1, (miners + MinersSweptEverySlot - 1) / MinersSweptEverySlot);

    private readonly double[] _values = new double[Grid.Length];
    private readonly double[] _targets = new double[Grid.Length];

    /// <summary>Sweeps made (one per training slot once learning has started): the step size's clock.</summary>
    public long Updates { get; private set; }

    /// <summary>V at the grid points (tests, diagnostics).</summary>
    public ReadOnlySpan<double> Values => _values;

    /// <summary>The target of grid point k for the sweep under way, set by <see cref="SetTarget"/>.</summary>
    public void SetTarget(int k, double target) => _targets[k] = target;

    /// <summary>
    /// V(q), q &gt;= 0 in slots: linear between grid points, and along the last segment beyond the grid (so that a backlog
    /// past 128 slots keeps its price). V(q) of two equal q are equal, so a choice that leaves q' unchanged adds exactly 0.
    /// </summary>
    public double Value(double q)
    {
        var grid = Grid;
        int last = grid.Length - 1;
        if (q <= 0)
        {
            return _values[0];
        }

        int upper = 1;
        while (upper < last && grid[upper] < q)
        {
            upper++;
        }

        int lower = upper - 1;
        double t = (q - grid[lower]) / (grid[upper] - grid[lower]);
        return _values[lower] + (t * (_values[upper] - _values[lower]));
    }

    /// <summary>
    /// q' = [q + <paramref name="loadPerBit"/> <paramref name="servedBits"/> - 1]^+: the backlog, in slots of the MEC's
    /// capacity, left for the next slot when <paramref name="servedBits"/> reach the MEC (loadPerBit = X / (F dt)).
    /// </summary>
    public static double NextBacklog(double backlogSlots, double loadPerBit, double servedBits) =>
        Math.Max(0, backlogSlots + (loadPerBit * servedBits) - 1);

    /// <summary>
    /// Adds to each task's margin the discounted change in V between its two choices, the other tasks' choices held at
    /// <paramref name="inSet"/> (1: offloaded, 0: local): gamma [V(q'(S + i)) - V(q'(S - i))], q'(S) =
    /// <see cref="NextBacklog"/> of the bits S sends, sum_n min(B_n(S), U_n), B_n(S) the bits miner n offloads and U_n
    /// its upload capacity this slot (the environment serves a miner's offloads in task order up to U_n, so this sum is
    /// exactly what reaches the MEC). A task whose two choices leave the same q' gets exactly 0; so does every task where
    /// no choice can leave a backlog.
    /// </summary>
    public void AddToMargins(ReadOnlySpan<double> taskBits, ReadOnlySpan<double> uploadBits, int tasksPerMiner, ReadOnlySpan<double> inSet, double backlogSlots, double loadPerBit, double discount, Span<double> margins)
    {
        int miners = uploadBits.Length;
        double served = 0;
        for (int n = 0; n < miners; n++)
        {
            served += Math.Min(MinerBits(n, tasksPerMiner, taskBits, inSet), uploadBits[n]);
        }

        double valueOfSet = Value(NextBacklog(backlogSlots, loadPerBit, served));
        for (int n = 0; n < miners; n++)
        {
            double bits = MinerBits(n, tasksPerMiner, taskBits, inSet), upload = uploadBits[n];
            double others = served - Math.Min(bits, upload);
            for (int i = n * tasksPerMiner; i < (n + 1) * tasksPerMiner; i++)
            {
                margins[i] += inSet[i] == 1
                    ? discount * (valueOfSet - Value(NextBacklog(backlogSlots, loadPerBit, others + Math.Min(bits - taskBits[i], upload))))
                    : discount * (Value(NextBacklog(backlogSlots, loadPerBit, others + Math.Min(bits + taskBits[i], upload))) - valueOfSet);
            }
        }

    }

    /// <summary>Points of <see cref="BestCount"/>'s coarse scan: up to this many tasks, every count is scored.</summary>
    public const int ScannedCounts = 32;

    /// <summary>
    /// The count K in 0..<paramref name="max"/> of largest <paramref name="score"/> found by a scan of every
    /// s-th count, s = ceil(max / <see cref="ScannedCounts"/>) (every count up to <see cref="ScannedCounts"/> tasks, so
    /// the global maximum there), the first of equal maxima, then <see cref="ClimbCount"/> from it. A scan, not a climb
    /// from the network's count: J(K) = r(K) + gamma V(q'(K)) has local maxima along the ranking (the backlog's floor at 0
    /// puts a kink in q'(K)), and a climb from the network's count stopped at them (paper-literal N = 5: 340 per slot
    /// against 348 with the scan, docs/sequential.md). About <see cref="ScannedCounts"/> + 2 slot evaluations whatever N.
    /// </summary>
    public static int BestCount(int max, Func<int, double> score)
    {
        ArgumentNullException.ThrowIfNull(score);
        int step = Math.Max(1, (max + ScannedCounts - 1) / ScannedCounts);
        int best = 0;
        double top = score(0);
        for (int k = step; k <= max; k += step)
        {
            double next = score(k);
            if (next > top)
            {
                (best, top) = (k, next);
            }
        }

        return step == 1 ? best : ClimbCount(best, max, score);
    }

    /// <summary>
    /// The count a local search over K = 0..<paramref name="max"/> reaches from <paramref name="start"/> (the learner's
    /// offload-count refinement, <see cref="SharedDqnOptions.RefineCount"/>): up one at a time while
    /// <paramref name="score"/> strictly rises; if the first step up does not rise, down one at a time while it strictly
    /// rises. A local maximum, not the global one: each step costs one evaluation of the slot, and the start is the
    /// network's own count, near the best.
    /// </summary>
    public static int ClimbCount(int start, int max, Func<int, double> score)
    {
        ArgumentNullException.ThrowIfNull(score);
        double current = score(start);
        int best = start;
        for (int k = start + 1; k <= max; k++)
        {
            double next = score(k);
            if (!(next > current))
            {
                break;
            }

            (best, current) = (k, next);
        }

        if (best != start)
        {
            return best;
        }

        for (int k = start - 1; k >= 0; k--)
        {
            double next = score(k);
            if (!(next > current))
            {
                break;
            }

            (best, current) = (k, next);
        }

        return best;
    }

    /// <summary>The bits miner <paramref name="miner"/> offloads under the 0/1 marks <paramref name="inSet"/>.</summary>
    private static double MinerBits(int miner, int tasksPerMiner, ReadOnlySpan<double> taskBits, ReadOnlySpan<double> inSet)
    {
        double bits = 0;
        for (int i = miner * tasksPerMiner; i < (miner + 1) * tasksPerMiner; i++)
        {
            bits += inSet[i] * taskBits[i];
        }

        return bits;
    }

    /// <summary>
    /// Moves every grid point towards its target set by <see cref="SetTarget"/> with step <paramref name="step"/>
    /// (the targets of one sweep are all computed before any value moves: synchronous value iteration), then projects V
    /// onto the non-increasing functions of the backlog: each point is at most the one before it.
    /// </summary>
    public void Sweep(double step)
    {
        for (int k = 0; k < _values.Length; k++)
        {
            _values[k] += step * (_targets[k] - _values[k]);
            if (k > 0 && _values[k] > _values[k - 1])
            {
                _values[k] = _values[k - 1];
            }
        }

        Updates++;
    }

    /// <summary>Sets V at the grid points (tests).</summary>
    public void Set(ReadOnlySpan<double> values)
    {
        values.CopyTo(_values);
    }

    /// <summary>The number of grid points, the values, then the sweep count.</summary>
    public void Write(BinaryWriter writer)
    {
        writer.Write(_values.Length);
        foreach (double v in _values)
        {
            writer.Write(v);
        }

        writer.Write(Updates);
    }

    public void Read(BinaryReader reader, BinaryFormat format)
    {
        format.ReadExpected(reader, _values.Length, "the carried value's grid size");
        format.Truncated(() =>
        {
            for (int k = 0; k < _values.Length; k++)
            {
                _values[k] = reader.ReadDouble();
            }

            Updates = reader.ReadInt64();
        });
    }
}
