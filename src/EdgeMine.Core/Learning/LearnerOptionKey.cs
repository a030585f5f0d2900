namespace EdgeMine.Learning;

/// <summary>
/// One option of a learner that a configuration may set (<c>--learner key=value</c>, <c>learner_options</c> of a
/// training configuration): its name, what it allows, and how its value's text is read into options of type
/// <typeparamref name="TOptions"/>.
/// </summary>
public sealed class LearnerOptionKey<TOptions>(string name, string allowed, Func<TOptions, string, TOptions> apply)
{
    public string Name { get; } = name;

    public string Allowed { get; } = allowed;

    /// <summary>The options with this key set to <paramref name="value"/>, or a <see cref="ConfigurationException"/>.</summary>
    public TOptions Apply(TOptions options, string value, string where)
    {
        try
        {
            return apply(options, value);
        }
        catch (FormatException)
        {
            throw new ConfigurationException($"{where}: {Name} {UserInput.Quote(value)}: allowed: {Allowed}");
        }
    }
}

/// <summary>Applying learner options, and reading their values' text (a value that does not parse is a <see cref="FormatException"/>).</summary>
internal static class LearnerOptionKeys
{
    /// <summary>
    /// <paramref name="options"/> with <paramref name="changes"/> applied in their order; a bad key or value is a
    /// <see cref="ConfigurationException"/> naming <paramref name="where"/>, the key, the value and what is allowed.
    /// </summary>
    public static TOptions Apply<TOptions>(TOptions options, IReadOnlyList<LearnerOptionKey<TOptions>> keys, IEnumerable<KeyValuePair<string, string>> changes, string where)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var (key, value) in changes)
        {
            var option = keys.FirstOrDefault(k => k.Name == key)
                ?? throw new ConfigurationException($"{where}: unknown DRLO option {UserInput.Quote(key)}; allowed: {string.Join(", ", keys.Select(k => k.Name))}");
            options = option.Apply(options, value, where);
        }

        return options;
    }

    /// <summary><c>true</c>/<c>1</c> or <c>false</c>/<c>0</c>.</summary>
    public static bool Bool(string value) => value switch
    {
        "true" or "1" => true,
        "false" or "0" => false,
        _ => throw new FormatException(),
    };

    /// <summary>A positive integer (<paramref name="zero"/>: or 0).</summary>
    public static int Int(string value, bool zero = false) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && (v > 0 || (zero && v == 0)) ? v : throw new FormatException();

    /// <summary>A finite positive number, at most 1 when <paramref name="unit"/> (<paramref name="zero"/>: or 0).</summary>
    public static float Float(string value, bool unit = false, bool zero = false) =>
        float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out float v) && float.IsFinite(v) && (v > 0 || (zero && v == 0)) && (!unit || v <= 1)
            ? v
            : throw new FormatException();

    /// <summary>Comma-separated positive widths, e.g. <c>300,200</c>.</summary>
    public static int[] Widths(string value) => value.Split(',').Select(w => Int(w)).ToArray();
}

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
    /// Null when the settings every DRLO variant shares are valid (hidden widths, discount, learning rate, gradient
    /// clipping), else the first problem: which option, its value, and what is allowed. <paramref name="hiddenExample"/>
    /// is the widths the message suggests (the variant's default).
    /// </summary>
    public static string? NetworkProblem(IReadOnlyList<int> hidden, string hiddenExample, float discount, float learningRate, float gradientClip)
    {
        ArgumentNullException.ThrowIfNull(hidden);
        var invariant = CultureInfo.InvariantCulture;
        if (hidden.Count == 0 || hidden.Any(size => size <= 0))
        {
            return $"hidden = {string.Join(",", hidden)}: allowed: one or more positive widths, e.g. {hiddenExample}";
        }

        if (discount is < 0f or > 1f)
        {
            return string.Create(invariant, $"discount = {discount}: allowed: a number in [0, 1]");
        }

        if (!(learningRate > 0f) || !float.IsFinite(learningRate))
        {
            return string.Create(invariant, $"learning_rate = {learningRate}: allowed: a positive number");
        }

        return !(gradientClip > 0f) || !float.IsFinite(gradientClip)
            ? string.Create(invariant, $"gradient_clip = {gradientClip}: allowed: a positive number")
            : null;
    }

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
