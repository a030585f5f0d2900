using EdgeMine.Model;
using EdgeMine.Policies;
using EdgeMine.Randomness;

namespace EdgeMine.Simulation;

/// <summary>
/// Runs a policy on the environment for several independent runs and averages the metrics. Run r resets the environment
/// with <see cref="EnvironmentSeed"/> = <c>Derive(RunSeed(seed, r), Environment)</c> and the policy with
/// <see cref="PolicySeed"/> = <c>Derive(RunSeed(seed, r), Policy)</c>, so every policy evaluated with the same seed meets
/// the same arrivals and channel states. Run 0 of seed 1000 is therefore not <c>Reset(1000)</c>: it is
/// <c>Reset(EnvironmentSeed(1000, 0))</c>.
/// </summary>
public static class PolicyEvaluation
{
    /// <summary>The seed of run <paramref name="run"/> of a study seeded with <paramref name="seed"/>.</summary>
    public static ulong RunSeed(ulong seed, int run) => SeedMixer.Derive(seed, (ulong)run);

    /// <summary>The seed run <paramref name="run"/> of an evaluation seeded with <paramref name="seed"/> resets the environment with.</summary>
    public static ulong EnvironmentSeed(ulong seed, int run) => SeedMixer.Derive(RunSeed(seed, run), SeedMixer.Streams.Environment);

    /// <summary>The seed run <paramref name="run"/> of an evaluation seeded with <paramref name="seed"/> resets the policy with (its own randomness).</summary>
    public static ulong PolicySeed(ulong seed, int run) => SeedMixer.Derive(RunSeed(seed, run), SeedMixer.Streams.Policy);

    /// <summary>
    /// Slots between two checks for cancellation (and progress reports) at <paramref name="tasks"/> tasks (N M): about
    /// 1,024 task-slots, a power of two: 1,024 slots at N M = 1, 512 at N M = 2, every slot from N M = 1,024. A slot's
    /// cost grows with N M, so the time between checks stays short (well under a second) at every size.
    /// </summary>
    public static long CheckInterval(int tasks)
    {
        int shift = 0; // the smallest power of two 2^shift >= tasks, up to 2^10
        while (shift < 10 && (1 << shift) < tasks)
        {
            shift++;
        }

        return 1L << (10 - shift);
    }

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
        var metrics = Metrics.Base;
        var perRun = metrics.ToDictionary(m => m, _ => new double[runs]);
        var readers = metrics.Select(m => m.Read!).ToArray();
        var sums = new double[metrics.Count];
        long checkMask = CheckInterval(settings.Miners * settings.TasksPerMiner) - 1;
        long done = 0;
        bool fractional = false;
        for (int run = 0; run < runs; run++)
        {
            environment.Reset(EnvironmentSeed(seed, run));
            policy.Reset(PolicySeed(seed, run));
            Array.Clear(sums);
            for (long t = 0; t < slots; t++)
            {
                policy.Act(environment, action);
                fractional = fractional || IsFractional(action);
                var step = environment.Step(action);
                var m = step.Metrics;
                if (run == 0 && trace is not null)
                {
                    trace.WriteSlot(t, settings.TasksPerMiner, settings.Beta, environment.LastOutcomes, m);
                }

                for (int k = 0; k < readers.Length; k++)
                {
                    sums[k] += readers[k](in m);
                }

                if ((t & checkMask) == checkMask)
                {
                    cancellation.ThrowIfCancellationRequested();
                    progress?.Report(done + t + 1);
                }
            }

            done += slots;
            progress?.Report(done);
            for (int k = 0; k < metrics.Count; k++)
            {
                perRun[metrics[k]][run] = sums[k] / slots;
            }
        }

        return Summarise(policy.Name, perRun, slots, new RunShape(settings.Miners * settings.TasksPerMiner, parameters.SlotSeconds)) with
        {
            FractionalActions = fractional,
            Exactness = (policy as IPerSlotOptimum)?.Exactness,
            SlotsWhereACapCouldBind = (policy as PerSlotOptimum)?.SlotsWhereACapCouldBind,
        };
    }

    /// <summary>True when some task's fraction is strictly between 0 and 1 (the paper's actions are 0 or 1).</summary>
    private static bool IsFractional(ReadOnlySpan<double> action)
    {
        foreach (double x in action)
        {
            if (x > 0 && x < 1)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The summary of per-run averages of the base metrics: every metric's estimate, the derived ones scaled from theirs.</summary>
    public static PolicySummary Summarise(string policy, IReadOnlyDictionary<Metric, double[]> perRun, long slotsPerRun, RunShape shape)
    {
        ArgumentNullException.ThrowIfNull(perRun);
        var estimates = new Dictionary<Metric, Estimate>();
        foreach (var metric in Metrics.All.Where(m => m.Read is not null))
        {
            estimates[metric] = Estimate.Of(perRun[metric]);
        }

        foreach (var metric in Metrics.All.Where(m => m.DerivedFrom is not null))
        {
            estimates[metric] = estimates[metric.DerivedFrom!].Scaled(metric.Factor!(shape));
        }

        return new PolicySummary(
            Policy: policy,
            Runs: perRun[Metrics.Reward].Length,
            SlotsPerRun: slotsPerRun,
            Shape: shape,
            Estimates: estimates,
            PerRun: perRun);
    }

    /// <summary>
    /// One learner trained with several seeds, each evaluated on the same runs: every base metric is the mean of the
    /// per-seed means with its interval by <see cref="Estimate.OverSeeds"/>, the derived ones scaled from theirs; the
    /// per-run values are the seed-averaged ones.
    /// </summary>
    public static PolicySummary OverSeeds(string policy, IReadOnlyList<PolicySummary> seeds)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        if (seeds.Count == 1)
        {
            return seeds[0] with { Policy = policy };
        }

        var first = seeds[0];
        var perRun = Metrics.Base.ToDictionary(
            m => m,
            m => Enumerable.Range(0, first.Runs).Select(r => seeds.Average(s => s.PerRun[m][r])).ToArray());
        var estimates = new Dictionary<Metric, Estimate>();
        foreach (var metric in Metrics.Base)
        {
            estimates[metric] = Estimate.OverSeeds(seeds.Select(s => s.Estimates[metric].Mean).ToArray(), perRun[metric]).Estimate;
        }

        foreach (var metric in Metrics.All.Where(m => m.DerivedFrom is not null))
        {
            estimates[metric] = estimates[metric.DerivedFrom!].Scaled(metric.Factor!(first.Shape));
        }

        return first with { Policy = policy, Estimates = estimates, PerRun = perRun, Seeds = seeds.Count, FractionalActions = seeds.Any(s => s.FractionalActions) };
    }

    /// <summary>
    /// The optimality ratio of MODEL.md section 6: (R - R_random) / (R_opt - R_random), from mean rewards per slot on the
    /// same seeds; NaN when the optimum is no better than Random.
    /// </summary>
    public static double OptimalityRatio(double reward, double randomReward, double optimalReward) => Yardsticks.Ratio(reward, randomReward, optimalReward);
}
