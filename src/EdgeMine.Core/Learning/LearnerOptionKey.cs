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

    /// <summary>Stated by the paper, a choice of ours (with its range when tuned) or a method switch, and where from (<c>edgemine tune</c>).</summary>
    public required LearnerKeyTuning Tuning { get; init; }

    /// <summary>The key's value in options, as its text (null for a key whose value is not shown).</summary>
    public Func<TOptions, string>? Read { get; init; }

    /// <summary>This key with <paramref name="tuning"/> (the keys every DRLO variant shares are marked per variant).</summary>
    public LearnerOptionKey<TOptions> Marked(LearnerKeyTuning tuning) => new(Name, Allowed, apply) { Tuning = tuning, Read = Read };

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
