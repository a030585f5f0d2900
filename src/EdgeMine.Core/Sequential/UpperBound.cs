using System.Globalization;
using EdgeMine.Model;
using EdgeMine.Schemes;
using EdgeMine.Simulation;

namespace EdgeMine.Sequential;

/// <summary>
/// The upper bound of MODEL.md section 13 (<c>upper-bound</c>): on every run of an evaluation, a number no binary policy's
/// mean reward per slot can exceed on that run, computed on the same seeds (the same arrivals and channels). It is the
/// Lagrangian relaxation of the MEC backlog (<see cref="LagrangianRelaxation"/>, proof in docs/sequential.md):
/// <c>(1/T) sum_t U_mu(w_t) + mu F dt + B(mu) / T</c>, with <c>mu</c> chosen on the tuning seed to make it smallest at this
/// T. With <c>mu = 0</c> it is the per-slot optimum as if the MEC were always empty. It holds wherever no cap can bind
/// (<see cref="CarryOver.CapsCanBind"/> false); elsewhere it is out of reach and says so. It is a yardstick, not a
/// policy: only its reward is defined, every other metric is NaN (null in JSON).
/// </summary>
public sealed record UpperBound
{
    /// <summary>The name on the command line and in results.</summary>
    public const string Name = "upper-bound";

    /// <summary>The bound per run as a summary: the reward is the bound, every other metric NaN.</summary>
    public required PolicySummary Summary { get; init; }

    /// <summary>mu, the price per offloaded cycle (0: the per-slot optimum at an empty MEC).</summary>
    public required double MultiplierPerCycle { get; init; }

    /// <summary>B(mu) / T averaged over the runs: the part of the bound that pays for the backlog a run may leave at its end.</summary>
    public required double SlackPerSlot { get; init; }

    /// <summary>
    /// The bound without its slack, <c>mean U_mu + mu F dt</c> over each run: for T to infinity, the long-run average reward
    /// of every binary policy is at most its expectation (the slack vanishes). An estimate of it, with its interval.
    /// </summary>
    public required Estimate LongRun { get; init; }

    /// <summary>What a reader needs beside the number, by key.</summary>
    public IReadOnlyDictionary<string, string> Notes => new Dictionary<string, string>
    {
        ["kind"] = "upper bound, not a policy: no binary policy's mean reward per slot exceeds it on any of these runs",
        ["method"] = MultiplierPerCycle == 0
            ? "the per-slot optimum as if the MEC backlog were always 0 (reward falls with Q; no cap can bind)"
            : "Lagrangian relaxation of the MEC backlog: max over x of r(Q = 0) - mu X sum Do, plus mu F dt, plus B(mu)/T (docs/sequential.md)",
        ["multiplier_per_cycle"] = MultiplierPerCycle.ToString("R", CultureInfo.InvariantCulture),
        ["slack_per_slot"] = SlackPerSlot.ToString("R", CultureInfo.InvariantCulture),
        ["long_run_bound"] = string.Create(CultureInfo.InvariantCulture, $"{LongRun.Mean:F4} ± {LongRun.HalfWidth:F4} (without the slack: bounds the average reward as T grows without end)"),
        ["multiplier_tuned_on"] = string.Create(CultureInfo.InvariantCulture, $"seed {SequentialTuning.Seed}, {SequentialTuning.Runs} runs"),
    };

    /// <summary>Why the bound does not hold for the instance, or null when it does.</summary>
    public static string? OutOfReach(ModelParameters parameters, EnvironmentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(settings);
        var carry = CarryOver.Of(parameters, settings.Miners, settings.TasksPerMiner);
        return carry.CapsCanBind
            ? string.Create(CultureInfo.InvariantCulture, $"{Name}: out of reach at N = {settings.Miners}, M = {settings.TasksPerMiner}: a local or upload cap can bind (M d_max = {settings.TasksPerMiner * parameters.ArrivalMaxBits:G4} bits above a cap), and the bound holds only where buffers stay empty; allowed: instances where no cap can bind")
            : null;
    }

    /// <summary>
    /// The bound on <paramref name="runs"/> runs of <paramref name="slots"/> slots of evaluation seed <paramref name="seed"/>
    /// (run r meets the arrivals and channels every policy meets in run r). Throws <see cref="ConfigurationException"/>
    /// where it is out of reach.
    /// </summary>
    public static UpperBound Compute(ModelParameters parameters, EnvironmentSettings settings, int runs, long slots, ulong seed, CancellationToken cancellation = default)
    {
        if (OutOfReach(parameters, settings) is { } reason)
        {
            throw new ConfigurationException(reason);
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(runs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(slots);
        var relaxation = new LagrangianRelaxation(parameters, settings);
        int tasks = settings.Miners * settings.TasksPerMiner;
        double mu = CarryOver.Of(parameters, settings.Miners, settings.TasksPerMiner).BacklogCanCarry
            ? relaxation.Multiplier(slots, SequentialTuning.Runs, SequentialTuning.Slots(tasks), SequentialTuning.Seed, cancellation)
            : 0; // Q stays 0 under every policy: the per-slot optimum is the bound, exactly
        var (value, _, most) = relaxation.Pass(mu, runs, slots, seed, cancellation);
        var perRun = Metrics.Base.ToDictionary(m => m, _ => Enumerable.Repeat(double.NaN, runs).ToArray());
        var longRun = new double[runs];
        var slack = new double[runs];
        for (int r = 0; r < runs; r++)
        {
            longRun[r] = value[r] + (mu * parameters.MecCyclesPerSlot);
            slack[r] = relaxation.Slack(mu, most[r]) / slots;
            perRun[Metrics.Reward][r] = longRun[r] + slack[r];
        }

        return new UpperBound
        {
            Summary = PolicyEvaluation.Summarise(Name, perRun, slots, new RunShape(tasks, parameters.SlotSeconds)),
            MultiplierPerCycle = mu,
            SlackPerSlot = slack.Average(),
            LongRun = Estimate.Of(longRun),
        };
    }

    /// <summary>
    /// <paramref name="comparison"/> with the bound of its runs appended as one more entry, with its yardsticks against
    /// the comparison's baselines (an optimality ratio above 1 says how far above the per-slot optimum it lies).
    /// </summary>
    public static Comparison AppendTo(Comparison comparison, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var setup = comparison.Setup;
        var bound = Compute(setup.Parameters, setup.Settings, setup.Runs, setup.Slots, setup.Seed, cancellation);
        var yardsticks = comparison.References.Of(bound.Summary.PerRun[Metrics.Reward], fractionalActions: false);
        return comparison with { Policies = [.. comparison.Policies, new ComparedPolicy(Name, bound.Summary, yardsticks, bound.Notes)] };
    }
}
