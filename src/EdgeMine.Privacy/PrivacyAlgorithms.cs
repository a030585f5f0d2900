namespace EdgeMine.Privacy;

/// <summary>The CMDP baseline [28] (He et al.) as a learning algorithm: "training" solves its linear programs.</summary>
public sealed class CmdpAlgorithm : LearnerAlgorithm
{
    public static CmdpAlgorithm Instance { get; } = new();

    public override string Name => "cmdp";

    public override string Description => "the constrained MDP of He et al. [28], solved as an occupation-measure LP (single miner)";

    public override bool IsSingleMiner => true;

    public override int MaxTasksPerMiner => PrivacyStateSpace.MaxTasks;

    public override string Label(string variant) => "CMDP [28]";

    public override ILearner Create(LearnerSpec spec) => new CmdpPolicy();
}

/// <summary>The RL-privacy baseline [29] (Min et al.): Q-learning over offloading rates with Dyna, post-decision states and hot-booting.</summary>
public sealed class RlPrivacyAlgorithm : LearnerAlgorithm
{
    public static RlPrivacyAlgorithm Instance { get; } = new();

    public override string Name => "rl-privacy";

    public override string Description => "Q-learning over offloading rates with Dyna, post-decision states and hot-booting, after Min et al. [29] (single miner)";

    public override IReadOnlyList<string> Variants => RlPrivacyOptions.VariantNames;

    public override bool IsSingleMiner => true;

    public override int MaxTasksPerMiner => PrivacyStateSpace.MaxTasks;

    public override string Label(string variant) => variant == LearnerAlgorithm.DefaultVariant ? "RL-privacy [29]" : $"RL-privacy [29] ({variant})";

    public override ILearner Create(LearnerSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new RlPrivacyAgent(RlPrivacyOptions.ForVariant(spec.Variant)!);
    }
}

/// <summary>The privacy baselines' schemes, and the catalogue of every scheme EdgeMine ships (the core's and these).</summary>
public static class PrivacySchemes
{
    public static LearnerScheme Cmdp { get; } = new LearnerScheme(CmdpAlgorithm.Instance);

    public static LearnerScheme RlPrivacy { get; } = new LearnerScheme(RlPrivacyAlgorithm.Instance);

    /// <summary>Every scheme: the core's baselines, RLO and DRLO, the CMDP and RL-privacy.</summary>
    public static SchemeCatalog Catalog { get; } = SchemeCatalog.Core.With(CmdpAlgorithm.Instance, RlPrivacyAlgorithm.Instance);
}
