using EdgeMine.Model;
using EdgeMine.Simulation;

namespace EdgeMine.Sequential;

/// <summary>
/// The Lagrangian relaxation of the MEC backlog (docs/sequential.md, "The upper bound"), where no cap can bind: each slot
/// is solved as if the backlog were empty, with a price <c>mu</c> on every offloaded cycle,
/// <c>U_mu(w) = max_x [r(w, x; Q = 0) - mu X sum Do(x)]</c>, and the MEC's capacity is paid back at <c>mu F dt</c> per slot.
/// For binary policies, <c>(1/T) sum_t r_t &lt;= (1/T) sum_t U_mu(w_t) + mu F dt + B(mu) / T</c> on every path, with
/// <c>B(mu) = mu a + mu^2 / (2 kappa')</c> (<see cref="Slack"/>). The exogenous path <c>w_t</c> (arrivals and channels) is the one
/// every policy meets on the same seed: it is replayed by stepping the environment with nothing offloaded, which keeps
/// <c>Q</c> and <c>D0</c> at 0 where no cap can bind.
/// </summary>
internal sealed class LagrangianRelaxation
{
    /// <summary>Bisection steps on log mu: the bracket of <see cref="BracketOctaves"/> octaves shrinks to 2^-20 of itself, far below the sampling noise.</summary>
    private const int BisectionSteps = 20;

    /// <summary>The bracket spans this many octaves below its top; a multiplier below it is taken as the bracket's bottom.</summary>
    private const int BracketOctaves = 20;

    private readonly ModelParameters _parameters;
    private readonly EnvironmentSettings _settings;
    private readonly PricedSlotSearch _search = new();
    private readonly SlotModel _model;

    public LagrangianRelaxation(ModelParameters parameters, EnvironmentSettings settings)
    {
        _parameters = parameters;
        _settings = settings with { EpisodeSlots = 0 };
        var model = new SlotModel(parameters, settings.Miners, settings.TasksPerMiner, settings.Beta);
        _model = model;
        BacklogCostPerCycle = QueueCostPerCycle(model);
        TaskCycles = parameters.MecCyclesPerBit * parameters.ArrivalMaxBits;
        SlotCycles = TaskCycles * model.Tasks;
    }

    /// <summary>
    /// kappa: the cost one offloaded task pays per cycle of backlog ahead of it, <c>beta P_circuit / (e_unit F) + (1 - beta) /
    /// (l_unit F)</c> for a binary offload (its latency is <c>Lo</c>, which holds <c>Q / F</c> [eqs. 1, 3], and its energy
    /// <c>P_circuit Q / F</c> [eq. 5]), measured with <see cref="SlotModel.ScoreTask"/> rather than restated.
    /// </summary>
    public double BacklogCostPerCycle { get; }

    /// <summary>The most cycles one task can offload in a slot when no cap binds: <c>X d_max</c>.</summary>
    public double TaskCycles { get; }

    /// <summary>The most cycles a slot can offload when no cap binds: <c>X N M d_max</c> (a in the slack, before a path is known).</summary>
    public double SlotCycles { get; }

    /// <summary>
    /// <c>B(mu) = mu a + mu^2 / (2 kappa')</c>, <c>kappa' = kappa / (X d_max)</c>: the most a path can gain, over the relaxed
    /// slots, from the backlog it leaves at its end (proof in docs/sequential.md), <c>a</c> the most cycles one slot of the
    /// path can offload (<paramref name="slotCycles"/>, <see cref="SlotCycles"/> when not given). Infinite when
    /// <c>kappa = 0</c> and <c>mu &gt; 0</c>.
    /// </summary>
    public double Slack(double multiplier, double? slotCycles = null)
    {
        if (multiplier == 0)
        {
            return 0;
        }

        double kappaPrime = BacklogCostPerCycle / TaskCycles;
        return kappaPrime > 0 ? (multiplier * (slotCycles ?? SlotCycles)) + (multiplier * multiplier / (2 * kappaPrime)) : double.PositiveInfinity;
    }

    /// <summary>d B / d mu.</summary>
    private double SlackSlope(double multiplier)
    {
        double kappaPrime = BacklogCostPerCycle / TaskCycles;
        return kappaPrime > 0 ? SlotCycles + (multiplier / kappaPrime) : double.PositiveInfinity;
    }

