using System.Runtime.CompilerServices;
using EdgeMine.Model;
using EdgeMine.Policies;
using EdgeMine.Randomness;

namespace EdgeMine.Native;

/// <summary>
/// One environment behind a C handle: the library's <see cref="MiningEnvironment"/>, the baselines that can act on its
/// current state, and the per-slot metrics laid out as the ABI's flat array (<see cref="MetricNames"/>).
/// <para>
/// Seeds: <c>Reset(seed)</c> is <see cref="MiningEnvironment.Reset"/> with that seed (bit for bit the C# trajectory);
/// the k-th reset without a seed after it uses <c>SeedMixer.Derive(seed, k)</c> (Gymnasium's "continue the generator").
/// The baselines' own randomness (Random) is reseeded at every reset from <c>Derive(episode seed, Streams.Policy)</c>,
/// as PolicyEvaluation seeds a policy from a run's seed.
/// </para>
/// The step allocates nothing. One of the few files that use the library's types (with EnvironmentConfiguration.cs and
/// AgentEvaluation.cs).
/// </summary>
internal sealed class NativeEnvironment
{
    /// <summary>The per-slot metrics, in the order of the ABI's metrics array (MODEL.md section 6).</summary>
    public static readonly string[] MetricNames =
    [
        "reward", "cost", "privacy", "energy_j", "latency_s", "deadline_misses", "offloaded_tasks",
        "offloaded_fraction", "mec_backlog_cycles", "arrived_bits", "served_bits", "buffered_bits_after",
    ];

    private readonly MiningEnvironment _environment;
    private readonly IOffloadingPolicy?[] _policies = new IOffloadingPolicy?[AgentEvaluation.PolicyNames.Count];
    private bool _hasReset;
    private ulong _baseSeed;
    private ulong _episode;
    private ulong _episodeSeed;

    public NativeEnvironment(ReadOnlySpan<byte> configurationJson)
        : this(EnvironmentConfiguration.Parse(configurationJson))
    {
    }

    /// <summary>An environment of a configuration already parsed (the environments of a vector share one).</summary>
    public NativeEnvironment(EnvironmentConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        _environment = new MiningEnvironment(configuration.Parameters, configuration.Settings);
    }

    public static int MetricCount => MetricNames.Length;

    public int Miners => _environment.Settings.Miners;

    public int TasksPerMiner => _environment.Settings.TasksPerMiner;

    public int ObservationLength => _environment.ObservationSpace.Dimension;

    public int ActionLength => _environment.ActionSpace.Dimension;

    public int EpisodeSlots => _environment.Settings.EpisodeSlots;

    /// <summary>Observation values per miner (2M + 1).</summary>
    public int ObservationPerMiner => _environment.ObservationSpace.PerMiner;

    /// <summary>1 when the observation ends with the MEC backlog Q / (F dt), else 0.</summary>
    public int ExtendedObservation => _environment.Settings.ExtendedObservation ? 1 : 0;

    /// <summary>The seed the current episode was reset with.</summary>
    public ulong EpisodeSeed => _episodeSeed;

    /// <summary>Starts an episode from <paramref name="seed"/> and writes its first observation.</summary>
    public void Reset(ulong seed, Span<double> observation)
    {
        _baseSeed = seed;
        _episode = 0;
        ResetEpisode(seed, observation);
    }

    /// <summary>Starts the next episode without a new seed: the k-th since the last seeded reset uses Derive(seed, k).</summary>
    public void ResetNext(Span<double> observation)
    {
        _episode++;
        ResetEpisode(SeedMixer.Derive(_baseSeed, _episode), observation);
    }

    /// <summary>Throws the library's one-line action error (wrong length, NaN, outside [0, 1]) as a <see cref="NativeException"/>.</summary>
    public void CheckAction(ReadOnlySpan<double> action)
    {
        try
        {
            _environment.ActionSpace.Check(action);
        }
        catch (ArgumentException e)
        {
            throw new NativeException(StatusCode.Action, NativeException.OneLine(e));
        }
    }

    /// <summary>
    /// Steps one slot: writes the next observation and, when <paramref name="metrics"/> is not empty, the slot's
    /// metrics; returns the reward. <paramref name="checkedAction"/> skips the action check already done by the caller.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Step(ReadOnlySpan<double> action, Span<double> observation, Span<double> metrics, out bool truncated, bool checkedAction = false)
    {
        if (!_hasReset)
        {
            throw new NativeException(StatusCode.State, "call reset() before step()");
        }

        if (!checkedAction)
        {
            CheckAction(action);
        }

        var step = _environment.Step(action);
        step.Observation.CopyTo(observation);
        truncated = step.Truncated;
        var m = step.Metrics;
        if (!metrics.IsEmpty)
        {
            WriteMetrics(m, metrics);
        }

        return m.Reward;
    }

    /// <summary>The per-miner split of the last step's reward: each miner's tasks' P - C, less its deadline penalties.</summary>
    public void MinerRewards(Span<double> rewards)
    {
        var outcomes = _environment.LastOutcomes;
        var model = _environment.Model;
        int tasksPerMiner = TasksPerMiner;
        for (int n = 0; n < Miners; n++)
        {
            double sum = 0;
            for (int m = 0; m < tasksPerMiner; m++)
            {
                sum += model.TaskReward(outcomes[(n * tasksPerMiner) + m]);
            }

            rewards[n] = sum;
        }
    }

    /// <summary>The action of the baseline number <paramref name="policy"/> (<see cref="AgentEvaluation.PolicyNames"/>) for the current state.</summary>
    public void PolicyAction(int policy, Span<double> action)
    {
        if (!_hasReset)
        {
            throw new NativeException(StatusCode.State, "call reset() before asking a policy for an action");
        }

        var chosen = _policies[policy];
        if (chosen is null)
        {
            chosen = _policies[policy] = AgentEvaluation.CreatePolicy(AgentEvaluation.PolicyNames[policy], _environment.Parameters, _environment.Settings);
            chosen.Reset(SeedMixer.Derive(_episodeSeed, SeedMixer.Streams.Policy));
        }

        chosen.Act(_environment, action);
    }

    private void ResetEpisode(ulong seed, Span<double> observation)
    {
        _episodeSeed = seed;
        _environment.Reset(seed).CopyTo(observation);
        foreach (var policy in _policies)
        {
            policy?.Reset(SeedMixer.Derive(seed, SeedMixer.Streams.Policy));
        }

        _hasReset = true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteMetrics(in SlotMetrics m, Span<double> metrics)
    {
        metrics[11] = m.BufferedBitsAfter; // the highest index first: one bounds check for the rest
        metrics[0] = m.Reward;
        metrics[1] = m.Cost;
        metrics[2] = m.Privacy;
        metrics[3] = m.EnergyJoules;
        metrics[4] = m.LatencySeconds;
        metrics[5] = m.DeadlineMisses;
        metrics[6] = m.OffloadedTasks;
        metrics[7] = m.OffloadedFraction;
        metrics[8] = m.MecBacklogCycles;
        metrics[9] = m.ArrivedBits;
        metrics[10] = m.ServedBits;
    }
}
