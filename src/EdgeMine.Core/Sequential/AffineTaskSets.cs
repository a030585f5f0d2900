using EdgeMine.Model;
using EdgeMine.Policies;

namespace EdgeMine.Sequential;

/// <summary>
/// <see cref="SeparableTaskSets"/> for a slot where no cap binds, every buffer is empty and no deadline penalty applies
/// (<see cref="Applies"/>). Then every term of eqs. 1-12 of a task is affine in its data D given K, Q and its miner's
/// channel (the served bits are D, usage privacy is D / d_unit or 0), so within a channel state the gain is
/// <c>G_i(K) = w_g(K) D_i + b_g(K)</c>, measured per K on the channel's smallest and largest task with
/// <see cref="SlotModel.ScoreTask"/>. The keys <c>G_i - price X D_i</c> are then ordered by D within each channel (largest
/// first when the key grows with D), so the K largest keys are the first j of one channel and the first K - j of the
/// other, j found by bisection, with sums from prefix sums: O(log N M) per selection after one sort per slot, instead
/// of O(N M). Exact under its conditions (checked against <see cref="ScoredTaskSets"/> by the tests).
/// </summary>
internal sealed class AffineTaskSets : SeparableTaskSets
{
    private readonly Channel _good = new();
    private readonly Channel _bad = new();
    private double _cyclesPerBit;
    private (int K, int Good, bool GoodLargestFirst, bool BadLargestFirst) _last;
    private (int K, int Good, bool GoodLargestFirst, bool BadLargestFirst) _best;

    /// <summary>True when the slot's gains are affine in the data within each channel state: no cap can bind, D0 = 0, no deadline penalty.</summary>
    public static bool Applies(MiningEnvironment environment)
    {
        if (environment.Parameters.DeadlinePenalty != 0 || PerSlotOptimum.AnyCapCanBind(environment))
        {
            return false;
        }

        foreach (double d0 in environment.BufferedBits)
        {
            if (d0 != 0)
            {
                return false;
            }
        }

        return true;
    }

    public override int Count => _good.Size + _bad.Size;

    protected override void BeginSlot(MiningEnvironment environment)
    {
        var offloadAll = OffloadAll;
        int tasks = offloadAll.Length;
        _cyclesPerBit = environment.Parameters.MecCyclesPerBit;
        _good.Begin(tasks);
        _bad.Begin(tasks);
        for (int i = 0; i < tasks; i++)
        {
            (offloadAll[i].ChannelGood ? _good : _bad).Add(i, offloadAll[i].ServedOffloadBits);
        }

        _good.Sort();
        _bad.Sort();
    }

    public override void Gains(int k)
    {
        _good.Fit(Model, OffloadAll, LocalReward, k, QueuingSeconds);
        _bad.Fit(Model, OffloadAll, LocalReward, k, QueuingSeconds);
    }

    public override Selection TopK(double keyPrice, int k)
    {
        double keySlopePerBit = keyPrice * _cyclesPerBit;
        _good.Order(keySlopePerBit);
        _bad.Order(keySlopePerBit);

        // Moving from j - 1 to j good tasks swaps the (k - j + 1)-th bad key for the j-th good key: a gain that falls
        // with j. The best j is the last whose swap still gains.
        int low = Math.Max(0, k - _bad.Size), high = Math.Min(k, _good.Size);
        while (low < high)
        {
            int j = (low + high + 1) / 2;
            if (_good.Key(j) > _bad.Key(k - j + 1))
            {
                low = j;
            }
            else
            {
                high = j - 1;
            }
        }

        int good = low, bad = k - low;
        double goodBits = _good.TopBits(good), badBits = _bad.TopBits(bad);
        double gain = (_good.Slope * goodBits) + (good * _good.Intercept) + (_bad.Slope * badBits) + (bad * _bad.Intercept);
        double kth = Math.Min(good > 0 ? _good.Key(good) : double.PositiveInfinity, bad > 0 ? _bad.Key(bad) : double.PositiveInfinity);
        _last = (k, good, _good.LargestFirst, _bad.LargestFirst);
        return new Selection(gain, (goodBits + badBits) * _cyclesPerBit, kth, _good.PositiveKeys() + _bad.PositiveKeys());
    }

