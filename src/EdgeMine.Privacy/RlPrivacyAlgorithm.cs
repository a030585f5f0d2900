using EdgeMine.Learning;

namespace EdgeMine.Privacy;

/// <summary>The RL-privacy baseline [29] (Min et al.): Q-learning over offloading rates with Dyna, post-decision states and hot-booting.</summary>
public sealed class RlPrivacyAlgorithm : PrivacyAlgorithm
{
    public static RlPrivacyAlgorithm Instance { get; } = new();

    public override string Name => "rl-privacy";

    public override string Description => "Q-learning over offloading rates with Dyna, post-decision states and hot-booting, after Min et al. [29] (single miner)";

    public override IReadOnlyList<string> Variants => RlPrivacyOptions.VariantNames;

    public override string Label(string variant) => variant == LearnerAlgorithm.DefaultVariant ? "RL-privacy [29]" : $"RL-privacy [29] ({variant})";

    public override ILearner Create(LearnerSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new RlPrivacyAgent(RlPrivacyOptions.ForVariant(spec.Variant)!);
    }
}
