namespace EdgeMine.Learning.Dqn;

/// <summary>
/// Every setting of DRLO's default variant (<see cref="SharedDqnLearner"/>, issue 13): one small Q-network applied to
/// every miner. Defaults are the measured best (docs/drlo.md, "The shared learner"); <see cref="Keys"/> lists what
/// <c>--learner key=value</c> may change.
/// </summary>
public sealed record SharedDqnOptions
{
    /// <summary>Hidden ReLU layer widths. The input is a miner's features, the output 2 Q-values per task of that miner.</summary>
    public IReadOnlyList<int> HiddenSizes { get; init; } = [64, 64];

    /// <summary>What the network sees beside a miner's own observation.</summary>
    public MinerFeatureSet Features { get; init; } = MinerFeatureSet.Global;

    /// <summary>
    /// Mean-field acting (see <see cref="SharedDqnLearner"/>): the network also reads the slot's offload count K and the
    /// learner acts at the K that its own greedy choices reproduce, offloading the K tasks with the largest margins.
    /// </summary>
    public bool MeanField { get; init; } = true;

    /// <summary>Append last slot's offload count to the features (see <see cref="MinerFeatures"/>: off, it makes the miners herd).</summary>
    public bool LastOffloads { get; init; }

    /// <summary>
    /// γ. 0 by default: an action moves the next state only through the MEC backlog, which stays 0 whenever fewer tasks
    /// are offloaded than the MEC serves in a slot (about 100 in the calibrated preset), so the slot reward is the
    /// whole return of a choice and bootstrapping only adds the target network's error (measured, docs/drlo.md).
    /// </summary>
    public float Discount { get; init; }

    /// <summary>Adam learning rate.</summary>
    public float LearningRate { get; init; } = 1e-3f;

    /// <summary>Updates over which the learning rate falls linearly to a tenth of <see cref="LearningRate"/> (0: constant).</summary>
    public int LearningRateDecayUpdates { get; init; }

    /// <summary>Miner samples per update.</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>Replay capacity in miner samples (one slot stores N to 2N).</summary>
    public int ReplayCapacity { get; init; } = 100_000;

    /// <summary>Updates between copies of the online network into the target network (used when γ &gt; 0).</summary>
    public int TargetSyncInterval { get; init; } = 250;

    /// <summary>
    /// Difference rewards are clipped to [-c, c] before they are learned (0: not clipped). A slot in which many tasks
    /// offload at once (early exploration at large N) gives every task a difference reward of -0.1 K or so, hundreds
    /// at N = 1000, which would swamp the squared loss whose sign near 0 is all that decides an action.
    /// </summary>
    public float RewardClip { get; init; }

    /// <summary>Global gradient-norm bound.</summary>
    public float GradientClipNorm { get; init; } = 10f;

    /// <summary>Double DQN for the bootstrap (when γ &gt; 0).</summary>
    public bool DoubleDqn { get; init; } = true;

    /// <summary>Miner samples stored before the first update.</summary>
    public int LearningStarts { get; init; } = 1_000;

    /// <summary>Gradient updates per slot once learning has started.</summary>
    public int UpdatesPerSlot { get; init; } = 1;

    /// <summary>
    /// Train both actions of every task from every slot: the taken one on its difference reward, the other on the
    /// difference reward it would have earned (<see cref="OffloadAdvantage"/>). False: the taken action only, as DQN.
    /// </summary>
    public bool BothActions { get; init; } = true;

    /// <summary>
    /// With <see cref="MeanField"/> and <see cref="BothActions"/>: a local task's offload value, which is that of a slot
    /// with one more offload, is learned on a copy of its miner's row whose offload count is K + 1, so that Q(offload)
    /// at count K always means "the value of being one of K offloaded tasks". False: learned at the slot's K.
    /// </summary>
    public bool ShiftedCounts { get; init; } = true;

    /// <summary>
    /// The Trainer's epsilon is the per-task exploration probability of a system of at most this many tasks; with more
    /// tasks it is scaled by this number / (N M), so that about epsilon times this many tasks explore per slot whatever
    /// N. Without it, epsilon = 1 at N = 1000 offloads about 1000 tasks a slot and the MEC backlog grows by ~9 s a slot.
    /// </summary>
    public double ExplorationTasks { get; init; } = 10;

    /// <summary>The defaults: DRLO's default variant.</summary>
    public static SharedDqnOptions Default { get; } = new();

