using System.Numerics;
using EdgeMine.Model;

namespace EdgeMine.Policies;

/// <summary>
/// The exact binary per-slot search of <see cref="PerSlotOptimum"/> for slots where some miner's local or upload cap can
/// bind (MODEL.md section 5), at any N, within a compute budget. Every reward comes from <see cref="SlotModel"/>:
/// served bits from <see cref="SlotModel.Evaluate"/> of a one-miner model of the same parameters, task rewards from
/// <see cref="SlotModel.ScoreTask"/>.
/// <para>
/// <b>Structure.</b> A task's reward depends on the rest of the slot only through K, the number of tasks with served
/// offload bits &gt; 0 (its arguments to <see cref="SlotModel.ScoreTask"/>: its own served bits, K, Q / F), and its served
/// bits depend only on its own miner's action (each miner's caps are spent in task order m = 1..M, whatever the other
/// miners do). So the slot's reward is R(x) = sum_n R_n(x_n, K(x)) with K(x) = sum_n k_n(x_n).
/// <list type="bullet">
/// <item>A miner whose data fits both caps ("separable") serves what it chooses: R_n = sum_m (local_m + x_m g_m(K)),
/// each task a unit whose gain g_m(K) is fixed given K (the search by offload count).</item>
/// <item>A miner whose data exceeds a cap ("binding") is enumerated over its 2^M actions once per slot. An action's
/// served bits, hence its count k and the rewards of its tasks with no served offload bits (A, the "fixed" part), do not
/// depend on K. By the cap rule its offloaded tasks are served either their bits when offloaded alone (the "full" set
/// F) or, for at most one task p (the first one the upload cap cuts short), the upload left; those after p get 0. So its
/// reward at K is A + sum over F of r_m(full, K) + r_p(partial, K), and actions with the same (F, p) differ only in A:
/// only the best A of each (F, p) is kept (a dominance that holds at every K).</item>
/// </list>
/// </para>
/// <para>
/// <b>The best action with exactly K offloads.</b> For a fixed K every unit u (a separable task or a binding miner) has
/// f_u(c), the best value of its own with c offloads (a binding miner: the best of its groups with count c), and the
/// slot's best with K offloads is max sum_u f_u(c_u) subject to sum_u c_u = K: a resource allocation. Units whose f is
/// concave in c (every separable task; a binding miner when its marginals f(c) - f(c-1) do not increase) are solved
/// greedily: the sum of the K' largest marginals of all of them is their best with K' offloads (the classic exchange
/// argument; with concave f a unit's chosen marginals can always be taken as a prefix). The other binding miners are
/// combined by a dynamic programme over the offload count. V(K) = max over c of DP(c) + greedy(K - c). Exact.
/// </para>
/// <para>
/// <b>The scan over K</b> runs K = 0, 1, ... and stops early only when provably safe: from
/// <see cref="PerSlotOptimum.MonotoneFrom"/> on, every task's reward with fixed served offload bits is non-increasing in K
/// (its K-dependent cost per bit and the deadline penalty grow with K). So for K' &gt;= K &gt;= MonotoneFrom any action a
/// with K' offloads has R(a, K') &lt;= R(a, K) &lt;= U(K), where U(K) = sum_u max_c f_u(c) is the best reward at share K
/// with the count unconstrained. Once U(K) &lt;= the best V found so far, no larger K can beat it. (The comparison allows
/// 1e-12 relative rounding; the whole search is exact up to floating-point rounding of sums, about 1e-13 relative.)
/// </para>
/// <para>
/// <b>Cost.</b> Enumeration: M 2^M task scorings per binding miner per slot. Per K: M scorings per binding miner and
/// one per separable task; every group valued at K before MonotoneFrom, and past it only the groups whose bound from an
/// earlier K still beats the best of their count (lazy evaluation, see <see cref="BestByCount"/>); a sort of the greedy
/// units' marginals; the DP, O(binding miners x M x K) cells. The work is counted (deterministically, never timed) in
/// task scorings, a DP cell, heap step or comparison as an eighth, against the caller's budget: when enumeration alone
/// would exceed it, nothing is searched; when the scan would, it stops with the best V(K) of the K scanned so far, an
/// upper bound U(K) on every larger K where the monotone argument holds, and the slot labelled inexact.
/// </para>
/// </summary>
internal sealed class CappedSlotSearch
{
    /// <summary>Relative slack of the early stop's comparison U(K) &lt;= best, for rounding.</summary>
    private const double StopTolerance = 1e-12;

