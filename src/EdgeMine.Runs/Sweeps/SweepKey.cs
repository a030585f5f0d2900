using System.Text.Json;
using EdgeMine.Model;
using EdgeMine.Settings;

namespace EdgeMine.Sweeps;

/// <summary>
/// A key that a sweep may fix or vary: the scheme (<c>algo</c>, <c>variant</c>), the <c>preset</c>, a run setting of
/// <see cref="RunSettings"/>, or a config key of <see cref="ParameterCatalog"/>. Values are kept as canonical text.
/// </summary>
/// <param name="Name">The key.</param>
/// <param name="Allowed">What values are allowed, in words.</param>
/// <param name="Read">The canonical text of a JSON value, or a <see cref="ConfigurationException"/> naming the place given.</param>
/// <param name="Write">Writes a canonical value as JSON.</param>
/// <param name="Default">The value when the file gives none, or null.</param>
/// <param name="IsModelKey">True for config keys of the model.</param>
public sealed record SweepKey(string Name, string Allowed, Func<JsonElement, string, string> Read, Action<Utf8JsonWriter, string> Write, string? Default, bool IsModelKey = false);
