using EdgeMine.Model;

namespace EdgeMine.Sequential;

/// <summary>
/// <see cref="SeparableTaskSets"/> by scoring every task: per K one <see cref="SlotModel.ScoreTask"/> per task, per
/// selection a linear-time K-th largest (<see cref="Numerics.Selection.KthLargest"/>), ties in task order. Assumes nothing
/// beyond separability.
/// </summary>
internal sealed class ScoredTaskSets : SeparableTaskSets
{
    private int _count;
    private int[] _candidates = [];
    private double[] _gain = [];
    private double[] _cycles = [];
    private double[] _key = [];
    private double[] _scratch = [];
    private bool[] _chosen = [];
    private bool[] _best = [];

    public override int Count => _count;

    protected override void BeginSlot(MiningEnvironment environment)
    {
        var offloadAll = OffloadAll;
        int tasks = offloadAll.Length;
        if (_candidates.Length != tasks)
        {
            _candidates = new int[tasks];
            _gain = new double[tasks];
            _cycles = new double[tasks];
            _key = new double[tasks];
            _scratch = new double[tasks];
            _chosen = new bool[tasks];
            _best = new bool[tasks];
        }

        _count = 0;
        for (int i = 0; i < tasks; i++)
        {
            if (offloadAll[i].ServedOffloadBits > 0)
            {
                _candidates[_count] = i;
                _cycles[_count] = offloadAll[i].ServedOffloadBits * environment.Parameters.MecCyclesPerBit;
                _count++;
            }
        }
    }

    public override void Gains(int k)
    {
        var model = Model;
        for (int c = 0; c < _count; c++)
        {
            int i = _candidates[c];
            var o = OffloadAll[i];
            model.ScoreTask(ref o, k, QueuingSeconds);
            _gain[c] = model.TaskReward(o) - LocalReward[i];
        }
    }

    public override Selection TopK(double keyPrice, int k) =>
        Select(_gain.AsSpan(0, _count), _cycles.AsSpan(0, _count), keyPrice, k, _key.AsSpan(0, _count), _scratch.AsSpan(0, _count), _chosen.AsSpan(0, _count));

    /// <summary>
    /// Marks in <paramref name="chosen"/> the <paramref name="k"/> largest keys <c>gain - price * cycles</c> (ties in task
    /// order), by a linear-time K-th largest (<see cref="Numerics.Selection.KthLargest"/>) on <paramref name="scratch"/>, and
    /// returns their sums of gains and cycles, the K-th key, and the sum of every positive key.
    /// </summary>
    internal static Selection Select(ReadOnlySpan<double> gain, ReadOnlySpan<double> cycles, double price, int k, Span<double> key, Span<double> scratch, Span<bool> chosen)
    {
        int count = gain.Length;
        double positive = 0;
        for (int c = 0; c < count; c++)
        {
            key[c] = gain[c] - (price * cycles[c]);
            positive += Math.Max(0, key[c]);
        }

        key.CopyTo(scratch);
        double kth = Numerics.Selection.KthLargest(scratch, k);
        int taken = 0;
        double sumGain = 0, sumCycles = 0;
        for (int c = 0; c < count; c++)
        {
            chosen[c] = key[c] > kth;
            if (chosen[c])
            {
                taken++;
                sumGain += gain[c];
                sumCycles += cycles[c];
            }
        }

        for (int c = 0; c < count && taken < k; c++)
        {
            if (key[c] == kth)
            {
                chosen[c] = true;
                taken++;
                sumGain += gain[c];
                sumCycles += cycles[c];
            }
        }

        return new Selection(sumGain, sumCycles, kth, positive);
    }

    public override void KeepLast() => Array.Copy(_chosen, _best, _count);

    public override void ClearBest() => Array.Clear(_best);

    public override void WriteBest(Span<double> action)
    {
        action.Clear();
        for (int c = 0; c < _count; c++)
        {
            if (_best[c])
            {
                action[_candidates[c]] = 1;
            }
        }
    }
}
