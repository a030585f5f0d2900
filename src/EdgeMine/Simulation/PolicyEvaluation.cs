using EdgeMine.Model;
using EdgeMine.Policies;
using EdgeMine.Randomness;

namespace EdgeMine.Simulation;

/// <summary>Per-slot averages of one run (MODEL.md section 6).</summary>
public sealed record RunAverages
{
    public required double Reward { get; init; }
    public required double Cost { get; init; }
    public required double EnergyJoules { get; init; }
    public required double LatencySeconds { get; init; }
    public required double Privacy { get; init; }
    public required double DeadlineMisses { get; init; }
    public required double OffloadedFraction { get; init; }
    public required double MecBacklogCycles { get; init; }
}

/// <summary>
/// Section 6 metrics of one policy: per-slot averages, as means with 95% confidence intervals over independent runs.
/// Latency is the sum over tasks per slot; <see cref="LatencyPerTaskSeconds"/> divides it by N M.
/// </summary>
public sealed record PolicySummary
{
    public required string Policy { get; init; }
    public required int Runs { get; init; }
    public required long SlotsPerRun { get; init; }
    public required int Tasks { get; init; }
    public required double SlotSeconds { get; init; }
    public required Estimate Reward { get; init; }
    public required Estimate Cost { get; init; }
    public required Estimate EnergyJoules { get; init; }
    public required Estimate LatencySeconds { get; init; }
    public required Estimate Privacy { get; init; }
    public required Estimate DeadlineMisses { get; init; }
    public required Estimate OffloadedFraction { get; init; }
    public required Estimate MecBacklogCycles { get; init; }

    /// <summary>Average power (W): energy per slot over the slot length (equal to the energy when dt = 1 s).</summary>
    public Estimate PowerWatts => EnergyJoules.Scaled(1 / SlotSeconds);

    /// <summary>Mean latency of one task (s).</summary>
    public Estimate LatencyPerTaskSeconds => LatencySeconds.Scaled(1.0 / Tasks);

    /// <summary>The per-run averages behind the estimates, in run order.</summary>
    public required IReadOnlyList<RunAverages> PerRun { get; init; }
}

/// <summary>
/// Runs a policy on the environment for several independent runs and averages the metrics. Run r draws its environment
/// from <c>Derive(Derive(seed, r), Environment)</c> and the policy's randomness from <c>Derive(Derive(seed, r), Policy)</c>,
/// so every policy evaluated with the same seed meets the same arrivals and channel states.
/// </summary>
public static class PolicyEvaluation
{
    /// <summary>The seed of run <paramref name="run"/> of a study seeded with <paramref name="seed"/>.</summary>
    public static ulong RunSeed(ulong seed, int run) => SeedMixer.Derive(seed, (ulong)run);

    /// <summary>
    /// Evaluates <paramref name="policy"/> over <paramref name="runs"/> runs of <paramref name="slots"/> slots.
    /// <paramref name="trace"/>, if given, receives the first run's rows. <paramref name="progress"/> gets the slots done.
    /// </summary>
    public static PolicySummary Evaluate(
        ModelParameters parameters,
        EnvironmentSettings settings,
        IOffloadingPolicy policy,
        int runs,
        long slots,
        ulong seed,
        TraceWriter? trace = null,
        IProgress<long>? progress = null,
        CancellationToken cancellation = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(runs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(slots);
        var environment = new MiningEnvironment(parameters, settings);
        var action = new double[environment.ActionSpace.Dimension];
        var perRun = new RunAverages[runs];
        long done = 0;
        for (int run = 0; run < runs; run++)
        {
            ulong runSeed = RunSeed(seed, run);
            environment.Reset(SeedMixer.Derive(runSeed, SeedMixer.Streams.Environment));
            policy.Reset(SeedMixer.Derive(runSeed, SeedMixer.Streams.Policy));
            SlotMetrics sum = default;
            for (long t = 0; t < slots; t++)
            {
                policy.Act(environment, action);
                var step = environment.Step(action);
                var m = step.Metrics;
                if (run == 0 && trace is not null)
                {
                    trace.WriteSlot(t, settings.TasksPerMiner, settings.Beta, environment.LastOutcomes, m);
                }

                sum.Reward += m.Reward;
                sum.Cost += m.Cost;
                sum.EnergyJoules += m.EnergyJoules;
                sum.LatencySeconds += m.LatencySeconds;
                sum.Privacy += m.Privacy;
                sum.DeadlineMisses += m.DeadlineMisses;
                sum.OffloadedFraction += m.OffloadedFraction;
                sum.MecBacklogCycles += m.MecBacklogCycles;
                if ((t & 1023) == 1023)
                {
                    cancellation.ThrowIfCancellationRequested();
                    progress?.Report(done + t + 1);
                }
            }

            done += slots;
            progress?.Report(done);
            perRun[run] = new RunAverages
            {
                Reward = sum.Reward / slots,
                Cost = sum.Cost / slots,
                EnergyJoules = sum.EnergyJoules / slots,
                LatencySeconds = sum.LatencySeconds / slots,
                Privacy = sum.Privacy / slots,
                DeadlineMisses = (double)sum.DeadlineMisses / slots,
                OffloadedFraction = sum.OffloadedFraction / slots,
                MecBacklogCycles = sum.MecBacklogCycles / slots,
            };
        }

        return Summarise(policy.Name, perRun, slots, settings.Miners * settings.TasksPerMiner, parameters.SlotSeconds);
    }

    /// <summary>Builds the summary of per-run averages.</summary>
    public static PolicySummary Summarise(string policy, IReadOnlyList<RunAverages> perRun, long slotsPerRun, int tasks, double slotSeconds)
    {
        Estimate Of(Func<RunAverages, double> field) => Estimate.Of(perRun.Select(field).ToArray());
        return new PolicySummary
        {
            Policy = policy,
            Runs = perRun.Count,
            SlotsPerRun = slotsPerRun,
            Tasks = tasks,
            SlotSeconds = slotSeconds,
            Reward = Of(r => r.Reward),
            Cost = Of(r => r.Cost),
            EnergyJoules = Of(r => r.EnergyJoules),
            LatencySeconds = Of(r => r.LatencySeconds),
            Privacy = Of(r => r.Privacy),
            DeadlineMisses = Of(r => r.DeadlineMisses),
            OffloadedFraction = Of(r => r.OffloadedFraction),
            MecBacklogCycles = Of(r => r.MecBacklogCycles),
            PerRun = perRun,
        };
    }

    /// <summary>
    /// The optimality ratio of MODEL.md section 6: (R - R_random) / (R_opt - R_random), from mean rewards per slot on the
    /// same seeds; NaN when the optimum is no better than Random.
    /// </summary>
    public static double OptimalityRatio(double reward, double randomReward, double optimalReward)
    {
        double span = optimalReward - randomReward;
        return span > 0 ? (reward - randomReward) / span : double.NaN;
    }
}
