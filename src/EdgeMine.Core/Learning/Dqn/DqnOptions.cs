namespace EdgeMine.Learning.Dqn;

/// <summary>The regression loss on the temporal-difference error.</summary>
public enum DqnLoss
{
    /// <summary>(y - Q)², the paper's eq. 17.</summary>
    Mse,

    /// <summary>Huber with delta 1 (smooth L1), as in most DQN implementations since Mnih et al. 2015.</summary>
    Huber,
}

/// <summary>How the network's outputs map to actions (MODEL.md section 7).</summary>
public enum DqnHead
{
    /// <summary>One Q-value per joint action: A outputs; feasible while A = 2^(N·M) ≤ <see cref="DqnOptions.JointActionLimit"/>.</summary>
    Joint,

    /// <summary>Action branching (Tavakoli et al. 2018): one 2-way head per task on the shared trunk, B branches.</summary>
    Branching,
}

/// <summary>
/// Every setting of DRLO (MODEL.md section 7), in one record with one <see cref="Validate"/>. Paper values [Alg. 2]: hidden
/// layers 300 and 200, discount 0.85, replay 1e5, batch 128, squared loss [eq. 17]. Choices of MODEL.md section 9: Adam at
/// 1e-3, target copied every 250 updates, gradient norm clipped at 10, one update per slot from 1,000 stored
/// transitions. The defaults of the properties are those values with the joint head: <see cref="Paper"/>.
/// </summary>
public sealed record DqnOptions
{
    /// <summary>Largest number of joint actions the joint head accepts (MODEL.md section 7: 2^(N M) &lt;= 4096).</summary>
    public const int JointActionLimit = 4096;

    /// <summary>Hidden layer widths of the shared trunk (paper: 300, 200).</summary>
    public IReadOnlyList<int> HiddenSizes { get; init; } = [300, 200];

    /// <summary>γ (paper: 0.85).</summary>
    public float Discount { get; init; } = 0.85f;

    /// <summary>Adam learning rate (MODEL.md section 9 choice: 1e-3).</summary>
    public float LearningRate { get; init; } = 1e-3f;

    /// <summary>Transitions per update (paper: 128).</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>Replay memory capacity (paper: 1e5).</summary>
    public int ReplayCapacity { get; init; } = 100_000;

    /// <summary>Updates between copies of the online network into the target network (MODEL.md section 9 choice: 250).</summary>
    public int TargetSyncInterval { get; init; } = 250;

    /// <summary>Global gradient-norm bound (MODEL.md section 9 choice: 10).</summary>
    public float GradientClipNorm { get; init; } = 10f;

    public DqnLoss Loss { get; init; } = DqnLoss.Mse;

    /// <summary>Double DQN (van Hasselt et al. 2016): the online network picks the next action, the target network values it.</summary>
    public bool DoubleDqn { get; init; }

    /// <summary>Dueling streams (Wang et al. 2016): Q = V + A - mean(A), the mean taken per branch for branching heads.</summary>
    public bool Dueling { get; init; }

    public DqnHead Head { get; init; } = DqnHead.Joint;

    /// <summary>Transitions stored before the first update (MODEL.md section 7: 1,000).</summary>
    public int LearningStarts { get; init; } = 1_000;

    /// <summary>Gradient updates per slot once learning has started (MODEL.md section 7: 1).</summary>
    public int UpdatesPerSlot { get; init; } = 1;

    /// <summary>
    /// Branching head only: each task's branch learns from its difference reward (Wolpert and Tumer's credit
    /// assignment), the slot reward minus the reward the slot would have had with that task executed locally, computed
    /// with the known reward model (<see cref="Model.SlotModel"/>) from the slot's own state; a task executed locally
    /// gets 0. Each branch then regresses on its own reward and its own bootstrap value,
    /// y_b = r_b + γ Q_target,b(s', a*_b), instead of the shared reward and the mean of the branches: it learns its task's
    /// marginal contribution to the whole system's reward, without the noise of every other task's decision.
    /// </summary>
    public bool DifferenceRewards { get; init; }

    /// <summary>
    /// The paper-faithful DQN (MODEL.md section 7): the paper's 300-200 ReLU network, discount 0.85, replay 1e5, batch 128,
    /// squared loss [eq. 17], a joint head over the 2^(N M) actions, target copied every 250 updates, one update per slot.
    /// </summary>
    public static DqnOptions Paper { get; } = new();

    /// <summary>
    /// EdgeMine's default DRLO: the paper's network, discount, replay, batch and schedule, with an action-branching head
    /// (one 2-way head per task on the shared trunk, so that it scales in N), Double DQN, difference rewards per branch,
    /// and a learning rate of 2e-4 instead of 1e-3. Chosen by measurement (docs/drlo.md): at N = 5, M = 2 the paper's DQN
    /// reaches an optimality ratio of 0.28; branching with Double DQN and the shared reward 0.86 at 1e-3 and 0.94-0.96 at
    /// 2e-4, but only 0.50-0.59 at N = 10; with difference rewards 0.95 at N = 5 and N = 10.
    /// </summary>
    public static DqnOptions Default { get; } = new()
    {
        Head = DqnHead.Branching,
        DoubleDqn = true,
        DifferenceRewards = true,
        LearningRate = 2e-4f,
    };

