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

/// <summary>DRLO [Alg. 2]: a deep Q-network, EdgeMine's default (<see cref="DqnOptions.Default"/>) or the paper's (<see cref="DqnOptions.Paper"/>).</summary>
public sealed class DrloAlgorithm : LearnerAlgorithm
{
    public const string PaperVariant = "paper";

    public static DrloAlgorithm Instance { get; } = new();

    public override string Name => "drlo";

    public override string Description => "deep Q-network (the paper's DRLO); variant paper is the paper-faithful DQN";

    public override IReadOnlyList<string> Variants { get; } = [LearnerScheme.DefaultVariant, PaperVariant];

    public override string Label(string variant) => variant == PaperVariant ? "DRLO (paper DQN)" : "DRLO";

    /// <summary>The variant's options with the configuration's learner options applied in key order.</summary>
    public static DqnOptions Options(TrainingConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.Learner.Variant == PaperVariant ? DqnOptions.Paper : DqnOptions.Default;
        return options.With(configuration.LearnerOptions, "learner options");
    }

    public override ILearner Create(TrainingConfiguration configuration) => new DqnLearner(Options(configuration));

    protected override string? ConfigurationProblem(TrainingConfiguration configuration)
    {
        try
        {
            return Options(configuration).Problem(configuration.Settings.Miners * configuration.Settings.TasksPerMiner) is { } problem
                ? $"drlo ({configuration.Learner.Variant}): {problem}"
                : null;
        }
        catch (ConfigurationException e)
        {
            return e.Message;
        }
    }
}
