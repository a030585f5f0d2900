namespace EdgeMine.Policies;

/// <summary>The policies that need no training, by their command-line names.</summary>
public static class PolicyCatalog
{
    /// <summary>Names accepted by <c>simulate --policy</c>.</summary>
    public static IReadOnlyList<string> BaselineNames { get; } = ["no", "eo", "random", "optimal"];

    /// <summary>A new instance of the baseline called <paramref name="name"/>, or null when there is none.</summary>
    public static IOffloadingPolicy? CreateBaseline(string name) => name switch
    {
        "no" => new NeverOffload(),
        "eo" => new AlwaysOffload(),
        "random" => new RandomOffload(),
        "optimal" => new PerSlotOptimum(),
        _ => null,
    };
}
