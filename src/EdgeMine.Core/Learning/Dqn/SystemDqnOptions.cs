using System.Globalization;

namespace EdgeMine.Learning.Dqn;

/// <summary>
/// The settings of a DQN over the whole system's observation (<see cref="SystemDqn"/>: the paper's joint head, or the
/// branching head), the <c>paper</c> and <c>branching</c> variants of DRLO (MODEL.md section 7). Paper values
/// [Alg. 2]: hidden layers 300 and 200, discount 0.85, replay 1e5, batch 128, squared loss [eq. 17]. Choices of MODEL.md
/// section 9: Adam at 1e-3, target copied every 250 updates, gradient norm clipped at 10, one update per slot from
/// 1,000 stored transitions. The defaults of the properties are those values with the joint head: <see cref="Paper"/>.
/// </summary>
public sealed record SystemDqnOptions : DqnOptions
{
    /// <summary>Largest number of joint actions the joint head accepts (MODEL.md section 7: 2^(N M) &lt;= 4096).</summary>
    public const int JointActionLimit = 4096;

    /// <summary>The paper's network and discount [Alg. 2]: hidden layers 300 and 200, γ = 0.85.</summary>
    public SystemDqnOptions()
    {
        HiddenSizes = [300, 200];
        Discount = 0.85f;
    }

    public DqnLoss Loss { get; init; } = DqnLoss.Mse;

    /// <summary>Dueling streams (Wang et al. 2016): Q = V + A - mean(A), the mean taken per branch for branching heads.</summary>
    public bool Dueling { get; init; }

    public DqnHead Head { get; init; } = DqnHead.Joint;

    /// <summary>
    /// Branching head only: each task's branch learns from its difference reward (Wolpert and Tumer's credit
    /// assignment), the slot reward minus the reward the slot would have had with that task executed locally, computed
    /// with the known reward model (<see cref="OffloadAdvantage.ForOffloaded"/>) from the slot's own state; a task
    /// executed locally gets 0. Each branch then regresses on its own reward and its own bootstrap value,
    /// y_b = r_b + γ Q_target,b(s', a*_b), instead of the shared reward and the mean of the branches: it learns its task's
    /// marginal contribution to the whole system's reward, without the noise of every other task's decision.
    /// </summary>
    public bool DifferenceRewards { get; init; }

    /// <summary>
    /// The paper-faithful DQN (MODEL.md section 7): the paper's 300-200 ReLU network, discount 0.85, replay 1e5, batch 128,
    /// squared loss [eq. 17], a joint head over the 2^(N M) actions, target copied every 250 updates, one update per slot.
    /// </summary>
    public static SystemDqnOptions Paper { get; } = new();

    /// <summary>
    /// The <c>branching</c> variant, EdgeMine's default DRLO before issue 13: the paper's network, discount, replay, batch
    /// and schedule, with an action-branching head (one 2-way head per task on the shared trunk, so that it scales in N),
    /// Double DQN, difference rewards per branch, and a learning rate of 2e-4 instead of 1e-3. Chosen by measurement
    /// (docs/drlo.md): at N = 5, M = 2 the paper's DQN reaches an optimality ratio of 0.28; branching with Double DQN and
    /// the shared reward 0.86 at 1e-3 and 0.94-0.96 at 2e-4, but only 0.50-0.59 at N = 10; with difference rewards 0.95
    /// at N = 5 and N = 10.
    /// </summary>
    public static SystemDqnOptions Branching { get; } = new()
    {
        Head = DqnHead.Branching,
        DoubleDqn = true,
        DifferenceRewards = true,
        LearningRate = 2e-4f,
    };

    /// <summary>
    /// The options a configuration may change (<c>learner_options</c> of a training configuration) for the
    /// <c>branching</c> and <c>paper</c> variants, each with what it allows and how a value's text is read. The command
    /// line splits <c>key=value</c>; these keys parse the value.
    /// </summary>
    public static IReadOnlyList<LearnerOptionKey<SystemDqnOptions>> Keys { get; } = KeysInOrder<SystemDqnOptions>(
        string.Join(",", Paper.HiddenSizes),
        ["head", "double_dqn", "dueling", "difference_rewards", "learning_rate", "discount", "batch", "replay", "target_sync", "gradient_clip", "loss", "hidden", "learning_starts", "updates_per_slot"],
        SharedTuning,
        new("head", "joint or branching", (o, v) => o with { Head = v switch { "joint" => DqnHead.Joint, "branching" => DqnHead.Branching, _ => throw new FormatException() } })
        {
            Tuning = LearnerKeyTuning.Ablation("MODEL.md section 7: the paper does not say how its 2^(N M) actions are output; joint is the paper-faithful head, branching its stated substitute beyond 4,096 (a variant, not a tuned value)"),
            Read = o => o.Head == DqnHead.Joint ? "joint" : "branching",
        },
        new("dueling", "true or false", (o, v) => o with { Dueling = LearnerOptionKeys.Bool(v) })
        {
            Tuning = LearnerKeyTuning.Ablation("not in the paper's DQN [Alg. 2]: a technique of ours, switched by variant"),
            Read = o => o.Dueling ? "true" : "false",
        },
        new("difference_rewards", "true or false", (o, v) => o with { DifferenceRewards = LearnerOptionKeys.Bool(v) })
        {
            Tuning = LearnerKeyTuning.Ablation("uses the reward model (model-assisted), never the paper's DQN: the branching variant's technique"),
            Read = o => o.DifferenceRewards ? "true" : "false",
        },
        new("loss", "mse or huber", (o, v) => o with { Loss = v switch { "mse" => DqnLoss.Mse, "huber" => DqnLoss.Huber, _ => throw new FormatException() } })
        {
            Tuning = LearnerKeyTuning.Paper("paper eq. 17: the loss (y - Q)^2"),
            Read = o => o.Loss == DqnLoss.Mse ? "mse" : "huber",
        });

