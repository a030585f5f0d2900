using System.Globalization;
using System.Text.Json;

namespace EdgeMine.Model;

/// <summary>
/// One config key of MODEL.md section 9: its name, meaning, domain, and how to read and set it. A number key reads and
/// sets a double; a choice key (<see cref="ParameterDomain.Choice"/>) maps each of its names to a value of an enum.
/// </summary>
public sealed record ParameterKey
{
    private readonly Func<ModelParameters, ParameterValue> _get;
    private readonly Func<ModelParameters, ParameterValue, ModelParameters> _with;

    private ParameterKey(string key, string meaning, ParameterDomain domain, IReadOnlyList<string> choices, Func<ModelParameters, ParameterValue> get, Func<ModelParameters, ParameterValue, ModelParameters> with)
    {
        Key = key;
        Meaning = meaning;
        Domain = domain;
        Choices = choices;
        _get = get;
        _with = with;
    }

    public string Key { get; }

    public string Meaning { get; }

    public ParameterDomain Domain { get; }

    /// <summary>The names a choice key allows, in the order help and errors list them; empty for a number key.</summary>
    public IReadOnlyList<string> Choices { get; }

    /// <summary>A key whose value is a number in <paramref name="domain"/>.</summary>
    public static ParameterKey Number(string key, string meaning, ParameterDomain domain, Func<ModelParameters, double> get, Func<ModelParameters, double, ModelParameters> with)
    {
        ArgumentNullException.ThrowIfNull(get);
        ArgumentNullException.ThrowIfNull(with);
        if (domain == ParameterDomain.Choice)
        {
            throw new ArgumentException("a number key needs a numeric domain", nameof(domain));
        }

        return new(key, meaning, domain, [], p => get(p), (p, v) => with(p, v.Number));
    }

    /// <summary>A key whose value is one of <paramref name="choices"/>' names, each standing for a value of <typeparamref name="T"/>.</summary>
    public static ParameterKey Choice<T>(string key, string meaning, IReadOnlyList<(string Name, T Value)> choices, Func<ModelParameters, T> get, Func<ModelParameters, T, ModelParameters> with)
        where T : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(choices);
        ArgumentNullException.ThrowIfNull(get);
        ArgumentNullException.ThrowIfNull(with);
        return new(
            key,
            meaning,
            ParameterDomain.Choice,
            [.. choices.Select(c => c.Name)],
            p =>
            {
                T value = get(p);
                // A value with no name (an undefined enum value set in code) reads as its number, which no choice admits.
                return ParameterValue.Of(choices.FirstOrDefault(c => c.Value.Equals(value)).Name ?? Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
            },
            (p, v) => with(p, choices.First(c => c.Name == v.Name).Value));
    }

    /// <summary>The key's value in <paramref name="parameters"/>.</summary>
    public ParameterValue Get(ModelParameters parameters) => _get(parameters);

    /// <summary><paramref name="parameters"/> with this key set to <paramref name="value"/>, which must be of the key's kind (a number, or one of its names).</summary>
    public ModelParameters With(ModelParameters parameters, ParameterValue value)
    {
        if (value.IsNumber == (Domain == ParameterDomain.Choice) || (!value.IsNumber && !Choices.Contains(value.Name)))
        {
            throw new ArgumentException($"{Key}: {value} is not a value of this key; allowed: {Allowed}", nameof(value));
        }

        return _with(parameters, value);
    }

    /// <summary>What the domain allows, in words, for error messages.</summary>
    public string Allowed => Domain switch
    {
        ParameterDomain.Positive => "a finite number > 0",
        ParameterDomain.NonNegative => "a finite number >= 0",
        ParameterDomain.Probability => "a number in [0, 1]",
        ParameterDomain.Choice => string.Join(", ", Choices),
        _ => throw new InvalidOperationException(),
    };

    /// <summary>True when <paramref name="value"/> lies in the domain.</summary>
    public bool Admits(ParameterValue value) => Domain == ParameterDomain.Choice
        ? !value.IsNumber && Choices.Contains(value.Name)
        : value.IsNumber && double.IsFinite(value.Number) && Domain switch
        {
            ParameterDomain.Positive => value.Number > 0,
            ParameterDomain.NonNegative => value.Number >= 0,
            ParameterDomain.Probability => value.Number is >= 0 and <= 1,
            _ => false,
        };

    /// <summary>
    /// The value written as <paramref name="text"/> (<c>--set</c>, a sweep's canonical text): a number (invariant
    /// culture) for a number key, one of the names for a choice key; else a <see cref="ConfigurationException"/> naming
    /// <paramref name="where"/>, the value and what is allowed. A number's domain is checked by
    /// <see cref="ParameterCatalog.Validate"/>, after every override.
    /// </summary>
    public ParameterValue Parse(string text, string where)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Domain == ParameterDomain.Choice)
        {
            return Choices.Contains(text)
                ? ParameterValue.Of(text)
                : throw new ConfigurationException($"{where}: {Key} {UserInput.Quote(text)}: allowed: {Allowed}");
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            ? value
            : throw new ConfigurationException($"{where}: {UserInput.Quote(text)} is not a number; allowed: {Allowed}");
    }

    /// <summary>
    /// The value of a JSON element (a number for a number key, a string naming a choice for a choice key); else a
    /// <see cref="ConfigurationException"/> "<paramref name="at"/> has value V; allowed: A (meaning)". With
    /// <paramref name="inDomain"/> a number must also lie in the domain.
    /// </summary>
    public ParameterValue Read(JsonElement element, string at, bool inDomain = false)
    {
        ParameterValue? value = Domain == ParameterDomain.Choice
            ? element.ValueKind == JsonValueKind.String && Choices.Contains(element.GetString()) ? ParameterValue.Of(element.GetString()!) : null
            : element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out double number) ? number : null;
        return value is { } v && (!inDomain || Admits(v))
            ? v
            : throw new ConfigurationException($"{at} has value {UserInput.OneLine(element)}; allowed: {Allowed} ({Meaning})");
    }
}
