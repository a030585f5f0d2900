using EdgeMine.Randomness;

namespace EdgeMine.Model;

/// <summary>
/// The MEC-based mobile-blockchain offloading environment of MODEL.md sections 1-5, with a Gymnasium-style API that an
/// outside agent can drive: <see cref="Reset"/> returns the first observation, <see cref="Step"/> applies an action.
/// <para>
/// <b>Observation</b> (<see cref="ObservationSpace"/>), one block of 2M + 1 values per miner n, then optionally Q:
/// </para>
/// <list type="table">
/// <listheader><term>index</term><description>meaning (unit, range)</description></listheader>
/// <item><term>n(2M+1) + m</term><description>D1_nm, new bits of task m / d_unit ([d_min, d_max] / d_unit)</description></item>
/// <item><term>n(2M+1) + M + m</term><description>D0_nm, buffered bits of task m / d_unit ([0, inf))</description></item>
/// <item><term>n(2M+1) + 2M</term><description>g_n, channel state (0 bad, 1 good)</description></item>
/// <item><term>N(2M+1)</term><description>only with <see cref="EnvironmentSettings.ExtendedObservation"/>: Q / (F dt) ([0, inf))</description></item>
/// </list>
/// <para>
/// <b>Action</b> (<see cref="ActionSpace"/>): one offloading fraction x_nm in [0, 1] per task, index n M + m; the paper's
/// actions are binary. <b>Reward</b>: r = sum (P - C) - deadline_penalty * misses [eq. 18]. <b>Start</b>: empty buffers and
/// MEC, channels uniform, fresh arrivals. <b>End</b>: never terminated; truncated after
/// <see cref="EnvironmentSettings.EpisodeSlots"/> slots when that is set.
/// </para>
/// The step allocates nothing: state, outcomes and observation live in buffers allocated once here.
/// </summary>
public sealed class MiningEnvironment
{
    private readonly double[] _bufferedBits;
    private readonly double[] _arrivedBits;
    private readonly bool[] _channelGood;
    private readonly double[] _observation;
    private readonly TaskOutcome[] _outcomes;
    private readonly Xoshiro256 _random = new(0);
    private bool _hasReset;

    public MiningEnvironment(ModelParameters parameters, EnvironmentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfNegative(settings.EpisodeSlots);
        Settings = settings;
        Model = new SlotModel(parameters, settings.Miners, settings.TasksPerMiner, settings.Beta);
        int tasks = Model.Tasks;
        _bufferedBits = new double[tasks];
        _arrivedBits = new double[tasks];
        _channelGood = new bool[settings.Miners];
        _outcomes = new TaskOutcome[tasks];
        ObservationSpace = new ObservationSpace(settings.Miners, settings.TasksPerMiner, settings.ExtendedObservation);
        ActionSpace = new ActionSpace(tasks);
        _observation = new double[ObservationSpace.Dimension];
    }

    public EnvironmentSettings Settings { get; }

    /// <summary>The slot physics, for policies that look ahead (the per-slot optimum).</summary>
    public SlotModel Model { get; }

    public ModelParameters Parameters => Model.Parameters;

    public ObservationSpace ObservationSpace { get; }

    public ActionSpace ActionSpace { get; }

    /// <summary>Slots stepped since the last reset.</summary>
    public long Slot { get; private set; }

    /// <summary>D0 per task (bits), index n M + m: the state, read-only.</summary>
    public ReadOnlySpan<double> BufferedBits => _bufferedBits;

    /// <summary>D1 per task (bits) of the current slot.</summary>
    public ReadOnlySpan<double> ArrivedBits => _arrivedBits;

    /// <summary>g per miner (true = good).</summary>
    public ReadOnlySpan<bool> ChannelGood => _channelGood;

    /// <summary>Q, the MEC backlog (cycles).</summary>
    public double MecBacklogCycles { get; private set; }

    /// <summary>
    /// Sets Q for a search at another backlog than the slot's (the planner's sweep of its carried value, which searches
    /// this slot's arrivals and channels at every backlog of its grid); the caller sets it back. Nothing else changes:
    /// the observation keeps the slot's own backlog.
    /// </summary>
    internal void SetBacklogForSearch(double cycles) => MecBacklogCycles = cycles;

    /// <summary>The current observation (see the table above).</summary>
    public ReadOnlySpan<double> Observation => _observation;

    /// <summary>Every task's outcome in the last step (the trace rows of that slot).</summary>
    public ReadOnlySpan<TaskOutcome> LastOutcomes => _outcomes;

    /// <summary>Starts a new trajectory: all randomness of the environment comes from <paramref name="seed"/>.</summary>
    public ReadOnlySpan<double> Reset(ulong seed)
    {
        _random.Reseed(seed);
        Array.Clear(_bufferedBits);
        Array.Clear(_outcomes);
        MecBacklogCycles = 0;
        Slot = 0;
        for (int n = 0; n < _channelGood.Length; n++)
        {
            _channelGood[n] = _random.NextBool(); // initial channel state uniform (section 2)
        }

        DrawArrivals();
        WriteObservation();
        _hasReset = true;
        return _observation;
    }