    /// <summary>
    /// Replays <paramref name="runs"/> runs of <paramref name="slots"/> slots of evaluation seed <paramref name="seed"/>
    /// (run r meets the arrivals and channels of <see cref="PolicyEvaluation.EnvironmentSeed"/>) and returns each run's mean
    /// <c>U_mu</c>, mean offloaded cycles of the relaxed slots' best actions, and the most cycles any action could
    /// offload in one of its slots (<c>X sum D1</c>).
    /// </summary>
    public (double[] MeanValue, double[] MeanCycles, double[] MostSlotCycles) Pass(double multiplier, int runs, long slots, ulong seed, CancellationToken cancellation = default)
    {
        var environment = new MiningEnvironment(_parameters, _settings);
        var action = new double[environment.ActionSpace.Dimension];
        var none = new double[action.Length];
        var prices = new SlotPrices(multiplier, 0);
        var value = new double[runs];
        var cycles = new double[runs];
        var most = new double[runs];
        for (int run = 0; run < runs; run++)
        {
            environment.Reset(PolicyEvaluation.EnvironmentSeed(seed, run));
            double sumValue = 0, sumCycles = 0;
            for (long t = 0; t < slots; t++)
            {
                double slotBits = 0;
                foreach (double d1 in environment.ArrivedBits)
                {
                    slotBits += d1;
                }

                most[run] = Math.Max(most[run], slotBits * _parameters.MecCyclesPerBit);
                // At Q = 0 the search's objective is r - mu (X sum Do - F dt) = U_mu + mu F dt.
                sumValue += _search.Search(environment, prices, linearBacklog: true, action) - (multiplier * _parameters.MecCyclesPerSlot);
                sumCycles += _search.LastOffloadedCycles;

                environment.Step(none);
                if ((t & 1023) == 1023)
                {
                    cancellation.ThrowIfCancellationRequested();
                }
            }

            value[run] = sumValue / slots;
            cycles[run] = sumCycles / slots;
        }

        return (value, cycles, most);
    }

    /// <summary>
    /// The multiplier minimising the mean bound <c>mean U_mu + mu F dt + B(mu) / horizon</c> over the sample (runs x
    /// slots of <paramref name="seed"/>); <paramref name="horizon"/> infinite for the long-run bound. The objective is
    /// convex in mu with subgradient <c>F dt - mean cycles(mu) + B'(mu) / horizon</c>, bisected on log mu from the price at
    /// which no task is offloaded; 0 when the subgradient at 0 is already &gt;= 0.
    /// </summary>
    public double Multiplier(double horizon, int runs, long slots, ulong seed, CancellationToken cancellation = default)
    {
        double capacity = _parameters.MecCyclesPerSlot;
        double Subgradient(double mu)
        {
            var (_, cycles, _) = Pass(mu, runs, slots, seed, cancellation);
            double slope = double.IsPositiveInfinity(horizon) || mu == 0 ? 0 : SlackSlope(mu) / horizon;
            return capacity - cycles.Average() + slope;
        }

        if (Subgradient(0) >= 0)
        {
            return 0;
        }

        // The bracket's top: from the largest gain per cycle of a mean-size task, doubled until the subgradient is >= 0.
        double high = Math.Max(LookaheadTuning.Scales(_model).PerCycle, double.Epsilon);
        while (Subgradient(high) < 0)
        {
            high *= 2;
            if (high > 1e30)
            {
                throw new InvalidOperationException("no price per offloaded cycle stops offloading; the model's rewards are not finite");
            }
        }

        double low = high / Math.Pow(2, BracketOctaves);
        if (Subgradient(low) >= 0)
        {
            return low;
        }

        for (int step = 0; step < BisectionSteps; step++)
        {
            double middle = Math.Sqrt(low * high);
            if (Subgradient(middle) < 0)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        return Math.Sqrt(low * high);
    }

    /// <summary>kappa of <see cref="BacklogCostPerCycle"/>: one binary offload's cost at Q = F dt minus at Q = 0, over F dt.</summary>
    private static double QueueCostPerCycle(SlotModel model)
    {
        var p = model.Parameters;
        var o = new TaskOutcome { ChannelGood = true, ArrivedBits = p.ArrivalMeanBits, OffloadFraction = 1, ServedOffloadBits = p.ArrivalMeanBits };
        var atEmpty = o;
        model.ScoreTask(ref atEmpty, 1, 0);
        var behind = o;
        double backlogCycles = p.MecCyclesPerSlot;
        model.ScoreTask(ref behind, 1, backlogCycles / p.MecCapacityHz);
        return (behind.Cost - atEmpty.Cost) / backlogCycles;
    }
}