    /// <summary>
    /// The options a configuration may change (<c>learner_options</c> of a training configuration) for DRLO's default
    /// variant, each with what it allows and how a value's text is read.
    /// </summary>
    public static IReadOnlyList<LearnerOptionKey<SharedDqnOptions>> Keys { get; } =
    [
        new("hidden", "comma-separated positive widths, e.g. 64,64", (o, v) => o with { HiddenSizes = LearnerOptionKeys.Widths(v) }),
        new("features", "own, global or rank", (o, v) => o with { Features = v switch { "own" => MinerFeatureSet.Own, "global" => MinerFeatureSet.Global, "rank" => MinerFeatureSet.Rank, _ => throw new FormatException() } }),
        new("mean_field", "true or false", (o, v) => o with { MeanField = LearnerOptionKeys.Bool(v) }),
        new("last_offloads", "true or false", (o, v) => o with { LastOffloads = LearnerOptionKeys.Bool(v) }),
        new("discount", "a number in [0, 1]", (o, v) => o with { Discount = LearnerOptionKeys.Float(v, unit: true, zero: true) }),
        new("learning_rate", "a positive number", (o, v) => o with { LearningRate = LearnerOptionKeys.Float(v) }),
        new("learning_rate_decay", "0 (constant) or a positive number of updates", (o, v) => o with { LearningRateDecayUpdates = LearnerOptionKeys.Int(v, zero: true) }),
        new("batch", "a positive integer", (o, v) => o with { BatchSize = LearnerOptionKeys.Int(v) }),
        new("replay", "a positive integer", (o, v) => o with { ReplayCapacity = LearnerOptionKeys.Int(v) }),
        new("target_sync", "a positive integer", (o, v) => o with { TargetSyncInterval = LearnerOptionKeys.Int(v) }),
        new("gradient_clip", "a positive number", (o, v) => o with { GradientClipNorm = LearnerOptionKeys.Float(v) }),
        new("double_dqn", "true or false", (o, v) => o with { DoubleDqn = LearnerOptionKeys.Bool(v) }),
        new("learning_starts", "a positive integer", (o, v) => o with { LearningStarts = LearnerOptionKeys.Int(v) }),
        new("updates_per_slot", "a positive integer", (o, v) => o with { UpdatesPerSlot = LearnerOptionKeys.Int(v) }),
        new("both_actions", "true or false", (o, v) => o with { BothActions = LearnerOptionKeys.Bool(v) }),
        new("shifted_counts", "true or false", (o, v) => o with { ShiftedCounts = LearnerOptionKeys.Bool(v) }),
        new("exploration_tasks", "a positive number", (o, v) => o with { ExplorationTasks = LearnerOptionKeys.Float(v) }),
        new("reward_clip", "0 (not clipped) or a positive number", (o, v) => o with { RewardClip = LearnerOptionKeys.Float(v, zero: true) }),
    ];

    /// <summary>
    /// These options with <paramref name="changes"/> applied in key order; a bad key or value is a
    /// <see cref="ConfigurationException"/> that names <paramref name="where"/>, the key, the value and what is allowed.
    /// </summary>
    public SharedDqnOptions With(IEnumerable<KeyValuePair<string, string>> changes, string where) => LearnerOptionKeys.Apply(this, Keys, changes, where);

    /// <summary>Null when these options can train a learner, else the first problem: which field, which value, what is allowed.</summary>
    public string? Problem()
    {
        if (LearnerLimits.NetworkProblem(HiddenSizes, "64,64", Discount, LearningRate, GradientClipNorm) is { } network)
        {
            return network;
        }

        var invariant = CultureInfo.InvariantCulture;

        if (!(RewardClip >= 0f) || !float.IsFinite(RewardClip))
        {
            return string.Create(invariant, $"reward_clip = {RewardClip}: allowed: 0 (not clipped) or a positive number");
        }

        if (!(ExplorationTasks > 0) || !double.IsFinite(ExplorationTasks))
        {
            return string.Create(invariant, $"exploration_tasks = {ExplorationTasks}: allowed: a positive number");
        }

        if (BatchSize <= 0 || TargetSyncInterval <= 0 || LearningStarts <= 0 || UpdatesPerSlot <= 0 || LearningRateDecayUpdates < 0)
        {
            return string.Create(invariant, $"batch = {BatchSize}, target_sync = {TargetSyncInterval}, learning_starts = {LearningStarts}, updates_per_slot = {UpdatesPerSlot}, learning_rate_decay = {LearningRateDecayUpdates}: allowed: positive integers (learning_rate_decay >= 0)");
        }

        if (ReplayCapacity < BatchSize)
        {
            return string.Create(invariant, $"replay = {ReplayCapacity}: allowed: at least the batch ({BatchSize})");
        }

        // A miner's features (at most three numbers per task and a few system-wide ones) in, two Q-values per task out;
        // a replay sample stores its features, targets and masks (4 bytes each).
        const int Inputs = (3 * RunSettings.MaxTasksPerMiner) + 8;
        return LearnerLimits.Problem(Inputs, HiddenSizes, 2 * RunSettings.MaxTasksPerMiner, BatchSize, ReplayCapacity, 4L * (Inputs + (4 * RunSettings.MaxTasksPerMiner)), UpdatesPerSlot);
    }

    /// <summary>Throws an <see cref="ArgumentException"/> with <see cref="Problem"/> unless these options can train a learner.</summary>
    public void Validate()
    {
        if (Problem() is { } problem)
        {
            throw new ArgumentException(problem);
        }
    }
}
