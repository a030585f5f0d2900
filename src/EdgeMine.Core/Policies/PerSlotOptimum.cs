using EdgeMine.Model;
using EdgeMine.Numerics;

namespace EdgeMine.Policies;

/// <summary>
/// The per-slot optimum (MODEL.md section 7, not in the paper): the binary action that maximises this slot's reward,
/// computed from the full state. Actions do not change future arrivals or channels, so without buffering or backlog
/// this is the optimal policy: the yardstick of every learner.
/// <list type="bullet">
/// <item>When no capacity cap can bind (every miner's data fits its local and upload capacity; always in the calibrated
/// preset for M &lt;= 12), each task's reward gain from offloading is fixed given K, the number of offloaded tasks, so
/// the best action with K offloads takes the K largest gains: <see cref="SearchByOffloadCount"/> scans K with a
/// linear-time selection per K and an early stop, in O(N M) per K. Exact.</item>
/// <item>When a cap can bind, <see cref="CappedSlotSearch"/> enumerates each binding miner's 2^M actions once (their
/// served bits do not depend on K), keeps the separable miners' tasks as per-task gains, and for each K combines them
/// by a greedy merge of concave units and a dynamic programme over the offload count, with an early stop that is
/// provably safe (the proof is there). Exact, at any N, whenever its work fits <see cref="WorkBudget"/>.</item>
/// <item>Beyond the budget (many binding miners at large M: one binding miner at M = 16 costs about 2^20 units; the
/// default budget is <see cref="DefaultWorkBudget"/>), it returns the best of what the exact search found within the
/// budget and the heuristic <see cref="SearchByOffloadCountScored"/>, and labels the slot inexact
/// (<see cref="LastActionExact"/>, <see cref="Exactness"/>) with a proven bound on the loss where one exists. It labels
/// rather than refuses: its action is still feasible, so its reward is a valid lower bound on the optimum, and a long
/// evaluation should finish and say so rather than stop.</item>
/// </list>
/// </summary>
public sealed class PerSlotOptimum : IPerSlotOptimum
{
    /// <summary>
    /// The default work budget per slot, in task scorings (one <see cref="SlotModel.ScoreTask"/> or one task of an
    /// enumerated action each; a DP cell, heap step or comparison is an eighth): 2^25, about 1.4 s of CPU per slot at
    /// worst on the 2-core machine of docs/drlo.md, measured under load. Enumeration alone costs M 2^M per binding
    /// miner: N = 1, M = 16 needs about 2^21 in all; the budget admits at most 32 binding miners at M = 16, about 680 at
    /// M = 12, before the scan over K.
    /// </summary>
    public const long DefaultWorkBudget = 1L << 25;

    private readonly CappedSlotSearch _capped = new();
    private double[] _candidate = [];
    private double[] _best = [];
    private double[] _cappedBest = [];
    private TaskOutcome[] _outcomes = [];
    private double[] _negativeGain = [];
    private TaskOutcome[] _offloadAll = [];
    private int[] _order = [];
    private double[] _localReward = [];
    private double[] _gain = [];
    private double[] _selection = [];
    private int[] _candidates = [];

    /// <summary>The per-slot optimum with the <see cref="DefaultWorkBudget"/>.</summary>
    public PerSlotOptimum()
        : this(DefaultWorkBudget)
    {
    }

