using System.Collections.Concurrent;
using System.Globalization;
using EdgeMine.Model;
using EdgeMine.Settings;
using EdgeMine.Simulation;

namespace EdgeMine.Sequential;

/// <summary>
/// Solves the MDP optimum of an instance within reach (MODEL.md section 13; docs/sequential.md): a single miner whose
/// caps cannot bind (carried state: channel and backlog, <see cref="BacklogMdp"/>), or a single miner with M &lt;= 2 whose
/// caps can bind but whose backlog cannot carry (channel and buffers, <see cref="BufferMdp"/>). The grid's top grows
/// (doubles) until the solved policy, simulated on the tuning seed, stays below half of it. Solutions are kept per
/// (parameters, M, beta, grid) for the process.
/// </summary>
internal static class MdpOptimum
{
    private static readonly ConcurrentDictionary<(ModelParameters Parameters, int Tasks, double Beta, MdpGrid Grid), Lazy<Solved>> Cache = new();

    /// <summary>A solved MDP: the model, its relative values, and how to act on them.</summary>
    internal sealed record Solved(ICarriedStateModel Model, RelativeValueIteration.Solution Solution, double Reach, string GridText, CarryOver CarryOver)
    {
        /// <summary>Every grid solved on the way, in order: its top, the gain on it, and the largest state the policy met.</summary>
        public IReadOnlyList<(double Top, double Gain, double Reach)> Trail { get; init; } = [];

        private readonly double[] _nextGood = Solution.NextValue(true, Model.ChannelPersistence);
        private readonly double[] _nextBad = Solution.NextValue(false, Model.ChannelPersistence);

        /// <summary>The expected next value given the current channel.</summary>
        public double[] NextValue(bool good) => good ? _nextGood : _nextBad;
    }

    /// <summary>Why the instance is out of reach of the dynamic programme, in one line, or null.</summary>
    public static string? OutOfReach(ModelParameters parameters, EnvironmentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(settings);
        const string Name = MdpOptimalPolicy.PolicyName;
        int n = settings.Miners, m = settings.TasksPerMiner;
        string Refuse(string why, string allowed) => string.Create(CultureInfo.InvariantCulture, $"{Name}: out of reach at N = {n}, M = {m}: {why}; allowed: {allowed}");
        if (n != 1)
        {
            return Refuse("the carried state is low-dimensional only for a single miner", "N = 1 (beyond, use lookahead and upper-bound)");
        }

        if (parameters.DeadlinePenalty != 0)
        {
            return Refuse(string.Create(CultureInfo.InvariantCulture, $"deadline_penalty = {parameters.DeadlinePenalty:R} makes a task's reward step with the backlog"), "deadline_penalty = 0");
        }

        var carry = CarryOver.Of(parameters, n, m);
        if (carry.CapsCanBind && carry.BacklogCanCarry)
        {
            return Refuse("both the buffers and the MEC backlog carry over", "instances where at most one of them can");
        }

        if (carry.CapsCanBind && m > BufferMdp.MaxTasks)
        {
            return Refuse("the buffers carry over, one grid dimension per task", string.Create(CultureInfo.InvariantCulture, $"M <= {BufferMdp.MaxTasks} where a cap can bind"));
        }

        if (!carry.CapsCanBind && m > BacklogMdpMaxTasks)
        {
            return Refuse("each slot's search enumerates the 2^M task subsets", string.Create(CultureInfo.InvariantCulture, $"M <= {BacklogMdpMaxTasks}"));
        }

        return null;
    }

    /// <summary>Most tasks of the single-miner backlog MDP: its backup bins the 2^M subset sums of every sample.</summary>
    public const int BacklogMdpMaxTasks = 16;

    /// <summary>The solved MDP of the instance on <paramref name="grid"/>, computed on first request and kept for the process.</summary>
    public static Solved For(ModelParameters parameters, EnvironmentSettings settings, MdpGrid grid) =>
        Cache.GetOrAdd((parameters, settings.TasksPerMiner, settings.Beta, grid), _ => new Lazy<Solved>(() => Solve(parameters, settings, grid))).Value;

    /// <summary>Solves without the cache (for the grid-error measurements). Throws <see cref="ConfigurationException"/> when out of reach.</summary>
    public static Solved Solve(ModelParameters parameters, EnvironmentSettings settings, MdpGrid grid)
    {
        if (OutOfReach(parameters, settings) is { } reason)
        {
            throw new ConfigurationException(reason);
        }

        var model = new SlotModel(parameters, 1, settings.TasksPerMiner, settings.Beta);
        var carry = CarryOver.Of(parameters, 1, settings.TasksPerMiner);
        return carry.CapsCanBind ? SolveBuffers(model, grid, carry) : SolveBacklog(model, grid, carry);
    }

    private static Solved SolveBacklog(SlotModel model, MdpGrid grid, CarryOver carry)
    {
        int steps = grid.BacklogStepsPerCapacity;
        int first = carry.BacklogCanCarry ? (grid.InitialTopCapacities * steps) + 1 : 1;
        return SolveGrowing(
            model,
            grid,
            carry,
            first,
            points => new BacklogMdp(model, points, steps, grid.Samples, grid.SampleSeed),
            mdp =>
            {
                var backlog = (BacklogMdp)mdp;
                return mdp.Points == 1
                    ? $"Q = 0 only (the backlog cannot carry over) x channel; {backlog.SamplesText}"
                    : string.Create(CultureInfo.InvariantCulture, $"Q in [0, {backlog.Top:G4}] cycles, step {backlog.Step:G4} (F dt / {steps}), {mdp.Points} points x channel; {backlog.SamplesText}");
            },
            mdp => ((BacklogMdp)mdp).Top,
            environment => environment.MecBacklogCycles,
            "backlog",
            "cycles");
    }

