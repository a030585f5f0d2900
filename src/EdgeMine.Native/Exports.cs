using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace EdgeMine.Native;

/// <summary>
/// The C ABI (declared in edgemine.h beside this file). Every function returns a <see cref="StatusCode"/> (0 on
/// success) unless said otherwise; on failure <c>edgemine_last_error</c> gives the one-line message of this thread's
/// last failure. No exception crosses the boundary: every export catches everything. Buffers are the caller's;
/// lengths are counts of elements, checked against the environment's shape. Handles are 64-bit values, never 0.
/// This file uses none of the library's types but its error type and its rule for quoting users' values in messages
/// (UserInput): the rest stays in EnvironmentConfiguration.cs, NativeEnvironment.cs and AgentEvaluation.cs.
/// </summary>
public static unsafe class Exports
{
    /// <summary>Version of the ABI; bumped when a signature or a layout changes.</summary>
    public const int AbiVersion = 2;

    private static readonly byte[] MetricNamesText = Encoding.UTF8.GetBytes(string.Join(',', NativeEnvironment.MetricNames));
    private static readonly byte[] PolicyNamesText = Encoding.UTF8.GetBytes(string.Join(',', AgentEvaluation.PolicyNames));

    [ThreadStatic]
    private static byte[]? _lastError;

    [UnmanagedCallersOnly(EntryPoint = "edgemine_abi_version")]
    public static int Version() => AbiVersion;

    /// <summary>Copies this thread's last error message (UTF-8, NUL-terminated, cut to fit) and returns its full length in bytes.</summary>
    [UnmanagedCallersOnly(EntryPoint = "edgemine_last_error")]
    public static int LastError(byte* buffer, int capacity) => CopyOut(_lastError ?? [], buffer, capacity);

    /// <summary>The metric names of the metrics arrays, comma-separated, same convention as edgemine_last_error.</summary>
    [UnmanagedCallersOnly(EntryPoint = "edgemine_metric_names")]
    public static int MetricNames(byte* buffer, int capacity) => CopyOut(MetricNamesText, buffer, capacity);

    /// <summary>The baselines' names (no, eo, go, random, optimal, optimal-fractional, lookahead, mdp-optimal), comma-separated.</summary>
    [UnmanagedCallersOnly(EntryPoint = "edgemine_policy_names")]
    public static int PolicyNames(byte* buffer, int capacity) => CopyOut(PolicyNamesText, buffer, capacity);

    /// <summary>Handles alive in this process (environments and vector environments), for leak checks.</summary>
    [UnmanagedCallersOnly(EntryPoint = "edgemine_live_handles")]
    public static int LiveHandles() => Handles.Count;

    /// <summary>Bytes the managed code has allocated on the calling thread so far (checks that steps allocate nothing).</summary>
    [UnmanagedCallersOnly(EntryPoint = "edgemine_allocated_bytes")]
    public static long AllocatedBytes() => GC.GetAllocatedBytesForCurrentThread();

