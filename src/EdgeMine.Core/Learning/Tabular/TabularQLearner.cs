using System.Globalization;
using EdgeMine.IO;
using EdgeMine.Model;
using EdgeMine.Randomness;
using EdgeMine.Settings;

namespace EdgeMine.Learning.Tabular;

/// <summary>
/// RLO [Alg. 1]: tabular Q-learning, one learner per miner ("each miner acts as an agent", Sec. II-D). Miner n sees its
/// own tasks' D1 and D0 and its channel g, discretised as MODEL.md section 7 says (D1 in equal bins over
/// [d_min, d_max]; D0 in {0, (0, d_unit/2], (d_unit/2, 1.5 d_unit], &gt; 1.5 d_unit}), and chooses one of its 2^M binary
/// task vectors. Its reward is its own tasks' share of the slot reward, sum over its tasks of (P - C) minus the
/// deadline penalty of its misses; the rewards of all miners add up to the slot's reward. The Q-table is sparse:
/// a row of 2^M values is allocated the first time a state is met, initialised to 0.
/// <para>
/// Options (<see cref="QLearningOptions"/>, issue 20 and 22; the defaults are the paper's RLO): the team reward (every
/// miner learns the slot's total), a rule for states never met (<see cref="UnseenStateRule"/>), and the MEC backlog's bin
/// appended to the state (<see cref="QLearningOptions.BacklogBins"/>).
/// </para>
/// </summary>
public sealed class TabularQLearner : TransitionLearner
{
    // Version 2 adds the backlog bins after the arrival bins; a version 1 file has none (backlog_bins = 0).
    private static readonly BinaryFormat ModelFormat = new("RLO Q-table", 0x54514D45, 2); // "EMQT"
    private const int BufferedBins = 4;

    /// <summary>Largest M: every state's row holds 2^M action values.</summary>
    public const int MaxTasksPerMiner = 20;

    /// <summary>
    /// The largest M whose state keys fit in 64 bits under <paramref name="options"/>: a key is a mixed-radix number over
    /// (arrival bins x 4 buffer bins)^M x 2 channel states (x the backlog bins, when there are any), so it fits while that
    /// product is at most 2^64 (its largest key 2^64 - 1). 14 with 5 arrival bins and no backlog bins (20^14 x 2 = 3.3e18,
    /// 20^15 x 2 = 6.6e19 &gt; 2^64 = 1.8e19); 13 with 16 backlog bins (20^13 x 32 = 2.6e18, 20^14 x 32 = 5.2e19).
    /// Never above <see cref="MaxTasksPerMiner"/>.
    /// </summary>
    public static int MaxTasksForKey(QLearningOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        UInt128 limit = (UInt128)ulong.MaxValue + 1;
        UInt128 states = 2 * (UInt128)Math.Max(1, options.BacklogBins);
        UInt128 perTask = (UInt128)options.ArrivalBins * BufferedBins;
        int tasks = 0;
        while (tasks < MaxTasksPerMiner && states * perTask <= limit)
        {
            states *= perTask;
            tasks++;
        }

        return tasks;
    }

