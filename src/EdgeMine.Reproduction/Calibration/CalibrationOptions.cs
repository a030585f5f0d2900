using EdgeMine.Model;

namespace EdgeMine.Calibration;

/// <summary>What to calibrate, and where.</summary>
/// <param name="Preset">The preset the space's constants are set over (its name).</param>
/// <param name="Parameters">The preset's parameters, with any --config/--set overrides.</param>
/// <param name="Space">The constants searched, with their ranges or choices.</param>
/// <param name="OutDirectory">The output directory (cells, points.csv, paper-fit.json, feasibility report).</param>
/// <param name="Sizes">How many points, and how long each is evaluated.</param>
public sealed record CalibrationOptions(
    string Preset,
    ModelParameters Parameters,
    CalibrationSpace Space,
    string OutDirectory,
    CalibrationSizes Sizes)
{
    public bool Quick { get; init; }

    public int Jobs { get; init; } = Environment.ProcessorCount;

    public ulong Seed { get; init; } = 1;
}
