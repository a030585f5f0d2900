using System.Globalization;
using EdgeMine.IO;
using EdgeMine.Learning.Tabular;
using EdgeMine.Model;
using EdgeMine.Randomness;

namespace EdgeMine.Privacy;

/// <summary>
/// The RL-privacy baseline [29] (Min et al., IEEE IoT-J 2019), a reconstruction: that paper publishes no code, and
/// MODEL.md section 7 fixes what is built here. Single miner (N = 1), M &lt;= 2 tasks. Tabular Q-learning over the
/// states of <see cref="PrivacyStateSpace"/> (RLO's bins) and joint offloading-rate vectors (each task picks one of
/// <see cref="RlPrivacyOptions.Rates"/>; joint action index = sum_m r_m * R^m, task 0 least significant), on the
/// slot reward r = sum (P - C) - penalty. Three accelerations, each switchable in <see cref="RlPrivacyOptions"/>:
/// <list type="number">
/// <item><b>Dyna</b>: the learned model keeps, per (s, a) met, the last reward and next state seen (tabular Dyna-Q,
/// Sutton and Barto 2018 sec. 8.2); after each real step, <see cref="RlPrivacyOptions.PlanningSteps"/> pairs drawn
/// uniformly from those met are replayed through the same update.</item>
/// <item><b>Post-decision states</b>: after the action, the next buffer D0' is fixed; nature then draws the next
/// arrivals and the next channel. A table U(b0', g') learns E over D1' of max_a Q(s', a) from every observed s', and the
/// Q target is r + gamma * sum_g' P(g' | g) U(b0', g') with the known channel chain (channel_persistence): every sample
/// informs the value of both channel outcomes, and the target no longer carries the channel draw's noise.
/// Without it: r + gamma * max_a Q(s', a).</item>
/// <item><b>Hot-booting</b>: before training, the Q-table is pre-trained with uniformly random rates on
/// <see cref="RlPrivacyOptions.HotBootSlots"/> slots of scenarios whose arrival bounds are the target's scaled by
/// <see cref="RlPrivacyOptions.HotBootArrivalScales"/> (0.5 and 1.5), binned with the target's bins (clamped), with
/// Dyna and post-decision states as configured. Q-learning is off-policy, so random rates suffice.</item>
/// </list>
/// Acting greedily breaks ties toward the lowest index (rate 0 for every task).
/// </summary>
public sealed class RlPrivacyAgent : TransitionLearner
{
    private static readonly BinaryFormat ModelFormat = new("RL-privacy Q-table", 0x50524D45, 1); // "EMRP"

    private readonly RlPrivacyOptions _options;
    private readonly Xoshiro256 _random = new(0);
    private PrivacyStateSpace? _space;
    private int _actions;
    private double[] _q = [];
    private double[] _postDecisionValue = [];
    private double[] _modelReward = [];
    private int[] _modelNextState = [];
    private List<int> _seenPairs = [];
    private double _channelPersistence = 0.5;

    public RlPrivacyAgent(RlPrivacyOptions? options = null)
    {
        _options = options ?? new RlPrivacyOptions();
        if (_options.Rates.Count == 0 || _options.Rates.Any(r => !(r is >= 0 and <= 1)))
        {
            throw new ArgumentException("offloading rates must be a non-empty list of fractions in [0, 1]", nameof(options));
        }
    }

    public override string Name => "rl-privacy";

    public RlPrivacyOptions Options => _options;

    /// <summary>Joint actions: R^M.</summary>
    public int ActionCount => _actions;

    /// <summary>(state, action) pairs the Dyna model has met.</summary>
    public int ModelledPairs => _seenPairs.Count;

    /// <summary>Every entry of the Q-table, state-major (Q(s, a) at s x actions + a), for tests that check the update rule by hand.</summary>
    internal ReadOnlySpan<double> QTable => _q;

    /// <summary>The state index of <paramref name="observation"/> (after <see cref="BeginTraining"/>).</summary>
    internal int StateOf(ReadOnlySpan<double> observation) =>
        (_space ?? throw new InvalidOperationException("call BeginTraining first")).FromObservation(observation);

    public override void Reset(ulong seed) => _random.Reseed(seed);

    /// <summary>Allocates the tables for <paramref name="environment"/> (N must be 1) and, with hot-booting on, pre-trains them.</summary>
    public override void BeginTraining(MiningEnvironment environment, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(environment);
        Configure(environment.Parameters, environment.Settings);
        _random.Reseed(seed);
        if (_options.UseHotBoot)
        {
            HotBoot(environment.Parameters, environment.Settings, seed);
        }
    }

