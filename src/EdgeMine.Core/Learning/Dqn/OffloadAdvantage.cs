using EdgeMine.Model;

namespace EdgeMine.Learning.Dqn;

/// <summary>
/// Per-task difference rewards of a binary slot, for both choices: for every task, A_i = R(task i offloaded) -
/// R(task i local), every other task's choice held as it was, computed with the known reward model from the slot's
/// own start state. A task that offloaded earns A_i if it is credited for offloading and 0 for executing locally, which
/// is Wolpert and Tumer's difference reward with "local" as the default action (what <see cref="ForOffloaded"/> computes
/// for the tasks that offloaded, the branching DQN's credit); a task that stayed local gets the value its offload would have had, so that a learner
/// can be taught both of its actions from one slot.
/// <para>
/// Cost: O(N M) per slot whatever the offload count K, instead of one full slot evaluation per task. When no cap binds
/// on a task's miner, the task's own served bits are fixed by its own choice and the others' are not changed by it, so
/// flipping task i changes the slot reward by its own reward change plus the change of every other offloaded task's
/// reward from K to K - 1 (or K + 1), which is a difference of two sums over the offloaded set computed once per slot.
/// A miner whose data can exceed its local or upload capacity has its tasks evaluated by the full slot physics instead.
/// Exact for binary actions (the learner's); other fractions are read as offload when &gt;= 0.5.
/// </para>
/// </summary>
internal sealed class OffloadAdvantage
{
    private readonly SlotModel _model;
    private readonly double[] _bufferedBits;
    private readonly double[] _arrivedBits;
    private readonly bool[] _channelGood;
    private readonly double[] _flipped;
    private readonly TaskOutcome[] _scratch;

    public OffloadAdvantage(SlotModel model)
    {
        _model = model;
        _bufferedBits = new double[model.Tasks];
        _arrivedBits = new double[model.Tasks];
        _channelGood = new bool[model.Miners];
        _flipped = new double[model.Tasks];
        _scratch = new TaskOutcome[model.Tasks];
    }

    /// <summary>
    /// Writes A_i of every task into <paramref name="advantage"/>, from the slot's <paramref name="outcomes"/> (which
    /// carry its start state), its binary <paramref name="action"/> and its <paramref name="metrics"/>.
    /// </summary>
    public void Compute(ReadOnlySpan<double> action, ReadOnlySpan<TaskOutcome> outcomes, in SlotMetrics metrics, Span<float> advantage)
    {
        var model = _model;
        var p = model.Parameters;
        int tasks = model.Tasks, perMiner = model.TasksPerMiner;
        int k = metrics.OffloadedTasks;
        double queuingSeconds = metrics.MecBacklogCycles / p.MecCapacityHz;

        // Sums over the offloaded set S of the members' rewards at K - 1, K and K + 1 offloads.
        double atK = 0, atFewer = 0, atMore = 0;
        for (int i = 0; i < tasks; i++)
        {
            var o = outcomes[i];
            if (o.ServedOffloadBits > 0)
            {
                atK += model.TaskReward(o);
                atMore += OffloadReward(o, k + 1, queuingSeconds);
                atFewer += k > 1 ? OffloadReward(o, k - 1, queuingSeconds) : 0;
            }
        }

        bool slowPathReady = false;
        for (int n = 0; n < model.Miners; n++)
        {
            if (CapCanBind(outcomes, n))
            {
                if (!slowPathReady)
                {
                    PrepareSlowPath(action, outcomes);
                    slowPathReady = true;
                }

                for (int m = 0; m < perMiner; m++)
                {
                    advantage[(n * perMiner) + m] = (float)SlowAdvantage((n * perMiner) + m, metrics);
                }

                continue;
            }

            for (int m = 0; m < perMiner; m++)
            {
                int i = (n * perMiner) + m;
                var o = outcomes[i];
                double dataBits = o.BufferedBits + o.ArrivedBits;
                if (dataBits <= 0)
                {
                    advantage[i] = 0; // nothing to offload: both choices are the same
                    continue;
                }

                double local = LocalReward(o, dataBits, queuingSeconds);
                double a;
                if (o.ServedOffloadBits > 0)
                {
                    // R - R(i local): i's own change, plus the others' rewards at K - 1 instead of K.
                    double own = model.TaskReward(o);
                    double fewer = k > 1 ? OffloadReward(o, k - 1, queuingSeconds) : 0;
                    a = (own - local) + ((atK - own) - (atFewer - fewer));
                }
                else
                {
                    // R(i offloaded) - R: i's own change, plus the others' rewards at K + 1 instead of K.
                    var offloaded = o;
                    offloaded.ServedOffloadBits = dataBits;
                    offloaded.ServedLocalBits = 0;
                    a = (OffloadReward(offloaded, k + 1, queuingSeconds) - model.TaskReward(o)) + (atMore - atK);
                }

                advantage[i] = (float)a;
            }
        }
    }

