using EdgeMine.Learning;
using EdgeMine.Learning.Dqn;
using EdgeMine.Learning.Tabular;
using EdgeMine.Privacy;
using EdgeMine.Sequential;

namespace EdgeMine.Schemes;

/// <summary>
/// The schemes a program knows, by name: the baselines and the learning algorithms. <see cref="Full"/> is every scheme
/// EdgeMine ships, the one catalogue that the commands, the reproduction, the sweeps and the training directories read
/// names through; <see cref="With"/> adds a program's own algorithms. Names are parsed here, and only here.
/// </summary>
public sealed class SchemeCatalog
{
    private SchemeCatalog(IReadOnlyList<BaselineScheme> baselines, IReadOnlyList<LearnerAlgorithm> algorithms)
    {
        Baselines = baselines;
        Algorithms = algorithms;
    }

    /// <summary>
    /// Every scheme EdgeMine ships: the baselines (with the sequential references of MODEL.md section 13), RLO, DRLO, the
    /// CMDP [28] and RL-privacy [29].
    /// </summary>
    public static SchemeCatalog Full { get; } = new([.. BaselineScheme.All, .. SequentialSchemes.All], [RloAlgorithm.Instance, DrloAlgorithm.Instance, CmdpAlgorithm.Instance, RlPrivacyAlgorithm.Instance]);

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
                var scheme = new LearnerScheme(algorithm, variant);
                if (scheme.Name == name)
                {
                    return scheme;
                }
            }
        }

        return null;
    }

    /// <summary>Every scheme: the baselines, then every algorithm in every variant.</summary>
    public IEnumerable<Scheme> All => Baselines.Concat<Scheme>(Algorithms.SelectMany(a => a.Variants.Select(v => new LearnerScheme(a, v))));
}
