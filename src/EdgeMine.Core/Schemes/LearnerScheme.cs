using EdgeMine.Learning;

namespace EdgeMine.Schemes;

/// <summary>A learning algorithm in one of its variants: trained, then evaluated greedily.</summary>
public sealed record LearnerScheme(LearnerAlgorithm Algorithm, string Variant = LearnerAlgorithm.DefaultVariant) : Scheme
{
    /// <summary>The algorithm's name for its default variant, else <c>algorithm-variant</c> (<c>drlo-paper</c>).</summary>
    public override string Name => Variant == LearnerAlgorithm.DefaultVariant ? Algorithm.Name : $"{Algorithm.Name}-{Variant}";

    public override string Label => Algorithm.Label(Variant);
}
