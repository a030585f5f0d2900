namespace EdgeMine.Experiments;

/// <summary>
/// What one scheme cost in one experiment (a row of <see cref="CostBreakdown"/>): its cells and the seconds they
/// spent training and evaluating, summed over the cells as each cell's result file records them, and its longest cell.
/// </summary>
/// <param name="Experiment">The experiment that owns the cells (Fig. 4 shares its cells with Tables II-III: they are counted under the first experiment that asked for them).</param>
/// <param name="Scheme">The scheme's name, as the CSVs name it.</param>
/// <param name="Cells">Cells of the scheme in the experiment (a learner has one per training seed and setting).</param>
/// <param name="TrainingSeconds">Training seconds summed over the cells.</param>
/// <param name="EvaluationSeconds">Evaluation seconds summed over the cells (the cell's scheme and any baselines it evaluates beside it).</param>
/// <param name="LongestCell">The key of the cell with the most training plus evaluation seconds.</param>
/// <param name="LongestCellSeconds">That cell's training plus evaluation seconds.</param>
public sealed record CostRow(
    string Experiment,
    string Scheme,
    int Cells,
    double TrainingSeconds,
    double EvaluationSeconds,
    string LongestCell,
    double LongestCellSeconds)
{
    /// <summary>Training plus evaluation seconds of the row's cells.</summary>
    public double TotalSeconds => TrainingSeconds + EvaluationSeconds;
}
