using System.Globalization;
using EdgeMine.Learning.Dqn;
using EdgeMine.Learning.Tabular;
using EdgeMine.Privacy;
using EdgeMine.Schemes;

namespace EdgeMine.Experiments;

/// <summary>
/// The schemes of the paper's figures, as the reproduction names them (MODEL.md sections 7 and 11). The paper's claims
/// are judged with the paper's methods: DRLO is the paper's DQN (<see cref="DrloPaper"/>, its joint head, or where that
/// head's 2^(N M) outputs exceed 4,096 the stated substitute <see cref="DrloPaperBranching"/>), RLO the paper's tabular
/// Q-learning. EdgeMine's shared learner (<see cref="DrloShared"/>, <c>train --algo drlo</c>'s default) is a scheme of
/// its own beside them, model-assisted, judged only in claims beyond the paper.
/// </summary>
internal static class ReproductionSchemes
{
    /// <summary>The paper's DRLO: the paper-faithful DQN (joint head, MODEL.md section 7's values, discount 0.85).</summary>
    public static LearnerScheme DrloPaper { get; } = new LearnerScheme(DrloAlgorithm.Instance, DrloAlgorithm.PaperVariant);

    /// <summary>The paper's DQN with the branching head: the stated substitute for the joint head beyond 2^(N M) = 4,096.</summary>
    public static LearnerScheme DrloPaperBranching { get; } = new LearnerScheme(DrloAlgorithm.Instance, DrloAlgorithm.PaperBranchingVariant);

    /// <summary>EdgeMine's shared learner (<c>drlo-shared</c>, "shared DQN (ours)"): model-assisted, never the paper's DRLO.</summary>
    public static LearnerScheme DrloShared { get; } = new LearnerScheme(DrloAlgorithm.Instance, DrloAlgorithm.SharedVariant);

    /// <summary>The previous default DQN (one trunk, one 2-way head per task, difference rewards), beside the others in the scaling experiment.</summary>
    public static LearnerScheme DrloBranching { get; } = new LearnerScheme(DrloAlgorithm.Instance, DrloAlgorithm.BranchingVariant);

    /// <summary>The model-free DRLO (issue 22): the shared network learning from the observed slot reward alone.</summary>
    public static LearnerScheme DrloModelFree { get; } = new LearnerScheme(DrloAlgorithm.Instance, DrloAlgorithm.ModelFreeVariant);

    /// <summary>
    /// The planner (issue 22): the shared learner's learned value of the carried MEC backlog with the reward model's exact
    /// per-slot search, no network; model-based, beyond the paper.
    /// </summary>
    public static LearnerScheme DrloPlanner { get; } = new LearnerScheme(DrloAlgorithm.Instance, DrloAlgorithm.PlannerVariant);

    public static LearnerScheme Rlo { get; } = new LearnerScheme(RloAlgorithm.Instance);

    /// <summary>RLO with the MEC backlog in each miner's state (issue 22): ours, not the paper's RLO.</summary>
    public static LearnerScheme RloBacklog { get; } = new LearnerScheme(RloAlgorithm.Instance, RloAlgorithm.BacklogVariant);

    public static LearnerScheme RlPrivacy { get; } = new(RlPrivacyAlgorithm.Instance);

    public static LearnerScheme Cmdp { get; } = new(CmdpAlgorithm.Instance);

    /// <summary>
    /// The schemes of Figs. 5-6 and Tables II-III: the paper's DRLO (its DQN, and its substitute where the joint head is
    /// too large), RLO, our shared learner beside them, and every baseline (the paper's EO and NO, the yardsticks' GO,
    /// Random and both per-slot optima).
    /// </summary>
    public static IReadOnlyList<Scheme> Comparison { get; } = [DrloPaper, DrloPaperBranching, Rlo, DrloShared, .. BaselineScheme.All];

    /// <summary>The scheme names of result files are read back through this catalogue.</summary>
    public static SchemeCatalog Catalog => SchemeCatalog.Full;

    /// <summary>True when the joint head's 2^(N M) outputs are within <see cref="SystemDqnOptions.JointActionLimit"/>.</summary>
    public static bool JointHeadFits(int tasks) => tasks <= 12 && (1 << tasks) <= SystemDqnOptions.JointActionLimit;

    /// <summary>The paper's DRLO at <paramref name="setting"/>: its DQN with the joint head where it fits, else the branching substitute.</summary>
    public static LearnerScheme PaperDrlo(Setting setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        return JointHeadFits(setting.Miners * setting.Tasks) ? DrloPaper : DrloPaperBranching;
    }