    [UnmanagedCallersOnly(EntryPoint = "edgemine_env_create")]
    public static int EnvCreate(byte* json, int length, long* environment)
    {
        try
        {
            Require(environment != null && (json != null || length == 0) && length >= 0, "edgemine_env_create: null pointer or negative length");
            *environment = 0;
            *environment = Handles.Add(new NativeEnvironment(new ReadOnlySpan<byte>(json, length)));
            return 0;
        }
        catch (Exception e)
        {
            return Fail(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "edgemine_env_destroy")]
    public static int EnvDestroy(long environment)
    {
        try
        {
            Handles.Remove<NativeEnvironment>(environment);
            return 0;
        }
        catch (Exception e)
        {
            return Fail(e);
        }
    }

    /// <summary>
    /// Writes up to <paramref name="length"/> of: miners, tasks per miner, observation length, action length, metrics
    /// length, episode slots (0: continuing), observation values per miner, 1 if the observation ends with the backlog.
    /// </summary>
    [UnmanagedCallersOnly(EntryPoint = "edgemine_env_shape")]
    public static int EnvShape(long environment, int* shape, int length)
    {
        try
        {
            WriteShape(Handles.Get<NativeEnvironment>(environment), 1, shape, length, withCount: false);
            return 0;
        }
        catch (Exception e)
        {
            return Fail(e);
        }
    }

    /// <summary>Resets from <paramref name="seed"/> when <paramref name="useSeed"/> is non-zero, else continues (the next derived seed).</summary>
    [UnmanagedCallersOnly(EntryPoint = "edgemine_env_reset")]
    public static int EnvReset(long environment, ulong seed, int useSeed, double* observation, int observationLength)
    {
        try
        {
            var env = Handles.Get<NativeEnvironment>(environment);
            var obs = Buffer(observation, observationLength, env.ObservationLength, "observation");
            if (useSeed != 0)
            {
                env.Reset(seed, obs);
            }
            else
            {
                env.ResetNext(obs);
            }

            return 0;
        }
        catch (Exception e)
        {
            return Fail(e);
        }
    }

    /// <summary>The seed the current episode was reset with (the derived one after a reset without a seed).</summary>
    [UnmanagedCallersOnly(EntryPoint = "edgemine_env_episode_seed")]
    public static int EnvEpisodeSeed(long environment, ulong* seed)
    {
        try
        {
            Require(seed != null, "edgemine_env_episode_seed: null pointer");
            *seed = Handles.Get<NativeEnvironment>(environment).EpisodeSeed;
            return 0;
        }
        catch (Exception e)
        {
            return Fail(e);
        }
    }

    /// <summary>
    /// One slot: reads the action (N M fractions, index n M + m), writes the next observation, the reward, the metrics
    /// (skipped when <paramref name="metrics"/> is null) and the flags (bit 0 terminated, never set; bit 1 truncated).
    /// </summary>
    [UnmanagedCallersOnly(EntryPoint = "edgemine_env_step")]
    public static int EnvStep(
        long environment,
        double* action,
        int actionLength,
        double* observation,
        int observationLength,
        double* reward,
        double* metrics,
        int metricsLength,
        byte* flags)
    {
        try
        {
            var env = Handles.Get<NativeEnvironment>(environment);
            Require(reward != null && flags != null, "edgemine_env_step: null reward or flags pointer");
            var act = Action(action, actionLength);
            var obs = Buffer(observation, observationLength, env.ObservationLength, "observation");
            var met = metrics == null ? default : Buffer(metrics, metricsLength, NativeEnvironment.MetricCount, "metrics");
            *reward = env.Step(act, obs, met, out bool truncated);
            *flags = truncated ? (byte)2 : (byte)0;
            return 0;
        }
        catch (Exception e)
        {
            return Fail(e);
        }
    }

    /// <summary>The last step's reward split per miner: each miner's tasks' P - C less its deadline penalties.</summary>
    [UnmanagedCallersOnly(EntryPoint = "edgemine_env_miner_rewards")]
    public static int EnvMinerRewards(long environment, double* rewards, int miners)
    {
        try
        {
            var env = Handles.Get<NativeEnvironment>(environment);
            env.MinerRewards(Buffer(rewards, miners, env.Miners, "rewards"));
            return 0;
        }
        catch (Exception e)
        {
            return Fail(e);
        }
    }

    /// <summary>The action of a baseline (no, eo, go, random, optimal) for the environment's current state.</summary>
    [UnmanagedCallersOnly(EntryPoint = "edgemine_env_policy_action")]
    public static int EnvPolicyAction(long environment, byte* policy, int policyLength, double* action, int actionLength)
    {
        try
        {
            var env = Handles.Get<NativeEnvironment>(environment);
            env.PolicyAction(Policy(policy, policyLength), Buffer(action, actionLength, env.ActionLength, "action"));
            return 0;
        }
        catch (Exception e)
        {
            return Fail(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "edgemine_vec_create")]
    public static int VecCreate(byte* json, int length, int count, long* vector)
    {
        try
        {
            Require(vector != null && (json != null || length == 0) && length >= 0, "edgemine_vec_create: null pointer or negative length");
            *vector = 0;
            *vector = Handles.Add(new VectorEnvironment(new ReadOnlySpan<byte>(json, length), count));
            return 0;
        }
        catch (Exception e)
        {
            return Fail(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "edgemine_vec_destroy")]
    public static int VecDestroy(long vector)
    {
        try
        {
            Handles.Remove<VectorEnvironment>(vector);
            return 0;
        }
        catch (Exception e)
        {
            return Fail(e);
        }
    }

    /// <summary>As edgemine_env_shape for one environment of the vector, then the number of environments B.</summary>
    [UnmanagedCallersOnly(EntryPoint = "edgemine_vec_shape")]
    public static int VecShape(long vector, int* shape, int length)
    {
        try
        {
            var vec = Handles.Get<VectorEnvironment>(vector);
            WriteShape(vec.First, vec.Count, shape, length, withCount: true);
            return 0;
        }
        catch (Exception e)
        {
            return Fail(e);
        }
    }

    /// <summary>Resets all B environments, from one seed each, or (seeds null) each continuing with its next derived seed.</summary>
    [UnmanagedCallersOnly(EntryPoint = "edgemine_vec_reset")]
    public static int VecReset(long vector, ulong* seeds, int seedsLength, double* observations, int observationsLength)
    {
        try
        {
            var vec = Handles.Get<VectorEnvironment>(vector);
            var obs = Buffer(observations, observationsLength, vec.Count * vec.First.ObservationLength, "observations");
            var s = seeds == null ? default : new ReadOnlySpan<ulong>(seeds, Length(seedsLength, vec.Count, "seeds"));
            vec.Reset(s, obs);
            return 0;
        }
        catch (Exception e)
        {
            return Fail(e);
        }
    }

    /// <summary>
    /// One step of all B environments: actions B x N M in, observations B x D, rewards B, terminated B, truncated B
    /// (bytes 0/1) and metrics B x K (skipped when null) out. Autoreset: Gymnasium's next-step mode.
    /// </summary>
    [UnmanagedCallersOnly(EntryPoint = "edgemine_vec_step")]
    public static int VecStep(
        long vector,
        double* actions,
        int actionsLength,
        double* observations,
        int observationsLength,
        double* rewards,
        byte* terminated,
        byte* truncated,
        double* metrics,
        int metricsLength)
    {
        try
        {
            var vec = Handles.Get<VectorEnvironment>(vector);
            int b = vec.Count;
            var first = vec.First;
            var act = Action(actions, actionsLength);
            if (actionsLength != b * first.ActionLength)
            {
                throw new NativeException(StatusCode.Action, $"the actions have {actionsLength} values; the vector has {b} environments x {first.ActionLength} tasks = {b * first.ActionLength}");
            }

            vec.Step(
                act,
                Buffer(observations, observationsLength, b * first.ObservationLength, "observations"),
                Buffer(rewards, b, b, "rewards"),
                new Span<byte>(Pointer(terminated, "terminated"), b),
                new Span<byte>(Pointer(truncated, "truncated"), b),
                metrics == null ? default : Buffer(metrics, metricsLength, b * NativeEnvironment.MetricCount, "metrics"));
            return 0;
        }
        catch (Exception e)
        {
            return Fail(e);
        }
    }

    /// <summary>A baseline's action for every environment of the vector (B x N M).</summary>
    [UnmanagedCallersOnly(EntryPoint = "edgemine_vec_policy_actions")]
    public static int VecPolicyActions(long vector, byte* policy, int policyLength, double* actions, int actionsLength)
    {
        try
        {
            var vec = Handles.Get<VectorEnvironment>(vector);
            vec.PolicyActions(Policy(policy, policyLength), Buffer(actions, actionsLength, vec.Count * vec.First.ActionLength, "actions"));
            return 0;
        }
        catch (Exception e)
        {
            return Fail(e);
        }
    }

    /// <summary>The environment and policy seeds of run <paramref name="run"/> of an evaluation seeded with <paramref name="seed"/>.</summary>
    [UnmanagedCallersOnly(EntryPoint = "edgemine_evaluation_seeds")]
    public static int EvaluationSeeds(ulong seed, int run, ulong* environmentSeed, ulong* policySeed)
    {
        try
        {
            Require(environmentSeed != null && policySeed != null, "edgemine_evaluation_seeds: null pointer");
            Require(run >= 0, "edgemine_evaluation_seeds: negative run");
            (*environmentSeed, *policySeed) = AgentEvaluation.RunSeeds(seed, run);
            return 0;
        }
        catch (Exception e)
        {
            return Fail(e);
        }
    }

    /// <summary>
    /// Evaluates the agent (<paramref name="agent"/>, may be null) beside the baselines; on success points
    /// <paramref name="result"/> at the UTF-8 JSON of the comparison (free it with edgemine_free). The evaluation can
    /// last days: <paramref name="cancel"/> (may be null) is called every few slots and stops it with
    /// <see cref="StatusCode.Cancelled"/> when it returns non-zero.
    /// </summary>
    [UnmanagedCallersOnly(EntryPoint = "edgemine_evaluate")]
    public static int Evaluate(
        byte* json,
        int length,
        delegate* unmanaged<nint, double*, int, double**, int*, int> agent,
        nint agentState,
        delegate* unmanaged<nint, int> cancel,
        nint cancelState,
        byte** result,
        int* resultLength)
    {
        try
        {
            Require(result != null && resultLength != null && (json != null || length == 0) && length >= 0, "edgemine_evaluate: null pointer or negative length");
            *result = null;
            *resultLength = 0;
            byte[] text = AgentEvaluation.Evaluate(new ReadOnlySpan<byte>(json, length), agent, agentState, cancel, cancelState);
            byte* copy = (byte*)NativeMemory.Alloc((nuint)text.Length + 1);
            text.CopyTo(new Span<byte>(copy, text.Length));
            copy[text.Length] = 0;
            *result = copy;
            *resultLength = text.Length;
            return 0;
        }
        catch (Exception e)
        {
            return Fail(e);
        }
    }

    /// <summary>
    /// The paired difference a[r] - b[r] over <paramref name="count"/> runs (at least 1): writes its mean and the bounds of
    /// its 95% interval (Student's t, NaN with one run) to <paramref name="result"/>[0..2], the library's own interval
    /// (Estimate), so a caller's paired comparisons agree with the command line's.
    /// </summary>
    [UnmanagedCallersOnly(EntryPoint = "edgemine_paired_difference")]
    public static int PairedDifference(double* a, double* b, int count, double* result)
    {
        try
        {
            Require(a != null && b != null && result != null, "edgemine_paired_difference: null pointer");
            Require(count >= 1, "edgemine_paired_difference: count must be at least 1");
            AgentEvaluation.PairedDifference(new ReadOnlySpan<double>(a, count), new ReadOnlySpan<double>(b, count), new Span<double>(result, 3));
            return 0;
        }
        catch (Exception e)
        {
            return Fail(e);
        }
    }

    /// <summary>Frees a result of edgemine_evaluate (null is allowed).</summary>
    [UnmanagedCallersOnly(EntryPoint = "edgemine_free")]
    public static void Free(void* memory) => NativeMemory.Free(memory);

    private static int CopyOut(byte[] text, byte* buffer, int capacity)
    {
        if (buffer != null && capacity > 0)
        {
            int n = Math.Min(text.Length, capacity - 1);
            text.AsSpan(0, n).CopyTo(new Span<byte>(buffer, n));
            buffer[n] = 0;
        }

        return text.Length;
    }

    private static void WriteShape(NativeEnvironment env, int count, int* shape, int length, bool withCount)
    {
        Require(shape != null || length == 0, "shape: null pointer");
        Span<int> values =
        [
            env.Miners, env.TasksPerMiner, env.ObservationLength, env.ActionLength, NativeEnvironment.MetricCount,
            env.EpisodeSlots, env.ObservationPerMiner, env.ExtendedObservation, count,
        ];
        int n = Math.Min(length, withCount ? values.Length : values.Length - 1);
        values[..n].CopyTo(new Span<int>(shape, n));
    }

    /// <summary>The policy index of a UTF-8 name, without allocating when it is known.</summary>
    private static int Policy(byte* name, int length)
    {
        Require(name != null && length >= 0, "policy: null pointer or negative length");
        var text = new ReadOnlySpan<byte>(name, length);
        for (int i = 0; i < AgentEvaluation.PolicyNames.Count; i++)
        {
            if (Ascii.Equals(text, AgentEvaluation.PolicyNames[i]))
            {
                return i;
            }
        }

        throw new NativeException(
            StatusCode.Argument,
            $"policy {UserInput.Quote(Encoding.UTF8.GetString(text))}: unknown policy; allowed: {string.Join(", ", AgentEvaluation.PolicyNames)}");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ReadOnlySpan<double> Action(double* action, int length)
    {
        // The length itself is checked by the library's action check, with its message.
        Require(length >= 0 && (action != null || length == 0), "action: null pointer or negative length");
        return new ReadOnlySpan<double>(action, length);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Span<double> Buffer(double* data, int length, int expected, string what)
    {
        if (data == null || length != expected)
        {
            throw new NativeException(StatusCode.Argument, data == null
                ? $"{what}: null pointer"
                : $"{what}: the buffer has {length} values; {expected} expected");
        }

        return new Span<double>(data, length);
    }

    private static int Length(int length, int expected, string what) =>
        length == expected ? length : throw new NativeException(StatusCode.Argument, $"{what}: {length} given; {expected} expected (one per environment)");

    private static T* Pointer<T>(T* data, string what)
        where T : unmanaged =>
        data != null ? data : throw new NativeException(StatusCode.Argument, $"{what}: null pointer");

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new NativeException(StatusCode.Argument, message);
        }
    }

    /// <summary>Records the one-line message of <paramref name="e"/> for this thread and returns its status code.</summary>
    private static int Fail(Exception e)
    {
        var (code, message) = e switch
        {
            NativeException n => (n.Code, n.Message),
            // What the command line refuses with exit 2 (parameters whose numbers overflow while stepping, say) is a
            // configuration error here too, never an internal one.
            ConfigurationException c => (StatusCode.Configuration, c.Message),
            OutOfMemoryException => (StatusCode.Internal, "out of memory"),
            _ => (StatusCode.Internal, $"internal error: {e.GetType().Name}: {UserInput.Message(e.Message)}"),
        };
        try
        {
            // One line, control characters (a NUL above all, which would end the C string) shown as escapes.
            _lastError = Encoding.UTF8.GetBytes(UserInput.Line(message));
        }
#pragma warning disable CA1031 // Nothing may cross the boundary, not even a failure to record the message.
        catch (Exception)
#pragma warning restore CA1031
        {
            _lastError = null;
        }

        return (int)code;
    }
}