    /// <summary>
    /// How the paper's DQN marks the keys every DRLO variant shares (MODEL.md section 7; paper Sec. IV-A: "two hidden
    /// layers ... 300 and 200 neurons ... discount factor 0.85 ... replay memory capacity and training batch size ...
    /// 10^5 and 128"): those the paper states are never tuned; MODEL.md section 9's choices are tuned over ranges
    /// around them.
    /// </summary>
    private static Dictionary<string, LearnerKeyTuning> SharedTuning => new(StringComparer.Ordinal)
    {
        ["hidden"] = LearnerKeyTuning.Paper("paper Sec. IV-A: two hidden layers of 300 and 200 neurons"),
        ["discount"] = LearnerKeyTuning.Paper("paper Sec. IV-A: discount factor 0.85"),
        ["batch"] = LearnerKeyTuning.Paper("paper Sec. IV-A: training batch size 128"),
        ["replay"] = LearnerKeyTuning.Paper("paper Sec. IV-A: replay memory capacity 10^5"),
        ["learning_rate"] = LearnerKeyTuning.Ours("MODEL.md section 9 choice: Adam at 1e-3 (the paper gives no optimiser or rate)", TuningRange.Log(1e-4, 3e-3)),
        ["target_sync"] = LearnerKeyTuning.Ours("MODEL.md section 9 choice: target copied every 250 updates (the paper has a target network [eq. 17], no interval)", TuningRange.Log(50, 2000, whole: true)),
        ["gradient_clip"] = LearnerKeyTuning.Ours("MODEL.md section 9 choice: gradient norm clipped at 10 (not in the paper)", TuningRange.Log(1, 100)),
        ["learning_starts"] = LearnerKeyTuning.Ours("MODEL.md section 7 choice: updates from 1,000 stored transitions (not in the paper)", TuningRange.Log(200, 2000, whole: true)),
        ["updates_per_slot"] = LearnerKeyTuning.Ours("MODEL.md section 7 choice: one update per slot; held, not tuned: more updates multiply the compute, which a budget of configurations would not count"),
        ["double_dqn"] = LearnerKeyTuning.Ablation("Double DQN is not the paper's DQN [Alg. 2]: a technique of ours, switched by variant"),
    };

    private protected override string HiddenExample => string.Join(",", Paper.HiddenSizes);

    /// <summary>Groups of outputs: 1 for the joint head, one per task for the branching head.</summary>
    public int Groups(int tasks) => Head == DqnHead.Joint ? 1 : tasks;

    /// <summary>Outputs per group: 2^(N M) joint actions, or 2 (local, offload) per branch.</summary>
    public int GroupSize(int tasks) => Head == DqnHead.Joint ? 1 << tasks : 2;

    public override SystemDqnOptions With(IEnumerable<KeyValuePair<string, string>> changes, string where) => LearnerOptionKeys.Apply(this, Keys, changes, where);

    public override IReadOnlyList<string> KeyNames() => [.. Keys.Select(k => k.Name)];

    private protected override string? VariantProblem(int tasks)
    {
        if (DifferenceRewards && Head != DqnHead.Branching)
        {
            return "difference_rewards = true needs head = branching; add difference_rewards=false for a joint head";
        }

        return Head == DqnHead.Joint && (tasks > 12 || 1 << tasks > JointActionLimit)
            ? string.Create(CultureInfo.InvariantCulture, $"head = joint has 2^(N M) = 2^{tasks} outputs; allowed: 2^(N M) <= {JointActionLimit} (use head = branching)")
            : null;
    }

    // The observation has at most three numbers per task and one more (the extended observation's backlog); a
    // transition stores two observations and, per action component, an action and a reward (4 bytes each).
    private protected override (int Inputs, long Outputs, long TransitionBytes) Sizes(int tasks)
    {
        int inputs = (3 * tasks) + 1;
        return (inputs, Head == DqnHead.Joint ? 1L << tasks : 2L * tasks, (8L * inputs) + (8L * tasks));
    }
}
