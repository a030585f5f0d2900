namespace EdgeMine.Calibration;

/// <summary>What a calibration found.</summary>
internal sealed record CalibrationResult(IReadOnlyList<PointOutcome> Points, PointOutcome Best, PointOutcome Preset);
