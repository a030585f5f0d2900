using EdgeMine.Model;

namespace EdgeMine.Policies;

/// <summary>
/// The fractional per-slot optimum (MODEL.md section 7, not in the paper): the action in [0, 1]^(N M) that maximises
/// this slot's reward, computed from the full state. It bounds every scheme, partial offloaders included; the gap to
/// the binary <see cref="PerSlotOptimum"/> is what the paper's binary action set [eq. 13a] costs.
/// <para>
/// Given the set of offloading tasks (so K and the CPU share f = F / K are fixed), each task's reward is piecewise
/// linear in its own x: served bits Do = min(x D, U) and Dl = min((1 - x) D, Lc) kink where a cap starts to bind,
/// upload, processing and local latency are linear in the served bits, L = max(Lo, Ll) kinks where they meet (with
/// both uncapped, or with Dl capped; with Do capped, Lo &gt;= U / rate = dt &gt;= Ll, so they never meet), usage
/// privacy |D0 - Do| kinks at x = D0 / D [eq. 8] (under <see cref="UsagePrivacyForm.Withheld"/>, |D0 + D1 - Do| is
/// linear since Do &lt;= D), the deadline penalty [eq. 13b] jumps where Lo or Ll reaches tau, and location privacy and
/// queuing [eqs. 3, 9] switch on as soon as x &gt; 0. So each task's best x given K is one of the breakpoints: just above 0 (<see cref="JustAboveZero"/>), the
/// two balance points Lo = Ll, x = D0 / D, the caps' kinks, the deadline points, or 1. For every K the K tasks with
/// the largest gains (best offloaded reward minus local reward) are taken, the candidate is scored with the true slot
/// physics, and the best K is kept; the binary optimum's action is a candidate too, so this is never below it.
/// </para>
/// <para>
/// Exact (up to <see cref="JustAboveZero"/>) whenever every miner whose data can exceed a cap has one task (M = 1, or
/// no cap can bind): task rewards are then separable given K, each with the miner's whole capacity, and the scan over K
/// is complete. When a miner with two or more tasks can exceed a cap, its tasks compete for the capacity (spent in task
/// order), each cap's kink is computed as if the task were alone, and the result is a heuristic: the slot is labelled
/// inexact (<see cref="LastActionExact"/>, <see cref="Exactness"/>) with no bound on the loss. It is still never below
/// the binary optimum's action, which is exact within <see cref="PerSlotOptimum.WorkBudget"/>.
/// </para>
/// <para>
/// It keeps a sort and a full scoring per K rather than the binary optimum's linear-time selection with its early stop
/// (<see cref="PerSlotOptimum.SearchByOffloadCount"/>): that stop needs every gain to fall with K, which holds for a
/// fully offloaded task but not for a partial one whose local part sets its latency, L = Ll: its offloaded cost then
/// only holds the MEC energy gamma F^2 X Do / K^2, which falls with K. The per-task breakpoint search dominates the cost
/// per K anyway, so the selection alone would save little.
/// </para>
/// </summary>
public sealed class PerSlotFractionalOptimum : IPerSlotOptimum
{
    /// <summary>
    /// "Just above 0": the fraction offloaded when a task should count among the K offloaded ones (and earn location
    /// privacy in a bad channel, eq. 9) while sending as little as possible. 1e-6 of a task's data is well under a bit
    /// per kbit; its own latency and energy are negligible beside every other term.
    /// </summary>
    public const double JustAboveZero = 1e-6;

    private readonly PerSlotOptimum _binary = new();
    private double[] _candidate = [];
    private double[] _best = [];
    private double[] _fraction = [];
    private double[] _negativeGain = [];
    private double[] _localReward = [];
    private int[] _order = [];
    private TaskOutcome[] _outcomes = [];

    public string Name => "optimal-fractional";

    /// <inheritdoc/>
    public bool LastActionExact { get; private set; } = true;

    /// <inheritdoc/>
    public OptimumExactness Exactness { get; private set; }

    public void Reset(ulong seed) => _binary.Reset(seed);

    public void Act(MiningEnvironment environment, Span<double> action)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var model = environment.Model;
        int tasks = model.Tasks;
        if (_candidate.Length != tasks)
        {
            _candidate = new double[tasks];
            _best = new double[tasks];
            _fraction = new double[tasks];
            _negativeGain = new double[tasks];
            _localReward = new double[tasks];
            _order = new int[tasks];
            _outcomes = new TaskOutcome[tasks];
        }

        // The binary optimum is a candidate: the fractional one is never below it.
        _binary.Act(environment, _best);
        _best.CopyTo(_candidate, 0);
        double bestReward = Score(environment);

        // Every task local (K = 0): each task's local reward, which does not depend on K.
        Array.Clear(_candidate);
        double reward = Score(environment);
        if (reward > bestReward)
        {
            bestReward = reward;
            _candidate.CopyTo(_best, 0);
        }

