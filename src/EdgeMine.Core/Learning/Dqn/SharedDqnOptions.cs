using System.Globalization;
using EdgeMine.Settings;

namespace EdgeMine.Learning.Dqn;

/// <summary>
/// Every setting of DRLO's default variant (<see cref="SharedDqn"/>, issue 13): one small Q-network applied to every
/// miner. Defaults are the measured best (docs/drlo.md, "The shared learner"); <see cref="Keys"/> lists what
/// <c>--learner key=value</c> may change.
/// </summary>
public sealed record SharedDqnOptions : DqnOptions
{
    /// <summary>
    /// Hidden widths 64 and 64, and Double DQN for the bootstrap (when γ &gt; 0). γ stays 0: an action moves the next
    /// state only through the MEC backlog, which stays 0 whenever fewer tasks are offloaded than the MEC serves in a slot
    /// (about 100 in the calibrated preset), so the slot reward is the whole return of a choice and bootstrapping only
    /// adds the target network's error (measured, docs/drlo.md). The input is a miner's features, the output 2 Q-values
    /// per task of that miner; the replay capacity counts miner samples (one slot stores N to 2N), and the target network
    /// is used only when γ &gt; 0.
    /// </summary>
    public SharedDqnOptions()
    {
        HiddenSizes = [64, 64];
        DoubleDqn = true;
    }

    /// <summary>What the network sees beside a miner's own observation.</summary>
    public MinerFeatureSet Features { get; init; } = MinerFeatureSet.Global;

    /// <summary>
    /// Mean-field acting (see <see cref="SharedDqn"/>): the network also reads the slot's offload count K and the
    /// learner acts at the K that its own greedy choices reproduce, offloading the K tasks with the largest margins.
    /// </summary>
    public bool MeanField { get; init; } = true;

    /// <summary>Append last slot's offload count to the features (see <see cref="MinerFeatures"/>: off, it makes the miners herd).</summary>
    public bool LastOffloads { get; init; }

    /// <summary>Updates over which the learning rate falls linearly to a tenth of <see cref="DqnOptions.LearningRate"/> (0: constant).</summary>
    public int LearningRateDecayUpdates { get; init; }

    /// <summary>
    /// Difference rewards are clipped to [-c, c] before they are learned (0: not clipped). A slot in which many tasks
    /// offload at once (early exploration at large N) gives every task a difference reward of -0.1 K or so, hundreds
    /// at N = 1000, which would swamp the squared loss whose sign near 0 is all that decides an action.
    /// </summary>
    public float RewardClip { get; init; }

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

    /// <summary>
    /// gamma of the learned value of the carried state (<see cref="CarriedValue"/>, issue 22): the learner adds to each
    /// task's margin gamma [V(q'(task offloaded)) - V(q'(task local))], q' the MEC backlog its choices leave for the next
    /// slot, and learns V by fitted value iteration with common samples. 0.999 by default: the lead's prototype (paper-literal,
    /// N = 5, M = 2, exact per-slot search) reached 352.6 per slot at 0.999, 351.9 at 0.99 and 308.3 at 0.95; this learner
    /// (20,000 training slots, seeds 1-3, evaluate's seeds) 327.1, 323.9 and 320.3 at 0.999, and 291.5, 304.9 and 317.2 at
    /// 0.99 (docs/sequential.md, "Learners that plan"). 0 turns planning off (the
    /// contextual-bandit learner of issue 13). Wherever no choice can leave a backlog (the calibrated preset) the added
    /// term is exactly 0, so the learner acts as the bandit learner. Model-assisted: V's targets use the reward model and
    /// the backlog's dynamics. Needs <see cref="MeanField"/>.
    /// </summary>
    public double ValueDiscount { get; init; } = 0.999;

    /// <summary>The step of V's first sweep; it falls linearly to a tenth over <see cref="ValueDecaySweeps"/> sweeps (prototype: 0.1 to 0.01).</summary>
    public double ValueStep { get; init; } = 0.1;

    /// <summary>Sweeps of V (one per training slot once learning has started) over which its step falls to a tenth (prototype: 4,000).</summary>
    public int ValueDecaySweeps { get; init; } = 4_000;

