using System.Globalization;
using EdgeMine.Settings;

namespace EdgeMine.Learning;

/// <summary>
/// A learning algorithm and its variants (<c>train --algo NAME --variant VARIANT</c>): what it can train, and a new
/// learner for a configuration. RLO and DRLO are here; the privacy baselines of Fig. 7 live in their own assembly; the
/// catalogue of every scheme by name is the run-management assembly's.
/// </summary>
public abstract class LearnerAlgorithm
{
    /// <summary>The default variant's name, which a scheme's name leaves out.</summary>
    public const string DefaultVariant = "default";

    /// <summary>The name on the command line and in configurations: <c>rlo</c>, <c>drlo</c>.</summary>
    public abstract string Name { get; }

    /// <summary>One line for help texts.</summary>
    public abstract string Description { get; }

    /// <summary>The variants, the default (<see cref="DefaultVariant"/>) first.</summary>
    public virtual IReadOnlyList<string> Variants { get; } = [DefaultVariant];

    /// <summary>True for schemes that model one miner only (N = 1) with at most <see cref="MaxTasksPerMiner"/> tasks.</summary>
    public virtual bool IsSingleMiner => false;

    /// <summary>The largest M the algorithm can learn.</summary>
    public virtual int MaxTasksPerMiner => RunSettings.Tasks.Max;

    /// <summary>How reports call a variant: <c>DRLO</c>, <c>DRLO (paper DQN)</c>.</summary>
    public abstract string Label(string variant);

    /// <summary>
    /// Null when <paramref name="spec"/> can be trained, else why not, in one line naming the setting, its value and what
    /// is allowed.
    /// </summary>
    public string? Problem(LearnerSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var invariant = CultureInfo.InvariantCulture;
        string variant = spec.Variant;
        if (!Variants.Contains(variant))
        {
            return $"variant {UserInput.Quote(variant)}: unknown for {Name}; allowed: {string.Join(", ", Variants)}";
        }

        var settings = spec.Settings;
        if (IsSingleMiner && settings.Miners != 1)
        {
            return string.Create(invariant, $"{RunSettings.Miners.Option} {settings.Miners}: {Label(variant)} is single-miner; allowed: 1");
        }

        if (settings.TasksPerMiner > MaxTasksPerMiner)
        {
            return string.Create(invariant, $"{RunSettings.Tasks.Option} {settings.TasksPerMiner}: {Label(variant)} learns at most {MaxTasksPerMiner} tasks per miner; allowed: 1 to {MaxTasksPerMiner}");
        }

        return ConfigurationProblem(spec);
    }

    /// <summary>A new, untrained learner for <paramref name="spec"/>, which must have no <see cref="Problem"/>.</summary>
    public abstract ILearner Create(LearnerSpec spec);

    /// <summary>What else this algorithm cannot train (its learner options, its sizes), or null.</summary>
    protected virtual string? ConfigurationProblem(LearnerSpec spec) =>
        spec.Options.Count == 0
            ? null
            : $"learner options ({string.Join(", ", spec.Options.Keys)}): only drlo and rlo take learner options; {Name} is configured by its variant";

    public sealed override string ToString() => Name;
}