        for (int i = 0; i < tasks; i++)
        {
            _localReward[i] = model.TaskReward(_outcomes[i]);
        }

        double queuingSeconds = environment.MecBacklogCycles / model.Parameters.MecCapacityHz;
        for (int k = 1; k <= tasks; k++)
        {
            for (int i = 0; i < tasks; i++)
            {
                _fraction[i] = BestFraction(environment, i, k, queuingSeconds, out double offloaded);
                _negativeGain[i] = _localReward[i] - offloaded;
                _order[i] = i;
            }

            // Largest gains first; Array.Sort is deterministic for equal keys, so the run stays reproducible.
            Array.Sort(_negativeGain, _order);
            Array.Clear(_candidate);
            for (int j = 0; j < k; j++)
            {
                _candidate[_order[j]] = _fraction[_order[j]];
            }

            reward = Score(environment);
            if (reward > bestReward)
            {
                bestReward = reward;
                _candidate.CopyTo(_best, 0);
            }
        }

        bool exact = model.TasksPerMiner == 1 || !PerSlotOptimum.AnyCapCanBind(environment);
        LastActionExact = exact;
        Exactness = Exactness.Add(exact, double.PositiveInfinity);
        _best.CopyTo(action);
    }

    /// <summary>The reward of <see cref="_candidate"/> in the environment's current state (true slot physics, caps included).</summary>
    private double Score(MiningEnvironment environment) =>
        environment.Model.Evaluate(environment.BufferedBits, environment.ArrivedBits, environment.ChannelGood, environment.MecBacklogCycles, _candidate, _outcomes).Reward;

    /// <summary>
    /// Task <paramref name="task"/>'s best fraction when it is one of <paramref name="offloadedTasks"/> offloaded tasks,
    /// among its breakpoints, and its reward there (caps taken as the task's alone).
    /// </summary>
    private static double BestFraction(MiningEnvironment environment, int task, int offloadedTasks, double queuingSeconds, out double bestReward)
    {
        var model = environment.Model;
        var p = model.Parameters;
        bool good = environment.ChannelGood[task / model.TasksPerMiner];
        double d0 = environment.BufferedBits[task], d1 = environment.ArrivedBits[task];
        double dataBits = d0 + d1;
        bestReward = double.NegativeInfinity;
        if (!(dataBits > 0))
        {
            return 0; // nothing to offload: the task stays out of K
        }

        double uploadCapBits = p.UploadRateBps(good) * p.SlotSeconds;
        double localCapBits = p.LocalCapacityBitsPerSlot;
        double offloadSecondsPerFraction = dataBits * ((1 / p.UploadRateBps(good)) + (p.MecCyclesPerBit * offloadedTasks / p.MecCapacityHz));
        double localSecondsPerFraction = dataBits * p.LocalSecondsPerBit;

        // Lo(x) = x * offloadSecondsPerFraction + Lq and Ll(x) = (1 - x) * localSecondsPerFraction meet at the balance
        // point; with the local part capped (Dl = Lc, so Ll = Lc t_local = dt) Lo meets that constant at a second one. With
        // the upload capped they never meet inside: Lo >= U / rate = dt >= Ll there.
        ReadOnlySpan<double> breakpoints =
        [
            JustAboveZero,
            1,
            d0 / dataBits,
            (localSecondsPerFraction - queuingSeconds) / (offloadSecondsPerFraction + localSecondsPerFraction),
            ((localCapBits / dataBits * localSecondsPerFraction) - queuingSeconds) / offloadSecondsPerFraction,
            uploadCapBits / dataBits,
            1 - (localCapBits / dataBits),
            p.DeadlinePenalty > 0 ? Below((p.DeadlineSeconds - queuingSeconds) / offloadSecondsPerFraction) : 0,
            p.DeadlinePenalty > 0 ? 1 - Below(p.DeadlineSeconds / localSecondsPerFraction) : 0,
        ];
        double best = 1;
        foreach (double x in breakpoints)
        {
            if (!(x > 0 && x <= 1))
            {
                continue;
            }

            var o = new TaskOutcome
            {
                ChannelGood = good,
                BufferedBits = d0,
                ArrivedBits = d1,
                OffloadFraction = x,
                ServedOffloadBits = Math.Min(x * dataBits, uploadCapBits),
                ServedLocalBits = Math.Min((1 - x) * dataBits, localCapBits),
            };
            model.ScoreTask(ref o, offloadedTasks, queuingSeconds);
            double reward = model.TaskReward(o);
            if (reward > bestReward)
            {
                bestReward = reward;
                best = x;
            }
        }

        return best;
    }

    // A deadline point moved a hair inside, so that L = tau is not pushed over it by rounding (L > tau is a miss).
    private static double Below(double x) => x * (1 - 1e-12);
}