    /// <summary>
    /// Work is counted in eighths of a unit: a task scoring (<see cref="SlotModel.ScoreTask"/>, or one task of an
    /// enumerated action, about 20 ns) is a unit; a DP cell, a heap step or a sort comparison (a few ns) is an eighth.
    /// </summary>
    private const long ScoringEighths = 8;

    /// <summary>Largest M whose actions are enumerated (masks are ints); the budget stops far below in practice.</summary>
    private const int MaxEnumeratedTasks = 24;

    private SlotModel? _minerModel;
    private int _shapeMiners;
    private double[] _minerAction = [];
    private TaskOutcome[] _minerOutcomes = [];

    private double[] _zeros = [];
    private double[] _ones = [];
    private TaskOutcome[] _outcomes = [];
    private TaskOutcome[] _offloadAll = [];
    private double[] _localReward = [];

    private int[] _bindingMiners = [];
    private int _bindingCount;
    private int[] _separable = [];
    private int _separableCount;
    private double _separableLocal;

    private Group[] _groups = [];
    private int _groupCount;
    private double[] _key = [];
    private int[] _stamp = [];
    private int[] _heap = [];
    private Group[] _sortScratch = [];
    private int[] _segment = [];
    private int[] _maxCount = [];
    private TaskOutcome[] _alone = [];
    private int[] _partialKey = [];
    private int[] _wholeKey = [];
    private int[] _counts = [];

    private double[] _fullReward = [];
    private double[] _best = [];
    private int[] _arg = [];
    private double[] _bestAtBestK = [];
    private int[] _argAtBestK = [];
    private bool[] _concave = [];
    private double[] _gain = [];
    private double[] _pool = [];
    private int[] _poolOwner = [];
    private int _poolCount;
    private double[] _sorted = [];
    private double[] _top = [];
    private int[] _dpUnits = [];
    private double[] _dp = [];
    private double[] _dpNext = [];
    private byte[] _choice = [];
    private int[] _chosenCount = [];
    private long _workEighths;
    private int _monotoneFrom;

    /// <summary>One class of a binding miner's actions with the same offloaded tasks' served bits (F, p).</summary>
    private struct Group
    {
        /// <summary>A: the rewards of the tasks with no served offload bits, which do not depend on K.</summary>
        public double Fixed;

        /// <summary>The partially served task's served offload bits (when <see cref="Partial"/> &gt;= 0).</summary>
        public double PartialOffloadBits;

        /// <summary>The partially served task's served local bits (0 for a binary action; kept as served).</summary>
        public double PartialLocalBits;

        /// <summary>F: bit m set when task m is offloaded and served its bits as when offloaded alone.</summary>
        public int FullMask;

        /// <summary>The miner's action (bit m = x_m) of best <see cref="Fixed"/>, the lowest such index.</summary>
        public int Action;

        /// <summary>p: the task served only the upload left (neither 0 nor its bits alone), or -1.</summary>
        public int Partial;

        /// <summary>k: the miner's tasks with served offload bits &gt; 0.</summary>
        public int Count;
    }

    /// <summary>What a search found.</summary>
    public readonly record struct Result(bool Searched, bool Exact, double GapBound, double Reward, long Work);

    /// <summary>
    /// The work units of enumerating every binding miner of the slot (M 2^M scorings each), or long.MaxValue when some
    /// binding miner has too many tasks to enumerate.
    /// </summary>
    public static long EnumerationWork(MiningEnvironment environment)
    {
        var model = environment.Model;
        int m = model.TasksPerMiner;
        long miners = 0;
        for (int n = 0; n < model.Miners; n++)
        {
            if (CanBind(environment, n))
            {
                miners++;
            }
        }

        if (miners == 0)
        {
            return 0;
        }

        return m > MaxEnumeratedTasks ? long.MaxValue : miners * m * (1L << m);
    }

