using EdgeMine.Model;
using EdgeMine.Policies;

namespace EdgeMine.Sequential;

/// <summary>
/// The per-slot search with the next slot priced in (MODEL.md section 13): over binary actions <c>x</c>, maximises
/// <c>J(x) = r(x) - p_Q [Q + X sum Do(x) - F dt]^+ - p_D sum D0'(x)</c>, every term scored by <see cref="SlotModel"/>. With
/// <c>linearBacklog</c> the bracket loses its <c>^+</c>: a price on every offloaded cycle (the Lagrangian of
/// <see cref="UpperBound"/>). With no prices it is the per-slot optimum.
/// <list type="bullet">
/// <item>No cap can bind in this slot: given K offloaded tasks each task's reward gain <c>G_i(K)</c> is fixed and so are its
/// cycles <c>c_i = X Do_i</c> (<see cref="SeparableTaskSets"/>), so for every K the backlog term is the only coupling. With
/// <c>c0 = Q - F dt</c>: the K largest <c>G_i</c> are optimal when they leave <c>c0 + sum c &lt;= 0</c>; the K largest
/// <c>G_i - p_Q c_i</c> are optimal when they leave <c>c0 + sum c &gt;= 0</c> (then <c>J</c> equals the linear objective, which
/// bounds every set), and always when linear; between the two (free MEC capacity the gains would overfill: a knapsack)
/// a bisection on the Lagrange weight <c>lambda</c> of <c>G_i - lambda p_Q c_i</c> keeps the best set it meets, and where
/// N M &lt;= <see cref="EnumerationLimit"/> all 2^(N M) actions are scored instead. K scans upward and stops once a
/// Lagrangian bound on every larger K is below the best (the gains fall with K from
/// <see cref="PerSlotOptimum.MonotoneFrom(SlotModel)"/> on): exact, apart from the bisection.</item>
/// <item>A cap can bind: N M &lt;= <see cref="EnumerationLimit"/>, all 2^(N M) actions scored with the full slot physics
/// (exact); more tasks: for every K, the K largest priced gains from the offload-all outcomes, each candidate scored
/// with the full physics (a heuristic, as the per-slot optimum's own search there).</item>
/// </list>
/// </summary>
internal sealed class PricedSlotSearch
{
    /// <summary>Largest N M searched by enumeration: 2^10 actions.</summary>
    public const int EnumerationLimit = 10;

    /// <summary>Bisection steps on the Lagrange weight where free capacity would be overfilled.</summary>
    private const int BisectionSteps = 8;

    private double[] _candidate = [];
    private double[] _best = [];
    private TaskOutcome[] _outcomes = [];
    private TaskOutcome[] _offloadAll = [];
    private double[] _localReward = [];
    private double[] _localBuffered = [];
    private double[] _gain = [];
    private double[] _cycles = [];
    private double[] _bufferChange = [];
    private double[] _key = [];
    private double[] _scratch = [];
    private bool[] _chosen = [];
    private readonly ScoredTaskSets _scored = new();
    private readonly AffineTaskSets _affine = new();

    /// <summary>The best action of the latest search.</summary>
    public ReadOnlySpan<double> BestAction => _best;

