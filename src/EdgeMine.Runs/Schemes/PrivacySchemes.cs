namespace EdgeMine.Privacy;

/// <summary>The privacy baselines' schemes, and the catalogue of every scheme EdgeMine ships (the core's and these).</summary>
public static class PrivacySchemes
{
    public static LearnerScheme Cmdp { get; } = new LearnerScheme(CmdpAlgorithm.Instance);

    public static LearnerScheme RlPrivacy { get; } = new LearnerScheme(RlPrivacyAlgorithm.Instance);

    /// <summary>Every scheme: the core's baselines, RLO and DRLO, the CMDP and RL-privacy.</summary>
    public static SchemeCatalog Catalog { get; } = SchemeCatalog.Core.With(CmdpAlgorithm.Instance, RlPrivacyAlgorithm.Instance);
}
