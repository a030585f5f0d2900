using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace EdgeMine.Calibration;

/// <summary>
/// Nelder-Mead in [0, 1]^d with MathNet.Numerics' simplex (chosen over CMA-ES: no population to size, deterministic,
/// and a few dozen evaluations from a good start suffice in a space of seven ranges). A coordinate outside [0, 1] is
/// clamped before evaluation, with a penalty that leads the simplex back; the search stops after a budget of
/// evaluations or when the simplex converges.
/// </summary>
internal static class NelderMead
{
    /// <summary>
    /// Minimises <paramref name="objective"/> from <paramref name="start"/> with at most <paramref name="budget"/>
    /// evaluations; returns the best point evaluated and its value.
    /// </summary>
    public static (double[] Point, double Value) Minimize(double[] start, int budget, Func<double[], double> objective)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(objective);
        var best = (Point: start, Value: double.PositiveInfinity);
        if (start.Length == 0 || budget <= 0)
        {
            return best;
        }

        int evaluations = 0;
        double Evaluate(Vector<double> x)
        {
            if (evaluations >= budget)
            {
                throw new BudgetSpent();
            }

            evaluations++;
            double[] clamped = x.Select(v => Math.Clamp(v, 0, 1)).ToArray();
            double outside = x.Zip(clamped, (a, b) => (a - b) * (a - b)).Sum();
            double value = objective(clamped);
            if (value < best.Value)
            {
                best = (clamped, value);
            }

            return value + (10 * outside);
        }

        try
        {
            var simplex = new NelderMeadSimplex(convergenceTolerance: 1e-6, maximumIterations: budget);
            simplex.FindMinimum(ObjectiveFunction.Value(Evaluate), Vector<double>.Build.DenseOfArray(start), Vector<double>.Build.Dense(start.Length, 0.1));
        }
        catch (Exception e) when (e is BudgetSpent or MaximumIterationsException)
        {
            // The budget is the stop: the best point so far is among those evaluated.
        }

        return best;
    }

    private sealed class BudgetSpent : Exception;
}
