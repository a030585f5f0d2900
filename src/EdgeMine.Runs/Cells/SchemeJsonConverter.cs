using System.Text.Json;
using System.Text.Json.Serialization;
using EdgeMine.Schemes;

namespace EdgeMine.Cells;

/// <summary>Writes a scheme as its name and reads it back through a catalogue: schemes are types in memory, names on disk.</summary>
public sealed class SchemeJsonConverter(SchemeCatalog catalog) : JsonConverter<Scheme>
{
    public override bool CanConvert(Type typeToConvert) => typeof(Scheme).IsAssignableFrom(typeToConvert);

    public override Scheme Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        string name = reader.GetString() ?? "";
        return catalog.Find(name) ?? throw new JsonException($"unknown scheme '{name}'");
    }

    public override void Write(Utf8JsonWriter writer, Scheme value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStringValue(value.Name);
    }
}
