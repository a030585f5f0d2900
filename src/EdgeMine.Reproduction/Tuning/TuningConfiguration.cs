namespace EdgeMine.Tuning;

/// <summary>
/// One configuration of a learner in the tuning: its index (0 the incumbent defaults) and the values of the tuned keys
/// in the <c>--learner key=value</c> vocabulary (every tuned key, the defaults' shown too), and the options its cells
/// train with (none for the defaults: exactly the variant's defaults).
/// </summary>
/// <param name="Learner">The learner.</param>
/// <param name="Index">0 for the defaults, then the hypercube's points from 1.</param>
/// <param name="Values">Every tuned key's value, by key (ordinal order).</param>
public sealed record TuningConfiguration(TunedLearner Learner, int Index, IReadOnlyDictionary<string, string> Values)
{
    public bool IsDefault => Index == 0;

    /// <summary>The learner options its cells train with: none for the defaults, else every tuned key's value.</summary>
    public IReadOnlyDictionary<string, string> Options => IsDefault ? new SortedDictionary<string, string>(StringComparer.Ordinal) : Values;

    /// <summary>The values as <c>key=value</c> joined by spaces, in key order.</summary>
    public string ValuesText => string.Join(" ", Values.Select(v => $"{v.Key}={v.Value}"));
}
