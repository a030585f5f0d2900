namespace EdgeMine.Learning;

/// <summary>
/// A model-based scheme that predicts its own long-run averages (the CMDP's linear program: average cost and privacy),
/// so that a report can put the prediction beside the simulated value.
/// </summary>
public interface IPredictsAverages
{
    /// <summary>Metric name (<c>cost</c>, <c>privacy</c>) to the predicted average per slot.</summary>
    IReadOnlyDictionary<string, double> PredictedAverages { get; }
}
