namespace EdgeMine.Learning;

/// <summary>
/// A learning algorithm and its variants (<c>train --algo NAME --variant VARIANT</c>): what it can train, and a new
/// learner for a configuration. RLO and DRLO are here; the privacy baselines of Fig. 7 live in their own assembly and
/// join through a <see cref="SchemeCatalog"/>.
/// </summary>
public abstract class LearnerAlgorithm
{
    /// <summary>The name on the command line and in configurations: <c>rlo</c>, <c>drlo</c>.</summary>
    public abstract string Name { get; }

    /// <summary>One line for help texts.</summary>
    public abstract string Description { get; }

    /// <summary>The variants, the default (<see cref="LearnerScheme.DefaultVariant"/>) first.</summary>
    public virtual IReadOnlyList<string> Variants { get; } = [LearnerScheme.DefaultVariant];

    /// <summary>True for schemes that model one miner only (N = 1) with at most <see cref="MaxTasksPerMiner"/> tasks.</summary>
    public virtual bool IsSingleMiner => false;

    /// <summary>The largest M the algorithm can learn.</summary>
    public virtual int MaxTasksPerMiner => RunSettings.Tasks.Max;

    /// <summary>How reports call a variant: <c>DRLO</c>, <c>DRLO (paper DQN)</c>.</summary>
    public abstract string Label(string variant);

    /// <summary>The scheme of this algorithm in <paramref name="variant"/> (the default when omitted).</summary>
    public LearnerScheme Scheme(string variant = LearnerScheme.DefaultVariant) => new(this, variant);

    /// <summary>
    /// Null when <paramref name="configuration"/> can be trained, else why not, in one line naming the setting, its value
    /// and what is allowed.
    /// </summary>
    public string? Problem(TrainingConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var invariant = CultureInfo.InvariantCulture;
        string variant = configuration.Learner.Variant;
        if (!Variants.Contains(variant))
        {
            return $"variant {UserInput.Quote(variant)}: unknown for {Name}; allowed: {string.Join(", ", Variants)}";
        }

        var settings = configuration.Settings;
        if (IsSingleMiner && settings.Miners != 1)
        {
            return string.Create(invariant, $"{RunSettings.Miners.Option} {settings.Miners}: {Label(variant)} is single-miner; allowed: 1");
        }

        if (settings.TasksPerMiner > MaxTasksPerMiner)
        {
            return string.Create(invariant, $"{RunSettings.Tasks.Option} {settings.TasksPerMiner}: {Label(variant)} learns at most {MaxTasksPerMiner} tasks per miner; allowed: 1 to {MaxTasksPerMiner}");
        }

        return ConfigurationProblem(configuration);
    }

    /// <summary>A new, untrained learner for <paramref name="configuration"/>, which must have no <see cref="Problem"/>.</summary>
    public abstract ILearner Create(TrainingConfiguration configuration);

    /// <summary>What else this algorithm cannot train (its learner options, its sizes), or null.</summary>
    protected virtual string? ConfigurationProblem(TrainingConfiguration configuration) =>
        configuration.LearnerOptions.Count == 0
            ? null
            : $"learner options ({string.Join(", ", configuration.LearnerOptions.Keys)}): only drlo takes learner options; {Name} is configured by its variant";

    public sealed override string ToString() => Name;
}

/// <summary>RLO [Alg. 1]: tabular Q-learning, one learner per miner (MODEL.md section 7).</summary>
public sealed class RloAlgorithm : LearnerAlgorithm
{
    public static RloAlgorithm Instance { get; } = new();

    public override string Name => "rlo";

    public override string Description => "tabular Q-learning, one learner per miner (the paper's RLO)";

    public override int MaxTasksPerMiner => TabularQLearner.MaxTasksPerMiner;

    public override string Label(string variant) => "RLO";

    public override ILearner Create(TrainingConfiguration configuration) => new TabularQLearner();
}

