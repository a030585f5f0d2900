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
