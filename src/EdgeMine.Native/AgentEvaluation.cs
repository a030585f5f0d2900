using System.Text;
using EdgeMine.IO;
using EdgeMine.Model;
using EdgeMine.Policies;
using EdgeMine.Schemes;
using EdgeMine.Sequential;
using EdgeMine.Simulation;

namespace EdgeMine.Native;

/// <summary>
/// <c>edgemine.evaluate</c>: a caller's agent beside every baseline on the same seeds, through the library's
/// <c>Comparison.Run</c> (the very code of <c>edgemine evaluate</c>), so the returned JSON is the one
/// <c>edgemine evaluate --json</c> prints, with the agent under "agent". The agent is a C callback called once per slot.
/// </summary>
internal static unsafe class AgentEvaluation
{
    /// <summary>
    /// The baselines whose actions the ABI gives for the current state, by name: those of <see cref="BaselineScheme.All"/>,
    /// then the sequential references of <see cref="SequentialSchemes.All"/> (lookahead, mdp-optimal), which an
    /// environment prepares for its instance the first time it is asked (they tune or solve; an instance out of reach
    /// is refused in one line).
    /// </summary>
    public static IReadOnlyList<string> PolicyNames { get; } = [.. BaselineScheme.All.Select(b => b.Name), .. SequentialSchemes.All.Select(b => b.Name)];

    /// <summary>A new instance of the baseline called <paramref name="name"/> (one of <see cref="PolicyNames"/>), prepared for <paramref name="parameters"/> and <paramref name="settings"/> when it is a sequential reference.</summary>
    public static IOffloadingPolicy CreatePolicy(string name, ModelParameters parameters, EnvironmentSettings settings)
    {
        var policy = (BaselineScheme.All.Concat(SequentialSchemes.All).FirstOrDefault(b => b.Name == name) ?? throw new ArgumentOutOfRangeException(nameof(name))).Create();
        if (policy is ISequentialReference sequential)
        {
            sequential.Prepare(parameters, settings);
        }

        return policy;
    }

    /// <summary>The seeds of run <paramref name="run"/> of an evaluation seeded with <paramref name="seed"/>: (environment, policy).</summary>
    public static (ulong Environment, ulong Policy) RunSeeds(ulong seed, int run) =>
        (PolicyEvaluation.EnvironmentSeed(seed, run), PolicyEvaluation.PolicySeed(seed, run));

    /// <summary>
    /// Evaluates the agent (if <paramref name="agent"/> is not null) and the baselines under the configuration in
    /// <paramref name="requestJson"/>; returns the comparison as UTF-8 JSON. <paramref name="cancel"/> (if not null) is
    /// called at every progress report of the evaluation (<see cref="PolicyEvaluation.CheckInterval"/> slots) and stops
    /// it with <see cref="StatusCode.Cancelled"/> when it returns non-zero.
    /// </summary>
    public static byte[] Evaluate(
        ReadOnlySpan<byte> requestJson,
        delegate* unmanaged<nint, double*, int, double**, int*, int> agent,
        nint agentState,
        delegate* unmanaged<nint, int> cancel = null,
        nint cancelState = 0)
    {
        var (agents, configurationJson) = SplitAgents(requestJson);
        var configuration = EnvironmentConfiguration.Parse(configurationJson);
        var setup = new ComparisonSetup(
            Preset: configuration.Preset,
            Parameters: configuration.Parameters,
            Settings: configuration.Settings with { EpisodeSlots = 0 })
        {
            Runs = configuration.Runs,
            Slots = configuration.Slots,
            Seed = configuration.Seed,
        };
        var policies = new List<(string, IOffloadingPolicy, IReadOnlyDictionary<string, string>?)>();
        if (agent != null)
        {
            // Agent i is called with state agent_state + i (one callback serves every agent of the request).
            policies.AddRange(agents.Select((name, i) => (name, (IOffloadingPolicy)new CallbackPolicy(name, agent, agentState + i), (IReadOnlyDictionary<string, string>?)null)));
        }

        var check = cancel == null ? null : new CancelCheck(cancel, cancelState);
        return Encoding.UTF8.GetBytes(Comparison.Run(policies, setup, check).ToJson());
    }