    /// <summary>
    /// Why a DRLO variant of the paper's is not run at <paramref name="setting"/> (the joint head where it is too large,
    /// the substitute where the joint head fits), or null.
    /// </summary>
    public static string? PaperDrloNotRun(Setting setting, Scheme scheme)
    {
        ArgumentNullException.ThrowIfNull(setting);
        int tasks = setting.Miners * setting.Tasks;
        if (scheme.Equals(DrloPaper) && !JointHeadFits(tasks))
        {
            return FormattableString.Invariant($"the joint head has 2^{tasks} outputs; allowed: at most {SystemDqnOptions.JointActionLimit} (the branching substitute runs instead)");
        }

        return scheme.Equals(DrloPaperBranching) && JointHeadFits(tasks)
            ? FormattableString.Invariant($"the substitute for the joint head, which fits here (2^{tasks} outputs)")
            : null;
    }

    /// <summary>
    /// True when the scheme uses the reward model beyond what the paper's method knows (MODEL.md section 11): a DRLO
    /// variant that learns from the reward model's counterfactuals. The CMDP [28] and RL-privacy [29] use the models their
    /// papers give them, and are not.
    /// </summary>
    public static bool IsModelAssisted(Scheme scheme) =>
        scheme is LearnerScheme { Algorithm: DrloAlgorithm } learner && DrloAlgorithm.UsesRewardModel(learner.Variant);

    /// <summary>The discount of a DRLO variant's learner, read from its options (a float: it prints as set, 0.85).</summary>
    public static float Discount(LearnerScheme drlo)
    {
        ArgumentNullException.ThrowIfNull(drlo);
        return DrloAlgorithm.DefaultOptions(drlo.Variant).Discount;
    }

    /// <summary>A learner's discount (DRLO's from its variant's options, RLO's the paper's 0.85), or null for another scheme.</summary>
    public static float? DiscountOf(Scheme scheme) => scheme switch
    {
        LearnerScheme { Algorithm: DrloAlgorithm } d => Discount(d),
        LearnerScheme { Algorithm: RloAlgorithm } => (float)QLearningOptions.DefaultDiscount,
        _ => null,
    };

    /// <summary>
    /// What a scheme knows, for every output that names it: "model-assisted (uses the reward model's counterfactuals and
    /// the backlog's dynamics)" with its two discounts for the shared learner (network and learned backlog value); the paper's method and its discount for the paper's DQN; empty for a baseline.
    /// </summary>
    public static string Knowledge(Scheme scheme) => scheme switch
    {
        LearnerScheme { Algorithm: DrloAlgorithm, Variant: DrloAlgorithm.PlannerVariant } d when DrloAlgorithm.DefaultOptions(d.Variant) is SharedDqnOptions planner =>
            string.Create(CultureInfo.InvariantCulture, $"model-based (the reward model's exact per-slot search, the lookahead's structure, with a learned value of the carried MEC backlog, discount {planner.ValueDiscount}; no network)"),
        LearnerScheme { Algorithm: DrloAlgorithm } d when IsModelAssisted(d) && DrloAlgorithm.DefaultOptions(d.Variant) is SharedDqnOptions { ValueDiscount: > 0 } shared =>
            string.Create(CultureInfo.InvariantCulture, $"model-assisted (uses the reward model's counterfactuals and the backlog's dynamics), discount {Discount(d)} for its network, {shared.ValueDiscount} for its learned value of the carried MEC backlog"),
        LearnerScheme { Algorithm: DrloAlgorithm } d when IsModelAssisted(d) =>
            string.Create(CultureInfo.InvariantCulture, $"model-assisted (uses the reward model's counterfactuals), discount {Discount(d)}"),
        LearnerScheme { Algorithm: DrloAlgorithm, Variant: DrloAlgorithm.ModelFreeVariant } d =>
            string.Create(CultureInfo.InvariantCulture, $"ours, model-free: the shared network learning from the observed slot reward alone, discount {Discount(d)}"),
        LearnerScheme { Algorithm: DrloAlgorithm, Variant: DrloAlgorithm.PaperVariant } d =>
            string.Create(CultureInfo.InvariantCulture, $"the paper's DQN [Alg. 2]: joint head, discount {Discount(d)}"),
        LearnerScheme { Algorithm: DrloAlgorithm } d =>
            string.Create(CultureInfo.InvariantCulture, $"the paper's DQN with the branching head (the stated substitute where 2^(N M) > {SystemDqnOptions.JointActionLimit}), discount {Discount(d)}"),
        LearnerScheme { Algorithm: RloAlgorithm, Variant: RloAlgorithm.BacklogVariant } =>
            string.Create(CultureInfo.InvariantCulture, $"ours: the paper's tabular Q-learning with {RloAlgorithm.BacklogVariantBins} bins of the MEC backlog in each miner's state, discount {QLearningOptions.DefaultDiscount}"),
        LearnerScheme { Algorithm: RloAlgorithm } => string.Create(CultureInfo.InvariantCulture, $"the paper's tabular Q-learning [Alg. 1], one learner per miner, discount {QLearningOptions.DefaultDiscount}"),
        LearnerScheme { Algorithm: CmdpAlgorithm } => "reconstruction of [28]: an LP over the known transition model",
        LearnerScheme { Algorithm: RlPrivacyAlgorithm } => "reconstruction of [29]: Q-learning with a Dyna model of the known channel chain",
        _ => "",
    };
}
