using System.Text.Json.Serialization;

namespace EdgeMine.Cells;

/// <summary>Whether a finished cell produced results.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CellStatus>))]
public enum CellStatus
{
    /// <summary>Trained and/or evaluated as planned.</summary>
    [JsonStringEnumMemberName("ok")]
    Ok,

    /// <summary>The scheme cannot run at this setting (a single-miner scheme at N = 2, a joint head too large); see the reason.</summary>
    [JsonStringEnumMemberName("not-applicable")]
    NotApplicable,
}
