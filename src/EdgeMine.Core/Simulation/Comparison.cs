using System.Text.Json;

namespace EdgeMine.Simulation;

/// <summary>
/// What a comparison runs under: the model (the preset by name, and the parameters in force), the shape, and the
/// evaluation plan. Run r of every policy draws its environment from <c>Derive(RunSeed(Seed, r), Environment)</c>
/// (<see cref="PolicyEvaluation"/>), so every policy meets the same arrivals and channels.
/// </summary>
public sealed record ComparisonSetup
{
    /// <summary>The preset's name (<see cref="Presets.Names"/>).</summary>
    public required string Preset { get; init; }

    /// <summary>The validated parameters: the preset with any overrides.</summary>
    public required ModelParameters Parameters { get; init; }

    public required EnvironmentSettings Settings { get; init; }

    public int Runs { get; init; } = RunSettings.EvaluationRuns.Default;

    public long Slots { get; init; } = RunSettings.EvaluationSlots.Default;

    public ulong Seed { get; init; } = RunSettings.EvaluationSeed.Default;

    /// <summary>
    /// The setup of <c>edgemine evaluate --preset PRESET --set key=value ...</c> at <paramref name="settings"/>: the
    /// preset's parameters with <paramref name="set"/> applied in order (as <c>--set</c>), validated, and evaluate's
    /// runs, slots and seed (change them with <c>with { Runs = 50 }</c>). Throws <see cref="ConfigurationException"/>
    /// naming an unknown preset, key or value.
    /// </summary>
    public static ComparisonSetup Of(string preset, EnvironmentSettings settings, IEnumerable<KeyValuePair<string, string>>? set = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var parameters = Presets.Find(preset) ?? throw new ConfigurationException($"preset {UserInput.Quote(preset)}: unknown; allowed: {string.Join(", ", Presets.Names)}");
        foreach (var (key, value) in set ?? [])
        {
            parameters = ParameterCatalog.Apply(parameters, key, value, $"{key}={value}");
        }

        var checkedSettings = RunSettings.Shape(settings.Miners, settings.TasksPerMiner, settings.Beta, s => s.Key) with { ExtendedObservation = settings.ExtendedObservation };
        return new ComparisonSetup { Preset = preset, Parameters = ParameterCatalog.Validate(parameters), Settings = checkedSettings };
    }

    /// <summary>The config keys whose values differ from the preset's, with the values in force.</summary>
    public IReadOnlyList<KeyValuePair<string, ParameterValue>> Overrides =>
        ParameterCatalog.Overrides(Presets.Find(Preset) ?? throw new ConfigurationException($"preset {UserInput.Quote(Preset)}: unknown; allowed: {string.Join(", ", Presets.Names)}"), Parameters);

    /// <summary>"preset calibrated (rate_bad_bps = 500000), N = 5, M = 2, beta = 0.5; 20 runs x 1000 slots, seed 1000": the header of simulate and evaluate.</summary>
    public string Describe()
    {
        string changed = Overrides.Count == 0 ? "" : $" ({string.Join(", ", Overrides.Select(o => FormattableString.Invariant($"{o.Key} = {o.Value:R}")))})";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"preset {Preset}{changed}, N = {Settings.Miners}, M = {Settings.TasksPerMiner}, beta = {Settings.Beta}; {Runs} runs x {Slots} slots, seed {Seed}");
    }

    /// <summary>Writes the configuration as a JSON object (preset, overrides, miners, tasks, beta, runs, slots, seed).</summary>
    public void WriteJson(Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject();
        json.WriteString("preset", Preset);
        json.WriteStartObject("overrides");
        foreach (var (key, value) in Overrides)
        {
            json.WritePropertyName(key);
            value.WriteJson(json);
        }

        json.WriteEndObject();
        json.WriteNumber(RunSettings.Miners.Key, Settings.Miners);
        json.WriteNumber(RunSettings.Tasks.Key, Settings.TasksPerMiner);
        json.WriteNumber(RunSettings.Beta.Key, Settings.Beta);
        json.WriteNumber("runs", Runs);
        json.WriteNumber("slots", Slots);
        json.WriteNumber("seed", Seed);
        json.WriteEndObject();
    }
}