    /// <summary>The paired difference a[r] - b[r]: its mean and 95% interval (the library's <see cref="Estimate"/>) into <paramref name="result"/>.</summary>
    public static void PairedDifference(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> result)
    {
        var d = new double[a.Length];
        for (int r = 0; r < d.Length; r++)
        {
            d[r] = a[r] - b[r];
        }

        var e = Estimate.Of(d);
        result[0] = e.Mean;
        result[1] = e.Low;
        result[2] = e.High;
    }

    /// <summary>
    /// The request's <c>"agents"</c> (the names of the callback's agents, in order; <c>["agent"]</c> when absent) and the
    /// request without it (the configuration). A name must be new: a baseline's name would take the baseline's place and
    /// change the yardsticks.
    /// </summary>
    private static (IReadOnlyList<string> Agents, byte[] Configuration) SplitAgents(ReadOnlySpan<byte> requestJson)
    {
        System.Text.Json.Nodes.JsonObject? root;
        try
        {
            root = System.Text.Json.Nodes.JsonNode.Parse(requestJson) as System.Text.Json.Nodes.JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return (["agent"], requestJson.ToArray()); // the configuration's parser gives the message
        }

        if (root is null || !root.TryGetPropertyValue("agents", out var node))
        {
            return (["agent"], requestJson.ToArray());
        }

        root.Remove("agents");
        var names = new List<string>();
        if (node is not System.Text.Json.Nodes.JsonArray array || array.Count == 0)
        {
            throw new NativeException(StatusCode.Argument, "agents: expected a non-empty array of names");
        }

        foreach (var item in array)
        {
            string name = item is System.Text.Json.Nodes.JsonValue v && v.TryGetValue(out string? text) ? text : "";
            if (name.Length == 0 || name.Length > 200 || BaselineScheme.All.Any(b => b.Name == name) || SequentialSchemes.All.Any(b => b.Name == name) || names.Contains(name))
            {
                throw new NativeException(StatusCode.Argument, $"agents: name {UserInput.Quote(item?.ToJsonString() ?? "null")}; allowed: distinct names of 1 to 200 characters, none a baseline's ({string.Join(", ", BaselineScheme.All.Select(b => b.Name))})");
            }

            names.Add(name);
        }

        return (names, System.Text.Encoding.UTF8.GetBytes(root.ToJsonString()));
    }

    /// <summary>
    /// The caller's cancellation check, asked at every progress report of the evaluation: <c>int check(void *state)</c>
    /// returns non-zero to stop. Python's check runs Python code in the calling thread, which lets its signal handlers
    /// run (its SIGINT handler records Ctrl-C, and the check then asks to stop); a C caller can read a flag its own signal
    /// handler sets.
    /// </summary>
    private sealed class CancelCheck(delegate* unmanaged<nint, int> check, nint state) : IProgress<long>
    {
        public void Report(long value)
        {
            if (check(state) != 0)
            {
                throw new NativeException(StatusCode.Cancelled, "cancelled by the caller");
            }
        }
    }

    /// <summary>
    /// The caller's agent: <c>int agent(void *state, const double *observation, int observation_length, const double
    /// **action, int *action_length)</c> returns 0 and points <c>*action</c> at its action (valid until its next call),
    /// or non-zero when it failed (the evaluation then stops with <see cref="StatusCode.Callback"/>). The action is
    /// checked by the library's own check, so a wrong length or a NaN gives the same message as a step.
    /// </summary>
    private sealed class CallbackPolicy(string name, delegate* unmanaged<nint, double*, int, double**, int*, int> agent, nint state) : IOffloadingPolicy
    {
        public string Name => name;

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
