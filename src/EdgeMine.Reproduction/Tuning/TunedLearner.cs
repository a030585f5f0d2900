using EdgeMine.Experiments;
using EdgeMine.Learning;
using EdgeMine.Learning.Dqn;
using EdgeMine.Learning.Tabular;
using EdgeMine.Schemes;

namespace EdgeMine.Tuning;

/// <summary>
/// A learner that <c>edgemine tune</c> tunes: its scheme (as the reproduction names it) and every option key of its
/// variant with the key's tuning metadata, read from the options class where the key, its default and its description
/// live (<see cref="SystemDqnOptions.Keys"/>, <see cref="SharedDqnOptions.Keys"/>, <see cref="QLearningOptions.Keys"/>).
/// </summary>
public sealed record TunedLearner
{
    private TunedLearner(LearnerScheme scheme, IReadOnlyList<TunableKey> keys)
    {
        Scheme = scheme;
        Keys = keys;
    }

    public LearnerScheme Scheme { get; }

    /// <summary>Every key of the learner's variant, in its options' order.</summary>
    public IReadOnlyList<TunableKey> Keys { get; }

    /// <summary>The keys tuned: choices of ours with a range.</summary>
    public IReadOnlyList<TunableKey> Tuned => [.. Keys.Where(k => k.Tuning.IsTuned)];

    public string Name => Scheme.Name;

    /// <summary>The paper's DQN (the joint head, MODEL.md section 7): the scheme the paper's DRLO claims are judged with.</summary>
    public static TunedLearner DrloPaper { get; } = new(ReproductionSchemes.DrloPaper, Describe(SystemDqnOptions.Keys, SystemDqnOptions.Paper));

    /// <summary>The paper's tabular Q-learning.</summary>
    public static TunedLearner Rlo { get; } = new(ReproductionSchemes.Rlo, Describe(QLearningOptions.Keys, QLearningOptions.Default));

    /// <summary>EdgeMine's shared learner (model-assisted, ours).</summary>
    public static TunedLearner DrloShared { get; } = new(ReproductionSchemes.DrloShared, Describe(SharedDqnOptions.Keys, SharedDqnOptions.Default));

    /// <summary>Every learner tuned, each with the same budget, in report order.</summary>
    public static IReadOnlyList<TunedLearner> All { get; } = [DrloPaper, Rlo, DrloShared];

    /// <summary>The learner named <paramref name="name"/> (a scheme name), or a <see cref="ConfigurationException"/> naming <paramref name="option"/>.</summary>
    public static TunedLearner Named(string name, string option) =>
        All.FirstOrDefault(l => l.Name == name)
        ?? throw new ConfigurationException($"{option} {UserInput.Quote(name)}: not a tuned learner; allowed: {string.Join(", ", All.Select(l => l.Name))}");

    /// <summary>
    /// This learner restricted to <paramref name="keys"/> (the others held at their defaults), or a
    /// <see cref="ConfigurationException"/> naming <paramref name="option"/> for a key that is unknown, stated by the paper,
    /// a method switch, or a choice of ours held (each with its source and what may be tuned).
    /// </summary>
    public TunedLearner Only(IReadOnlyCollection<string> keys, string option)
    {
        ArgumentNullException.ThrowIfNull(keys);
        string allowed = string.Join(", ", Tuned.Select(k => k.Name));
        foreach (string name in keys)
        {
            var key = Keys.FirstOrDefault(k => k.Name == name)
                ?? throw new ConfigurationException($"{option} {UserInput.Quote($"{Name}.{name}")}: unknown key of {Name}; allowed: {allowed}");
            if (!key.Tuning.IsTuned)
            {
                string why = key.Tuning.Origin switch
                {
                    LearnerKeyOrigin.Paper => "stated by the paper, never tuned",
                    LearnerKeyOrigin.Ablation => "a switch between methods, studied by ablations, not tuned",
                    _ => "a choice of ours held at its default",
                };
                throw new ConfigurationException($"{option} {UserInput.Quote($"{Name}.{name}")}: {why} ({key.Tuning.Source}); allowed: {allowed}");
            }
        }

        return new(Scheme, [.. Keys.Select(k => keys.Contains(k.Name) || !k.Tuning.IsTuned ? k : k with { Tuning = k.Tuning with { Range = null, Source = k.Tuning.Source + "; held by --keys" } })]);
    }

    private static TunableKey[] Describe<TOptions>(IReadOnlyList<LearnerOptionKey<TOptions>> keys, TOptions defaults) =>
        [.. keys.Select(k => new TunableKey(k.Name, k.Tuning, k.Read?.Invoke(defaults)))];
}