    /// <summary>True when miner <paramref name="n"/>'s data exceeds its local or upload capacity, so some action leaves bits unserved.</summary>
    public static bool CanBind(MiningEnvironment environment, int n)
    {
        var model = environment.Model;
        var p = model.Parameters;
        double dataBits = 0;
        for (int m = 0; m < model.TasksPerMiner; m++)
        {
            int i = (n * model.TasksPerMiner) + m;
            dataBits += environment.BufferedBits[i] + environment.ArrivedBits[i];
        }

        return dataBits > p.LocalCapacityBitsPerSlot || dataBits > p.UploadRateBps(environment.ChannelGood[n]) * p.SlotSeconds;
    }

    /// <summary>
    /// Searches the slot's best binary action into <paramref name="action"/> within <paramref name="workBudget"/> units.
    /// When the enumeration alone would exceed the budget, returns <see cref="Result.Searched"/> false and leaves the action.
    /// </summary>
    public Result Search(MiningEnvironment environment, long workBudget, Span<double> action)
    {
        var model = environment.Model;
        long enumeration = EnumerationWork(environment);
        if (enumeration > workBudget)
        {
            return new Result(false, false, double.PositiveInfinity, double.NaN, 0);
        }

        _workEighths = enumeration * ScoringEighths;
        long budgetEighths = workBudget > long.MaxValue / ScoringEighths ? long.MaxValue : workBudget * ScoringEighths;
        Prepare(environment);
        double queuingSeconds = environment.MecBacklogCycles / model.Parameters.MecCapacityHz;
        for (int b = 0; b < _bindingCount; b++)
        {
            Enumerate(environment, b, queuingSeconds);
        }

        int kMax = _separableCount;
        for (int b = 0; b < _bindingCount; b++)
        {
            kMax += _maxCount[b];
        }

        _monotoneFrom = PerSlotOptimum.MonotoneFrom(model);
        int monotoneFrom = _monotoneFrom;
        double bestValue = ValueWithOffloads(environment, 0, queuingSeconds, false, out _, out _);
        int bestK = 0;
        int kept = _bindingCount * (model.TasksPerMiner + 1);
        _best.AsSpan(0, kept).CopyTo(_bestAtBestK);
        _arg.AsSpan(0, kept).CopyTo(_argAtBestK);
        bool exact = true;
        double gapBound = 0;
        for (int k = 1; k <= kMax; k++)
        {
            double value = ValueWithOffloads(environment, k, queuingSeconds, false, out double unconstrained, out _);
            if (value > bestValue) // strict: ties keep the smaller K
            {
                bestValue = value;
                bestK = k;
                _best.AsSpan(0, kept).CopyTo(_bestAtBestK);
                _arg.AsSpan(0, kept).CopyTo(_argAtBestK);
            }

            if (k >= monotoneFrom && unconstrained <= bestValue + (StopTolerance * Math.Max(1, Math.Abs(bestValue))))
            {
                break;
            }

            if (_workEighths > budgetEighths && k < kMax)
            {
                exact = false;
                gapBound = k >= monotoneFrom ? Math.Max(0, unconstrained - bestValue) : double.PositiveInfinity;
                break;
            }
        }

        // The best K's choices again, from its f_b and best groups kept above (no group is valued again).
        _bestAtBestK.AsSpan(0, kept).CopyTo(_best);
        _argAtBestK.AsSpan(0, kept).CopyTo(_arg);
        double rebuilt = ValueWithOffloads(environment, bestK, queuingSeconds, true, out _, out int greedyOffloads);
        WriteAction(environment, bestK, greedyOffloads, action);
        CheckAgainstModel(environment, action, rebuilt);
        return new Result(true, exact, gapBound, rebuilt, _workEighths / ScoringEighths);
    }

