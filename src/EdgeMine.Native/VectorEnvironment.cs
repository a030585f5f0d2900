using System.Globalization;

namespace EdgeMine.Native;

/// <summary>
/// B environments of one configuration stepped in one call, into flat arrays: observations B x D, rewards B,
/// terminated B, truncated B, metrics B x K (row b is environment b). Uses only <see cref="NativeEnvironment"/> and the parsed configuration.
/// Every action is checked before any environment moves, so a bad action leaves all B environments as they were.
/// <para>
/// Autoreset follows Gymnasium's default (AutoresetMode.NEXT_STEP): the step that ends an episode (truncated after
/// episode_slots) returns its last observation with truncated set; the next step of that environment ignores its
/// action, resets it (the next seed of <see cref="NativeEnvironment.ResetNext"/>) and returns the first observation with
/// reward 0, both flags clear and zero metrics.
/// </para>
/// </summary>
internal sealed class VectorEnvironment
{
    /// <summary>
    /// Most memory the environments of one vector may hold, checked before any is allocated: 1 GiB, counted as
    /// <see cref="EnvironmentBytes"/> per environment plus <see cref="TaskBytes"/> per task (one environment alone may hold
    /// RunSettings.MaxTasks tasks, about 256 MB; a vector of them is what needs a bound).
    /// </summary>
    public const long MaxBytes = 1L << 30;

    /// <summary>Memory of one environment besides its tasks (its policies, generators, buffers): measured at 1.6 to 2.1 KB.</summary>
    public const long EnvironmentBytes = 2048;

    /// <summary>Memory per task N M of an environment: measured at about 240 bytes (RunSettings.MaxTasks says about 200).</summary>
    public const long TaskBytes = 256;

    private readonly NativeEnvironment[] _environments;
    private readonly bool[] _needsReset;

    public VectorEnvironment(ReadOnlySpan<byte> configurationJson, int count)
    {
        if (count <= 0)
        {
            throw new NativeException(StatusCode.Configuration, $"num_envs {count}: allowed: a positive integer (environments in the vector)");
        }

        // Parsed once (a configuration is a few hundred bytes of JSON; a million parses took seconds), and sized before
        // anything is allocated: num_envs = 10^8 once allocated gigabytes before failing with "out of memory".
        var configuration = EnvironmentConfiguration.Parse(configurationJson);
        int miners = configuration.Settings.Miners, tasks = configuration.Settings.TasksPerMiner;
        long perEnvironment = EnvironmentBytes + (TaskBytes * miners * tasks);
        if (count > MaxBytes / perEnvironment)
        {
            throw new NativeException(StatusCode.Configuration, string.Create(CultureInfo.InvariantCulture,
                $"num_envs {count} x miners {miners} x tasks {tasks}: about {Mebibytes(count * perEnvironment)} MiB of environments; allowed: at most {MaxBytes / perEnvironment} environments of N = {miners}, M = {tasks} ({MaxBytes >> 20} MiB, counted as {EnvironmentBytes} bytes per environment plus {TaskBytes} per task)"));
        }

        _environments = new NativeEnvironment[count];
        for (int i = 0; i < count; i++)
        {
            _environments[i] = new NativeEnvironment(configuration);
        }

        _needsReset = new bool[count];
        if ((long)count * First.ObservationLength > int.MaxValue || (long)count * First.ActionLength > int.MaxValue)
        {
            throw new NativeException(StatusCode.Configuration, $"num_envs {count}: too many environments for 32-bit buffer lengths");
        }
    }

    private static long Mebibytes(long bytes) => (bytes + (1 << 20) - 1) >> 20;

    public int Count => _environments.Length;

    /// <summary>The first environment, whose shape all share.</summary>
    public NativeEnvironment First => _environments[0];

    /// <summary>Resets every environment: from <paramref name="seeds"/> (one per environment), or continuing when empty.</summary>
    public void Reset(ReadOnlySpan<ulong> seeds, Span<double> observations)
    {
        int d = First.ObservationLength;
        for (int i = 0; i < _environments.Length; i++)
        {
            var observation = observations.Slice(i * d, d);
            if (seeds.IsEmpty)
            {
                _environments[i].ResetNext(observation);
            }
            else
            {
                _environments[i].Reset(seeds[i], observation);
            }

            _needsReset[i] = false;
        }
    }

    /// <summary>One step of every environment (an environment whose episode ended at its last step is reset instead).</summary>
    public void Step(
        ReadOnlySpan<double> actions,
        Span<double> observations,
        Span<double> rewards,
        Span<byte> terminated,
        Span<byte> truncated,
        Span<double> metrics)
    {
        int a = First.ActionLength, d = First.ObservationLength, k = NativeEnvironment.MetricCount;
        for (int i = 0; i < _environments.Length; i++)
        {
            if (!_needsReset[i])
            {
                try
                {
                    _environments[i].CheckAction(actions.Slice(i * a, a));
                }
                catch (NativeException e)
                {
                    throw new NativeException(e.Code, $"environment {i}: {e.Message}");
                }
            }
        }

        bool withMetrics = !metrics.IsEmpty;
        for (int i = 0; i < _environments.Length; i++)
        {
            var environment = _environments[i];
            var observation = observations.Slice(i * d, d);
            var slotMetrics = withMetrics ? metrics.Slice(i * k, k) : default;
            terminated[i] = 0; // the process never terminates (MODEL.md section 5)
            if (_needsReset[i])
            {
                environment.ResetNext(observation);
                _needsReset[i] = false;
                rewards[i] = 0;
                truncated[i] = 0;
                slotMetrics.Clear();
                continue;
            }

            rewards[i] = environment.Step(actions.Slice(i * a, a), observation, slotMetrics, out bool ended, checkedAction: true);
            truncated[i] = ended ? (byte)1 : (byte)0;
            _needsReset[i] = ended;
        }
    }

    /// <summary>The baseline's action of every environment for its current state, into <paramref name="actions"/> (B x N M).</summary>
    public void PolicyActions(int policy, Span<double> actions)
    {
        int a = First.ActionLength;
        for (int i = 0; i < _environments.Length; i++)
        {
            _environments[i].PolicyAction(policy, actions.Slice(i * a, a));
        }
    }
}