    /// <summary>
    /// Writes the best binary action in the environment's current state into <paramref name="action"/> and returns its
    /// priced objective <c>J</c>.
    /// </summary>
    public double Search(MiningEnvironment environment, SlotPrices prices, bool linearBacklog, Span<double> action)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!(prices.BacklogPerCycle >= 0) || !double.IsFinite(prices.BacklogPerCycle) || !double.IsFinite(prices.BufferPerBit))
        {
            throw new ArgumentOutOfRangeException(nameof(prices), prices, "the backlog price must be finite and >= 0, the buffer price finite");
        }

        int tasks = environment.Model.Tasks;
        EnsureBuffers(tasks);
        double best;
        if (!PerSlotOptimum.AnyCapCanBind(environment))
        {
            best = SearchSeparable(environment, prices, linearBacklog, out bool exact);
            if (!exact && tasks <= EnumerationLimit)
            {
                best = Enumerate(environment, prices, linearBacklog);
            }
        }
        else if (tasks <= EnumerationLimit)
        {
            best = Enumerate(environment, prices, linearBacklog);
        }
        else
        {
            best = SearchScored(environment, prices, linearBacklog);
        }

        _best.CopyTo(_candidate, 0);
        _ = environment.Model.Evaluate(
            environment.BufferedBits, environment.ArrivedBits, environment.ChannelGood, environment.MecBacklogCycles, _candidate, _outcomes);
        double cycles = 0;
        for (int i = 0; i < tasks; i++)
        {
            cycles += _outcomes[i].ServedOffloadBits * environment.Parameters.MecCyclesPerBit;
        }

        LastOffloadedCycles = cycles;
        _best.CopyTo(action);
        return best;
    }

    /// <summary>The cycles the latest search's action offloads (<c>X sum Do</c>, after the caps).</summary>
    public double LastOffloadedCycles { get; private set; }

    /// <summary>Scores <see cref="_candidate"/> with the slot physics; returns its priced objective.</summary>
    private double ScoreCandidate(MiningEnvironment environment, SlotPrices prices, bool linearBacklog)
    {
        var model = environment.Model;
        var metrics = model.Evaluate(
            environment.BufferedBits, environment.ArrivedBits, environment.ChannelGood, environment.MecBacklogCycles, _candidate, _outcomes);
        double cycles = 0;
        for (int i = 0; i < _outcomes.Length; i++)
        {
            cycles += _outcomes[i].ServedOffloadBits * model.Parameters.MecCyclesPerBit;
        }

        return metrics.Reward - BacklogTerm(environment, cycles, prices, linearBacklog) - (prices.BufferPerBit * metrics.BufferedBitsAfter);
    }

    /// <summary><c>p_Q [Q + cycles - F dt]^+</c>, or without the <c>^+</c> when linear.</summary>
    private static double BacklogTerm(MiningEnvironment environment, double cycles, SlotPrices prices, bool linearBacklog)
    {
        if (prices.BacklogPerCycle == 0)
        {
            return 0;
        }

        double next = environment.MecBacklogCycles + cycles - environment.Parameters.MecCyclesPerSlot; // Q(t+1) before max(0, .)
        return prices.BacklogPerCycle * (linearBacklog ? next : Math.Max(0, next));
    }

    private double Enumerate(MiningEnvironment environment, SlotPrices prices, bool linearBacklog)
    {
        int tasks = environment.Model.Tasks;
        double best = double.NegativeInfinity;
        for (long index = 0; index < 1L << tasks; index++)
        {
            ActionSpace.DecodeBinary(index, _candidate);
            double value = ScoreCandidate(environment, prices, linearBacklog);
            if (value > best) // strict: ties keep the lowest index, as the per-slot optimum's enumeration
            {
                best = value;
                _candidate.CopyTo(_best, 0);
            }
        }

        return best;
    }

    /// <summary>All local, then all offloaded: each task's local reward and buffer, and its offload outcome.</summary>
    private double ScoreExtremes(MiningEnvironment environment)
    {
        var model = environment.Model;
        Array.Clear(_candidate);
        var local = model.Evaluate(
            environment.BufferedBits, environment.ArrivedBits, environment.ChannelGood, environment.MecBacklogCycles, _candidate, _outcomes);
        for (int i = 0; i < _outcomes.Length; i++)
        {
            _localReward[i] = model.TaskReward(_outcomes[i]);
            _localBuffered[i] = _outcomes[i].NextBufferedBits;
        }

        Array.Fill(_candidate, 1.0);
        _ = model.Evaluate(
            environment.BufferedBits, environment.ArrivedBits, environment.ChannelGood, environment.MecBacklogCycles, _candidate, _outcomes);
        _outcomes.CopyTo(_offloadAll, 0);
        return local.Reward;
    }

    private double SearchSeparable(MiningEnvironment environment, SlotPrices prices, bool linearBacklog, out bool exact)
    {
        exact = true;
        var model = environment.Model;
        double allLocal = ScoreExtremes(environment);
        double freeOffset = environment.MecBacklogCycles - model.Parameters.MecCyclesPerSlot; // c0: Q(t+1) = [c0 + sum c]^+
        double price = prices.BacklogPerCycle;
        SeparableTaskSets sets = AffineTaskSets.Applies(environment) ? _affine : _scored;
        sets.Begin(environment, _offloadAll, _localReward);
        sets.ClearBest();

        // K = 0: everything local, nothing offloaded.
        double best = allLocal - BacklogTerm(environment, 0, prices, linearBacklog);
        int monotoneFrom = PerSlotOptimum.MonotoneFrom(model);
        for (int k = 1; k <= sets.Count; k++)
        {
            sets.Gains(k);

            // Each Lagrange weight lambda in [0, 1] bounds every set S of size K' >= K once K is past MonotoneFrom (from
            // there every gain falls with K, and p c_i does not depend on K): since p [z]^+ >= lambda p z,
            // J(S) <= R + sum_S (G_i(K) - lambda p c_i) - lambda p c0, at most the sum of the positive keys, or, when the
            // K-th largest key is <= 0, the sum of the K largest. Once such a bound is below the best, stop.
            double bound = double.PositiveInfinity;
            void Candidate(Selection s, double weight, bool linear)
            {
                double value = allLocal + s.Gain - BacklogPriced(price, freeOffset + s.Cycles, linear);
                if (value > best)
                {
                    best = value;
                    sets.KeepLast();
                }

                double keys = s.Gain - (weight * price * s.Cycles);
                bound = Math.Min(bound, allLocal - (weight * price * freeOffset) + (s.Kth <= 0 ? Math.Min(keys, s.PositiveKeys) : s.PositiveKeys));
            }

            bool past = k >= monotoneFrom;
            if (linearBacklog)
            {
                // The K largest priced gains are optimal for this K.
                Candidate(sets.TopK(price, k), 1, true);
                if (past && bound <= best)
                {
                    break;
                }

                continue;
            }

            // lambda = 0: the K largest gains; optimal for this K when no price applies or they fit in the free capacity.
            var first = sets.TopK(0, k);
            Candidate(first, 0, false);
            if (price == 0 || freeOffset + first.Cycles <= 0)
            {
                if (past && bound <= best)
                {
                    break;
                }

                continue;
            }

            // lambda = 1: the K largest priced gains; optimal for this K when they leave no free capacity.
            var second = sets.TopK(price, k);
            Candidate(second, 1, false);
            if (freeOffset + second.Cycles < 0)
            {
                // Between: the first set overfills the free capacity, the second leaves some (a knapsack). Bisect on
                // the weight, keeping the best set met.
                exact = false;
                double low = 0, high = 1;
                for (int step = 0; step < BisectionSteps; step++)
                {
                    double lambda = 0.5 * (low + high);
                    var s = sets.TopK(lambda * price, k);
                    Candidate(s, lambda, false);
                    if (freeOffset + s.Cycles > 0)
                    {
                        low = lambda;
                    }
                    else
                    {
                        high = lambda;
                    }
                }
            }

            if (past && bound <= best)
            {
                break;
            }
        }

        sets.WriteBest(_best);
        return best;
    }

    /// <summary>The backlog term of a set whose <c>c0 + sum c</c> is <paramref name="next"/>.</summary>
    private static double BacklogPriced(double price, double next, bool linear) => price == 0 ? 0 : price * (linear ? next : Math.Max(0, next));

    /// <summary>Marks in <see cref="_chosen"/> the <paramref name="k"/> largest keys <c>gain - price * cycles</c> (<see cref="ScoredTaskSets.Select"/>).</summary>
    private Selection TopK(ReadOnlySpan<double> gain, ReadOnlySpan<double> cycles, double price, int k) =>
        ScoredTaskSets.Select(gain, cycles, price, k, _key.AsSpan(0, gain.Length), _scratch.AsSpan(0, gain.Length), _chosen.AsSpan(0, gain.Length));

    /// <summary>
    /// Where a cap can bind above the enumeration limit: for every K and both Lagrange weights 0 and 1, the K largest
    /// priced gains of the offload-all outcomes (gain, minus the backlog price of the task's cycles, minus the buffer price
    /// of the bits offloading leaves buffered beyond keeping it local), each set scored with the full physics.
    /// </summary>
    private double SearchScored(MiningEnvironment environment, SlotPrices prices, bool linearBacklog)
    {
        var model = environment.Model;
        var p = model.Parameters;
        int tasks = model.Tasks;
        _ = ScoreExtremes(environment);
        double queuingSeconds = environment.MecBacklogCycles / p.MecCapacityHz;
        for (int i = 0; i < tasks; i++)
        {
            _cycles[i] = _offloadAll[i].ServedOffloadBits * p.MecCyclesPerBit;
            _bufferChange[i] = _offloadAll[i].NextBufferedBits - _localBuffered[i];
        }

        Array.Clear(_candidate);
        double best = ScoreCandidate(environment, prices, linearBacklog);
        Array.Clear(_best);
        int monotoneFrom = PerSlotOptimum.MonotoneFrom(model);
        var gain = _gain.AsSpan(0, tasks);
        var cycles = _cycles.AsSpan(0, tasks);
        for (int k = 1; k <= tasks; k++)
        {
            for (int i = 0; i < tasks; i++)
            {
                var o = _offloadAll[i];
                model.ScoreTask(ref o, k, queuingSeconds);
                gain[i] = model.TaskReward(o) - _localReward[i] - (prices.BufferPerBit * _bufferChange[i]);
            }

            double kth0 = 0;
            foreach (double weight in (ReadOnlySpan<double>)[0.0, 1.0])
            {
                double kth = TopK(gain, cycles, weight * prices.BacklogPerCycle, k).Kth;
                if (weight == 0)
                {
                    kth0 = kth;
                }

                for (int i = 0; i < tasks; i++)
                {
                    _candidate[i] = _chosen[i] ? 1 : 0;
                }

                double value = ScoreCandidate(environment, prices, linearBacklog);
                if (value > best)
                {
                    best = value;
                    _candidate.CopyTo(_best, 0);
                }

                if (prices.BacklogPerCycle == 0)
                {
                    break;
                }
            }

            if (k >= monotoneFrom && kth0 <= 0)
            {
                break; // as the exact path's stop, approximate here: the gains of the offload-all outcomes only estimate the capped ones
            }
        }

        return best;
    }

    private void EnsureBuffers(int tasks)
    {
        if (_candidate.Length != tasks)
        {
            _candidate = new double[tasks];
            _best = new double[tasks];
            _outcomes = new TaskOutcome[tasks];
            _offloadAll = new TaskOutcome[tasks];
            _localReward = new double[tasks];
            _localBuffered = new double[tasks];
            _gain = new double[tasks];
            _cycles = new double[tasks];
            _bufferChange = new double[tasks];
            _key = new double[tasks];
            _scratch = new double[tasks];
            _chosen = new bool[tasks];
        }
    }
}
