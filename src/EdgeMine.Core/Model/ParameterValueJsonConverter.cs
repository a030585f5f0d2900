using System.Text.Json;

namespace EdgeMine.Model;

/// <summary>Reads and writes a <see cref="ParameterValue"/> as JSON: a number, or a string for a choice's name.</summary>
internal sealed class ParameterValueJsonConverter : System.Text.Json.Serialization.JsonConverter<ParameterValue>
{
    public override ParameterValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String ? ParameterValue.Of(reader.GetString()!) : ParameterValue.Of(reader.GetDouble());

    public override void Write(Utf8JsonWriter writer, ParameterValue value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        value.WriteJson(writer);
    }
}
