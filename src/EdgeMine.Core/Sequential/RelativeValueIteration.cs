using System.Globalization;

namespace EdgeMine.Sequential;

/// <summary>
/// Relative value iteration for the average reward (Puterman 1994, section 8.5.5) of an <see cref="ICarriedStateModel"/>,
/// accelerated as modified policy iteration (section 8.7): each greedy backup <c>T h</c> is followed by cheap sweeps of
/// the greedy policy's own operator <c>T_pi h</c> (one pass over its sparse rows instead of a search over actions) until
/// their span is a tenth of the greedy backup's, at most <see cref="MaxEvaluationSweeps"/>. After every greedy backup, the gain g* of the discretised MDP
/// lies in <c>[min (T h - h), max (T h - h)]</c> (Odoni's bounds, Puterman theorem 8.5.5); the iteration stops when that
/// span falls below <c>relativeTolerance * max(1, |gain|)</c>. Values are kept relative to the state (good channel, grid point 0).
/// </summary>
internal static class RelativeValueIteration
{
    /// <summary>tau of the aperiodicity transformation: each update moves the values this share of the way to the backup.</summary>
    public const double Damping = 0.5;

    /// <summary>Most policy-evaluation sweeps between two greedy backups.</summary>
    public const int MaxEvaluationSweeps = 1_000;

    /// <summary>Greedy backups before giving up.</summary>
    public const int MaxBackups = 2_000;

    /// <summary>The solved relative values and the gain's bounds.</summary>
    /// <param name="Good">h(good channel, point).</param>
    /// <param name="Bad">h(bad channel, point).</param>
    /// <param name="GainLow">Lower bound of the gain g* of the discretised MDP.</param>
    /// <param name="GainHigh">Upper bound of the gain g*.</param>
    /// <param name="Backups">Greedy backups made.</param>
    internal sealed record Solution(double[] Good, double[] Bad, double GainLow, double GainHigh, int Backups)
    {
        /// <summary>The midpoint of the gain's bounds.</summary>
        public double Gain => 0.5 * (GainLow + GainHigh);

        /// <summary>The expected next value given the current channel, at every point: <c>sigma h(g) + (1 - sigma) h(!g)</c>.</summary>
        public double[] NextValue(bool good, double persistence)
        {
            var (same, other) = good ? (Good, Bad) : (Bad, Good);
            var next = new double[same.Length];
            for (int j = 0; j < next.Length; j++)
            {
                next[j] = (persistence * same[j]) + ((1 - persistence) * other[j]);
            }

            return next;
        }
    }

    /// <summary>
    /// Solves <paramref name="model"/> from <paramref name="start"/> (relative values per channel, or zeros) until the
    /// span of <c>T h - h</c> is below <paramref name="relativeTolerance"/> times <c>max(1, |gain|)</c>; throws <see cref="InvalidOperationException"/> when it
    /// does not converge within <see cref="MaxBackups"/> backups.
    /// </summary>
    public static Solution Solve(ICarriedStateModel model, double relativeTolerance, (double[] Good, double[] Bad)? start = null, CancellationToken cancellation = default)
    {
        int n = model.Points;
        double sigma = model.ChannelPersistence;
        var good = start?.Good.ToArray() ?? new double[n];
        var bad = start?.Bad.ToArray() ?? new double[n];
        var nextGood = new double[n];
        var nextBad = new double[n];
        var backedGood = new double[n];
        var backedBad = new double[n];
        var rowsGood = new PolicyRows(n);
        var rowsBad = new PolicyRows(n);

        void Next()
        {
            for (int j = 0; j < n; j++)
            {
                nextGood[j] = (sigma * good[j]) + ((1 - sigma) * bad[j]);
                nextBad[j] = (sigma * bad[j]) + ((1 - sigma) * good[j]);
            }
        }

        // h <- h + tau (T h - h): the aperiodicity transformation (Puterman section 8.5.4), which gives every state a
        // self-loop of weight 1 - tau and leaves the optimal policies and the bounds on T h - h as they are. Without it a
        // periodic chain (deterministic arrivals cycling through backlog levels) makes the iteration oscillate.
        static void Damp(double[] backed, double[] values)
        {
            for (int j = 0; j < values.Length; j++)
            {
                values[j] += Damping * (backed[j] - values[j]);
            }
        }

        void Relative(double[] g, double[] b)
        {
            double reference = g[0];
            for (int j = 0; j < n; j++)
            {
                g[j] -= reference;
                b[j] -= reference;
            }
        }

        for (int backup = 1; backup <= MaxBackups; backup++)
        {
            cancellation.ThrowIfCancellationRequested();
            Next();
            model.Backup(true, nextGood, backedGood, rowsGood);
            model.Backup(false, nextBad, backedBad, rowsBad);
            double low = double.PositiveInfinity, high = double.NegativeInfinity;
            for (int j = 0; j < n; j++)
            {
                low = Math.Min(low, Math.Min(backedGood[j] - good[j], backedBad[j] - bad[j]));
                high = Math.Max(high, Math.Max(backedGood[j] - good[j], backedBad[j] - bad[j]));
            }

            if (!double.IsFinite(low) || !double.IsFinite(high))
            {
                throw new InvalidOperationException("relative value iteration: the backup is not finite");
            }

            Damp(backedGood, good);
            Damp(backedBad, bad);
            Relative(good, bad);
            if (high - low < relativeTolerance * Math.Max(1, Math.Abs(0.5 * (low + high))))
            {
                return new Solution(good, bad, low, high, backup);
            }

            // Partial evaluation of the greedy policy: sweeps of T_pi until their own span is a tenth of the greedy
            // span (the policy's values are then closer than the next greedy step can tell apart), or the cap.
            double target = Math.Max(0.1 * (high - low), relativeTolerance * Math.Max(1, Math.Abs(0.5 * (low + high))));
            for (int sweep = 0; sweep < MaxEvaluationSweeps; sweep++)
            {
                Next();
                double sweepLow = double.PositiveInfinity, sweepHigh = double.NegativeInfinity;
                for (int j = 0; j < n; j++)
                {
                    backedGood[j] = rowsGood.Evaluate(j, nextGood);
                    backedBad[j] = rowsBad.Evaluate(j, nextBad);
                    sweepLow = Math.Min(sweepLow, Math.Min(backedGood[j] - good[j], backedBad[j] - bad[j]));
                    sweepHigh = Math.Max(sweepHigh, Math.Max(backedGood[j] - good[j], backedBad[j] - bad[j]));
                }

                Damp(backedGood, good);
                Damp(backedBad, bad);
                Relative(good, bad);
                if (sweepHigh - sweepLow < target)
                {
                    break;
                }
            }
        }

        throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"relative value iteration did not converge in {MaxBackups} backups (relative tolerance {relativeTolerance:G3})"));
    }
}