    /// <summary>The per-slot optimum with a work budget per slot of <paramref name="workBudget"/> task scorings.</summary>
    public PerSlotOptimum(long workBudget)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workBudget);
        WorkBudget = workBudget;
    }

    public string Name => "optimal";

    /// <summary>The work budget per slot (task scorings) of the exact search where a cap can bind.</summary>
    public long WorkBudget { get; }

    /// <inheritdoc/>
    public bool LastActionExact { get; private set; } = true;

    /// <summary>The proven bound on the latest slot's loss: 0 when exact, infinity when inexact without a bound.</summary>
    public double LastGapBound { get; private set; }

    /// <inheritdoc/>
    public OptimumExactness Exactness { get; private set; }

    /// <summary>
    /// Slots acted in (since the policy was created) in which some miner's data exceeded its local or upload capacity,
    /// so that some action would have left data buffered: where none did, no policy can buffer in those slots' states.
    /// </summary>
    public long SlotsWhereACapCouldBind { get; private set; }

    public void Reset(ulong seed)
    {
    }

    public void Act(MiningEnvironment environment, Span<double> action)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var model = environment.Model;
        int tasks = model.Tasks;
        EnsureBuffers(tasks);

        bool exact = true;
        double gapBound = 0;
        if (!AnyCapCanBind(environment))
        {
            SearchByOffloadCount(environment);
        }
        else
        {
            SlotsWhereACapCouldBind++;
            var result = _capped.Search(environment, WorkBudget, _cappedBest);
            if (result.Searched && result.Exact)
            {
                _cappedBest.CopyTo(_best, 0);
            }
            else
            {
                // Over budget: the better of what the exact search reached and the heuristic, labelled.
                exact = false;
                double heuristic = SearchByOffloadCountScored(environment);
                gapBound = double.PositiveInfinity;
                if (result.Searched)
                {
                    _cappedBest.CopyTo(_candidate, 0);
                    double reached = Score(environment);
                    double returned = Math.Max(reached, heuristic);
                    if (reached > heuristic)
                    {
                        _cappedBest.CopyTo(_best, 0);
                    }

                    // Every K scanned is at most result.Reward; every larger one at most result.Reward + its gap bound.
                    gapBound = Math.Max(0, result.Reward + result.GapBound - returned);
                }
            }
        }

        LastActionExact = exact;
        LastGapBound = gapBound;
        Exactness = Exactness.Add(exact, gapBound);
        _best.CopyTo(action);
    }

    /// <summary>
    /// True when some miner's data exceeds its local or upload capacity (<see cref="CappedSlotSearch.CanBind"/>), so that
    /// some action would leave bits buffered. When none can, task rewards are separable given K and the search by offload
    /// count is exact.
    /// </summary>
    internal static bool AnyCapCanBind(MiningEnvironment environment)
    {
        for (int n = 0; n < environment.Model.Miners; n++)
        {
            if (CappedSlotSearch.CanBind(environment, n))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The reward of <see cref="_candidate"/> in the environment's current state.</summary>
    private double Score(MiningEnvironment environment) =>
        environment.Model.Evaluate(
            environment.BufferedBits,
            environment.ArrivedBits,
            environment.ChannelGood,
            environment.MecBacklogCycles,
            _candidate,
            _outcomes).Reward;

    /// <summary>
    /// A heuristic, kept for slots where a cap binds and the exact search exceeds the budget (and as the reference of
    /// the tests of <see cref="SearchByOffloadCount"/>): for every K it sorts the tasks by their gain given K (served
    /// bits as when every task is offloaded) and scores the K largest with the full slot physics, O((N M)^2 log N M) per
    /// slot. Exact when no cap binds; not exact when one does (miners' tasks then compete for the capacity). Returns the
    /// reward of its action.
    /// </summary>
    internal double SearchByOffloadCountScored(MiningEnvironment environment)
    {
        EnsureBuffers(environment.Model.Tasks);
        var model = environment.Model;
        int tasks = model.Tasks;
        double queuingSeconds = environment.MecBacklogCycles / model.Parameters.MecCapacityHz;

        // Rewards of everything local (K = 0) give each task's local reward; they do not depend on K.
        Array.Clear(_candidate);
        double bestReward = Score(environment);
        _candidate.CopyTo(_best, 0);
        for (int i = 0; i < tasks; i++)
        {
            _localReward[i] = model.TaskReward(_outcomes[i]);
        }

        // Offload-all outcomes give every task's served offload bits under the caps.
        Array.Fill(_candidate, 1.0);
        _ = Score(environment);
        _outcomes.CopyTo(_offloadAll, 0);
        for (int k = 1; k <= tasks; k++)
        {
            for (int i = 0; i < tasks; i++)
            {
                var o = _offloadAll[i];
                model.ScoreTask(ref o, k, queuingSeconds);
                _negativeGain[i] = _localReward[i] - model.TaskReward(o);
                _order[i] = i;
            }

            // Largest gains first; Array.Sort is deterministic for equal keys, so the run stays reproducible.
            Array.Sort(_negativeGain, _order);
            Array.Clear(_candidate);
            for (int j = 0; j < k; j++)
            {
                _candidate[_order[j]] = 1;
            }

            double reward = Score(environment);
            if (reward > bestReward)
            {
                bestReward = reward;
                _candidate.CopyTo(_best, 0);
            }
        }

        return bestReward;
    }

    /// <summary>Sizes the scratch buffers for <paramref name="tasks"/> tasks (for tests that call a search directly).</summary>
    internal void EnsureBuffers(int tasks)
    {
        if (_candidate.Length != tasks)
        {
            _candidate = new double[tasks];
            _best = new double[tasks];
            _cappedBest = new double[tasks];
            _outcomes = new TaskOutcome[tasks];
            _negativeGain = new double[tasks];
            _offloadAll = new TaskOutcome[tasks];
            _order = new int[tasks];
            _localReward = new double[tasks];
            _gain = new double[tasks];
            _selection = new double[tasks];
            _candidates = new int[tasks];
        }
    }

    /// <summary>The action chosen by the latest search.</summary>
    internal ReadOnlySpan<double> BestAction => _best;

    /// <summary>
    /// The exact search when no cap can bind. Then every task's served bits are fixed by its own choice, so the slot's
    /// reward with a set S of K offloaded tasks is the all-local reward plus the sum over S of each task's gain
    /// g_i(K) = r_i(offloaded, K) - r_i(local), and the best set of size K holds the K largest gains. Per K: every
    /// gain (one <see cref="SlotModel.ScoreTask"/> each), the K-th largest by selection in linear time, the sum of the
    /// K largest; O(N M) per K instead of a sort and a full slot evaluation.
    /// <para>
    /// It stops early without losing exactness: the K-dependent part of an offloaded task's cost is
    /// Do (c_lat X K / F + c_energy gamma F^2 X / K^2) (processing latency and MEC compute energy at the share F / K)
    /// plus a deadline penalty that switches on as the latency grows with K, so from <see cref="MonotoneFrom"/> on every
    /// gain falls (weakly) as K grows. Once K is past that point and the K-th largest gain is &lt;= 0, any larger set
    /// scores at most the K largest gains at K plus further gains that are &lt;= 0: no larger K can do better. In the
    /// calibrated preset that point is K = 1 and the scan ends just past the optimal K (about 10 at beta 0.5), whatever N.
    /// </para>
    /// </summary>
    internal void SearchByOffloadCount(MiningEnvironment environment)
    {
        var model = environment.Model;
        int tasks = model.Tasks;
        EnsureBuffers(tasks);
        double queuingSeconds = environment.MecBacklogCycles / model.Parameters.MecCapacityHz;

        // All local (K = 0): each task's local reward, which does not depend on K, and the starting best.
        Array.Clear(_candidate);
        double allLocal = Score(environment);
        Array.Clear(_best);
        for (int i = 0; i < tasks; i++)
        {
            _localReward[i] = model.TaskReward(_outcomes[i]);
        }

        // Offload-all outcomes give every task's served offload bits; a task with none cannot count in K.
        Array.Fill(_candidate, 1.0);
        _ = Score(environment);
        _outcomes.CopyTo(_offloadAll, 0);
        int count = 0;
        for (int i = 0; i < tasks; i++)
        {
            if (_offloadAll[i].ServedOffloadBits > 0)
            {
                _candidates[count++] = i;
            }
        }

        int monotoneFrom = MonotoneFrom(model);
        double bestReward = allLocal;
        int bestK = 0;
        for (int k = 1; k <= count; k++)
        {
            Gains(model, k, queuingSeconds, count);
            Span<double> selection = _selection.AsSpan(0, count);
            _gain.AsSpan(0, count).CopyTo(selection);
            double kth = Selection.KthLargest(selection, k);
            double reward = allLocal + SumOfLargest(_gain.AsSpan(0, count), k, kth);
            if (reward > bestReward) // strict: ties keep the smaller K
            {
                bestReward = reward;
                bestK = k;
            }

            if (k >= monotoneFrom && kth <= 0)
            {
                break;
            }
        }

        if (bestK > 0)
        {
            Gains(model, bestK, queuingSeconds, count);
            Span<double> selection = _selection.AsSpan(0, count);
            _gain.AsSpan(0, count).CopyTo(selection);
            double kth = Selection.KthLargest(selection, bestK);

            // The gains above the K-th largest, then ties with it in task order until K are chosen.
            int chosen = 0;
            for (int c = 0; c < count; c++)
            {
                if (_gain[c] > kth)
                {
                    _best[_candidates[c]] = 1;
                    chosen++;
                }
            }

            for (int c = 0; c < count && chosen < bestK; c++)
            {
                if (_gain[c] == kth)
                {
                    _best[_candidates[c]] = 1;
                    chosen++;
                }
            }
        }
    }

    /// <summary>g_i(K) of the first <paramref name="count"/> candidates into <see cref="_gain"/>.</summary>
    private void Gains(SlotModel model, int k, double queuingSeconds, int count)
    {
        for (int c = 0; c < count; c++)
        {
            int i = _candidates[c];
            var o = _offloadAll[i];
            model.ScoreTask(ref o, k, queuingSeconds);
            _gain[c] = model.TaskReward(o) - _localReward[i];
        }
    }

    /// <summary>
    /// The smallest K from which every offloaded task's reward is non-increasing in K: its K-dependent cost per served
    /// bit h(K) = a K + b / K^2 (a: latency weight X / F, b: energy weight gamma' F^2 X) grows from the first K with
    /// a &gt;= b (1/K^2 - 1/(K+1)^2), whose right side falls with K. int.MaxValue when it never does (a = 0 &lt; b) or when
    /// a negative deadline penalty breaks the argument.
    /// </summary>
    internal static int MonotoneFrom(SlotModel model)
    {
        var p = model.Parameters;
        if (p.DeadlinePenalty < 0)
        {
            return int.MaxValue;
        }

        double unit = p.MecFrequencyUnitHz;
        double a = (1 - model.Beta) / p.LatencyUnitSeconds * p.MecCyclesPerBit / p.MecCapacityHz;
        double b = model.Beta / p.EnergyUnitJoules * (p.MecEnergyCoefficient / (unit * unit * unit)) * p.MecCapacityHz * p.MecCapacityHz * p.MecCyclesPerBit;
        if (b <= 0)
        {
            return 1;
        }

        for (int k = 1; k <= 1 << 24; k++)
        {
            double drop = b * ((1.0 / ((double)k * k)) - (1.0 / ((k + 1.0) * (k + 1.0))));
            if (a >= drop)
            {
                return k;
            }
        }

        return int.MaxValue;
    }

    /// <summary>The sum of the <paramref name="k"/> largest values, given the k-th largest <paramref name="kth"/>.</summary>
    private static double SumOfLargest(ReadOnlySpan<double> values, int k, double kth)
    {
        double sum = 0;
        int above = 0;
        foreach (double v in values)
        {
            if (v > kth)
            {
                sum += v;
                above++;
            }
        }

        return sum + ((k - above) * kth);
    }
}
