namespace EdgeMine.Learning.Dqn;

/// <summary>
/// The input of the shared DRLO network for one miner: that miner's own observation block, as the environment writes
/// it (D1 and D0 of each of its M tasks in units of d_unit, then its channel state g), followed by features of the whole
/// system that every miner sees alike. All are functions of what DRLO observes (the whole system's observation, as in
/// the paper's s = {D1, D0, g}) and of its own past actions, so no miner is given anything a centralised DRLO lacks:
/// <list type="number">
/// <item>ln N / ln 1000: the system size (constant within a run, so that one network could serve several N);</item>
/// <item>log10(1 + Q / (F dt)): the MEC backlog at the start of the slot (a deterministic function of past offloads);</item>
/// <item>log10(1 + G): the number of tasks whose miner has a good channel in this slot;</item>
/// <item>(<see cref="MinerFeatureSet.Rank"/> only) per own task m, log10(1 + r_m), r_m the number of good-channel
/// tasks in the system (the miner's own included) holding more data D0 + D1 than task m;</item>
/// <item>(optional, last) log10(1 + K'): the number of tasks offloaded in the previous slot. Off by default: every
/// miner reading it learns "offload when few offloaded last slot", so that all of them switch together and the
/// offload count oscillates (measured at N = 100, docs/drlo.md).</item>
/// <item>(optional, <see cref="MeanField"/>) this slot's offload count K, which the learner solves for when it acts
/// (<see cref="SharedDqn"/>).</item>
/// </list>
/// The logarithms keep counts that range from 0 to N M on a scale of a few units for any N. The rank tells a task
/// where it stands in the queue for the MEC's shared CPU: the per-slot optimum offloads the K tasks with the largest
/// gains, which under a good channel are those with the most data, so "how many good-channel tasks are bigger than
/// mine" is what a miner needs, besides its own data, to know whether it is among them.
/// </summary>
internal sealed class MinerFeatures
{
    private double[] _goodData = [];

    public MinerFeatures(int tasksPerMiner, MinerFeatureSet set, bool lastOffloads = false, bool meanField = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tasksPerMiner);
        TasksPerMiner = tasksPerMiner;
        Set = set;
        LastOffloads = lastOffloads;
        MeanField = meanField;
        OwnDimension = (2 * tasksPerMiner) + 1;
        Dimension = OwnDimension + (lastOffloads ? 1 : 0) + (meanField ? 1 : 0) + set switch
        {
            MinerFeatureSet.Own => 0,
            MinerFeatureSet.Global => 3,
            _ => 3 + tasksPerMiner,
        };
    }

    /// <summary>Whether log10(1 + K') of the previous slot is appended (last of the row, after the mean-field column).</summary>
    public bool LastOffloads { get; }

    /// <summary>
    /// Whether the row carries this slot's offload count K (the mean action of mean-field Q-learning), at
    /// <see cref="OffloadColumn"/>, as K X d_unit / (F dt): the MEC load of K mean-size tasks in slots of its capacity.
    /// <see cref="Build"/> writes 0 there; <see cref="SetOffloadCount"/> sets it.
    /// </summary>
    public bool MeanField { get; }

    /// <summary>The column of the offload count when <see cref="MeanField"/>, else -1.</summary>
    public int OffloadColumn => MeanField ? Dimension - 1 - (LastOffloads ? 1 : 0) : -1;

    /// <summary>Writes the offload count <paramref name="offloaded"/> (scaled by <paramref name="loadPerTask"/> = X d_unit / (F dt)) into every row.</summary>
    public void SetOffloadCount(Span<float> features, int miners, int offloaded, double loadPerTask)
    {
        float value = (float)(offloaded * loadPerTask);
        int column = OffloadColumn;
        for (int n = 0; n < miners; n++)
        {
            features[(n * Dimension) + column] = value;
        }
    }

    /// <summary>
    /// Writes log10(1 + <paramref name="backlogSlots"/>) into every row's backlog column (none with
    /// <see cref="MinerFeatureSet.Own"/>): the planning learner asks its network about other backlogs than the slot's.
    /// </summary>
    public void SetBacklog(Span<float> features, int miners, double backlogSlots)
    {
        if (Set == MinerFeatureSet.Own)
        {
            return;
        }

        float value = (float)Math.Log10(1 + backlogSlots);
        for (int n = 0; n < miners; n++)
        {
            features[(n * Dimension) + OwnDimension + 1] = value;
        }
    }

    public int TasksPerMiner { get; }

    public MinerFeatureSet Set { get; }

    /// <summary>2M + 1, the miner's own observation block.</summary>
    public int OwnDimension { get; }

    /// <summary>Values per miner.</summary>
    public int Dimension { get; }

    /// <summary>
    /// Writes the features of all <paramref name="miners"/> miners, [miners × <see cref="Dimension"/>] row-major, from
    /// the environment-layout <paramref name="observation"/> (its first miners × (2M + 1) values),
    /// <paramref name="backlogSlots"/> = Q / (F dt) and <paramref name="offloadedLastSlot"/> = K of the previous slot.
    /// Allocates only when the number of tasks grows.
    /// </summary>
    public void Build(ReadOnlySpan<double> observation, int miners, double backlogSlots, int offloadedLastSlot, Span<float> destination)
    {
        int m = TasksPerMiner, own = OwnDimension, dim = Dimension;
        if (destination.Length < miners * dim || observation.Length < miners * own)
        {
            throw new ArgumentException($"features of {miners} miners need {miners * dim} values and an observation of {miners * own}");
        }

        // Good-channel tasks' data, sorted, for G and the ranks.
        if (_goodData.Length < miners * m)
        {
            _goodData = new double[miners * m];
        }

        int good = 0;
        for (int n = 0; n < miners; n++)
        {
            ReadOnlySpan<double> block = observation.Slice(n * own, own);
            if (block[2 * m] >= 0.5)
            {
                for (int t = 0; t < m; t++)
                {
                    _goodData[good++] = block[t] + block[m + t];
                }
            }
        }

        Span<double> sorted = _goodData.AsSpan(0, good);
        if (Set == MinerFeatureSet.Rank)
        {
            sorted.Sort();
        }

        float logMiners = (float)(Math.Log(miners) / Math.Log(1000));
        float backlog = (float)Math.Log10(1 + backlogSlots);
        float offloaded = (float)Math.Log10(1 + offloadedLastSlot);
        float goodTasks = (float)Math.Log10(1 + good);
        for (int n = 0; n < miners; n++)
        {
            ReadOnlySpan<double> block = observation.Slice(n * own, own);
            Span<float> row = destination.Slice(n * dim, dim);
            for (int j = 0; j < own; j++)
            {
                row[j] = (float)block[j];
            }

            if (LastOffloads)
            {
                row[dim - 1] = offloaded;
            }

            if (MeanField)
            {
                row[OffloadColumn] = 0;
            }

            if (Set == MinerFeatureSet.Own)
            {
                continue;
            }

            row[own] = logMiners;
            row[own + 1] = backlog;
            row[own + 2] = goodTasks;
            if (Set == MinerFeatureSet.Rank)
            {
                for (int t = 0; t < m; t++)
                {
                    int bigger = good - UpperBound(sorted, block[t] + block[m + t]);
                    row[own + 3 + t] = (float)Math.Log10(1 + bigger);
                }
            }
        }
    }

    /// <summary>The number of values in ascending <paramref name="sorted"/> that are &lt;= <paramref name="value"/>.</summary>
    private static int UpperBound(ReadOnlySpan<double> sorted, double value)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            if (sorted[middle] <= value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
