using System.Text;
using System.Text.Json;
using EdgeMine.Policies;
using EdgeMine.Schemes;

namespace EdgeMine.Simulation;

/// <summary>
/// Policies evaluated on common seeds beside every baseline (NO, EO, GO, Random, the binary and the fractional
/// per-slot optimum), with MODEL.md section 6's yardsticks: what <c>edgemine evaluate</c> prints and what the Python
/// package returns. <c>Run</c> is the one call that compares a user's policy with the paper's schemes.
/// </summary>
public sealed record Comparison
{
    public required ComparisonSetup Setup { get; init; }

    /// <summary>The given policies first, in their order, then the baselines.</summary>
    public required IReadOnlyList<ComparedPolicy> Policies { get; init; }

    /// <summary>The best of the simple baselines (NO, EO, Random, GO) by mean reward: the baseline of headroom captured.</summary>
    public required BaselineScheme BestBaseline { get; init; }

    /// <summary>The policy called <paramref name="name"/>.</summary>
    public ComparedPolicy this[string name] => Policies.First(p => p.Name == name);

    /// <summary>
    /// Evaluates <paramref name="policies"/>, each under its own <see cref="IOffloadingPolicy.Name"/>, and every baseline
    /// under <paramref name="setup"/>, on common seeds: what <c>edgemine evaluate</c> does with models and baselines.
    /// </summary>
    public static Comparison Run(IReadOnlyList<IOffloadingPolicy> policies, ComparisonSetup setup, IProgress<long>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(policies);
        return Run(policies.Select(p => (p.Name, p, (IReadOnlyDictionary<string, string>?)null)).ToArray(), setup, progress, cancellation);
    }

    /// <summary>
    /// Evaluates <paramref name="policies"/> (name, policy, notes) and every baseline under <paramref name="setup"/>;
    /// <paramref name="progress"/> gets the slots done out of (policies + baselines) x runs x slots.
    /// </summary>
    public static Comparison Run(
        IReadOnlyList<(string Name, IOffloadingPolicy Policy, IReadOnlyDictionary<string, string>? Notes)> policies,
        ComparisonSetup setup,
        IProgress<long>? progress = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(policies);
        return Run(policies.Select(p => (p.Name, (IReadOnlyList<IOffloadingPolicy>)[p.Policy], p.Notes)).ToArray(), setup, progress, cancellation);
    }

    /// <summary>
    /// Evaluates <paramref name="policies"/> (name, one policy per training seed, notes) and every baseline under
    /// <paramref name="setup"/>: a policy of several seeds is summarised over them (<see cref="PolicyEvaluation.OverSeeds"/>).
    /// <paramref name="progress"/> gets the slots done out of (seeds of every policy + baselines) x runs x slots.
    /// </summary>
    public static Comparison Run(
        IReadOnlyList<(string Name, IReadOnlyList<IOffloadingPolicy> Seeds, IReadOnlyDictionary<string, string>? Notes)> policies,
        ComparisonSetup setup,
        IProgress<long>? progress = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(setup);
        int tasks = setup.Settings.Miners * setup.Settings.TasksPerMiner;
        var all = policies.Select(p => (p.Name, p.Seeds, Notes: p.Notes ?? new Dictionary<string, string>())).ToList();
        all.AddRange(Baselines(tasks).Where(b => all.All(p => p.Name != b.Name)).Select(b => (b.Name, (IReadOnlyList<IOffloadingPolicy>)[b.Create()], (IReadOnlyDictionary<string, string>)new Dictionary<string, string>())));
        long perPolicy = setup.Runs * setup.Slots;
        long offset = 0;
        var summaries = new List<PolicySummary>();
        foreach (var (name, seeds, _) in all)
        {
            var perSeed = new List<PolicySummary>();
            foreach (var policy in seeds)
            {
                perSeed.Add(PolicyEvaluation.Evaluate(
                    setup.Parameters, setup.Settings, policy, setup.Runs, setup.Slots, setup.Seed, progress: progress is null ? null : new Offset(progress, offset), cancellation: cancellation));
                offset += perPolicy;
            }

            summaries.Add(PolicyEvaluation.OverSeeds(name, perSeed));
        }

        PolicySummary Of(BaselineScheme b) => summaries[all.FindIndex(p => p.Name == b.Name)];
        var best = BaselineScheme.Simple.MaxBy(b => Of(b).Reward.Mean)!; // the first of equal maxima
        var optimal = Of(BaselineScheme.Optimal);
        var fractional = all.Any(p => p.Name == BaselineScheme.OptimalFractional.Name) ? Of(BaselineScheme.OptimalFractional) : null;
        var references = new YardstickReferences(
            Random: Of(BaselineScheme.Random).PerRun[Metrics.Reward],
            Optimal: optimal.PerRun[Metrics.Reward],
            FractionalOptimal: fractional?.PerRun[Metrics.Reward],
            BestBaseline: Of(best).PerRun[Metrics.Reward],
            Tasks: tasks,
            RewardScale: YardstickReferences.ScaleOf(summaries.Select(s => s.Reward.Mean)))
        {
            OptimalIsBound = YardstickReferences.Bounds(optimal),
            // The fractional optimum's runs, with the binary optimum's count of slots where a cap could bind (the same states when neither buffers).
            FractionalOptimalIsBound = fractional is not null && YardstickReferences.Bounds(fractional.PerRun[Metrics.Buffered], fractional.PerRun[Metrics.MecBacklog], optimal.SlotsWhereACapCouldBind),
        };
        return new Comparison
        {
            Setup = setup,
            BestBaseline = best,
            References = references,
            Policies = all.Select((p, i) => new ComparedPolicy(
                p.Name, summaries[i], references.Of(summaries[i].PerRun[Metrics.Reward], summaries[i].FractionalActions), p.Notes)).ToArray(),
        };
    }

