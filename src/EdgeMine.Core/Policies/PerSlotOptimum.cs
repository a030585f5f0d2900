namespace EdgeMine.Policies;

/// <summary>
/// The per-slot optimum (MODEL.md section 7, not in the paper): the binary action that maximises this slot's reward,
/// computed from the full state. For N M &lt;= <see cref="EnumerationLimit"/> it enumerates all 2^(N M) actions whenever
/// a capacity cap can bind; when none can, the search below is exact too and much faster, so it is used instead. Above
/// that it uses that, given K offloaded tasks, each task's reward gain from offloading is fixed: for every K it takes
/// the K largest gains, scores that candidate with the true slot physics, and keeps the best, in O((N M)^2 log N M).
/// That is exact whenever no capacity cap binds (none does in the calibrated preset for M &lt;= 12); when a cap binds
/// it is the best of the N M + 1 candidates. Actions do not change future arrivals or channels, so without buffering or
/// backlog this is the optimal policy: the yardstick of every learner.
/// </summary>
public sealed class PerSlotOptimum : IOffloadingPolicy
{
    /// <summary>Largest N M solved by enumeration: 2^10 = 1024 actions.</summary>
    public const int EnumerationLimit = 10;

    private double[] _candidate = [];
    private double[] _best = [];
    private TaskOutcome[] _outcomes = [];
    private double[] _negativeGain = [];
    private TaskOutcome[] _offloadAll = [];
    private int[] _order = [];
    private double[] _localReward = [];

    public string Name => "optimal";

    public void Reset(ulong seed)
    {
    }

    public void Act(MiningEnvironment environment, Span<double> action)
    {
        var model = environment.Model;
        int tasks = model.Tasks;
        if (_candidate.Length != tasks)
        {
            _candidate = new double[tasks];
            _best = new double[tasks];
            _outcomes = new TaskOutcome[tasks];
            _negativeGain = new double[tasks];
            _offloadAll = new TaskOutcome[tasks];
            _order = new int[tasks];
            _localReward = new double[tasks];
        }

        if (tasks <= EnumerationLimit && AnyCapCanBind(environment))
        {
            Enumerate(environment);
        }
        else
        {
            SearchByOffloadCount(environment);
        }

        _best.CopyTo(action);
    }

    /// <summary>
    /// True when some miner's data exceeds its local or upload capacity, so that some action would leave bits buffered.
    /// When none can, task rewards are separable given K and the search by offload count is exact, so enumeration
    /// (which it matches, up to ties between equal rewards) is skipped.
    /// </summary>
    private static bool AnyCapCanBind(MiningEnvironment environment)
    {
        var model = environment.Model;
        var p = model.Parameters;
        for (int n = 0; n < model.Miners; n++)
        {
            double dataBits = 0;
            for (int m = 0; m < model.TasksPerMiner; m++)
            {
                int i = (n * model.TasksPerMiner) + m;
                dataBits += environment.BufferedBits[i] + environment.ArrivedBits[i];
            }

            if (dataBits > p.LocalCapacityBitsPerSlot || dataBits > p.UploadRateBps(environment.ChannelGood[n]) * p.SlotSeconds)
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

    private void Enumerate(MiningEnvironment environment)
    {
        int tasks = environment.Model.Tasks;
        double bestReward = double.NegativeInfinity;
        for (long index = 0; index < 1L << tasks; index++)
        {
            ActionSpace.DecodeBinary(index, _candidate);
            double reward = Score(environment);
            if (reward > bestReward) // strict: ties keep the lowest index, i.e. the fewest offloads first
            {
                bestReward = reward;
                _candidate.CopyTo(_best, 0);
            }
        }
    }

    private void SearchByOffloadCount(MiningEnvironment environment)
    {
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
    }
}
