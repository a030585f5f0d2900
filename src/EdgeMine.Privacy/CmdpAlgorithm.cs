using EdgeMine.Learning;

namespace EdgeMine.Privacy;

/// <summary>The CMDP baseline [28] (He et al.) as a learning algorithm: "training" solves its linear programs.</summary>
public sealed class CmdpAlgorithm : PrivacyAlgorithm
{
    public static CmdpAlgorithm Instance { get; } = new();

    public override string Name => "cmdp";

    public override string Description => "the constrained MDP of He et al. [28], solved as an occupation-measure LP (single miner)";

    public override string Label(string variant) => "CMDP [28]";

    public override ILearner Create(LearnerSpec spec) => new CmdpPolicy();
}