    /// <summary>Sizes the buffers, splits the miners into binding and separable, and scores the separable tasks' two choices.</summary>
    private void Prepare(MiningEnvironment environment)
    {
        var model = environment.Model;
        int tasks = model.Tasks, m = model.TasksPerMiner;
        if (_minerModel is null || _shapeMiners != model.Miners || _minerModel.TasksPerMiner != m
            || !ReferenceEquals(_minerModel.Parameters, model.Parameters) || _minerModel.Beta != model.Beta)
        {
            // One miner of the same physics: Evaluate on one miner's slices gives its served bits under its caps.
            _minerModel = new SlotModel(model.Parameters, 1, m, model.Beta);
            _shapeMiners = model.Miners;
            _minerAction = new double[m];
            _minerOutcomes = new TaskOutcome[m];
            _fullReward = new double[m];
            _counts = new int[m + 2];
            _partialKey = new int[1 << Math.Min(m, MaxEnumeratedTasks)];
            _wholeKey = new int[1 << Math.Min(m, MaxEnumeratedTasks)];
            _zeros = new double[tasks];
            _ones = new double[tasks];
            Array.Fill(_ones, 1.0);
            _outcomes = new TaskOutcome[tasks];
            _offloadAll = new TaskOutcome[tasks];
            _localReward = new double[tasks];
            _separable = new int[tasks];
            _gain = new double[tasks];
            _pool = new double[tasks];
            _poolOwner = new int[tasks];
            _sorted = new double[tasks];
            _top = new double[tasks + 1];
            _bindingMiners = new int[model.Miners];
            _maxCount = new int[model.Miners];
            _concave = new bool[model.Miners];
            _dpUnits = new int[model.Miners];
            _chosenCount = new int[model.Miners];
            _best = new double[model.Miners * (m + 1)];
            _arg = new int[model.Miners * (m + 1)];
            _bestAtBestK = new double[model.Miners * (m + 1)];
            _argAtBestK = new int[model.Miners * (m + 1)];
            _segment = new int[model.Miners * (m + 2)];
            _alone = new TaskOutcome[model.Miners * m];
        }

        // Every task local, then every task offloaded: the separable tasks' local rewards and offloaded outcomes.
        _ = model.Evaluate(environment.BufferedBits, environment.ArrivedBits, environment.ChannelGood, environment.MecBacklogCycles, _zeros, _outcomes);
        for (int i = 0; i < tasks; i++)
        {
            _localReward[i] = model.TaskReward(_outcomes[i]);
        }

        _ = model.Evaluate(environment.BufferedBits, environment.ArrivedBits, environment.ChannelGood, environment.MecBacklogCycles, _ones, _offloadAll);
        _bindingCount = 0;
        _separableCount = 0;
        _separableLocal = 0;
        for (int n = 0; n < model.Miners; n++)
        {
            if (CanBind(environment, n))
            {
                _bindingMiners[_bindingCount++] = n;
                continue;
            }

            for (int j = 0; j < m; j++)
            {
                int i = (n * m) + j;
                _separableLocal += _localReward[i];
                if (_offloadAll[i].ServedOffloadBits > 0)
                {
                    _separable[_separableCount++] = i; // a task with no bits to send cannot count in K
                }
            }
        }

        _groupCount = 0;
    }