    /// <summary>Groups of outputs: 1 for the joint head, one per task for the branching head.</summary>
    public int Groups(int tasks) => Head == DqnHead.Joint ? 1 : tasks;

    /// <summary>Outputs per group: 2^(N M) joint actions, or 2 (local, offload) per branch.</summary>
    public int GroupSize(int tasks) => Head == DqnHead.Joint ? 1 << tasks : 2;

    /// <summary>
    /// Null when these options can train a learner for <paramref name="tasks"/> (N M) tasks, else the first problem:
    /// which field, which value, what is allowed.
    /// </summary>
    public string? Problem(int tasks)
    {
        if (LearnerLimits.NetworkProblem(HiddenSizes, "300,200", Discount, LearningRate, GradientClipNorm) is { } network)
        {
            return network;
        }

        var invariant = CultureInfo.InvariantCulture;

        if (BatchSize <= 0 || TargetSyncInterval <= 0 || LearningStarts < 0 || UpdatesPerSlot <= 0)
        {
            return string.Create(invariant, $"batch = {BatchSize}, target_sync = {TargetSyncInterval}, learning_starts = {LearningStarts}, updates_per_slot = {UpdatesPerSlot}: allowed: positive integers (learning_starts >= 0)");
        }

        if (ReplayCapacity < BatchSize)
        {
            return string.Create(invariant, $"replay = {ReplayCapacity}: allowed: at least the batch ({BatchSize})");
        }

        if (DifferenceRewards && Head != DqnHead.Branching)
        {
            return "difference_rewards = true needs head = branching; add difference_rewards=false for a joint head";
        }

        if (Head == DqnHead.Joint && (tasks > 12 || 1 << tasks > JointActionLimit))
        {
            return string.Create(invariant, $"head = joint has 2^(N M) = 2^{tasks} outputs; allowed: 2^(N M) <= {JointActionLimit} (use head = branching)");
        }

        // The observation has at most three numbers per task and one more (the extended observation's backlog); a
        // transition stores two observations and, per action component, an action and a reward (4 bytes each).
        int inputs = (3 * tasks) + 1;
        long outputs = Head == DqnHead.Joint ? 1L << tasks : 2L * tasks;
        return LearnerLimits.Problem(inputs, HiddenSizes, outputs, BatchSize, ReplayCapacity, (8L * inputs) + (8L * tasks), UpdatesPerSlot);
    }

    /// <summary>Throws an <see cref="ArgumentException"/> with <see cref="Problem"/> unless these options can train <paramref name="tasks"/> tasks.</summary>
    public void Validate(int tasks)
    {
        if (Problem(tasks) is { } problem)
        {
            throw new ArgumentException(problem);
        }
    }

    /// <summary>
    /// The options a configuration may change (<c>learner_options</c> of a training configuration) for the
    /// <c>branching</c> and <c>paper</c> variants, each with what it allows and how a value's text is read. The command
    /// line splits <c>key=value</c>; these keys parse the value.
    /// </summary>
    public static IReadOnlyList<LearnerOptionKey<DqnOptions>> Keys { get; } =
    [
        new("head", "joint or branching", (o, v) => o with { Head = v switch { "joint" => DqnHead.Joint, "branching" => DqnHead.Branching, _ => throw new FormatException() } }),
        new("double_dqn", "true or false", (o, v) => o with { DoubleDqn = LearnerOptionKeys.Bool(v) }),
        new("dueling", "true or false", (o, v) => o with { Dueling = LearnerOptionKeys.Bool(v) }),
        new("difference_rewards", "true or false", (o, v) => o with { DifferenceRewards = LearnerOptionKeys.Bool(v) }),
        new("learning_rate", "a positive number", (o, v) => o with { LearningRate = LearnerOptionKeys.Float(v) }),
        new("discount", "a number in [0, 1]", (o, v) => o with { Discount = LearnerOptionKeys.Float(v, unit: true, zero: true) }),
        new("batch", "a positive integer", (o, v) => o with { BatchSize = LearnerOptionKeys.Int(v) }),
        new("replay", "a positive integer", (o, v) => o with { ReplayCapacity = LearnerOptionKeys.Int(v) }),
        new("target_sync", "a positive integer", (o, v) => o with { TargetSyncInterval = LearnerOptionKeys.Int(v) }),
        new("gradient_clip", "a positive number", (o, v) => o with { GradientClipNorm = LearnerOptionKeys.Float(v) }),
        new("loss", "mse or huber", (o, v) => o with { Loss = v switch { "mse" => DqnLoss.Mse, "huber" => DqnLoss.Huber, _ => throw new FormatException() } }),
        new("hidden", "comma-separated positive widths, e.g. 300,200", (o, v) => o with { HiddenSizes = LearnerOptionKeys.Widths(v) }),
        new("learning_starts", "a positive integer", (o, v) => o with { LearningStarts = LearnerOptionKeys.Int(v) }),
        new("updates_per_slot", "a positive integer", (o, v) => o with { UpdatesPerSlot = LearnerOptionKeys.Int(v) }),
    ];

    /// <summary>
    /// These options with <paramref name="changes"/> applied in key order; a bad key or value is a
    /// <see cref="ConfigurationException"/> that names <paramref name="where"/>, the key, the value and what is allowed.
    /// </summary>
    public DqnOptions With(IEnumerable<KeyValuePair<string, string>> changes, string where) => LearnerOptionKeys.Apply(this, Keys, changes, where);
}
