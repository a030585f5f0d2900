using System.Globalization;

namespace EdgeMine.Learning.Tabular;

/// <summary>
/// RLO's settings: MODEL.md section 7 (learning rate 0.1, discount 0.85, 5 bins for D1), and the options of issue 20
/// ("RLO gets no fair chance") and issue 22 ("RLO with the backlog in its state"), whose defaults keep the paper's RLO.
/// The tabular privacy baselines take the same defaults from here, so that comparing them with RLO isolates their own
/// techniques. <see cref="Keys"/> lists what <c>--learner key=value</c> may change.
/// </summary>
public sealed record QLearningOptions
{
    /// <summary>Q-learning step size (MODEL.md: 0.1).</summary>
    public const double DefaultLearningRate = 0.1;

    /// <summary>Discount factor (the paper's 0.85, shared with DRLO).</summary>
    public const double DefaultDiscount = 0.85;

    /// <summary>Equal-width bins of D1 over [d_min, d_max] (MODEL.md: d1_bins = 5).</summary>
    public const int DefaultArrivalBins = 5;

    /// <summary>The most D1 bins <c>d1_bins</c> takes.</summary>
    public const int MaxArrivalBins = 16;

    /// <summary>The most backlog bins (<see cref="BacklogBins"/>): the last one holds every backlog above 2^(bins - 3) slots (bin 0 an empty backlog, bin 1 up to 1 slot, bin k up to 2^(k - 1) for k below the last: <see cref="TabularQLearner.BacklogBin"/>).</summary>
    public const int MaxBacklogBins = 16;

    public double LearningRate { get; init; } = DefaultLearningRate;

    public double Discount { get; init; } = DefaultDiscount;

    public int ArrivalBins { get; init; } = DefaultArrivalBins;

    /// <summary>Each miner's reward: its own tasks' (default) or the slot's total.</summary>
    public RloReward Reward { get; init; } = RloReward.Own;

    /// <summary>What a state never met does (default: never offload, as before).</summary>
    public UnseenStateRule UnseenState { get; init; } = UnseenStateRule.NeverOffload;

    /// <summary>
    /// Bins of the MEC backlog q = Q / (F dt) appended to each miner's state (0: none, the paper's state): bin 0 an empty
    /// MEC, bin 1 0 &lt; q &lt;= 1 slot of its capacity, bin j &gt;= 2 2^(j-2) &lt; q &lt;= 2^(j-1), the last bin everything above.
    /// The buffers D0 are in the state already (MODEL.md section 7).
    /// </summary>
    public int BacklogBins { get; init; }

    /// <summary>The defaults: the paper's RLO.</summary>
    public static QLearningOptions Default { get; } = new();

    /// <summary>The keys <c>--learner key=value</c> may set for RLO, each with what it allows and how its text is read.</summary>
    public static IReadOnlyList<LearnerOptionKey<QLearningOptions>> Keys { get; } =
    [
        new("learning_rate", "a number in (0, 1]", (o, v) => o with { LearningRate = LearnerOptionKeys.Double(v, unit: true) })
        {
            Tuning = LearnerKeyTuning.Ours("MODEL.md section 7 choice: 0.1 (the paper names the rate alpha in Alg. 1 but gives no value)", TuningRange.Log(0.02, 0.5)),
            Read = o => o.LearningRate.ToString("R", CultureInfo.InvariantCulture),
        },
        new("discount", "a number in [0, 1]", (o, v) => o with { Discount = LearnerOptionKeys.Double(v, unit: true, zero: true) })
        {
            Tuning = LearnerKeyTuning.Paper("paper Sec. IV-A: discount factor 0.85 (stated with the DQN; MODEL.md section 7 gives it to RLO, and issue 20 judges RLO at the paper's 0.85)"),
            Read = o => o.Discount.ToString("R", CultureInfo.InvariantCulture),
        },
        new("reward", "own or team", (o, v) => o with { Reward = v switch { "own" => RloReward.Own, "team" => RloReward.Team, _ => throw new FormatException() } })
        {
            Tuning = LearnerKeyTuning.Ablation("paper Sec. II-D: each miner acts as an agent on its own reward; the team reward is the ablations' subject (issue 20 item 3)"),
        },
        new("unseen_state", "never-offload or nearest", (o, v) => o with { UnseenState = v switch { "never-offload" => UnseenStateRule.NeverOffload, "nearest" => UnseenStateRule.Nearest, _ => throw new FormatException() } })
        {
            Tuning = LearnerKeyTuning.Ablation("a rule for states never met (issue 20): the ablations' subject, not a tuned value"),
        },
        new("backlog_bins", string.Create(CultureInfo.InvariantCulture, $"0 (off) or an integer from 2 to {MaxBacklogBins}"), (o, v) => o with { BacklogBins = LearnerOptionKeys.Int(v, zero: true) is var b && b != 1 && b <= MaxBacklogBins ? b : throw new FormatException() })
        {
            Tuning = LearnerKeyTuning.Ablation("the MEC backlog in RLO's state (issue 22): a change of the paper's state, not a tuned value"),
        },
        new("d1_bins", string.Create(CultureInfo.InvariantCulture, $"an integer from 2 to {MaxArrivalBins}"), (o, v) => o with { ArrivalBins = LearnerOptionKeys.Int(v) is var b && b >= 2 && b <= MaxArrivalBins ? b : throw new FormatException() })
        {
            Tuning = LearnerKeyTuning.Ours("MODEL.md section 7 choice: d1_bins = 5 equal bins of D1 (the paper gives no discretisation)", TuningRange.Choice("3", "5", "8")),
            Read = o => o.ArrivalBins.ToString(CultureInfo.InvariantCulture),
        },
    ];

    /// <summary>These options with <paramref name="changes"/> applied in order; a bad key or value is a <see cref="ConfigurationException"/> naming <paramref name="where"/>.</summary>
    public QLearningOptions With(IEnumerable<KeyValuePair<string, string>> changes, string where) => LearnerOptionKeys.Apply(this, Keys, changes, where);
}
