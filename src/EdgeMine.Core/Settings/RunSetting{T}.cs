using System.Globalization;
using System.Numerics;
using System.Text.Json;

namespace EdgeMine.Settings;

/// <summary>A numeric run setting with its default and its inclusive range.</summary>
/// <typeparam name="T">int, long, ulong or double.</typeparam>
public sealed class RunSetting<T>(string key, string option, string description, T defaultValue, T min, T max) : RunSetting(key, option, description)
    where T : struct, INumber<T>
{
    public T Default { get; } = defaultValue;

    public T Min { get; } = min;

    public T Max { get; } = max;

    public override string DefaultText => Format(Default);

    public override string Allowed => $"{Range} ({Description})";

    private string Range =>
        typeof(T) == typeof(double) ? $"a number in [{Format(Min)}, {Format(Max)}]"
        : typeof(T) == typeof(ulong) && Min == T.Zero && Max == T.CreateTruncating(ulong.MaxValue) ? "an integer in [0, 2^64)"
        : Min == T.One ? $"a positive integer up to {Format(Max)}"
        : $"an integer from {Format(Min)} to {Format(Max)}";

    /// <summary><paramref name="value"/> when it lies in the range, else a <see cref="ConfigurationException"/>: "<c>where value: allowed: ...</c>".</summary>
    public T Check(T value, string where) =>
        Admits(value)
            ? value
            : throw new ConfigurationException($"{where} {Format(value)}: allowed: {Allowed}");

    /// <summary>True when <paramref name="value"/> lies in the range (and is finite).</summary>
    public bool Admits(T value) => T.IsFinite(value) && value >= Min && value <= Max;

    /// <summary>Parses canonical (or user) text of this setting, invariant culture, and checks its range.</summary>
    public T Parse(string text, string where) => Check(ParseNumber(text, where), where);

    /// <summary>
    /// Parses canonical (or user) text of this setting, invariant culture, without checking its range: for N, M and beta,
    /// which <see cref="RunSettings.Shape"/> checks together (text that is no number of the setting's type is a
    /// <see cref="ConfigurationException"/>: "<c>where 'text': allowed: ...</c>").
    /// </summary>
    public T ParseNumber(string text, string where) =>
        TryParse(text, out T value)
            ? value
            : throw new ConfigurationException($"{where} {UserInput.Quote(text)}: allowed: {Allowed}");

    /// <summary>Reads <paramref name="text"/> as a value of this setting's type (invariant culture), without checking its range.</summary>
    public bool TryParse(string text, out T value) =>
        T.TryParse(text, typeof(T) == typeof(double) ? NumberStyles.Float : NumberStyles.Integer, CultureInfo.InvariantCulture, out value);

    public override string ReadText(string text, string where) => Format(Parse(text, where));

    public override string ReadJson(JsonElement value, string where)
    {
        if (value.ValueKind == JsonValueKind.Number
            && TryParse(value.GetRawText(), out T number)
            && Admits(number))
        {
            return Format(number);
        }

        throw new ConfigurationException($"{where} has value {UserInput.OneLine(value)}; allowed: {Allowed}");
    }

    public override void WriteJson(Utf8JsonWriter json, string canonical)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteRawValue(Format(Parse(canonical, Key)));
    }

    /// <summary>Invariant text of a value: integers plainly, doubles round-trippable.</summary>
    public string Format(T value) =>
        value is double d ? d.ToString("R", CultureInfo.InvariantCulture) : value.ToString(null, CultureInfo.InvariantCulture);
}
