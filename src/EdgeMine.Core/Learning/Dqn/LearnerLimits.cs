using System.Globalization;

namespace EdgeMine.Learning.Dqn;

/// <summary>
/// The largest networks and memories a DRLO learner may be configured with, checked before anything is allocated. They
/// are set by memory: a float32 weight costs about 20 bytes with its gradient, Adam's two moments and the target
/// network's copy, so 50 million weights take about 1 GB; a batch's activations take 4 bytes per unit and sample.
/// </summary>
internal static class LearnerLimits
{
    /// <summary>Weights of one network (about 1 GB of training state at the limit).</summary>
    public const long MaxWeights = 50_000_000;

    /// <summary>Batch size times the widest layer (about 200 MB of activations per pass at the limit).</summary>
    public const long MaxBatchActivations = 50_000_000;

    /// <summary>Bytes of the replay memory (transitions of states, next states, actions and rewards).</summary>
    public const long MaxReplayBytes = 4L << 30;

    /// <summary>Gradient updates per slot.</summary>
    public const int MaxUpdatesPerSlot = 1_000;

    /// <summary>
    /// Null when a network of <paramref name="inputs"/>, <paramref name="hidden"/> and <paramref name="outputs"/> units,
    /// trained in batches of <paramref name="batch"/> from <paramref name="replay"/> transitions of
    /// <paramref name="transitionBytes"/> bytes, fits the limits; else which option, its value, and what is allowed.
    /// </summary>
    public static string? Problem(int inputs, IReadOnlyList<int> hidden, long outputs, int batch, int replay, long transitionBytes, int updatesPerSlot)
    {
        ArgumentNullException.ThrowIfNull(hidden);
        var invariant = CultureInfo.InvariantCulture;
        long weights = 0, previous = inputs;
        foreach (int width in hidden.Append((int)Math.Min(outputs, int.MaxValue)))
        {
            weights += (previous + 1) * width;
            previous = width;
        }

        if (weights > MaxWeights)
        {
            return string.Create(invariant, $"hidden = {string.Join(",", hidden)}: {weights} weights with {inputs} inputs and {outputs} outputs; allowed: at most {MaxWeights} (about 20 bytes each with Adam and the target network)");
        }

        long widest = Math.Max(hidden.Max(), outputs);
        if ((long)batch * widest > MaxBatchActivations)
        {
            return string.Create(invariant, $"batch = {batch}: {batch} x {widest} activations per layer; allowed: batch x the widest layer at most {MaxBatchActivations}");
        }

        if ((long)replay * transitionBytes > MaxReplayBytes)
        {
            return string.Create(invariant, $"replay = {replay}: {replay} x {transitionBytes} bytes; allowed: at most {MaxReplayBytes} bytes of transitions ({MaxReplayBytes / Math.Max(1, transitionBytes)} here)");
        }

        return updatesPerSlot > MaxUpdatesPerSlot
            ? string.Create(invariant, $"updates_per_slot = {updatesPerSlot}: allowed: at most {MaxUpdatesPerSlot}")
            : null;
    }
}