/// <summary>
/// The yardsticks of a policy (MODEL.md section 6), from mean rewards per slot on common seeds.
/// </summary>
/// <param name="OptimalityRatio">(R - R_random) / (R_opt - R_random): 1 is the binary per-slot optimum, 0 Random.</param>
/// <param name="HeadroomCaptured">(R - R_base) / (R_opt - R_base), R_base the best of NO, EO, Random and GO: below 0 is worse than a rule of thumb.</param>
/// <param name="RegretPerTask">(R_opt - R) / (N M), in reward units.</param>
/// <param name="FractionalOptimalityRatio">(R - R_random) / (R_fopt - R_random) against the fractional per-slot optimum, which bounds every scheme.</param>
public readonly record struct Yardsticks(double OptimalityRatio, double HeadroomCaptured, double RegretPerTask, double FractionalOptimalityRatio)
{
    /// <summary>The yardsticks of mean reward <paramref name="reward"/>; a ratio is NaN when its span is not positive.</summary>
    public static Yardsticks Of(double reward, double random, double optimal, double fractionalOptimal, double baseline, int tasks) => new(
        Ratio(reward, random, optimal),
        Ratio(reward, baseline, optimal),
        (optimal - reward) / tasks,
        Ratio(reward, random, fractionalOptimal));

    /// <summary>(R - from) / (to - from), NaN unless to &gt; from.</summary>
    public static double Ratio(double reward, double from, double to) => to - from > 0 ? (reward - from) / (to - from) : double.NaN;
}

/// <summary>One policy of a comparison: its name, its summary over the runs and its yardsticks.</summary>
/// <param name="Name">The name it is compared under (a scheme's name, <c>agent</c>, a model directory).</param>
/// <param name="Summary">Every metric's estimate over the runs.</param>
/// <param name="Yardsticks">Its yardsticks against the comparison's baselines.</param>
/// <param name="Notes">What else a reader needs, by key (<c>trained_under</c>, <c>model</c>), or none.</param>
public sealed record ComparedPolicy(string Name, PolicySummary Summary, Yardsticks Yardsticks, IReadOnlyDictionary<string, string> Notes);

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

        double Reward(string name) => summaries[all.FindIndex(p => p.Name == name)].Reward.Mean;
        var best = BaselineScheme.Simple.MaxBy(b => Reward(b.Name))!; // the first of equal maxima
        double random = Reward(BaselineScheme.Random.Name), optimal = Reward(BaselineScheme.Optimal.Name);
        double fractional = all.Any(p => p.Name == BaselineScheme.OptimalFractional.Name) ? Reward(BaselineScheme.OptimalFractional.Name) : double.NaN;
        double baseline = Reward(best.Name);
        return new Comparison
        {
            Setup = setup,
            BestBaseline = best,
            Policies = all.Select((p, i) => new ComparedPolicy(
                p.Name, summaries[i], Yardsticks.Of(summaries[i].Reward.Mean, random, optimal, fractional, baseline, tasks), p.Notes)).ToArray(),
        };
    }

    /// <summary>The table <c>edgemine evaluate</c> prints: every metric and yardstick, one column per policy.</summary>
    public MetricTable ToTable() =>
        MetricTable.Of(Policies.Select(p => p.Summary with { Policy = p.Name }).ToArray(), Policies.ToDictionary(p => p.Name, p => p.Yardsticks));

    /// <summary>
    /// The comparison as one JSON object: <c>configuration</c>, <c>best_baseline</c>, and <c>policies</c> by name, each
    /// with every metric in the one interval format <c>{mean, ci95_low, ci95_high, n}</c>, its four yardsticks, and
    /// its notes. Non-finite numbers are null.
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
