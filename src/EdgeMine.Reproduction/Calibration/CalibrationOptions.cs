using EdgeMine.Model;

namespace EdgeMine.Calibration;

/// <summary>What to calibrate, and where.</summary>
public sealed record CalibrationOptions
{
    /// <summary>The preset the space's constants are set over (its name).</summary>
    public required string Preset { get; init; }

    /// <summary>The preset's parameters, with any --config/--set overrides.</summary>
    public required ModelParameters Parameters { get; init; }

    public required CalibrationSpace Space { get; init; }

    public required string OutDirectory { get; init; }

    public required CalibrationSizes Sizes { get; init; }

    public bool Quick { get; init; }

    public int Jobs { get; init; } = Environment.ProcessorCount;

    public ulong Seed { get; init; } = 1;
}
