namespace EdgeMine.Schemes;

/// <summary>
/// The schemes a program knows, by name: the baselines and the learning algorithms. The core's catalogue
/// (<see cref="Core"/>) has the baselines, RLO and DRLO; the privacy baselines join with <see cref="With"/> in their own
/// assembly, so that the core depends on no LP solver. Names are parsed here, and only here.
/// </summary>
public sealed class SchemeCatalog
{
    private SchemeCatalog(IReadOnlyList<BaselineScheme> baselines, IReadOnlyList<LearnerAlgorithm> algorithms)
    {
        Baselines = baselines;
        Algorithms = algorithms;
    }

    /// <summary>The core's schemes: the baselines (with the sequential references), RLO and DRLO.</summary>
    public static SchemeCatalog Core { get; } = new([.. BaselineScheme.All, .. BaselineScheme.Sequential], [RloAlgorithm.Instance, DrloAlgorithm.Instance]);

    public IReadOnlyList<BaselineScheme> Baselines { get; }

    public IReadOnlyList<LearnerAlgorithm> Algorithms { get; }

    /// <summary>This catalogue with more learning algorithms.</summary>
    public SchemeCatalog With(params LearnerAlgorithm[] algorithms) => new(Baselines, [.. Algorithms, .. algorithms]);

    /// <summary>The baseline called <paramref name="name"/>, or null.</summary>
    public BaselineScheme? FindBaseline(string name) => Baselines.FirstOrDefault(b => b.Name == name);

    /// <summary>The algorithm called <paramref name="name"/>, or null.</summary>
    public LearnerAlgorithm? FindAlgorithm(string name) => Algorithms.FirstOrDefault(a => a.Name == name);

    /// <summary>The baseline called <paramref name="name"/>, or a <see cref="ConfigurationException"/> naming <paramref name="where"/> and the baselines.</summary>
    public BaselineScheme Baseline(string name, string where) =>
        FindBaseline(name) ?? throw new ConfigurationException($"{where} {UserInput.Quote(name)}: unknown policy; allowed: {string.Join(", ", Baselines.Select(b => b.Name))}");

    /// <summary>The algorithm called <paramref name="name"/>, or a <see cref="ConfigurationException"/> naming <paramref name="where"/> and the algorithms.</summary>
    public LearnerAlgorithm Algorithm(string name, string where) =>
        FindAlgorithm(name) ?? throw new ConfigurationException($"{where} {UserInput.Quote(name)}: unknown algorithm; allowed: {string.Join(", ", Algorithms.Select(a => a.Name))}");

    /// <summary>
    /// The scheme called <paramref name="name"/>: a baseline, an algorithm's default variant (<c>drlo</c>) or
    /// <c>algorithm-variant</c> (<c>drlo-paper</c>); null when there is none.
    /// </summary>
    public Scheme? Find(string name)
    {
        if (FindBaseline(name) is { } baseline)
        {
            return baseline;
        }

        foreach (var algorithm in Algorithms)
        {
            foreach (string variant in algorithm.Variants)
            {
                var scheme = algorithm.Scheme(variant);
                if (scheme.Name == name)
                {
                    return scheme;
                }
            }
        }

        return null;
    }

    /// <summary>Every scheme: the baselines, then every algorithm in every variant.</summary>
    public IEnumerable<Scheme> All => Baselines.Concat<Scheme>(Algorithms.SelectMany(a => a.Variants.Select(a.Scheme)));
}