    /// <summary>The references every policy's yardsticks are measured against (per-run rewards, bound flags, scale).</summary>
    public required YardstickReferences References { get; init; }

    /// <summary>
    /// Whether the binary per-slot optimum bounds these runs (JSON <c>per_slot_optimum_is_bound</c>): its own runs left no
    /// data in a buffer and no MEC backlog after any slot, and no slot had a cap that could bind
    /// (<see cref="YardstickReferences.Bounds(PolicySummary)"/>, which gives the argument). Where it carried something
    /// over, its choices changed its future and it is myopic, not a bound (MODEL.md section 13).
    /// </summary>
    public bool PerSlotOptimumIsBound => References.OptimalIsBound;

    /// <summary>The optima's exactness (<see cref="OptimumExactness"/>), by name, for those that have it.</summary>
    public IReadOnlyDictionary<string, OptimumExactness> Exactness =>
        Policies.Where(p => p.Summary.Exactness is not null).ToDictionary(p => p.Name, p => p.Summary.Exactness!.Value);

    /// <summary>The table <c>edgemine evaluate</c> prints: every metric and yardstick, one column per policy.</summary>
    public MetricTable ToTable() =>
        MetricTable.Of(Policies.Select(p => p.Summary with { Policy = p.Name }).ToArray(), Policies.ToDictionary(p => p.Name, p => p.Yardsticks));

    /// <summary>
    /// The comparison as one JSON object: <c>configuration</c>, <c>best_baseline</c>, <c>per_slot_optimum_is_bound</c>
    /// (and <c>fractional_per_slot_optimum_is_bound</c> when the fractional optimum ran), <c>optimum_exactness</c> (per
    /// optimum: slots, inexact slots, the largest gap bound), and <c>policies</c> by name, each with every metric in the
    /// one interval format <c>{mean, ci95_low, ci95_high, n}</c>, its four yardsticks, the optimum they are measured
    /// against (<c>yardstick</c>, <c>yardstick_is_bound</c>, <c>above_yardstick</c>, <c>reward_minus_yardstick</c>),
    /// <c>fractional_actions</c>, <c>reward_per_run</c> (for paired differences), and its notes. Non-finite numbers are null.
    /// </summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WritePropertyName("configuration");
            Setup.WriteJson(json);
            json.WriteString("best_baseline", BestBaseline.Name);
            json.WriteBoolean("per_slot_optimum_is_bound", PerSlotOptimumIsBound);
            if (References.FractionalOptimal is not null)
            {
                json.WriteBoolean("fractional_per_slot_optimum_is_bound", References.FractionalOptimalIsBound);
            }

            json.WriteStartObject("optimum_exactness");
            foreach (var (name, exactness) in Exactness)
            {
                json.WriteStartObject(name);
                json.WriteNumber("slots", exactness.Slots);
                json.WriteNumber("inexact_slots", exactness.InexactSlots);
                MetricEstimate.WriteNumber(json, "largest_gap_bound", exactness.LargestGapBound);
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteStartObject("policies");
            foreach (var p in Policies)
            {
                json.WriteStartObject(p.Name);
                foreach (var metric in Metrics.All)
                {
                    json.WritePropertyName(metric.Key);
                    MetricEstimate.From(p.Summary[metric]).WriteJson(json);
                }

                MetricEstimate.WriteNumber(json, "optimality_ratio", p.Yardsticks.OptimalityRatio);
                MetricEstimate.WriteNumber(json, "headroom_captured", p.Yardsticks.HeadroomCaptured);
                MetricEstimate.WriteNumber(json, "regret_per_task", p.Yardsticks.RegretPerTask);
                MetricEstimate.WriteNumber(json, "fractional_optimality_ratio", p.Yardsticks.FractionalOptimalityRatio);
                json.WriteString("yardstick", p.Yardsticks.Yardstick);
                json.WriteBoolean("yardstick_is_bound", p.Yardsticks.YardstickIsBound);
                json.WriteBoolean("above_yardstick", p.Yardsticks.AboveYardstick);
                json.WritePropertyName("reward_minus_yardstick");
                if (p.Yardsticks.AboveYardstickBy is { } by)
                {
                    MetricEstimate.From(by).WriteJson(json);
                }
                else
                {
                    json.WriteNullValue();
                }

                json.WriteBoolean("fractional_actions", p.Summary.FractionalActions);
                json.WriteStartArray("reward_per_run");
                foreach (double r in p.Summary.PerRun[Metrics.Reward])
                {
                    MetricEstimate.WriteValue(json, r);
                }

                json.WriteEndArray();
                if (p.Summary.Seeds > 1)
                {
                    json.WriteNumber("seeds", p.Summary.Seeds);
                }

                foreach (var (key, value) in p.Notes)
                {
                    json.WriteString(key, value);
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>
    /// Largest N M the fractional optimum is evaluated at in a comparison: its search costs O((N M)^2) slot-physics
    /// evaluations per slot. Above it, the fractional optimality ratio is not evaluated (null).
    /// </summary>
    public const int FractionalOptimumTaskLimit = 40;

    /// <summary>The baselines a comparison of <paramref name="tasks"/> tasks evaluates: all, the fractional optimum up to its limit.</summary>
    public static IEnumerable<BaselineScheme> Baselines(int tasks) =>
        BaselineScheme.All.Where(b => tasks <= FractionalOptimumTaskLimit || !b.Equals(BaselineScheme.OptimalFractional));

    private sealed class Offset(IProgress<long> inner, long offset) : IProgress<long>
    {
        public void Report(long value) => inner.Report(offset + value);
    }
}
