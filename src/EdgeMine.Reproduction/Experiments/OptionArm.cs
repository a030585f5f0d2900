using System.Globalization;
using EdgeMine.Schemes;

namespace EdgeMine.Experiments;

/// <summary>
/// A learner run with learner options over its variant's at one setting (an ablation's changed arm, e.g. RLO with
/// <c>discount=0</c>): cells of its own, keyed <c>n5-m2-b0.5__rlo.discount0__seed1</c>, trained with the same training
/// seeds as the learner without the options at that setting (common random numbers: seed k of both arms starts from
/// the same draws) and evaluated on the same runs, so that the two arms pair seed by seed.
/// </summary>
/// <param name="Setting">Where it runs.</param>
/// <param name="Scheme">The learner (its algorithm and variant).</param>
/// <param name="Tag">The options in a file name's words: <c>discount0</c>, <c>reward-team</c>.</param>
/// <param name="Options">The learner options by key, as <c>train --learner key=value</c> takes them.</param>
internal sealed record OptionArm(Setting Setting, LearnerScheme Scheme, string Tag, IReadOnlyDictionary<string, string> Options)
{
    /// <summary>The cells' key without the seed: <c>n5-m2-b0.5__rlo.discount0</c>.</summary>
    public string Key => $"{Reproduction.CellKey(Setting, Scheme)}.{Tag}";

    /// <summary>The options as <c>train --learner</c> writes them: <c>discount=0</c>.</summary>
    public string OptionsText => Text(Options);

    /// <summary>Learner options as <c>train --learner</c> writes them, by key: <c>discount=0,reward=team</c>.</summary>
    public static string Text(IReadOnlyDictionary<string, string> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.Join(",", options.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
    }

    /// <summary>The cells of the arm, one per training seed: <c>n5-m2-b0.5__rlo.discount0__seed1</c> to <c>__seedS</c>.</summary>
    public IReadOnlyList<string> CellKeys(int seeds) =>
        Enumerable.Range(1, seeds).Select(k => string.Create(CultureInfo.InvariantCulture, $"{Key}__seed{k}")).ToArray();
}