    /// <summary>
    /// Enumerates binding miner <paramref name="b"/>'s 2^M actions with the one-miner model, keeps the best A of each
    /// (F, p) and sorts its groups by count.
    /// </summary>
    private void Enumerate(MiningEnvironment environment, int b, double queuingSeconds)
    {
        var mini = _minerModel!;
        int m = mini.TasksPerMiner, n = _bindingMiners[b];
        var d0 = environment.BufferedBits.Slice(n * m, m);
        var d1 = environment.ArrivedBits.Slice(n * m, m);
        var g = environment.ChannelGood.Slice(n, 1);
        double backlog = environment.MecBacklogCycles;

        // Each task offloaded alone: the served bits of a "full" offloaded task.
        for (int j = 0; j < m; j++)
        {
            Array.Clear(_minerAction);
            _minerAction[j] = 1;
            _ = mini.Evaluate(d0, d1, g, backlog, _minerAction, _minerOutcomes);
            _alone[(b * m) + j] = _minerOutcomes[j];
        }

        int first = _groupCount;
        int actions = 1 << m;
        EnsureGroups(first + actions);
        for (int a = 0; a < actions; a++)
        {
            for (int j = 0; j < m; j++)
            {
                _minerAction[j] = (a >> j) & 1;
            }

            _ = mini.Evaluate(d0, d1, g, backlog, _minerAction, _minerOutcomes);
            double fixedReward = 0, partialOffload = 0, partialLocal = 0;
            int full = 0, partial = -1, count = 0;
            for (int j = 0; j < m; j++)
            {
                ref readonly var o = ref _minerOutcomes[j];
                if (!(o.ServedOffloadBits > 0))
                {
                    fixedReward += mini.TaskReward(o);
                    continue;
                }

                count++;
                ref readonly var alone = ref _alone[(b * m) + j];
                if (o.ServedOffloadBits == alone.ServedOffloadBits && o.ServedLocalBits == alone.ServedLocalBits)
                {
                    full |= 1 << j;
                }
                else if (partial < 0)
                {
                    partial = j;
                    partialOffload = o.ServedOffloadBits;
                    partialLocal = o.ServedLocalBits;
                }
                else
                {
                    throw new InvalidOperationException($"internal error: miner {n}'s action {a} cuts two tasks' offload short ({partial} and {j}); the per-slot search assumes caps spent in task order");
                }
            }

            // F lies below p (the upload is spent after p), so F | 2^p identifies (F, p); (F, none) has its own table.
            int[] keys = partial >= 0 ? _partialKey : _wholeKey;
            int key = partial >= 0 ? full | (1 << partial) : full;
            int index = keys[key] - 1;
            if (index < first)
            {
                index = _groupCount++;
                keys[key] = index + 1;
                _groups[index] = new Group
                {
                    Fixed = fixedReward,
                    PartialOffloadBits = partialOffload,
                    PartialLocalBits = partialLocal,
                    FullMask = full,
                    Action = a,
                    Partial = partial,
                    Count = count,
                };
            }
            else
            {
                ref var group = ref _groups[index];
                if (group.PartialOffloadBits != partialOffload || group.PartialLocalBits != partialLocal || group.Count != count)
                {
                    throw new InvalidOperationException($"internal error: miner {n}'s actions {group.Action} and {a} share (F, p) but not the partial task's served bits");
                }

                if (fixedReward > group.Fixed) // strict: ties keep the lowest action index
                {
                    group.Fixed = fixedReward;
                    group.Action = a;
                }
            }
        }

        // Forget this miner's keys (the tables are shared by every binding miner), then sort its groups by count.
        Array.Clear(_counts);
        int maxCount = 0;
        for (int i = first; i < _groupCount; i++)
        {
            ref readonly var group = ref _groups[i];
            if (group.Partial >= 0)
            {
                _partialKey[group.FullMask | (1 << group.Partial)] = 0;
            }
            else
            {
                _wholeKey[group.FullMask] = 0;
            }

            _counts[group.Count + 1]++;
            maxCount = Math.Max(maxCount, group.Count);
        }

        int segment = b * (m + 2);
        _segment[segment] = first;
        for (int c = 1; c <= m + 1; c++)
        {
            _counts[c] += _counts[c - 1];
            _segment[segment + c] = first + _counts[c];
        }

        if (_sortScratch.Length < _groupCount - first)
        {
            _sortScratch = new Group[_groups.Length];
        }

        for (int i = first; i < _groupCount; i++)
        {
            _sortScratch[_counts[_groups[i].Count]++] = _groups[i];
        }

        Array.Copy(_sortScratch, 0, _groups, first, _groupCount - first);
        for (int i = first; i < _groupCount; i++)
        {
            _heap[i] = i;
            _stamp[i] = -1;
        }

        _maxCount[b] = maxCount;
    }

    private void EnsureGroups(int size)
    {
        if (_groups.Length < size)
        {
            int length = Math.Max(size, 2 * _groups.Length);
            Array.Resize(ref _groups, length);
            Array.Resize(ref _key, length);
            Array.Resize(ref _stamp, length);
            Array.Resize(ref _heap, length);
        }
    }