    /// <summary>Applies <paramref name="action"/> (one fraction in [0, 1] per task) for one slot.</summary>
    public StepResult Step(ReadOnlySpan<double> action)
    {
        if (!_hasReset)
        {
            throw new InvalidOperationException("call Reset(seed) before Step");
        }

        ActionSpace.Check(action);
        var p = Model.Parameters;
        var metrics = Model.Evaluate(_bufferedBits, _arrivedBits, _channelGood, MecBacklogCycles, action, _outcomes);

        // MEC backlog: Q(t+1) = max(0, Q(t) + X sum Do - F dt).
        double offloadedCycles = 0;
        for (int i = 0; i < _outcomes.Length; i++)
        {
            offloadedCycles += _outcomes[i].ServedOffloadBits * p.MecCyclesPerBit;
            _bufferedBits[i] = _outcomes[i].NextBufferedBits;
        }

        MecBacklogCycles = Math.Max(0, MecBacklogCycles + offloadedCycles - p.MecCyclesPerSlot);
        if (!(double.IsFinite(metrics.Reward) && double.IsFinite(metrics.Cost) && double.IsFinite(metrics.EnergyJoules)
            && double.IsFinite(metrics.LatencySeconds) && double.IsFinite(metrics.Privacy) && double.IsFinite(MecBacklogCycles)))
        {
            throw NonFinite(metrics);
        }

        // Channel chain: each miner keeps its state with probability channel_persistence (section 2).
        for (int n = 0; n < _channelGood.Length; n++)
        {
            if (_random.NextDouble() >= p.ChannelPersistence)
            {
                _channelGood[n] = !_channelGood[n];
            }
        }

        DrawArrivals();
        Slot++;
        WriteObservation();
        bool truncated = Settings.EpisodeSlots > 0 && Slot % Settings.EpisodeSlots == 0;
        return new StepResult(_observation, metrics, truncated);
    }

    /// <summary>
    /// Why a slot's numbers are not finite: values inside each key's domain can still overflow double precision (an
    /// energy unit of 5e-324 J, a capacity of 1e-300 Hz). Nothing non-finite leaves the model: the run stops, naming
    /// the extreme keys.
    /// </summary>
    private ConfigurationException NonFinite(in SlotMetrics metrics)
    {
        var extreme = ParameterCatalog.Values(Model.Parameters)
            .Where(v => v.Value.IsNumber && v.Value.Number != 0 && (Math.Abs(v.Value.Number) < 1e-100 || Math.Abs(v.Value.Number) > 1e100))
            .Select(v => FormattableString.Invariant($"{v.Key}={v.Value.Number:R}"))
            .ToArray();
        string which = extreme.Length > 0 ? $"the extreme config keys: {string.Join(", ", extreme)}" : "the config keys set far from the preset";
        return new ConfigurationException(FormattableString.Invariant(
            $"slot {Slot}: the model's numbers overflow (reward {metrics.Reward:R}, cost {metrics.Cost:R}, energy {metrics.EnergyJoules:R} J, latency {metrics.LatencySeconds:R} s, MEC backlog {MecBacklogCycles:R} cycles); allowed: parameters whose metrics stay finite; check {which}"));
    }

    /// <summary>Writes the whole dynamic state (buffers, arrivals, channels, backlog, slot, generator) for a checkpoint.</summary>
    public void SaveState(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(_hasReset);
        writer.Write(Slot);
        writer.Write(MecBacklogCycles);
        foreach (double v in _bufferedBits)
        {
            writer.Write(v);
        }

        foreach (double v in _arrivedBits)
        {
            writer.Write(v);
        }

        foreach (bool g in _channelGood)
        {
            writer.Write(g);
        }

        _random.WriteTo(writer);
    }

    /// <summary>Restores a state written by <see cref="SaveState"/> for an environment of the same shape.</summary>
    public void LoadState(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        _hasReset = reader.ReadBoolean();
        Slot = reader.ReadInt64();
        MecBacklogCycles = reader.ReadDouble();
        for (int i = 0; i < _bufferedBits.Length; i++)
        {
            _bufferedBits[i] = reader.ReadDouble();
        }

        for (int i = 0; i < _arrivedBits.Length; i++)
        {
            _arrivedBits[i] = reader.ReadDouble();
        }

        for (int n = 0; n < _channelGood.Length; n++)
        {
            _channelGood[n] = reader.ReadBoolean();
        }

        _random.ReadFrom(reader);
        WriteObservation();
    }

    private void DrawArrivals()
    {
        double low = Model.Parameters.ArrivalMinBits, high = Model.Parameters.ArrivalMaxBits;
        for (int i = 0; i < _arrivedBits.Length; i++)
        {
            _arrivedBits[i] = _random.NextDouble(low, high); // D1 ~ U[d_min, d_max] (section 2)
        }
    }

    private void WriteObservation()
    {
        int tasksPerMiner = Settings.TasksPerMiner;
        double perUnit = 1.0 / Model.Parameters.PrivacyUnitBits;
        int k = 0;
        for (int n = 0; n < _channelGood.Length; n++)
        {
            int first = n * tasksPerMiner;
            for (int m = 0; m < tasksPerMiner; m++)
            {
                _observation[k++] = _arrivedBits[first + m] * perUnit;
            }

            for (int m = 0; m < tasksPerMiner; m++)
            {
                _observation[k++] = _bufferedBits[first + m] * perUnit;
            }

            _observation[k++] = _channelGood[n] ? 1 : 0;
        }

        if (Settings.ExtendedObservation)
        {
            _observation[k] = MecBacklogCycles / Model.Parameters.MecCyclesPerSlot;
        }
    }
}