/// <summary>
/// DRLO [Alg. 2]: a deep Q-network. Variants: <c>default</c>, one small network shared by all miners
/// (<see cref="SharedDqnLearner"/>, issue 13: it captures most of the headroom over the rules of thumb from N = 5 to
/// N = 1,000, docs/drlo.md); <c>branching</c>, the default before it (<see cref="DqnOptions.Default"/>: action-branching
/// head, Double DQN, difference rewards); <c>paper</c>, the paper-faithful DQN (<see cref="DqnOptions.Paper"/>). Each
/// variant takes its own learner options.
/// </summary>
public sealed class DrloAlgorithm : LearnerAlgorithm
{
    public const string BranchingVariant = "branching";

    public const string PaperVariant = "paper";

    public static DrloAlgorithm Instance { get; } = new();

    public override string Name => "drlo";

    public override string Description => "deep Q-network (the paper's DRLO); default: one network shared by all miners; branching: the action-branching DQN; paper: the paper-faithful DQN";

    public override IReadOnlyList<string> Variants { get; } = [LearnerScheme.DefaultVariant, BranchingVariant, PaperVariant];

    public override string Label(string variant) => variant switch
    {
        PaperVariant => "DRLO (paper DQN)",
        BranchingVariant => "DRLO (branching)",
        _ => "DRLO",
    };

    /// <summary>The learner option keys <paramref name="variant"/> takes (<c>--learner key=value</c>).</summary>
    public static IReadOnlyList<string> OptionKeys(string variant) =>
        variant == LearnerScheme.DefaultVariant ? [.. SharedDqnOptions.Keys.Select(k => k.Name)] : [.. DqnOptions.Keys.Select(k => k.Name)];

    /// <summary>
    /// The options of the <c>branching</c> or <c>paper</c> variant with the configuration's learner options applied in
    /// key order (a bad key or value is a <see cref="ConfigurationException"/>).
    /// </summary>
    public static DqnOptions Options(TrainingConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string variant = configuration.Learner.Variant;
        if (variant is not (BranchingVariant or PaperVariant))
        {
            throw new ArgumentException($"variant {variant} is not a DQN over the whole system; use {nameof(SharedOptions)}", nameof(configuration));
        }

        var options = variant == PaperVariant ? DqnOptions.Paper : DqnOptions.Default;
        return options.With(configuration.LearnerOptions, OptionsWhere(configuration));
    }

    /// <summary>The default variant's options with the configuration's learner options applied in key order.</summary>
    public static SharedDqnOptions SharedOptions(TrainingConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration.Learner.Variant != LearnerScheme.DefaultVariant)
        {
            throw new ArgumentException($"variant {configuration.Learner.Variant} is not the shared learner; use {nameof(Options)}", nameof(configuration));
        }

        return SharedDqnOptions.Default.With(configuration.LearnerOptions, OptionsWhere(configuration));
    }

    public override ILearner Create(TrainingConfiguration configuration) =>
        configuration.Learner.Variant == LearnerScheme.DefaultVariant
            ? new SharedDqnLearner(SharedOptions(configuration))
            : new DqnLearner(Options(configuration));

    protected override string? ConfigurationProblem(TrainingConfiguration configuration)
    {
        string variant = configuration.Learner.Variant;
        var keys = OptionKeys(variant);
        foreach (string key in configuration.LearnerOptions.Keys.Where(k => !keys.Contains(k)))
        {
            // An option of another variant is named as such: the usual slip is the variant, not the key.
            var others = Variants.Where(v => v != variant && OptionKeys(v).Contains(key)).ToArray();
            string elsewhere = others.Length == 0 ? "" : $" ({key} is an option of variant {string.Join(" and ", others)})";
            return $"{OptionsWhere(configuration)}: unknown DRLO option {UserInput.Quote(key)} for variant {variant}{elsewhere}; allowed: {string.Join(", ", keys)}";
        }

        try
        {
            string? problem = variant == LearnerScheme.DefaultVariant
                ? SharedOptions(configuration).Problem()
                : Options(configuration).Problem(configuration.Settings.Miners * configuration.Settings.TasksPerMiner);
            return problem is null ? null : $"drlo ({variant}): {problem}";
        }
        catch (ConfigurationException e)
        {
            return e.Message;
        }
    }

    private static string OptionsWhere(TrainingConfiguration configuration) => $"drlo ({configuration.Learner.Variant}) learner options";
}
