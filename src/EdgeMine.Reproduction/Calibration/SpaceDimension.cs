using System.Text.Json.Nodes;

namespace EdgeMine.Calibration;

/// <summary>One dimension of a calibration space: a config key searched over a range, or a choice among assignments.</summary>
public abstract record SpaceDimension(string Name)
{
    /// <summary>The dimension's JSON, as the space file writes it.</summary>
    public abstract JsonNode ToJson();
}