    /// <summary>Null when M = <paramref name="tasksPerMiner"/> fits <see cref="MaxTasksForKey"/>, else why not, in one line.</summary>
    public static string? KeyProblem(int tasksPerMiner, QLearningOptions options)
    {
        int max = MaxTasksForKey(options);
        return tasksPerMiner <= max
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"{RunSettings.Tasks.Option} {tasksPerMiner}: RLO's state key, (arrival bins {options.ArrivalBins} x 4 buffer bins)^M x 2 channels x backlog_bins {options.BacklogBins}, must fit in 64 bits; allowed: 1 to {max}");
    }

    /// <summary>
    /// Under <see cref="UnseenStateRule.Nearest"/>, the distance a different channel adds: more than any sum of bin
    /// distances (at most (bins - 1 + 3) M + backlog bins), so that the nearest state has the same channel when one exists.
    /// </summary>
    public const int ChannelDistance = 1 << 20;

    private readonly QLearningOptions _options;
    private readonly Xoshiro256 _random = new(0);
    private Dictionary<ulong, double[]>[] _tables = [];

    // Under the nearest rule: per miner, every state met with its bins (digits) and row, for the nearest-state search.
    private List<(ulong Key, byte[] Digits, double[] Row)>[] _met = [];
    private byte[] _digits = [];
    private double _cyclesPerSlot;
    private int _miners;
    private int _tasksPerMiner;
    private double _arrivalLowUnits;
    private double _arrivalBinWidthUnits;
    private double _deadlinePenalty;
    private bool _binsKnown;

    public TabularQLearner(QLearningOptions? options = null) => _options = options ?? new QLearningOptions();

    /// <summary>The options this learner was created with.</summary>
    public QLearningOptions Options => _options;

    public override string Name => "rlo";

    /// <summary>States met so far, summed over miners (the size of the sparse table).</summary>
    public int StatesVisited => _tables.Sum(t => t.Count);

    public override void Reset(ulong seed) => _random.Reseed(seed);

    public override void BeginTraining(MiningEnvironment environment, ulong seed)
    {
        Configure(environment);
        NewTables(_miners);
        _random.Reseed(seed);
    }

    protected override void ActExploring(MiningEnvironment environment, double epsilon, Span<double> action)
    {
        EnsureConfigured(environment);
        var observation = environment.Observation;
        double backlogSlots = environment.MecBacklogCycles / _cyclesPerSlot;
        int actions = 1 << _tasksPerMiner;
        for (int n = 0; n < _miners; n++)
        {
            int chosen;
            if (epsilon > 0 && _random.NextDouble() < epsilon)
            {
                chosen = _random.NextInt(actions);
            }
            else
            {
                chosen = RowToAct(n, observation, backlogSlots) is { } row ? ArgMax(row) : 0;
            }

            for (int m = 0; m < _tasksPerMiner; m++)
            {
                action[(n * _tasksPerMiner) + m] = (chosen >> m) & 1;
            }
        }
    }

    protected override double Learn(ReadOnlySpan<double> observation, ReadOnlySpan<double> action, MiningEnvironment environment, in SlotMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(environment);

        // The slot's start backlog is in its metrics; the environment holds the next slot's.
        return Learn(observation, action, environment.LastOutcomes, environment.Observation, metrics.MecBacklogCycles / _cyclesPerSlot, environment.MecBacklogCycles / _cyclesPerSlot);
    }

    /// <summary>
    /// Q(s, a) &lt;- Q(s, a) + alpha (r + gamma max_a' Q(s', a') - Q(s, a)) for each miner, s from
    /// <paramref name="observation"/> (and <paramref name="backlogSlots"/> = Q / (F dt) when the state has backlog bins),
    /// s' from <paramref name="nextObservation"/> and <paramref name="nextBacklogSlots"/>; r the miner's own reward or the
    /// slot's total (<see cref="QLearningOptions.Reward"/>). Returns the mean squared TD error.
    /// </summary>
    internal double Learn(ReadOnlySpan<double> observation, ReadOnlySpan<double> action, ReadOnlySpan<TaskOutcome> outcomes, ReadOnlySpan<double> nextObservation, double backlogSlots = 0, double nextBacklogSlots = 0)
    {
        double team = 0;
        if (_options.Reward == RloReward.Team)
        {
            for (int i = 0; i < _miners * _tasksPerMiner; i++)
            {
                team += TaskReward(outcomes[i]);
            }
        }

        double squaredError = 0;
        for (int n = 0; n < _miners; n++)
        {
            int first = n * _tasksPerMiner;
            double own = 0;
            int chosen = 0;
            for (int m = 0; m < _tasksPerMiner; m++)
            {
                own += TaskReward(outcomes[first + m]);
                chosen |= (action[first + m] >= 0.5 ? 1 : 0) << m;
            }

            double reward = _options.Reward == RloReward.Team ? team : own;

            // Q(s, a) <- Q(s, a) + alpha (r + gamma max_a' Q(s', a') - Q(s, a))   [Alg. 1]
            var row = Row(n, StateKey(observation, n, backlogSlots));
            double nextBest = _tables[n].TryGetValue(StateKey(nextObservation, n, nextBacklogSlots), out var nextRow) ? nextRow[ArgMax(nextRow)] : 0;
            double error = reward + (_options.Discount * nextBest) - row[chosen];
            row[chosen] += _options.LearningRate * error;
            squaredError += error * error;
        }

        return squaredError / _miners;
    }

    /// <summary>A task's share of the slot reward: P - C, less the deadline penalty if it missed.</summary>
    private double TaskReward(in TaskOutcome o) => o.Privacy - o.Cost - (o.DeadlineMissed ? _deadlinePenalty : 0);

    /// <summary>
    /// The row miner <paramref name="miner"/> acts on: its state's, or for a state never met, null (every task local)
    /// or, under <see cref="UnseenStateRule.Nearest"/>, the nearest met state's.
    /// </summary>
    private double[]? RowToAct(int miner, ReadOnlySpan<double> observation, double backlogSlots)
    {
        ulong key = StateKey(observation, miner, backlogSlots);
        if (_tables[miner].TryGetValue(key, out var row))
        {
            return row;
        }

        return _options.UnseenState == UnseenStateRule.Nearest ? Nearest(miner, key) : null;
    }

    /// <summary>The row of the met state nearest to <paramref name="key"/> (see <see cref="UnseenStateRule.Nearest"/>), or null when none is met.</summary>
    internal double[]? Nearest(int miner, ulong key)
    {
        Digits(key, _digits);
        double[]? best = null;
        ulong bestKey = 0;
        int bestDistance = int.MaxValue;
        int channel = _digits.Length - 1 - (_options.BacklogBins > 0 ? 1 : 0);
        foreach (var (metKey, digits, row) in _met[miner])
        {
            int distance = digits[channel] == _digits[channel] ? 0 : ChannelDistance;
            for (int j = 0; j < digits.Length && distance <= bestDistance; j++)
            {
                if (j != channel)
                {
                    distance += Math.Abs(digits[j] - _digits[j]);
                }
            }

            if (distance < bestDistance || (distance == bestDistance && metKey < bestKey))
            {
                (best, bestKey, bestDistance) = (row, metKey, distance);
            }
        }

        return best;
    }

    /// <summary>
    /// The bins of a state key, most significant first: per task its D1 bin and D0 bin, the channel, then (with backlog
    /// bins) the backlog bin; the inverse of <see cref="StateKey"/>'s mixed radix.
    /// </summary>
    private void Digits(ulong key, Span<byte> digits)
    {
        int j = digits.Length - 1;
        if (_options.BacklogBins > 0)
        {
            digits[j--] = (byte)(key % (ulong)_options.BacklogBins);
            key /= (ulong)_options.BacklogBins;
        }

        digits[j--] = (byte)(key % 2);
        key /= 2;
        for (int m = _tasksPerMiner - 1; m >= 0; m--)
        {
            digits[j--] = (byte)(key % BufferedBins);
            key /= BufferedBins;
            digits[j--] = (byte)(key % (ulong)_options.ArrivalBins);
            key /= (ulong)_options.ArrivalBins;
        }
    }

    /// <summary>
    /// The bin of the MEC backlog q = Q / (F dt) among <paramref name="bins"/> (<see cref="QLearningOptions.BacklogBins"/>):
    /// 0 for q = 0, 1 for 0 &lt; q &lt;= 1, j for 2^(j-2) &lt; q &lt;= 2^(j-1), at most bins - 1.
    /// </summary>
    internal static int BacklogBin(double backlogSlots, int bins)
    {
        if (backlogSlots <= 0)
        {
            return 0;
        }

        int bin = 1;
        double top = 1;
        while (backlogSlots > top && bin < bins - 1)
        {
            bin++;
            top *= 2;
        }

        return bin;
    }

    protected override Xoshiro256 Random => _random;

    private void Configure(MiningEnvironment environment)
    {
        var p = environment.Parameters;
        _miners = environment.Settings.Miners;
        _tasksPerMiner = environment.Settings.TasksPerMiner;
        if (_tasksPerMiner > MaxTasksPerMiner)
        {
            throw new ArgumentException($"RLO's table has 2^M actions per state: M must be at most {MaxTasksPerMiner}", nameof(environment));
        }

        if (KeyProblem(_tasksPerMiner, _options) is { } problem)
        {
            throw new ArgumentException(problem, nameof(environment));
        }

        _arrivalLowUnits = p.ArrivalMinBits / p.PrivacyUnitBits;
        _arrivalBinWidthUnits = (p.ArrivalMaxBits - p.ArrivalMinBits) / p.PrivacyUnitBits / _options.ArrivalBins;
        _deadlinePenalty = p.DeadlinePenalty;
        _cyclesPerSlot = p.MecCyclesPerSlot;
        _binsKnown = true;
    }

    private void EnsureConfigured(MiningEnvironment environment)
    {
        if (_tables.Length == 0)
        {
            Configure(environment);
            NewTables(_miners);
        }
        else if (environment.Settings.Miners != _miners || environment.Settings.TasksPerMiner != _tasksPerMiner)
        {
            throw new ArgumentException("the environment's N and M differ from those the Q-table was trained on", nameof(environment));
        }
        else if (!_binsKnown)
        {
            Configure(environment);
        }
    }

    /// <summary>Empty tables (and lists of met states) for <paramref name="miners"/> miners of <see cref="_tasksPerMiner"/> tasks.</summary>
    private void NewTables(int miners)
    {
        _tables = Enumerable.Range(0, miners).Select(_ => new Dictionary<ulong, double[]>()).ToArray();
        _met = Enumerable.Range(0, miners).Select(_ => new List<(ulong, byte[], double[])>()).ToArray();
        _digits = new byte[(2 * _tasksPerMiner) + 1 + (_options.BacklogBins > 0 ? 1 : 0)];
    }

    private double[] Row(int miner, ulong key) => Row(miner, key, new double[1 << _tasksPerMiner], replace: false);

    /// <summary>The row of a state, <paramref name="row"/> when the state was not met (or when <paramref name="replace"/>).</summary>
    private double[] Row(int miner, ulong key, double[] row, bool replace)
    {
        if (!replace && _tables[miner].TryGetValue(key, out var existing))
        {
            return existing;
        }

        _tables[miner][key] = row;
        if (_options.UnseenState == UnseenStateRule.Nearest)
        {
            var digits = new byte[_digits.Length];
            Digits(key, digits);
            _met[miner].Add((key, digits, row));
        }

        return row;
    }

    /// <summary>Q(s, a) of miner <paramref name="miner"/> at the state of <paramref name="observation"/>; 0 for a state not met yet.</summary>
    internal double QValue(int miner, ReadOnlySpan<double> observation, int action, double backlogSlots = 0) =>
        _tables[miner].TryGetValue(StateKey(observation, miner, backlogSlots), out var row) ? row[action] : 0;

    /// <summary>The index of the largest value; ties go to the lowest index (fewest offloads first).</summary>
    private static int ArgMax(double[] row)
    {
        int best = 0;
        for (int a = 1; a < row.Length; a++)
        {
            if (row[a] > row[best])
            {
                best = a;
            }
        }

        return best;
    }

    /// <summary>
    /// Miner <paramref name="miner"/>'s discretised state as one number: per task a D1 bin (0..bins-1) and a D0 bin
    /// (0..3), then the channel bit, then (with <see cref="QLearningOptions.BacklogBins"/> &gt; 0) the backlog's bin of
    /// <paramref name="backlogSlots"/> = Q / (F dt), in mixed radix. Reads the observation block of the miner (see
    /// MiningEnvironment).
    /// </summary>
    internal ulong StateKey(ReadOnlySpan<double> observation, int miner, double backlogSlots = 0)
    {
        int block = miner * ((2 * _tasksPerMiner) + 1);
        ulong key = 0;
        int arrivalBins = _options.ArrivalBins;
        for (int m = 0; m < _tasksPerMiner; m++)
        {
            double arrivedUnits = observation[block + m];
            int arrivalBin = _arrivalBinWidthUnits > 0
                ? Math.Clamp((int)((arrivedUnits - _arrivalLowUnits) / _arrivalBinWidthUnits), 0, arrivalBins - 1)
                : 0;
            double bufferedUnits = observation[block + _tasksPerMiner + m];
            int bufferedBin = bufferedUnits <= 0 ? 0 : bufferedUnits <= 0.5 ? 1 : bufferedUnits <= 1.5 ? 2 : 3;
            key = (key * (ulong)arrivalBins) + (ulong)arrivalBin;
            key = (key * BufferedBins) + (ulong)bufferedBin;
        }

        key = (key * 2) + (observation[block + (2 * _tasksPerMiner)] >= 0.5 ? 1UL : 0UL);
        return _options.BacklogBins > 0 ? (key * (ulong)_options.BacklogBins) + (ulong)BacklogBin(backlogSlots, _options.BacklogBins) : key;
    }

    protected override void WriteModel(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ModelFormat.WriteHeader(writer);
        writer.Write(_miners);
        writer.Write(_tasksPerMiner);
        writer.Write(_options.ArrivalBins);
        writer.Write(_options.BacklogBins);
        foreach (var table in _tables)
        {
            writer.Write(table.Count);
            foreach (var (key, row) in table.OrderBy(e => e.Key))
            {
                writer.Write(key);
                foreach (double q in row)
                {
                    writer.Write(q);
                }
            }
        }
    }

    protected override void ReadModel(BinaryReader reader)
    {
        int version = ModelFormat.ReadHeader(reader, oldest: 1);
        int miners = ModelFormat.ReadCount(reader, 1, RunSettings.MaxTasks, "the number of miners");
        int tasksPerMiner = ModelFormat.ReadCount(reader, 1, MaxTasksPerMiner, "the number of tasks per miner");
        ModelFormat.ReadExpected(reader, _options.ArrivalBins, "the number of arrival bins");
        if (version >= 2)
        {
            ModelFormat.ReadExpected(reader, _options.BacklogBins, "the number of backlog bins (learner option backlog_bins)");
        }
        else if (_options.BacklogBins > 0)
        {
            throw new InvalidDataException($"RLO Q-table version 1 has no backlog in its states; it cannot be read with backlog_bins = {_options.BacklogBins}");
        }

        (_miners, _tasksPerMiner) = (miners, tasksPerMiner);
        NewTables(miners);
        int actions = 1 << tasksPerMiner;
        ModelFormat.Truncated(() =>
        {
            for (int n = 0; n < miners; n++)
            {
                int count = ModelFormat.ReadCount(reader, 0, int.MaxValue, "a table's number of states");
                for (int i = 0; i < count; i++)
                {
                    ulong key = reader.ReadUInt64();
                    var row = new double[actions];
                    for (int a = 0; a < actions; a++)
                    {
                        row[a] = reader.ReadDouble();
                    }

                    Row(n, key, row, replace: true);
                }
            }
        });

        // Bin edges come from the environment's parameters at the first Act after loading.
        _binsKnown = false;
    }
}
