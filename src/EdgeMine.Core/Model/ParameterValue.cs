using System.Globalization;
using System.Text.Json;

namespace EdgeMine.Model;

/// <summary>
/// The value of a config key: a number, or the name of one of a choice key's options (<c>usage_privacy_form</c>). Its
/// text (<see cref="ToString()"/>) is canonical: a number round-trips ("R" format), a name is itself. In JSON a number is
/// a number and a name a string.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(ParameterValueJsonConverter))]
public readonly record struct ParameterValue : IFormattable
{
    private readonly double _number;

    private ParameterValue(double number, string? name)
    {
        _number = number;
        Name = name;
    }

    /// <summary>The name of a choice key's value, or null for a number.</summary>
    public string? Name { get; }

    /// <summary>True for a number, false for a choice's name.</summary>
    public bool IsNumber => Name is null;

    /// <summary>The number (throws for a choice's name).</summary>
    public double Number => IsNumber ? _number : throw new InvalidOperationException($"the parameter value '{Name}' is a name, not a number");

    public static ParameterValue Of(double number) => new(number, null);

    public static ParameterValue Of(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return new(0, name);
    }

    public static implicit operator ParameterValue(double number) => Of(number);

    /// <summary>The value as a JSON node: a number or a string.</summary>
    public System.Text.Json.Nodes.JsonNode ToJson() =>
        IsNumber ? System.Text.Json.Nodes.JsonValue.Create(_number) : System.Text.Json.Nodes.JsonValue.Create(Name)!;

    /// <summary>Writes the value (a number or a string) at the writer's position.</summary>
    public void WriteJson(Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (IsNumber)
        {
            json.WriteNumberValue(_number);
        }
        else
        {
            json.WriteStringValue(Name);
        }
    }

    /// <summary>The canonical text: the number in round-trip format, or the name.</summary>
    public override string ToString() => ToString(null, null);

    /// <summary>A number in <paramref name="format"/> (round-trip by default, invariant culture by default), or the name.</summary>
    public string ToString(string? format, IFormatProvider? formatProvider) =>
        Name ?? _number.ToString(format ?? "R", formatProvider ?? CultureInfo.InvariantCulture);
}
