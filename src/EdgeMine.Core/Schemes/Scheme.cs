namespace EdgeMine.Schemes;

/// <summary>
/// What results compare: a baseline policy, or a learner (an algorithm in one of its variants) that is trained first.
/// Schemes are compared as objects, never by their names; <see cref="Name"/> is written to files and parsed back
/// through a <see cref="SchemeCatalog"/>.
/// </summary>
public abstract record Scheme
{
    /// <summary>The name on the command line and in files: <c>no</c>, <c>optimal</c>, <c>drlo</c>, <c>drlo-paper</c>.</summary>
    public abstract string Name { get; }

    /// <summary>How reports and figures call it: <c>NO</c>, <c>DRLO (paper DQN)</c>.</summary>
    public abstract string Label { get; }

    /// <summary>True when the scheme is learned (trained before it is evaluated).</summary>
    public bool IsLearner => this is LearnerScheme;

    public sealed override string ToString() => Name;
}

/// <summary>A policy that needs no training (MODEL.md section 7's baselines and the per-slot optimum).</summary>
public sealed record BaselineScheme : Scheme
{
    private readonly Func<IOffloadingPolicy> _create;

    private BaselineScheme(string name, string label, string description, Func<IOffloadingPolicy> create)
    {
        Name = name;
        Label = label;
        Description = description;
        _create = create;
    }

    public override string Name { get; }

    public override string Label { get; }

    /// <summary>One line for help texts.</summary>
    public string Description { get; }

    /// <summary>NO: every task executes locally [Sec. IV-A].</summary>
    public static BaselineScheme Never { get; } = new("no", "NO", "never offload", () => new NeverOffload());

    /// <summary>EO: every task is offloaded [Sec. IV-A].</summary>
    public static BaselineScheme Always { get; } = new("eo", "EO", "always offload", () => new AlwaysOffload());

    /// <summary>Random: each task offloads with probability 1/2 [Sec. IV-A].</summary>
    public static BaselineScheme Random { get; } = new("random", "Random", "offload each task with probability 1/2", () => new RandomOffload());

    /// <summary>GO: offload a task fully when its miner's channel is good, else keep it local (MODEL.md section 7).</summary>
    public static BaselineScheme GoodChannel { get; } = new("go", "GO", "offload when the channel is good", () => new GoodChannelOffload());

    /// <summary>The per-slot optimum (MODEL.md section 7, not in the paper): the yardstick of every learner.</summary>
    public static BaselineScheme Optimal { get; } = new("optimal", "Per-slot optimum", "the binary action that maximises this slot's reward", () => new PerSlotOptimum());

    /// <summary>The fractional per-slot optimum (MODEL.md section 7): the bound of every scheme, partial offloaders included.</summary>
    public static BaselineScheme OptimalFractional { get; } = new("optimal-fractional", "Fractional per-slot optimum", "the action in [0, 1] per task that maximises this slot's reward", () => new PerSlotFractionalOptimum());

    /// <summary>Every baseline, in the order tables and help texts list them.</summary>
    public static IReadOnlyList<BaselineScheme> All { get; } = [Never, Always, GoodChannel, Random, Optimal, OptimalFractional];

    /// <summary>The lookahead (MODEL.md section 13): the per-slot search with the next slot's backlog and buffers priced in, prices tuned per instance.</summary>
    public static BaselineScheme Lookahead { get; } = new(Policies.Sequential.LookaheadPolicy.PolicyName, "Lookahead", "the per-slot search with the next slot's backlog and buffers priced in (tuned prices)", () => new Policies.Sequential.LookaheadPolicy());

    /// <summary>The MDP optimum (MODEL.md section 13): relative value iteration over the carried state, where it is small (one miner).</summary>
    public static BaselineScheme MdpOptimal { get; } = new(Policies.Sequential.MdpOptimalPolicy.PolicyName, "MDP optimum", "the average-reward optimal policy by relative value iteration (one miner only)", () => new Policies.Sequential.MdpOptimalPolicy());

    /// <summary>The references of MODEL.md section 13, evaluated only when asked for (not in <see cref="All"/>): they tune or solve per instance.</summary>
    public static IReadOnlyList<BaselineScheme> Sequential { get; } = [Lookahead, MdpOptimal];

    /// <summary>The rules of thumb whose best is the baseline of headroom captured (MODEL.md section 6): NO, EO, Random, GO.</summary>
    public static IReadOnlyList<BaselineScheme> Simple { get; } = [Never, Always, Random, GoodChannel];

    /// <summary>A new instance of the policy.</summary>
    public IOffloadingPolicy Create() => _create();

    public bool Equals(BaselineScheme? other) => ReferenceEquals(this, other);

    public override int GetHashCode() => Name.GetHashCode(StringComparison.Ordinal);
}

/// <summary>A learning algorithm in one of its variants: trained, then evaluated greedily.</summary>
public sealed record LearnerScheme(LearnerAlgorithm Algorithm, string Variant) : Scheme
{
    /// <summary>The default variant's name, which a scheme's name leaves out.</summary>
    public const string DefaultVariant = "default";

    /// <summary>The algorithm's name for its default variant, else <c>algorithm-variant</c> (<c>drlo-paper</c>).</summary>
    public override string Name => Variant == DefaultVariant ? Algorithm.Name : $"{Algorithm.Name}-{Variant}";

    public override string Label => Algorithm.Label(Variant);
}