    /// <summary>
    /// With planning (<see cref="ValueDiscount"/> &gt; 0), where a choice can leave a backlog: keep the network's ranking
    /// of the tasks but take the offload count whose slot reward from the reward model plus gamma V(q') is largest
    /// (<see cref="CarriedValue.BestCount"/>). Model-assisted, as the rest of the default. No effect where no choice can
    /// leave a backlog, nor with value_discount = 0. Off by default: at paper-literal, M = 2, beta 0.5 (20,000 training
    /// slots, evaluate's seeds) it gained 21 per slot at N = 5 (346.1 against 324.9, seeds 1-5) but lost 21 at N = 10
    /// (401.4 over seeds 1-5 against 422.4 at seed 1 without), where the value it learns is flatter and the backlog larger
    /// (docs/sequential.md, "Learners that plan").
    /// </summary>
    public bool RefineCount { get; init; }

    /// <summary>
    /// How the learner chooses a slot's action (issue 22): <see cref="PlanSearch.Network"/> (default), the network's
    /// margins plus the planned term; <see cref="PlanSearch.Model"/> (the <c>planner</c> variant), the reward model's
    /// exact per-slot search with the learned value V of the carried backlog priced in, the network neither consulted nor
    /// trained. Model-based: it uses the reward model and the per-slot optimum's search (the lookahead's structure), and
    /// learns only V. Needs planning (<see cref="ValueDiscount"/> &gt; 0).
    /// </summary>
    public PlanSearch Search { get; init; }

    /// <summary>Whether the learner prices the carried state into its choices (and learns V).</summary>
    internal bool Plans => ValueDiscount > 0;

    /// <summary>
    /// What each task's actions learn from: the reward model's difference rewards (default, model-assisted) or the
    /// observed slot reward alone (<see cref="ModelFree"/>). Set by the variant, not by a key.
    /// </summary>
    public SharedCredit Credit { get; init; } = SharedCredit.Difference;

    /// <summary>The defaults: DRLO's default variant.</summary>
    public static SharedDqnOptions Default { get; } = new();

    /// <summary>
    /// DRLO's <c>model-free</c> variant (issue 22 item 4): the shared network, its features (the MEC backlog and each
    /// miner's buffers among them) and its mean-field acting, learning from the observed slot reward alone
    /// (<see cref="SharedCredit.Observed"/>): the taken action of each task only (no counterfactual for the other),
    /// no shifted counts, no carried value (both need the reward model), and a discount of 0.9 so that the backlog an
    /// action leaves is learned from the bootstrap.
    /// </summary>
    public static SharedDqnOptions ModelFree { get; } = new()
    {
        Credit = SharedCredit.Observed,
        BothActions = false,
        ShiftedCounts = false,
        ValueDiscount = 0,
        Discount = 0.9f,
    };

    /// <summary>
    /// DRLO's <c>planner</c> variant (issue 22): the default's learned value of the carried backlog, acting by the reward
    /// model's exact per-slot search with that value priced in (<see cref="PlanSearch.Model"/>) instead of by the network.
    /// </summary>
    public static SharedDqnOptions Planner { get; } = new() { Search = PlanSearch.Model };

