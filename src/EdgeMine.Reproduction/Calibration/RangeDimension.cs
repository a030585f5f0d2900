using System.Text.Json.Nodes;

namespace EdgeMine.Calibration;

/// <summary>
/// A config key searched over [<see cref="Low"/>, high], linearly or on a log scale; the upper bound is a number or, with
/// <see cref="HighKey"/>, the value another dimension takes at the same point (rate_bad_bps up to rate_good_bps).
/// </summary>
public sealed record RangeDimension(string Name, double Low, double High, string? HighKey, SpaceScale Scale) : SpaceDimension(Name)
{
    /// <summary>The value at <paramref name="u"/> in [0, 1], with <paramref name="high"/> the upper bound in force.</summary>
    public double At(double u, double high) =>
        Scale == SpaceScale.Log ? Math.Exp(Math.Log(Low) + (u * (Math.Log(high) - Math.Log(Low)))) : Low + (u * (high - Low));

    public override JsonNode ToJson() => new JsonObject
    {
        ["low"] = Low,
        ["high"] = HighKey is null ? JsonValue.Create(High) : JsonValue.Create(HighKey),
        ["scale"] = Scale == SpaceScale.Log ? "log" : "linear",
    };
}
