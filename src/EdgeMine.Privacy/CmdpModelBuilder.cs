using EdgeMine.Model;

namespace EdgeMine.Privacy;

/// <summary>
/// Builds the finite CMDP of one miner with M tasks from the known dynamics (MODEL.md sections 2 and 5), over the
/// states of <see cref="PrivacyStateSpace"/> and the 2^M binary task vectors (bit m = task m offloads).
/// For each state and action:
/// <list type="bullet">
/// <item>D1 of every task is integrated over its bin by <c>quadraturePoints</c> midpoints per task (all combinations,
/// equal weights); D0 takes its bin's representative value; the MEC backlog Q is taken as 0.</item>
/// <item>Each point goes through <see cref="SlotModel.Evaluate"/>: c(s, a) and p(s, a) are the averages of the slot's
/// cost and privacy over the points, and each point's leftover D0(t+1) is binned.</item>
/// <item>P(s' | s, a) = (fraction of points whose next D0 bins are those of s') * (1 / bins)^M (D1 is uniform over
/// [d_min, d_max], so every equal-width bin is equally likely, independently per task and slot) * P(g' | g) (the
/// channel chain: channel_persistence to stay).</item>
/// </list>
/// Why Q = 0: for one miner the backlog stays zero as long as X * (bits offloaded in a slot) &lt;= F dt, which holds by two
/// orders of magnitude in both presets (X = 1000 or 18000 cycles/bit, at most a few hundred kbit per slot, F dt = 1e10).
/// Deadline misses are not part of the CMDP's cost (the reconstruction follows [28]: cost and privacy only).
/// </summary>
internal static class CmdpModelBuilder
{
    /// <summary>Binary actions of M tasks: 2^M.</summary>
    public static int ActionCount(int tasks) => 1 << tasks;

    /// <summary>The CMDP of a single miner with <paramref name="space"/>'s M tasks under <paramref name="parameters"/> and <paramref name="beta"/>.</summary>
    public static FiniteCmdp Build(PrivacyStateSpace space, ModelParameters parameters, double beta, int quadraturePoints = 4)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quadraturePoints);
        int tasks = space.Tasks;
        var slot = new SlotModel(parameters, miners: 1, tasksPerMiner: tasks, beta);
        int actions = ActionCount(tasks);
        int states = space.Count;
        int points = (int)Math.Pow(quadraturePoints, tasks);
        int arrivalCombinations = (int)Math.Pow(space.ArrivalBins, tasks);
        double pointWeight = 1.0 / points;
        double arrivalWeight = 1.0 / arrivalCombinations;
        double persistence = parameters.ChannelPersistence;

        var transitions = new Transition[states * actions][];
        var cost = new double[states * actions];
        var privacy = new double[states * actions];
        var arrivalBins = new int[tasks];
        var bufferedBins = new int[tasks];
        var nextArrivalBins = new int[tasks];
        var nextBufferedBins = new int[tasks];
        var buffered = new double[tasks];
        var arrived = new double[tasks];
        var action = new double[tasks];
        var outcomes = new TaskOutcome[tasks];
        bool[] channel = [false];
        var row = new SortedDictionary<int, double>();

        for (int s = 0; s < states; s++)
        {
            bool good = space.Decompose(s, arrivalBins, bufferedBins);
            channel[0] = good;
            for (int m = 0; m < tasks; m++)
            {
                buffered[m] = space.BufferedRepresentativeBits(bufferedBins[m]);
            }

            for (int a = 0; a < actions; a++)
            {
                ActionSpace.DecodeBinary(a, action);
                double costSum = 0, privacySum = 0;
                row.Clear();
                for (int point = 0; point < points; point++)
                {
                    // Point index in mixed radix: digit m is task m's quadrature point.
                    int rest = point;
                    for (int m = tasks - 1; m >= 0; m--)
                    {
                        arrived[m] = space.ArrivalQuadratureBits(arrivalBins[m], rest % quadraturePoints, quadraturePoints);
                        rest /= quadraturePoints;
                    }

                    var metrics = slot.Evaluate(buffered, arrived, channel, 0, action, outcomes);
                    costSum += metrics.Cost;
                    privacySum += metrics.Privacy;
                    for (int m = 0; m < tasks; m++)
                    {
                        nextBufferedBins[m] = space.BufferedBin(outcomes[m].NextBufferedBits);
                    }

                    for (int arrivals = 0; arrivals < arrivalCombinations; arrivals++)
                    {
                        int digits = arrivals;
                        for (int m = tasks - 1; m >= 0; m--)
                        {
                            nextArrivalBins[m] = digits % space.ArrivalBins;
                            digits /= space.ArrivalBins;
                        }

                        Add(row, space.Compose(nextArrivalBins, nextBufferedBins, good), pointWeight * arrivalWeight * persistence);
                        Add(row, space.Compose(nextArrivalBins, nextBufferedBins, !good), pointWeight * arrivalWeight * (1 - persistence));
                    }
                }

                int pair = (s * actions) + a;
                cost[pair] = costSum * pointWeight;
                privacy[pair] = privacySum * pointWeight;
                transitions[pair] = row.Where(e => e.Value > 0).Select(e => new Transition(e.Key, e.Value)).ToArray();
            }
        }

        return new FiniteCmdp(states, actions, transitions, cost, privacy);
    }

    private static void Add(SortedDictionary<int, double> row, int state, double probability)
    {
        row[state] = row.TryGetValue(state, out double p) ? p + probability : probability;
    }
}