    /// <summary>
    /// V(K): the best reward with exactly <paramref name="k"/> offloaded tasks (-infinity when none has), and U(K) in
    /// <paramref name="unconstrained"/> (K &gt;= 1). With <paramref name="track"/> it takes the binding miners' f_b and best
    /// groups as they stand (kept from the scan), records the choices that <see cref="WriteAction"/> turns into the
    /// action, and <paramref name="greedyOffloads"/> is the greedy units' share of K.
    /// </summary>
    private double ValueWithOffloads(MiningEnvironment environment, int k, double queuingSeconds, bool track, out double unconstrained, out int greedyOffloads)
    {
        var model = environment.Model;
        int m = model.TasksPerMiner;
        unconstrained = double.NegativeInfinity;
        greedyOffloads = 0;

        // f_b(c) for every binding miner: lazily past MonotoneFrom (values only fall with K there), in full before.
        for (int b = 0; b < _bindingCount && !track; b++)
        {
            BestByCount(model, b, k, queuingSeconds, lazy: k > _monotoneFrom);
        }

        if (k == 0)
        {
            double none = _separableLocal;
            for (int b = 0; b < _bindingCount; b++)
            {
                none += _best[b * (m + 1)];
            }

            return none;
        }

        // The greedy units: separable tasks' gains, and the marginals of binding miners whose f is concave.
        double baseline = _separableLocal;
        unconstrained = _separableLocal;
        _poolCount = 0;
        for (int c = 0; c < _separableCount; c++)
        {
            int i = _separable[c];
            var o = _offloadAll[i];
            model.ScoreTask(ref o, k, queuingSeconds);
            double gain = model.TaskReward(o) - _localReward[i];
            _gain[c] = gain;
            _pool[_poolCount] = gain;
            _poolOwner[_poolCount++] = -1;
            unconstrained += Math.Max(0, gain);
        }

        int dpUnits = 0, dpCapacity = 0;
        for (int b = 0; b < _bindingCount; b++)
        {
            var f = _best.AsSpan(b * (m + 1), _maxCount[b] + 1);
            double most = double.NegativeInfinity;
            foreach (double v in f)
            {
                most = Math.Max(most, v);
            }

            unconstrained += most;
            _concave[b] = IsConcave(f);
            if (_concave[b])
            {
                baseline += f[0];
                for (int c = 1; c < f.Length; c++)
                {
                    _pool[_poolCount] = f[c] - f[c - 1];
                    _poolOwner[_poolCount++] = b;
                }
            }
            else
            {
                _dpUnits[dpUnits++] = b;
                dpCapacity += _maxCount[b];
            }
        }

        _workEighths += ScoringEighths * _separableCount;

        // The sums of the j largest greedy marginals, j = 0..min(K, pool).
        int pool = _poolCount;
        int topCount = Math.Min(k, pool);
        _pool.AsSpan(0, pool).CopyTo(_sorted);
        Array.Sort(_sorted, 0, pool);
        _workEighths += (long)pool * (BitOperations.Log2((uint)pool + 1) + 1); // comparisons
        _top[0] = 0;
        for (int j = 1; j <= topCount; j++)
        {
            _top[j] = _top[j - 1] + _sorted[pool - j];
        }

        // The DP over the other binding miners: the best sum of their f with c offloads, c = 0..min(K, their counts).
        int capacity = Math.Min(k, dpCapacity);
        RunDp(dpUnits, capacity, track);

        double best = double.NegativeInfinity;
        int bestDp = -1;
        for (int c = Math.Max(0, k - pool); c <= capacity; c++)
        {
            if (_dp[c] == double.NegativeInfinity)
            {
                continue;
            }

            double v = _dp[c] + _top[k - c];
            if (v > best)
            {
                best = v;
                bestDp = c;
            }
        }

        if (bestDp < 0)
        {
            return double.NegativeInfinity;
        }

        if (track)
        {
            // Each DP unit's count, back from the chosen total.
            int left = bestDp;
            for (int u = dpUnits - 1; u >= 0; u--)
            {
                int c = _choice[(u * (capacity + 1)) + left];
                _chosenCount[_dpUnits[u]] = c;
                left -= c;
            }

            greedyOffloads = k - bestDp;
        }

        return baseline + best;
    }

