using EdgeMine.Model;

namespace EdgeMine.Calibration;

/// <summary>One point of the space: its name, how it was found, its coordinates and its parameters.</summary>
/// <param name="Id">Its name in cell keys and points.csv: <c>l0042</c> (Latin hypercube), <c>r1-007</c> (refinement), <c>preset</c>.</param>
/// <param name="Phase">"preset", "latin" or "refined".</param>
/// <param name="U">The range coordinates, each in [0, 1] (empty for the preset).</param>
/// <param name="Choices">The index of each choice (empty for the preset).</param>
/// <param name="Parameters">The model at the point.</param>
internal sealed record CalibrationPoint(string Id, string Phase, double[] U, int[] Choices, ModelParameters Parameters);