    /// <summary>
    /// The options a configuration may change (<c>learner_options</c> of a training configuration) for DRLO's default
    /// variant, each with what it allows and how a value's text is read.
    /// </summary>
    public static IReadOnlyList<LearnerOptionKey<SharedDqnOptions>> Keys { get; } = KeysInOrder<SharedDqnOptions>(
        string.Join(",", Default.HiddenSizes),
        ["hidden", "features", "mean_field", "last_offloads", "discount", "learning_rate", "learning_rate_decay", "batch", "replay", "target_sync", "gradient_clip", "double_dqn", "learning_starts", "updates_per_slot", "both_actions", "shifted_counts", "exploration_tasks", "reward_clip", "value_discount", "value_step", "value_decay", "refine_count", "plan_search"],
        SharedTuning,
        new("features", "own, global or rank", (o, v) => o with { Features = v switch { "own" => MinerFeatureSet.Own, "global" => MinerFeatureSet.Global, "rank" => MinerFeatureSet.Rank, _ => throw new FormatException() } })
        {
            Tuning = Structure("what the network sees"),
        },
        new("mean_field", "true or false", (o, v) => o with { MeanField = LearnerOptionKeys.Bool(v) }) { Tuning = Structure("mean-field acting") },
        new("last_offloads", "true or false", (o, v) => o with { LastOffloads = LearnerOptionKeys.Bool(v) }) { Tuning = Structure("last slot's offload count as a feature") },
        new("learning_rate_decay", "0 (constant) or a positive number of updates", (o, v) => o with { LearningRateDecayUpdates = LearnerOptionKeys.Int(v, zero: true) })
        {
            Tuning = LearnerKeyTuning.Ours("docs/drlo.md, the shared learner: a constant rate (0) measured best; held, the rate itself is tuned"),
        },
        new("both_actions", "true or false", (o, v) => o with { BothActions = LearnerOptionKeys.Bool(v) })
        {
            Tuning = LearnerKeyTuning.Ablation("the reward model's counterfactual for the action not taken (model-assisted); the model-free variant turns it off"),
        },
        new("shifted_counts", "true or false", (o, v) => o with { ShiftedCounts = LearnerOptionKeys.Bool(v) })
        {
            Tuning = LearnerKeyTuning.Ablation("needs the reward model's counterfactuals (model-assisted); the model-free variant turns it off"),
        },
        new("exploration_tasks", "a positive number", (o, v) => o with { ExplorationTasks = LearnerOptionKeys.Float(v) })
        {
            Tuning = LearnerKeyTuning.Ours("docs/drlo.md: epsilon's scale beyond 10 tasks; at the tuning setting's 10 tasks it changes nothing, so it is held"),
        },
        new("reward_clip", "0 (not clipped) or a positive number", (o, v) => o with { RewardClip = LearnerOptionKeys.Float(v, zero: true) })
        {
            Tuning = LearnerKeyTuning.Ours("docs/drlo.md: not clipped (0) by default; clipping matters at N = 1,000 only, far from the tuning setting, so it is held"),
        },
        new("value_discount", "a number in [0, 1) (0: no planning)", (o, v) => o with { ValueDiscount = LearnerOptionKeys.Double(v, unit: true, zero: true) is var d && d < 1 ? d : throw new FormatException() })
        {
            Tuning = Planning("the carried value's discount"),
        },
        new("value_step", "a number in (0, 1]", (o, v) => o with { ValueStep = LearnerOptionKeys.Double(v, unit: true) }) { Tuning = Planning("the carried value's step") },
        new("value_decay", "a positive number of sweeps", (o, v) => o with { ValueDecaySweeps = LearnerOptionKeys.Int(v) }) { Tuning = Planning("the carried value's step decay") },
        new("refine_count", "true or false", (o, v) => o with { RefineCount = LearnerOptionKeys.Bool(v) })
        {
            Tuning = LearnerKeyTuning.Ablation("the offload count from the reward model plus the carried value (issue 22, off by default): a change of the acting rule, not a tuned value"),
        },
        new("plan_search", "network or model", (o, v) => o with { Search = v switch { "network" => PlanSearch.Network, "model" => PlanSearch.Model, _ => throw new FormatException() } })
        {
            Tuning = LearnerKeyTuning.Ablation("who chooses the action (issue 22): the network (default) or the reward model's exact search with the learned value (the planner variant): a change of method, not a tuned value"),
        });

    /// <summary>
    /// How the shared learner (ours, model-assisted: every value of it is a choice of ours) marks the keys every DRLO
    /// variant shares: its widths, learning rate, warm-up and clip are tuned; the paper's batch and replay are kept; the
    /// discount, 0, is an ablation's subject (issue 20); the target network and Double DQN are inert at discount 0.
    /// </summary>
    private static Dictionary<string, LearnerKeyTuning> SharedTuning => new(StringComparer.Ordinal)
    {
        ["hidden"] = LearnerKeyTuning.Ours("docs/drlo.md, the shared learner: 64,64 measured", TuningRange.Choice("32,32", "64,64", "128,128")),
        ["learning_rate"] = LearnerKeyTuning.Ours("MODEL.md section 9 choice: Adam at 1e-3", TuningRange.Log(1e-4, 3e-3)),
        ["gradient_clip"] = LearnerKeyTuning.Ours("MODEL.md section 9 choice: gradient norm clipped at 10", TuningRange.Log(1, 100)),
        ["learning_starts"] = LearnerKeyTuning.Ours("MODEL.md section 7 choice: updates from 1,000 stored transitions", TuningRange.Log(200, 2000, whole: true)),
        ["discount"] = LearnerKeyTuning.Ablation("0: the slot reward is the whole return where no choice leaves a backlog (docs/drlo.md); discount 0 against the paper's 0.85 is the ablations' subject (issue 20 item 3), not a tuned value"),
        ["batch"] = LearnerKeyTuning.Ours("the paper's DQN's 128, kept so that the learners share it; held"),
        ["replay"] = LearnerKeyTuning.Ours("the paper's DQN's 10^5, kept so that the learners share it; held"),
        ["target_sync"] = LearnerKeyTuning.Ours("the target network is used only when the discount is above 0: inert at the default discount 0, held"),
        ["double_dqn"] = LearnerKeyTuning.Ours("Double DQN acts on the bootstrap only: inert at the default discount 0, held"),
        ["updates_per_slot"] = LearnerKeyTuning.Ours("MODEL.md section 7 choice: one update per slot; held: more updates multiply the compute, which a budget of configurations would not count"),
    };