    /// <summary>
    /// f_b(c) into <see cref="_best"/> and its best group into <see cref="_arg"/>, c = 0..max count (only c = 0 at K = 0).
    /// In full, every group is valued at K (ties keep the lowest group, hence the lowest action index) and each count's
    /// groups become a max-heap keyed by their value. Lazily, a key is a value at an earlier K' with
    /// MonotoneFrom &lt;= K' &lt; K, hence an upper bound on the value at K: the top is re-valued at K and sifted down
    /// until the top's key is a value at K, which is then the maximum (lazy greedy evaluation).
    /// </summary>
    private void BestByCount(SlotModel model, int b, int k, double queuingSeconds, bool lazy)
    {
        int m = model.TasksPerMiner;
        if (k > 0)
        {
            for (int j = 0; j < m; j++)
            {
                var o = _alone[(b * m) + j];
                if (o.ServedOffloadBits > 0)
                {
                    model.ScoreTask(ref o, k, queuingSeconds);
                    _fullReward[j] = model.TaskReward(o);
                }
            }

            _workEighths += ScoringEighths * m;
        }

        int segment = b * (m + 2);
        int top = k == 0 ? 0 : _maxCount[b];
        for (int c = 0; c <= _maxCount[b]; c++)
        {
            double best = double.NegativeInfinity;
            int arg = -1;
            int start = _segment[segment + c], end = _segment[segment + c + 1];
            if (c > top || start == end)
            {
                // no group: f = -infinity
            }
            else if (!lazy)
            {
                for (int i = start; i < end; i++)
                {
                    double v = GroupValue(model, b, in _groups[i], k, queuingSeconds);
                    _key[i] = v;
                    _stamp[i] = k;
                    if (v > best) // strict: ties keep the first group, hence the lowest action index
                    {
                        best = v;
                        arg = i;
                    }
                }

                for (int i = start; i < end; i++)
                {
                    _heap[i] = i;
                }

                for (int i = start + ((end - start) / 2) - 1; i >= start; i--)
                {
                    SiftDown(start, end, i);
                }

                _workEighths += (ScoringEighths + 1L) * (end - start); // a valuation and a heap step each
            }
            else
            {
                while (true)
                {
                    int g = _heap[start];
                    if (_stamp[g] == k)
                    {
                        best = _key[g];
                        arg = g;
                        break;
                    }

                    _key[g] = GroupValue(model, b, in _groups[g], k, queuingSeconds);
                    _stamp[g] = k;
                    SiftDown(start, end, start);
                    _workEighths += ScoringEighths + BitOperations.Log2((uint)(end - start));
                }
            }

            _best[(b * (m + 1)) + c] = best;
            _arg[(b * (m + 1)) + c] = arg;
        }
    }

    /// <summary>Restores the max-heap order of <see cref="_heap"/>[start..end) by <see cref="_key"/> below position <paramref name="i"/>.</summary>
    private void SiftDown(int start, int end, int i)
    {
        int g = _heap[i];
        double key = _key[g];
        while (true)
        {
            int child = start + (2 * (i - start)) + 1;
            if (child >= end)
            {
                break;
            }

            if (child + 1 < end && _key[_heap[child + 1]] > _key[_heap[child]])
            {
                child++;
            }

            if (!(_key[_heap[child]] > key))
            {
                break;
            }

            _heap[i] = _heap[child];
            i = child;
        }

        _heap[i] = g;
    }

    /// <summary>A + the full tasks' rewards at K + the partial task's at K.</summary>
    private double GroupValue(SlotModel model, int b, in Group group, int k, double queuingSeconds)
    {
        double value = group.Fixed;
        for (int mask = group.FullMask; mask != 0; mask &= mask - 1)
        {
            value += _fullReward[BitOperations.TrailingZeroCount(mask)];
        }

        if (group.Partial >= 0)
        {
            var o = _alone[(b * model.TasksPerMiner) + group.Partial];
            o.ServedOffloadBits = group.PartialOffloadBits;
            o.ServedLocalBits = group.PartialLocalBits;
            model.ScoreTask(ref o, k, queuingSeconds);
            value += model.TaskReward(o);
        }

        return value;
    }