    /// <summary>
    /// Wolpert and Tumer's difference reward of each task with "local" as the default action, for the branching DQN
    /// (<see cref="BranchingHeadDqn"/>): R - R(task i local) for a task that offloaded, by a full slot evaluation from the
    /// slot's start state recorded in <paramref name="outcomes"/>, every other task's choice held as it was; 0 for a task
    /// executed locally. The same difference as <see cref="Compute"/>'s A_i for an offloaded task, but computed as the
    /// branching DQN has always learned it (R taken from <paramref name="metrics"/>, one evaluation per offloaded task),
    /// so that its results stay the same bit for bit.
    /// </summary>
    public void ForOffloaded(ReadOnlySpan<double> action, ReadOnlySpan<TaskOutcome> outcomes, in SlotMetrics metrics, Span<float> rewards)
    {
        PrepareSlowPath(action, outcomes);
        for (int i = 0; i < _flipped.Length; i++)
        {
            if (action[i] == 0)
            {
                rewards[i] = 0;
                continue;
            }

            double kept = _flipped[i];
            _flipped[i] = 0;
            double without = _model.Evaluate(_bufferedBits, _arrivedBits, _channelGood, metrics.MecBacklogCycles, _flipped, _scratch).Reward;
            _flipped[i] = kept;
            rewards[i] = (float)(metrics.Reward - without);
        }
    }

    private double OffloadReward(TaskOutcome o, int k, double queuingSeconds)
    {
        _model.ScoreTask(ref o, k, queuingSeconds);
        return _model.TaskReward(o);
    }

    private double LocalReward(TaskOutcome o, double dataBits, double queuingSeconds)
    {
        o.ServedOffloadBits = 0;
        o.ServedLocalBits = dataBits;
        _model.ScoreTask(ref o, 0, queuingSeconds);
        return _model.TaskReward(o);
    }

    private bool CapCanBind(ReadOnlySpan<TaskOutcome> outcomes, int miner)
    {
        var p = _model.Parameters;
        int perMiner = _model.TasksPerMiner;
        double dataBits = 0;
        for (int m = 0; m < perMiner; m++)
        {
            var o = outcomes[(miner * perMiner) + m];
            dataBits += o.BufferedBits + o.ArrivedBits;
        }

        bool good = outcomes[miner * perMiner].ChannelGood;
        return dataBits > p.LocalCapacityBitsPerSlot || dataBits > p.UploadRateBps(good) * p.SlotSeconds;
    }

    private void PrepareSlowPath(ReadOnlySpan<double> action, ReadOnlySpan<TaskOutcome> outcomes)
    {
        int perMiner = _model.TasksPerMiner;
        for (int i = 0; i < _flipped.Length; i++)
        {
            _bufferedBits[i] = outcomes[i].BufferedBits;
            _arrivedBits[i] = outcomes[i].ArrivedBits;
            _flipped[i] = action[i] >= 0.5 ? 1 : 0;
        }

        for (int n = 0; n < _channelGood.Length; n++)
        {
            _channelGood[n] = outcomes[n * perMiner].ChannelGood;
        }
    }

    /// <summary>R(i offloaded) - R(i local) by two full slot evaluations (a miner whose caps can bind).</summary>
    private double SlowAdvantage(int i, in SlotMetrics metrics)
    {
        double kept = _flipped[i];
        _flipped[i] = 1;
        double offloaded = _model.Evaluate(_bufferedBits, _arrivedBits, _channelGood, metrics.MecBacklogCycles, _flipped, _scratch).Reward;
        _flipped[i] = 0;
        double local = _model.Evaluate(_bufferedBits, _arrivedBits, _channelGood, metrics.MecBacklogCycles, _flipped, _scratch).Reward;
        _flipped[i] = kept;
        return offloaded - local;
    }
}
