using System.Buffers;
using System.Text.Json;
using EdgeMine.Model;
using EdgeMine.Policies;
using EdgeMine.Randomness;
using EdgeMine.Simulation;

namespace EdgeMine.Native;

/// <summary>
/// <c>edgemine.evaluate</c>: a caller's agent beside NO, EO, GO, Random and the per-slot optimum on the same seeds, every
/// policy run by the library's <see cref="PolicyEvaluation.Evaluate"/> (run r: environment seed
/// <c>Derive(RunSeed(seed, r), Environment)</c>, policy seed <c>Derive(RunSeed(seed, r), Policy)</c>), so that the agent's
/// metrics are accumulated by the same code as the baselines'. The agent is a C callback called once per slot.
/// Returns the JSON of the comparison (the shape <c>edgemine evaluate --json</c> is getting). Meant to be routed to the
/// library's comparison helper once it exists: this is the only file that computes it.
/// </summary>
internal static unsafe class Comparison
{
    /// <summary>The baselines, in the order of the comparison (the agent comes first when there is one).</summary>
    public static IReadOnlyList<string> PolicyNames { get; } = ["no", "eo", "go", "random", "optimal"];

    /// <summary>The baselines that "best_baseline" is chosen from.</summary>
    private static readonly string[] Baselines = ["no", "eo", "go", "random"];

    /// <summary>A new instance of the baseline called <paramref name="name"/> (one of <see cref="PolicyNames"/>).</summary>
    public static IOffloadingPolicy CreatePolicy(string name) =>
        (Schemes.SchemeCatalog.Core.FindBaseline(name) ?? throw new ArgumentOutOfRangeException(nameof(name))).Create();

    /// <summary>The seeds of run <paramref name="run"/> of an evaluation seeded with <paramref name="seed"/>: (environment, policy).</summary>
    public static (ulong Environment, ulong Policy) RunSeeds(ulong seed, int run)
    {
        ulong runSeed = PolicyEvaluation.RunSeed(seed, run);
        return (SeedMixer.Derive(runSeed, SeedMixer.Streams.Environment), SeedMixer.Derive(runSeed, SeedMixer.Streams.Policy));
    }

    /// <summary>
    /// Evaluates the agent (if <paramref name="agent"/> is not null) and the baselines under the configuration in
    /// <paramref name="requestJson"/>; returns the comparison as UTF-8 JSON.
    /// </summary>
    public static byte[] Evaluate(ReadOnlySpan<byte> requestJson, delegate* unmanaged<nint, double*, int, double**, int*, int> agent, nint agentState)
    {
        var configuration = EnvironmentConfiguration.Parse(requestJson);
        var parameters = configuration.Parameters;
        var settings = configuration.Settings with { EpisodeSlots = 0 };
        var summaries = new List<PolicySummary>();
        if (agent != null)
        {
            summaries.Add(Run(new CallbackPolicy(agent, agentState)));
        }

        foreach (string name in PolicyNames)
        {
            summaries.Add(Run(CreatePolicy(name)));
        }

        double Reward(string name) => summaries.Single(s => s.Policy == name).Reward.Mean;
        string best = Baselines.MaxBy(Reward)!; // the first of equal maxima
        double random = Reward("random"), optimal = Reward("optimal"), baseline = Reward(best);
        int tasks = settings.Miners * settings.TasksPerMiner;

        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("configuration");
            json.WriteString("preset", configuration.Preset);
            json.WriteStartObject("overrides");
            foreach (var (key, value) in configuration.Overrides)
            {
                Number(json, key, value);
            }

            json.WriteEndObject();
            json.WriteNumber("miners", settings.Miners);
            json.WriteNumber("tasks", settings.TasksPerMiner);
            Number(json, "beta", settings.Beta);
            json.WriteNumber("runs", configuration.Runs);
            json.WriteNumber("slots", configuration.Slots);
            json.WriteNumber("seed", configuration.Seed);
            json.WriteEndObject();
            json.WriteString("best_baseline", best);
            json.WriteStartObject("policies");
            foreach (var s in summaries)
            {
                double r = s.Reward.Mean;
                json.WriteStartObject(s.Policy);
                foreach (var metric in Simulation.Metrics.All)
                {
                    var e = s[metric];
                    json.WriteStartObject(metric.Key);
                    Number(json, "mean", e.Mean);
                    Number(json, "ci95_low", e.Low);
                    Number(json, "ci95_high", e.High);
                    json.WriteNumber("n", e.Count);
                    json.WriteEndObject();
                }

                Number(json, "optimality_ratio", PolicyEvaluation.OptimalityRatio(r, random, optimal));
                Number(json, "headroom_captured", PolicyEvaluation.OptimalityRatio(r, baseline, optimal));
                Number(json, "regret_per_task", (optimal - r) / tasks);
                json.WriteNull("fractional_optimality_ratio"); // the fractional optimum is not in the library yet
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();

        PolicySummary Run(IOffloadingPolicy policy) =>
            PolicyEvaluation.Evaluate(parameters, settings, policy, configuration.Runs, configuration.Slots, configuration.Seed);
    }

    /// <summary>A number, or null when it is not finite (JSON has no NaN), as the CLI writes them.</summary>
    private static void Number(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    /// <summary>
    /// The caller's agent: <c>int agent(void *state, const double *observation, int observation_length, const double
    /// **action, int *action_length)</c> returns 0 and points <c>*action</c> at its action (valid until its next call),
    /// or non-zero when it failed (the evaluation then stops with <see cref="StatusCode.Callback"/>). The action is
    /// checked by the library's own check, so a wrong length or a NaN gives the same message as a step.
    /// </summary>
    private sealed class CallbackPolicy(delegate* unmanaged<nint, double*, int, double**, int*, int> agent, nint state) : IOffloadingPolicy
    {
        public string Name => "agent";

        public void Reset(ulong seed)
        {
        }

        public void Act(MiningEnvironment environment, Span<double> action)
        {
            var observation = environment.Observation;
            double* chosen = null;
            int length = 0;
            int status;
            fixed (double* o = observation)
            {
                status = agent(state, o, observation.Length, &chosen, &length);
            }

            if (status != 0)
            {
                throw new NativeException(StatusCode.Callback, "the agent failed (its exception is raised by the caller)");
            }

            if (chosen == null && length != 0)
            {
                throw new NativeException(StatusCode.Argument, "the agent returned a null action");
            }

            var proposed = new ReadOnlySpan<double>(chosen, length);
            try
            {
                environment.ActionSpace.Check(proposed);
            }
            catch (ArgumentException e)
            {
                throw new NativeException(StatusCode.Action, NativeException.OneLine(e));
            }

            proposed.CopyTo(action);
        }
    }
}
