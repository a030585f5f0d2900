namespace EdgeMine.Training;

/// <summary>How a training request ended.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<TrainingStatus>))]
public enum TrainingStatus
{
    /// <summary>Trained from the first slot.</summary>
    [System.Text.Json.Serialization.JsonStringEnumMemberName("trained")]
    Trained,

    /// <summary>Continued from a checkpoint.</summary>
    [System.Text.Json.Serialization.JsonStringEnumMemberName("resumed")]
    Resumed,

    /// <summary>The directory already held the finished model of this configuration: nothing was run.</summary>
    [System.Text.Json.Serialization.JsonStringEnumMemberName("already-complete")]
    AlreadyComplete,
}