    public override void KeepLast() => _best = _last;

    public override void ClearBest() => _best = default;

    public override void WriteBest(Span<double> action)
    {
        action.Clear();
        _good.Mark(_best.Good, _best.GoodLargestFirst, action);
        _bad.Mark(_best.K - _best.Good, _best.BadLargestFirst, action);
    }

    /// <summary>The tasks of one channel state, sorted by data, with prefix sums, and the affine gain of the current K.</summary>
    private sealed class Channel
    {
        private int[] _tasks = [];
        private double[] _bits = [];
        private double[] _prefix = [];
        private double _keySlope;

        public int Size { get; private set; }

        /// <summary>w: gain per bit given K.</summary>
        public double Slope { get; private set; }

        /// <summary>b: gain per task given K.</summary>
        public double Intercept { get; private set; }

        /// <summary>True when the current keys grow with the data (largest data first).</summary>
        public bool LargestFirst { get; private set; }

        public void Begin(int capacity)
        {
            if (_tasks.Length != capacity)
            {
                _tasks = new int[capacity];
                _bits = new double[capacity];
                _prefix = new double[capacity + 1];
            }

            Size = 0;
        }

        public void Add(int task, double bits)
        {
            _tasks[Size] = task;
            _bits[Size] = bits;
            Size++;
        }

        /// <summary>Sorts by data (ties in task order) and sums prefixes.</summary>
        public void Sort()
        {
            Array.Sort(_bits, _tasks, 0, Size);
            for (int j = 0; j < Size; j++)
            {
                _prefix[j + 1] = _prefix[j] + _bits[j];
            }
        }

        /// <summary>w and b from the smallest and largest task's gain at K (one task, or equal data: w = 0).</summary>
        public void Fit(SlotModel model, TaskOutcome[] offloadAll, double[] localReward, int k, double queuingSeconds)
        {
            if (Size == 0)
            {
                return;
            }

            double Gain(int task)
            {
                var o = offloadAll[task];
                model.ScoreTask(ref o, k, queuingSeconds);
                return model.TaskReward(o) - localReward[task];
            }

            int first = _tasks[0], last = _tasks[Size - 1];
            double low = Gain(first);
            double spread = _bits[Size - 1] - _bits[0];
            Slope = spread > 0 ? (Gain(last) - low) / spread : 0;
            Intercept = low - (Slope * _bits[0]);
        }

        /// <summary>Orders the keys <c>(w - keySlopePerBit) D + b</c> largest first.</summary>
        public void Order(double keySlopePerBit)
        {
            _keySlope = Slope - keySlopePerBit;
            LargestFirst = _keySlope >= 0;
        }

        /// <summary>The j-th largest key (j from 1; -infinity beyond the channel's tasks).</summary>
        public double Key(int j) => j < 1 || j > Size ? double.NegativeInfinity : (_keySlope * BitsAt(j)) + Intercept;

        private double BitsAt(int j) => LargestFirst ? _bits[Size - j] : _bits[j - 1];

        /// <summary>The data of the j tasks of largest key.</summary>
        public double TopBits(int j) => LargestFirst ? _prefix[Size] - _prefix[Size - j] : _prefix[j];

        /// <summary>The sum of the positive keys: the keys fall in order, so the positive ones come first.</summary>
        public double PositiveKeys()
        {
            int low = 0, high = Size;
            while (low < high)
            {
                int j = (low + high + 1) / 2;
                if (Key(j) > 0)
                {
                    low = j;
                }
                else
                {
                    high = j - 1;
                }
            }

            return (_keySlope * TopBits(low)) + (low * Intercept);
        }

        /// <summary>Marks the j tasks of largest key (in the order <paramref name="largestFirst"/>) in <paramref name="action"/>.</summary>
        public void Mark(int j, bool largestFirst, Span<double> action)
        {
            for (int r = 0; r < j; r++)
            {
                action[_tasks[largestFirst ? Size - 1 - r : r]] = 1;
            }
        }
    }
}