    /// <summary>True when f is finite and its marginals f(c) - f(c-1) do not increase.</summary>
    private static bool IsConcave(ReadOnlySpan<double> f)
    {
        for (int c = 0; c < f.Length; c++)
        {
            if (double.IsNegativeInfinity(f[c]))
            {
                return false;
            }
        }

        for (int c = 2; c < f.Length; c++)
        {
            if (f[c] - f[c - 1] > f[c - 1] - f[c - 2])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The DP over <paramref name="units"/> binding miners into <see cref="_dp"/>[0..capacity], choices kept when tracking.</summary>
    private void RunDp(int units, int capacity, bool track)
    {
        int m = _minerModel!.TasksPerMiner;
        if (_dp.Length < capacity + 1)
        {
            _dp = new double[capacity + 1];
            _dpNext = new double[capacity + 1];
        }

        if (track && _choice.Length < units * (capacity + 1))
        {
            _choice = new byte[units * (capacity + 1)];
        }

        Array.Fill(_dp, double.NegativeInfinity, 0, capacity + 1);
        _dp[0] = 0;
        int reach = 0;
        for (int u = 0; u < units; u++)
        {
            int b = _dpUnits[u];
            int counts = _maxCount[b];
            int next = Math.Min(capacity, reach + counts);
            Array.Fill(_dpNext, double.NegativeInfinity, 0, next + 1);
            for (int s = 0; s <= reach; s++)
            {
                if (_dp[s] == double.NegativeInfinity)
                {
                    continue;
                }

                for (int c = 0; c <= counts && s + c <= capacity; c++)
                {
                    double f = _best[(b * (m + 1)) + c];
                    double v = _dp[s] + f;
                    if (v > _dpNext[s + c]) // strict: ties keep the earlier miner's smaller count
                    {
                        _dpNext[s + c] = v;
                        if (track)
                        {
                            _choice[(u * (capacity + 1)) + s + c] = (byte)c;
                        }
                    }
                }
            }

            _workEighths += (long)(reach + 1) * (counts + 1); // cells
            (_dp, _dpNext) = (_dpNext, _dp);
            reach = next;
        }

        if (reach < capacity)
        {
            Array.Fill(_dp, double.NegativeInfinity, reach + 1, capacity - reach);
        }
    }

    /// <summary>
    /// The action of the best K from the tracked choices: the greedy units' <paramref name="greedyOffloads"/> largest
    /// marginals (those above the threshold, then ties in pool order: a prefix of each concave miner's marginals), the
    /// DP units' counts, and each binding miner's best group of its count.
    /// </summary>
    private void WriteAction(MiningEnvironment environment, int k, int greedyOffloads, Span<double> action)
    {
        int m = environment.Model.TasksPerMiner;
        action.Clear();
        for (int b = 0; b < _bindingCount; b++)
        {
            if (k == 0 || _concave[b])
            {
                _chosenCount[b] = 0;
            }
        }

        if (k > 0 && greedyOffloads > 0)
        {
            double threshold = _sorted[_poolCount - greedyOffloads];
            int chosen = 0;
            for (int pass = 0; pass < 2 && chosen < greedyOffloads; pass++)
            {
                for (int i = 0; i < _poolCount && chosen < greedyOffloads; i++)
                {
                    double v = _pool[i];
                    if (pass == 0 ? v > threshold : v == threshold)
                    {
                        chosen++;
                        if (_poolOwner[i] < 0)
                        {
                            action[_separable[i]] = 1; // separable tasks come first in the pool, in _separable's order
                        }
                        else
                        {
                            _chosenCount[_poolOwner[i]]++;
                        }
                    }
                }
            }
        }

        for (int b = 0; b < _bindingCount; b++)
        {
            int group = _arg[(b * (m + 1)) + _chosenCount[b]];
            if (group < 0)
            {
                throw new InvalidOperationException($"internal error: binding miner {_bindingMiners[b]} has no action with {_chosenCount[b]} offloads");
            }

            int bits = _groups[group].Action, n = _bindingMiners[b];
            for (int j = 0; j < m; j++)
            {
                action[(n * m) + j] = (bits >> j) & 1;
            }
        }
    }

    /// <summary>
    /// The search's own value of its action against the slot physics: a bookkeeping error of the search would show here,
    /// and is a bug, never a result.
    /// </summary>
    private void CheckAgainstModel(MiningEnvironment environment, ReadOnlySpan<double> action, double searched)
    {
        var model = environment.Model;
        double reward = model.Evaluate(environment.BufferedBits, environment.ArrivedBits, environment.ChannelGood, environment.MecBacklogCycles, action, _outcomes).Reward;
        double scale = 1;
        foreach (ref readonly var o in _outcomes.AsSpan())
        {
            scale += Math.Abs(model.TaskReward(o));
        }

        if (!(Math.Abs(reward - searched) <= 1e-9 * scale))
        {
            throw new InvalidOperationException(FormattableString.Invariant(
                $"internal error: the per-slot search valued its action at {searched:R}, the slot model at {reward:R}"));
        }
    }
}
