using EdgeMine.Learning.Dqn;
using EdgeMine.Learning.Tabular;
using EdgeMine.Privacy;
using EdgeMine.Schemes;

namespace EdgeMine.Experiments;

/// <summary>The schemes of the paper's figures, as the reproduction names them.</summary>
internal static class ReproductionSchemes
{
    /// <summary>EdgeMine's default DRLO.</summary>
    public static LearnerScheme Drlo { get; } = new LearnerScheme(DrloAlgorithm.Instance);

    /// <summary>The paper-faithful DRLO (joint head, MODEL.md section 7's values), reported beside the default.</summary>
    public static LearnerScheme DrloPaper { get; } = new LearnerScheme(DrloAlgorithm.Instance, DrloAlgorithm.PaperVariant);

    /// <summary>The previous default DQN (one trunk, one 2-way head per task), beside the default in the scaling experiment.</summary>
    public static LearnerScheme DrloBranching { get; } = new LearnerScheme(DrloAlgorithm.Instance, DrloAlgorithm.BranchingVariant);

    public static LearnerScheme Rlo { get; } = new LearnerScheme(RloAlgorithm.Instance);

    public static LearnerScheme RlPrivacy { get; } = new(RlPrivacyAlgorithm.Instance);

    public static LearnerScheme Cmdp { get; } = new(CmdpAlgorithm.Instance);

    /// <summary>
    /// The schemes of Figs. 5-6 and Tables II-III: the paper's DRLO and RLO, our paper-faithful DQN, and every baseline
    /// (the paper's EO and NO, the yardsticks' GO, Random and both per-slot optima).
    /// </summary>
    public static IReadOnlyList<Scheme> Comparison { get; } = [Drlo, DrloPaper, Rlo, .. BaselineScheme.All];

    /// <summary>The scheme names of result files are read back through this catalogue.</summary>
    public static SchemeCatalog Catalog => SchemeCatalog.Full;

    /// <summary>DRLO, plus the paper-faithful DQN when the experiment has it and it produced any result (it is our addition beside the default).</summary>
    public static IReadOnlyList<Scheme> DrloVariants(ExperimentResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var variants = new List<Scheme> { Drlo };
        if (results.Experiment.Schemes.Contains(DrloPaper) && results.Rows.Any(r => r.Scheme.Equals(DrloPaper) && r.IsOk))
        {
            variants.Add(DrloPaper);
        }

        return variants;
    }
}
