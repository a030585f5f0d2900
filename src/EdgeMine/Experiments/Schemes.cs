using EdgeMine.Learning;
using EdgeMine.Policies;

namespace EdgeMine.Experiments;

/// <summary>
/// A scheme of the paper's figures: a baseline policy, or a learner (algorithm and variant) that is trained first.
/// </summary>
public sealed record Scheme(string Name, string Label, string? Algorithm = null, string Variant = "default")
{
    /// <summary>True when the scheme is learned (trained before it is evaluated).</summary>
    public bool IsLearner => Algorithm is not null;

    public static Scheme Drlo { get; } = new("drlo", "DRLO", "drlo");

    /// <summary>The paper-faithful DRLO (joint head, MODEL.md section 7's values), reported beside the default.</summary>
    public static Scheme DrloPaper { get; } = new("drlo-paper", "DRLO (paper DQN)", "drlo", "paper");

    public static Scheme Rlo { get; } = new("rlo", "RLO", "rlo");

    public static Scheme AlwaysOffload { get; } = new("eo", "EO");

    public static Scheme NeverOffload { get; } = new("no", "NO");

    public static Scheme Random { get; } = new("random", "Random");

    public static Scheme Optimal { get; } = new("optimal", "Per-slot optimum");

    public static Scheme RlPrivacy { get; } = new("rl-privacy", "RL-privacy [29]", "rl-privacy");

    public static Scheme Cmdp { get; } = new("cmdp", "CMDP [28]", "cmdp");

    /// <summary>A new baseline policy for a scheme that is not learned.</summary>
    public IOffloadingPolicy CreateBaseline() =>
        PolicyCatalog.CreateBaseline(Name) ?? throw new InvalidOperationException($"{Name} is not a baseline");

    /// <summary>Whether <see cref="LearnerCatalog"/> can train this scheme at all (it may still reject a setting).</summary>
    public bool IsAvailable => !IsLearner || (LearnerCatalog.Algorithms.Contains(Algorithm!) && LearnerCatalog.Variants(Algorithm!).Contains(Variant));
}