    protected override void ActExploring(MiningEnvironment environment, double epsilon, Span<double> action)
    {
        var space = EnsureConfigured(environment);
        int chosen = epsilon > 0 && _random.NextDouble() < epsilon
            ? _random.NextInt(_actions)
            : ArgMax(space.FromObservation(environment.Observation));
        DecodeAction(chosen, action);
    }

    protected override double Learn(ReadOnlySpan<double> observation, ReadOnlySpan<double> action, MiningEnvironment environment, in SlotMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return Learn(observation, action, metrics, environment.Observation);
    }

    private double Learn(ReadOnlySpan<double> observation, ReadOnlySpan<double> action, in SlotMetrics metrics, ReadOnlySpan<double> nextObservation)
    {
        var space = _space ?? throw new InvalidOperationException("call BeginTraining before Learn");
        int state = space.FromObservation(observation);
        int next = space.FromObservation(nextObservation);
        int chosen = EncodeAction(action);
        double error = Update(state, chosen, metrics.Reward, next);
        if (_options.UseDyna)
        {
            int pair = (state * _actions) + chosen;
            if (_modelNextState[pair] < 0)
            {
                _seenPairs.Add(pair);
            }

            _modelReward[pair] = metrics.Reward;
            _modelNextState[pair] = next;
            for (int k = 0; k < _options.PlanningSteps; k++)
            {
                int replayed = _seenPairs[_random.NextInt(_seenPairs.Count)];
                Update(replayed / _actions, replayed % _actions, _modelReward[replayed], _modelNextState[replayed]);
            }
        }

        return error * error;
    }

    protected override Xoshiro256 Random => _random;

    public override void SaveTrainingState(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        WriteModel(writer);
        writer.Write(_channelPersistence);
        WriteArray(writer, _postDecisionValue);
        WriteArray(writer, _modelReward);
        writer.Write(_seenPairs.Count);
        foreach (int pair in _seenPairs)
        {
            writer.Write(pair);
            writer.Write(_modelNextState[pair]);
        }

        _random.WriteTo(writer);
    }

    public override void LoadTrainingState(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ReadModel(reader);
        _channelPersistence = reader.ReadDouble();
        _postDecisionValue = ReadArray(reader, _space!.BufferedPartCount);
        _modelReward = ReadArray(reader, _q.Length);
        _modelNextState = NewUnseen(_q.Length);
        int seen = reader.ReadInt32();
        _seenPairs = new List<int>(seen);
        for (int i = 0; i < seen; i++)
        {
            int pair = reader.ReadInt32();
            int next = reader.ReadInt32();
            if (pair < 0 || pair >= _q.Length || next < 0 || next >= _space.Count)
            {
                throw new InvalidDataException("the RL-privacy Dyna model is malformed");
            }

            _seenPairs.Add(pair);
            _modelNextState[pair] = next;
        }

        _random.ReadFrom(reader);
    }

    /// <summary>One Q-learning update of (s, a) with reward r and next state s'; returns the TD error.</summary>
    private double Update(int state, int action, double reward, int next)
    {
        double nextValue;
        if (_options.UsePostDecisionStates)
        {
            var space = _space!;
            bool channel = (state & 1) == 1;
            bool nextChannel = (next & 1) == 1;

            // U(b0', g') tracks E_{D1'} max_a Q(s', a); the observed s' is one sample of it.
            int observed = space.BufferedPart(next, nextChannel);
            _postDecisionValue[observed] += _options.LearningRate * (_q[(next * _actions) + ArgMax(next)] - _postDecisionValue[observed]);

            // V(post-decision state (b0', g)) = sum_g' P(g' | g) U(b0', g'), with the known channel chain.
            nextValue = (_channelPersistence * _postDecisionValue[space.BufferedPart(next, channel)])
                + ((1 - _channelPersistence) * _postDecisionValue[space.BufferedPart(next, !channel)]);
        }
        else
        {
            nextValue = _q[(next * _actions) + ArgMax(next)];
        }

        int pair = (state * _actions) + action;
        double error = reward + (_options.Discount * nextValue) - _q[pair];
        _q[pair] += _options.LearningRate * error;
        return error;
    }

    private void HotBoot(ModelParameters parameters, EnvironmentSettings settings, ulong seed)
    {
        var scales = _options.HotBootArrivalScales;
        var action = new double[settings.TasksPerMiner];
        for (int i = 0; i < scales.Count; i++)
        {
            // Equal shares; the last scenario takes the remainder so that exactly HotBootSlots slots are run.
            int slots = i < scales.Count - 1 ? _options.HotBootSlots / scales.Count : _options.HotBootSlots - (_options.HotBootSlots / scales.Count * (scales.Count - 1));
            var scenario = parameters with
            {
                ArrivalMinBits = parameters.ArrivalMinBits * scales[i],
                ArrivalMaxBits = parameters.ArrivalMaxBits * scales[i],
            };
            var environment = new MiningEnvironment(scenario, settings with { EpisodeSlots = 0 });
            environment.Reset(SeedMixer.Derive(seed, 100 + (ulong)i));
            var observation = new double[environment.ObservationSpace.Dimension];
            for (int t = 0; t < slots; t++)
            {
                environment.Observation.CopyTo(observation);
                ActExploring(environment, 1, action);
                var step = environment.Step(action);
                Learn(observation, action, step.Metrics, step.Observation);
            }
        }
    }