    private static LearnerKeyTuning Structure(string what) =>
        LearnerKeyTuning.Ours($"docs/drlo.md, the shared learner: {what} is part of the learner's design, measured there; held, not tuned");

    private static LearnerKeyTuning Planning(string what) =>
        LearnerKeyTuning.Ours($"{what} (issue 22): the planned term is exactly 0 wherever no choice leaves a backlog (the calibrated preset, the tuning setting), so tuning it there measures nothing; held");

    private protected override string HiddenExample => string.Join(",", Default.HiddenSizes);

    public override SharedDqnOptions With(IEnumerable<KeyValuePair<string, string>> changes, string where) => LearnerOptionKeys.Apply(this, Keys, changes, where);

    public override IReadOnlyList<string> KeyNames() => [.. Keys.Select(k => k.Name)];

    /// <summary>The feature flags of the model file: the feature set | 0x100 last offloads | 0x200 mean field.</summary>
    internal int FeatureFlags => (int)Features | (LastOffloads ? 0x100 : 0) | (MeanField ? 0x200 : 0);

    private protected override string? VariantProblem(int tasks)
    {
        var invariant = CultureInfo.InvariantCulture;
        if (LearningRateDecayUpdates < 0)
        {
            return string.Create(invariant, $"learning_rate_decay = {LearningRateDecayUpdates}: allowed: 0 (constant) or a positive number of updates");
        }

        if (!(RewardClip >= 0f) || !float.IsFinite(RewardClip))
        {
            return string.Create(invariant, $"reward_clip = {RewardClip}: allowed: 0 (not clipped) or a positive number");
        }

        if (!(ValueDiscount >= 0 && ValueDiscount < 1))
        {
            return string.Create(invariant, $"value_discount = {ValueDiscount}: allowed: a number in [0, 1) (0: no planning)");
        }

        if (Credit == SharedCredit.Observed && (BothActions || Plans))
        {
            return string.Create(invariant, $"both_actions = {(BothActions ? "true" : "false")}, value_discount = {ValueDiscount} in the model-free variant: allowed: both_actions = false and value_discount = 0 (each needs the reward model)");
        }

        if (Plans && !MeanField)
        {
            return string.Create(invariant, $"value_discount = {ValueDiscount} with mean_field = false: allowed: value_discount = 0, or mean_field = true (the planned term is priced at the learner's self-consistent offload count)");
        }

        if (Search == PlanSearch.Model && !Plans)
        {
            return string.Create(invariant, $"plan_search = model with value_discount = 0: allowed: plan_search = network, or a value_discount in (0, 1) (the model's search prices the learned value of the backlog)");
        }

        if (!(ValueStep > 0 && ValueStep <= 1) || ValueDecaySweeps <= 0)
        {
            return string.Create(invariant, $"value_step = {ValueStep}, value_decay = {ValueDecaySweeps}: allowed: a step in (0, 1] and a positive number of sweeps");
        }

        return !(ExplorationTasks > 0) || !double.IsFinite(ExplorationTasks)
            ? string.Create(invariant, $"exploration_tasks = {ExplorationTasks}: allowed: a positive number")
            : null;
    }

    // A miner's features (at most three numbers per task and a few system-wide ones) in, two Q-values per task out; a
    // replay sample stores its features, targets and masks (4 bytes each). The same for every N: one network serves all.
    private protected override (int Inputs, long Outputs, long TransitionBytes) Sizes(int tasks)
    {
        const int Inputs = (3 * RunSettings.MaxTasksPerMiner) + 8;
        return (Inputs, 2 * RunSettings.MaxTasksPerMiner, 4L * (Inputs + (4 * RunSettings.MaxTasksPerMiner)));
    }
}
