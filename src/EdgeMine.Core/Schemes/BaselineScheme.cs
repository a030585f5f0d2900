using EdgeMine.Policies;

namespace EdgeMine.Schemes;

/// <summary>A policy that needs no training (MODEL.md section 7's baselines and the per-slot optimum).</summary>
public sealed record BaselineScheme : Scheme
{
    private readonly Func<IOffloadingPolicy> _create;

    /// <summary>A baseline: its name (the one place it is spelled), label, one-line description and policy factory.</summary>
    internal BaselineScheme(string name, string label, string description, Func<IOffloadingPolicy> create)
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

    /// <summary>The rules of thumb whose best is the baseline of headroom captured (MODEL.md section 6): NO, EO, Random, GO.</summary>
    public static IReadOnlyList<BaselineScheme> Simple { get; } = [Never, Always, Random, GoodChannel];

    /// <summary>A new instance of the policy.</summary>
    public IOffloadingPolicy Create() => _create();

    public bool Equals(BaselineScheme? other) => ReferenceEquals(this, other);

    public override int GetHashCode() => Name.GetHashCode(StringComparison.Ordinal);
}
