namespace EdgeMine.Policies.Sequential;

/// <summary>
/// <see cref="SeparableTaskSets"/> by scoring every task: per K one <see cref="SlotModel.ScoreTask"/> per task, per
/// selection a linear-time K-th largest (<see cref="PerSlotOptimum.KthLargest"/>), ties in task order. Assumes nothing
/// beyond separability.
/// </summary>
internal sealed class ScoredTaskSets : SeparableTaskSets
{
    private SlotModel? _model;
    private TaskOutcome[] _offloadAll = [];
    private double[] _localReward = [];
    private double _queuingSeconds;
    private int _count;
    private int[] _candidates = [];
    private double[] _gain = [];
    private double[] _cycles = [];
    private double[] _key = [];
    private double[] _scratch = [];
    private bool[] _chosen = [];
    private bool[] _best = [];

    public override int Count => _count;

    public override void Begin(MiningEnvironment environment, ReadOnlySpan<TaskOutcome> offloadAll, ReadOnlySpan<double> localReward)
    {
        _model = environment.Model;
        int tasks = offloadAll.Length;
        if (_candidates.Length != tasks)
        {
            _offloadAll = new TaskOutcome[tasks];
            _localReward = new double[tasks];
            _candidates = new int[tasks];
            _gain = new double[tasks];
            _cycles = new double[tasks];
            _key = new double[tasks];
            _scratch = new double[tasks];
            _chosen = new bool[tasks];
            _best = new bool[tasks];
        }

        offloadAll.CopyTo(_offloadAll);
        localReward.CopyTo(_localReward);
        _queuingSeconds = environment.MecBacklogCycles / environment.Parameters.MecCapacityHz;
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
        var model = _model!;
        for (int c = 0; c < _count; c++)
        {
            int i = _candidates[c];
            var o = _offloadAll[i];
            model.ScoreTask(ref o, k, _queuingSeconds);
            _gain[c] = model.TaskReward(o) - _localReward[i];
        }
    }

    public override Selection TopK(double keyPrice, int k)
    {
        var key = _key.AsSpan(0, _count);
        double positive = 0;
        for (int c = 0; c < _count; c++)
        {
            key[c] = _gain[c] - (keyPrice * _cycles[c]);
            positive += Math.Max(0, key[c]);
        }

        var scratch = _scratch.AsSpan(0, _count);
        key.CopyTo(scratch);
        double kth = PerSlotOptimum.KthLargest(scratch, k);
        int chosen = 0;
        double sumGain = 0, sumCycles = 0;
        for (int c = 0; c < _count; c++)
        {
            _chosen[c] = key[c] > kth;
            if (_chosen[c])
            {
                chosen++;
                sumGain += _gain[c];
                sumCycles += _cycles[c];
            }
        }

        for (int c = 0; c < _count && chosen < k; c++)
        {
            if (key[c] == kth)
            {
                _chosen[c] = true;
                chosen++;
                sumGain += _gain[c];
                sumCycles += _cycles[c];
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
