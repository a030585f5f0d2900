namespace EdgeMine.Learning.Tabular;

/// <summary>
/// RLO [Alg. 1]: tabular Q-learning, one learner per miner (MODEL.md section 7). Its learner options
/// (<see cref="QLearningOptions.Keys"/>) default to the paper's RLO: each miner's own reward, discount 0.85, a state
/// never met keeps every task local, no backlog in the state. Its variant <c>backlog</c> (issue 22: "RLO with the backlog
/// in its state") starts from the same options with <see cref="BacklogVariantBins"/> bins of the MEC backlog in each
/// miner's state; learner options apply over either.
/// </summary>
public sealed class RloAlgorithm : LearnerAlgorithm
{
    public static RloAlgorithm Instance { get; } = new();

    public override string Name => "rlo";

    public override string Description => "tabular Q-learning, one learner per miner (the paper's RLO)";

    public override int MaxTasksPerMiner => TabularQLearner.MaxTasksPerMiner;

    /// <summary>The variant with the MEC backlog in each miner's state.</summary>
    public const string BacklogVariant = "backlog";

    /// <summary>
    /// The backlog variant's bins (<see cref="QLearningOptions.BacklogBins"/>): an empty MEC, then doubling widths from one
    /// slot of the MEC's capacity, the last holding every backlog above 32 slots (the bins docs/sequential.md measured RLO
    /// with).
    /// </summary>
    public const int BacklogVariantBins = 8;

    public override IReadOnlyList<string> Variants { get; } = [DefaultVariant, BacklogVariant];

    /// <summary>The learner option keys RLO takes (<c>--learner key=value</c>).</summary>
    public static IReadOnlyList<string> OptionKeys { get; } = [.. QLearningOptions.Keys.Select(k => k.Name)];

    public override string Label(string variant) => variant == BacklogVariant ? "RLO (backlog in state)" : "RLO";

    /// <summary>
    /// The variant's options (the paper's RLO, with the backlog's bins for <see cref="BacklogVariant"/>) with the spec's
    /// learner options applied (a bad key or value is a <see cref="ConfigurationException"/>).
    /// </summary>
    public static QLearningOptions Options(LearnerSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var variant = spec.Variant == BacklogVariant ? QLearningOptions.Default with { BacklogBins = BacklogVariantBins } : QLearningOptions.Default;
        return variant.With(spec.Options, OptionsWhere);
    }

    public override ILearner Create(LearnerSpec spec) => new TabularQLearner(Options(spec));

    protected override string? ConfigurationProblem(LearnerSpec spec)
    {
        try
        {
            return TabularQLearner.KeyProblem(spec.Settings.TasksPerMiner, Options(spec));
        }
        catch (ConfigurationException e)
        {
            return e.Message;
        }
    }

    private const string OptionsWhere = "rlo learner options";
}