    private static Solved SolveBuffers(SlotModel model, MdpGrid grid, CarryOver carry)
    {
        double step = model.Parameters.ArrivalMeanBits / grid.BufferStepsPerMeanArrival;
        int first = (grid.InitialTopArrivals * grid.BufferStepsPerMeanArrival) + 1;
        return SolveGrowing(
            model,
            grid,
            carry,
            first,
            perTask => new BufferMdp(model, perTask, step, grid.BufferSamples, grid.SampleSeed),
            mdp =>
            {
                var buffers = (BufferMdp)mdp;
                return string.Create(CultureInfo.InvariantCulture, $"D0 per task in [0, {buffers.Top:G4}] bits, step {step:G4}, {buffers.PointsPerTask} points per task ({mdp.Points} in all) x channel; {buffers.SamplesText}");
            },
            mdp => ((BufferMdp)mdp).Top,
            environment =>
            {
                double most = 0;
                foreach (double d0 in environment.BufferedBits)
                {
                    most = Math.Max(most, d0);
                }

                return most;
            },
            "buffers",
            "bits");
    }

    /// <summary>
    /// Solves on grids of growing top (per dimension 2 (n - 1) + 1 points, the same step) until two in a row hold the
    /// solved policy below half their top in the tuning runs and give the same gain (within
    /// <see cref="MdpGrid.TopTolerance"/>): then the reflecting top changes nothing measurable. Refused when the largest grid does not get there (an optimal policy whose
    /// backlog or buffers grow without bound).
    /// </summary>
    private static Solved SolveGrowing(
        SlotModel model,
        MdpGrid grid,
        CarryOver carry,
        int firstPointsPerDimension,
        Func<int, ICarriedStateModel> create,
        Func<ICarriedStateModel, string> describe,
        Func<ICarriedStateModel, double> top,
        Func<MiningEnvironment, double> measure,
        string what,
        string unit)
    {
        int perDimension = firstPointsPerDimension;
        var trail = new List<(double Top, double Gain, double Reach)>();
        Solved? contained = null;
        RelativeValueIteration.Solution? warm = null;
        int previousPerDimension = 0;
        while (true)
        {
            var mdp = create(perDimension);
            var start = warm is null ? ((double[], double[])?)null : (Extend(warm.Good, previousPerDimension, perDimension, model.TasksPerMiner, what), Extend(warm.Bad, previousPerDimension, perDimension, model.TasksPerMiner, what));
            var solution = RelativeValueIteration.Solve(mdp, grid.RelativeTolerance, start);
            var solved = new Solved(mdp, solution, 0, describe(mdp), carry);
            if (mdp.Points == 1)
            {
                return solved;
            }

            double reach = Reach(model, solved, measure);
            double height = top(mdp);
            trail.Add((height, solution.Gain, reach));
            if (reach <= 0.5 * height)
            {
                solved = solved with { Reach = reach / height, Trail = [.. trail] };
                if (contained is not null && Math.Abs(solution.Gain - contained.Solution.Gain) <= grid.TopTolerance * Math.Max(1, Math.Abs(solution.Gain)))
                {
                    return solved;
                }

                contained = solved;
            }
            else
            {
                contained = null;
            }

            int wider = (2 * (perDimension - 1)) + 1;
            if (wider > MdpGrid.MaxPointsPerDimension || Math.Pow(wider, what == "buffers" ? model.TasksPerMiner : 1) > grid.MaxPoints)
            {
                throw new ConfigurationException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{MdpOptimalPolicy.PolicyName}: out of reach at N = 1, M = {model.TasksPerMiner}: the optimal policy's {what} grow without bound (no grid up to {height:G4} {unit} holds them: they reach {reach:G4}, or the gain still changes when the top doubles); allowed: instances whose optimal {what} stay bounded"));
            }

            warm = solution;
            previousPerDimension = perDimension;
            perDimension = wider;
        }
    }

    /// <summary>The largest carried state (by <paramref name="measure"/>) the solved policy meets in the tuning runs.</summary>
    private static double Reach(SlotModel model, Solved solved, Func<MiningEnvironment, double> measure)
    {
        var environment = new MiningEnvironment(model.Parameters, RunSettings.Shape(1, model.TasksPerMiner, model.Beta, s => s.Key));
        var policy = new MdpOptimalPolicy(solved);
        var action = new double[model.Tasks];
        long slots = SequentialTuning.Slots(model.Tasks);
        double reach = 0;
        for (int run = 0; run < SequentialTuning.Runs; run++)
        {
            environment.Reset(PolicyEvaluation.EnvironmentSeed(SequentialTuning.Seed, run));
            for (long t = 0; t < slots; t++)
            {
                policy.Act(environment, action);
                environment.Step(action);
                reach = Math.Max(reach, measure(environment));
            }
        }

        return reach;
    }

    /// <summary>
    /// A warm start on a wider grid of the same step: each new point takes the value of the old point nearest to it (its
    /// coordinates clamped to the old grid), per dimension (one for the backlog, M for the buffers).
    /// </summary>
    private static double[] Extend(double[] values, int oldPerDimension, int newPerDimension, int tasks, string what)
    {
        int dimensions = what == "buffers" ? tasks : 1;
        int count = (int)Math.Pow(newPerDimension, dimensions);
        var extended = new double[count];
        for (int j = 0; j < count; j++)
        {
            int rest = j, old = 0, stride = 1;
            for (int d = 0; d < dimensions; d++)
            {
                old += Math.Min(rest % newPerDimension, oldPerDimension - 1) * stride;
                rest /= newPerDimension;
                stride *= oldPerDimension;
            }

            extended[j] = values[old];
        }

        return extended;
    }
}
