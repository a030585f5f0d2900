using System.Globalization;
using EdgeMine.Model;
using EdgeMine.Randomness;

namespace EdgeMine.Sequential;

/// <summary>
/// The points over which the MDP optimum takes the expectation of a slot's arrivals <c>D1 ~ U[d_min, d_max]^M</c>
/// (section 2): for M &lt;= 2 a product midpoint rule (n points per task, n^M &lt;= the budget; error O(1 / n^2) where the
/// integrand is smooth, O(1 / n) across the kinks where a cap starts to bind), beyond it common Monte Carlo samples from a
/// seeded generator (error O(1 / sqrt(budget))). Each point has the same weight.
/// </summary>
internal static class ArrivalSamples
{
    /// <summary>Most tasks for which the product rule is used.</summary>
    public const int QuadratureTasks = 2;

    /// <summary>The points, task-major per point (point s is <c>[s M, s M + M)</c>), and how they were made.</summary>
    public static (double[] Arrivals, int Count, string Text) Create(ModelParameters parameters, int tasks, int budget, ulong seed)
    {
        double low = parameters.ArrivalMinBits, high = parameters.ArrivalMaxBits;
        if (tasks <= QuadratureTasks)
        {
            int perTask = Math.Max(1, (int)Math.Floor(Math.Pow(budget, 1.0 / tasks) + 1e-9));
            int count = (int)Math.Pow(perTask, tasks);
            var points = new double[count * tasks];
            for (int s = 0; s < count; s++)
            {
                int rest = s;
                for (int m = 0; m < tasks; m++)
                {
                    points[(s * tasks) + m] = low + ((high - low) * ((rest % perTask) + 0.5) / perTask);
                    rest /= perTask;
                }
            }

            return (points, count, string.Create(CultureInfo.InvariantCulture, $"a midpoint rule of {perTask} points per task ({count} in all)"));
        }

        var random = new Xoshiro256(seed);
        var samples = new double[budget * tasks];
        for (int k = 0; k < samples.Length; k++)
        {
            samples[k] = random.NextDouble(low, high); // D1 ~ U[d_min, d_max] (section 2)
        }

        return (samples, budget, string.Create(CultureInfo.InvariantCulture, $"{budget} common Monte Carlo samples"));
    }
}
