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
/// </summary>
public sealed class TabularQLearner : TransitionLearner
{
    private static readonly BinaryFormat ModelFormat = new("RLO Q-table", 0x54514D45, 1); // "EMQT"
    private const int BufferedBins = 4;

    /// <summary>Largest M: every state's row holds 2^M action values.</summary>
    public const int MaxTasksPerMiner = 20;

    private readonly QLearningOptions _options;
    private readonly Xoshiro256 _random = new(0);
    private Dictionary<ulong, double[]>[] _tables = [];
    private int _miners;
    private int _tasksPerMiner;
    private double _arrivalLowUnits;
    private double _arrivalBinWidthUnits;
    private double _deadlinePenalty;
    private bool _binsKnown;

    public TabularQLearner(QLearningOptions? options = null) => _options = options ?? new QLearningOptions();

    public override string Name => "rlo";

    /// <summary>States met so far, summed over miners (the size of the sparse table).</summary>
    public int StatesVisited => _tables.Sum(t => t.Count);

    public override void Reset(ulong seed) => _random.Reseed(seed);

    public override void BeginTraining(MiningEnvironment environment, ulong seed)
    {
        Configure(environment);
        _tables = NewTables(_miners);
        _random.Reseed(seed);
    }

    protected override void ActExploring(MiningEnvironment environment, double epsilon, Span<double> action)
    {
        EnsureConfigured(environment);
        var observation = environment.Observation;
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
                chosen = _tables[n].TryGetValue(StateKey(observation, n), out var row) ? ArgMax(row) : 0;
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
        return Learn(observation, action, environment.LastOutcomes, environment.Observation);
    }

    /// <summary>Q(s, a) &lt;- Q(s, a) + alpha (r + gamma max_a' Q(s', a') - Q(s, a)) for each miner; returns the mean squared TD error.</summary>
    internal double Learn(ReadOnlySpan<double> observation, ReadOnlySpan<double> action, ReadOnlySpan<TaskOutcome> outcomes, ReadOnlySpan<double> nextObservation)
    {
        double squaredError = 0;
        for (int n = 0; n < _miners; n++)
        {
            int first = n * _tasksPerMiner;
            double reward = 0;
            int chosen = 0;
            for (int m = 0; m < _tasksPerMiner; m++)
            {
                ref readonly var o = ref outcomes[first + m];
                reward += o.Privacy - o.Cost - (o.DeadlineMissed ? _deadlinePenalty : 0);
                chosen |= (action[first + m] >= 0.5 ? 1 : 0) << m;
            }

            // Q(s, a) <- Q(s, a) + alpha (r + gamma max_a' Q(s', a') - Q(s, a))   [Alg. 1]
            var row = Row(n, StateKey(observation, n));
            double nextBest = _tables[n].TryGetValue(StateKey(nextObservation, n), out var nextRow) ? nextRow[ArgMax(nextRow)] : 0;
            double error = reward + (_options.Discount * nextBest) - row[chosen];
            row[chosen] += _options.LearningRate * error;
            squaredError += error * error;
        }

        return squaredError / _miners;
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

        _arrivalLowUnits = p.ArrivalMinBits / p.PrivacyUnitBits;
        _arrivalBinWidthUnits = (p.ArrivalMaxBits - p.ArrivalMinBits) / p.PrivacyUnitBits / _options.ArrivalBins;
        _deadlinePenalty = p.DeadlinePenalty;
        _binsKnown = true;
    }

    private void EnsureConfigured(MiningEnvironment environment)
    {
        if (_tables.Length == 0)
        {
            Configure(environment);
            _tables = NewTables(_miners);
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

    private static Dictionary<ulong, double[]>[] NewTables(int miners) =>
        Enumerable.Range(0, miners).Select(_ => new Dictionary<ulong, double[]>()).ToArray();

    private double[] Row(int miner, ulong key)
    {
        if (!_tables[miner].TryGetValue(key, out var row))
        {
            row = new double[1 << _tasksPerMiner];
            _tables[miner][key] = row;
        }

        return row;
    }

    /// <summary>Q(s, a) of miner <paramref name="miner"/> at the state of <paramref name="observation"/>; 0 for a state not met yet.</summary>
    internal double QValue(int miner, ReadOnlySpan<double> observation, int action) =>
        _tables[miner].TryGetValue(StateKey(observation, miner), out var row) ? row[action] : 0;

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
    /// (0..3), then the channel bit, in mixed radix. Reads the observation block of the miner (see MiningEnvironment).
    /// </summary>
    internal ulong StateKey(ReadOnlySpan<double> observation, int miner)
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

        return (key * 2) + (observation[block + (2 * _tasksPerMiner)] >= 0.5 ? 1UL : 0UL);
    }

    protected override void WriteModel(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ModelFormat.WriteHeader(writer);
        writer.Write(_miners);
        writer.Write(_tasksPerMiner);
        writer.Write(_options.ArrivalBins);
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
        ModelFormat.ReadHeader(reader);
        int miners = ModelFormat.ReadCount(reader, 1, RunSettings.MaxTasks, "the number of miners");
        int tasksPerMiner = ModelFormat.ReadCount(reader, 1, MaxTasksPerMiner, "the number of tasks per miner");
        ModelFormat.ReadExpected(reader, _options.ArrivalBins, "the number of arrival bins");
        var tables = NewTables(miners);
        int actions = 1 << tasksPerMiner;
        ModelFormat.Truncated(() =>
        {
            foreach (var table in tables)
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

                    table[key] = row;
                }
            }
        });

        (_miners, _tasksPerMiner, _tables) = (miners, tasksPerMiner, tables);

        // Bin edges come from the environment's parameters at the first Act after loading.
        _binsKnown = false;
    }
}