    private void Configure(ModelParameters parameters, EnvironmentSettings settings)
    {
        if (settings.Miners != 1)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"the RL-privacy scheme is single-miner; the environment has N = {settings.Miners}"), nameof(settings));
        }

        _space = PrivacyStateSpace.For(parameters, settings.TasksPerMiner, _options.ArrivalBins);
        _actions = (int)Math.Pow(_options.Rates.Count, settings.TasksPerMiner);
        _q = new double[_space.Count * _actions];
        _postDecisionValue = new double[_space.BufferedPartCount];
        _modelReward = new double[_q.Length];
        _modelNextState = NewUnseen(_q.Length);
        _seenPairs = [];
        _channelPersistence = parameters.ChannelPersistence;
    }

    private PrivacyStateSpace EnsureConfigured(MiningEnvironment environment)
    {
        if (_space is null)
        {
            Configure(environment.Parameters, environment.Settings);
        }
        else if (environment.Settings.Miners != 1 || environment.Settings.TasksPerMiner != _space.Tasks)
        {
            throw new ArgumentException("the environment's N and M differ from those the Q-table was trained on", nameof(environment));
        }

        return _space!;
    }

    private int ArgMax(int state)
    {
        int offset = state * _actions;
        int best = 0;
        for (int a = 1; a < _actions; a++)
        {
            if (_q[offset + a] > _q[offset + best])
            {
                best = a;
            }
        }

        return best;
    }

    private void DecodeAction(int index, Span<double> action)
    {
        int rates = _options.Rates.Count;
        for (int m = 0; m < action.Length; m++)
        {
            action[m] = _options.Rates[index % rates];
            index /= rates;
        }
    }

    /// <summary>The joint index of <paramref name="action"/>, each fraction mapped to the nearest rate.</summary>
    private int EncodeAction(ReadOnlySpan<double> action)
    {
        int rates = _options.Rates.Count;
        int index = 0;
        for (int m = action.Length - 1; m >= 0; m--)
        {
            int nearest = 0;
            for (int r = 1; r < rates; r++)
            {
                if (Math.Abs(_options.Rates[r] - action[m]) < Math.Abs(_options.Rates[nearest] - action[m]))
                {
                    nearest = r;
                }
            }

            index = (index * rates) + nearest;
        }

        return index;
    }

    protected override void WriteModel(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var space = _space ?? throw new InvalidOperationException("the RL-privacy agent is neither trained nor loaded");
        ModelFormat.WriteHeader(writer);
        space.Write(writer);
        writer.Write(_options.Rates.Count);
        foreach (double rate in _options.Rates)
        {
            writer.Write(rate);
        }

        WriteArray(writer, _q);
    }

    /// <summary>Reads the Q-table; the planning model and post-decision values start empty (a training state reads them after).</summary>
    protected override void ReadModel(BinaryReader reader)
    {
        ModelFormat.ReadHeader(reader);
        ModelFormat.Truncated(() =>
        {
            var space = PrivacyStateSpace.Read(reader);
            int rates = ModelFormat.ReadExpected(reader, _options.Rates.Count, "the number of offloading rates");
            for (int r = 0; r < rates; r++)
            {
                if (reader.ReadDouble() != _options.Rates[r])
                {
                    throw new InvalidDataException("the Q-table's offloading rates differ from these options");
                }
            }

            _actions = (int)Math.Pow(rates, space.Tasks);
            _q = ReadArray(reader, space.Count * _actions);
            _space = space;
        });
        _postDecisionValue = new double[_space!.BufferedPartCount];
        _modelReward = new double[_q.Length];
        _modelNextState = NewUnseen(_q.Length);
        _seenPairs = [];
    }

    private static int[] NewUnseen(int length)
    {
        var array = new int[length];
        Array.Fill(array, -1);
        return array;
    }

    private static void WriteArray(BinaryWriter writer, double[] values)
    {
        writer.Write(values.Length);
        foreach (double v in values)
        {
            writer.Write(v);
        }
    }

    private static double[] ReadArray(BinaryReader reader, int expectedLength)
    {
        int length = ModelFormat.ReadExpected(reader, expectedLength, "a table's length");

        var values = new double[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = reader.ReadDouble();
        }

        return values;
    }
}
