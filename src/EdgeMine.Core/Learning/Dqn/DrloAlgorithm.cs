namespace EdgeMine.Learning.Dqn;

/// <summary>
/// DRLO [Alg. 2]: a deep Q-network. Variants: <c>default</c>, one small network shared by all miners
/// (<see cref="SharedDqn"/>, issue 13: it captures most of the headroom over the rules of thumb from N = 5 to
/// N = 1,000, docs/drlo.md); <c>branching</c>, the default before it (<see cref="BranchingHeadDqn"/> with
/// <see cref="SystemDqnOptions.Branching"/>: action-branching head, Double DQN, difference rewards); <c>paper</c>, the
/// paper-faithful DQN (<see cref="JointHeadDqn"/> with <see cref="SystemDqnOptions.Paper"/>); <c>model-free</c>, the
/// shared network learning from the observed slot reward alone (<see cref="SharedDqnOptions.ModelFree"/>, issue 22).
/// Each variant takes its own learner options. Every variant is model-assisted except <c>paper</c> and <c>model-free</c>:
/// the default and branching ones learn from difference rewards computed with the reward model, and the default one
/// also prices a learned value of the carried backlog (with the reward model and the backlog's dynamics) into its choices.
/// </summary>
public sealed class DrloAlgorithm : LearnerAlgorithm
{
    public const string BranchingVariant = "branching";

    public const string PaperVariant = "paper";

    public const string ModelFreeVariant = "model-free";

    public static DrloAlgorithm Instance { get; } = new();

    public override string Name => "drlo";

    public override string Description => "deep Q-network (the paper's DRLO); default: one network shared by all miners; branching: the action-branching DQN; paper: the paper-faithful DQN; model-free: the shared network learning from the observed reward alone";

    public override IReadOnlyList<string> Variants { get; } = [DefaultVariant, BranchingVariant, PaperVariant, ModelFreeVariant];

    public override string Label(string variant) => variant switch
    {
        PaperVariant => "DRLO (paper DQN)",
        BranchingVariant => "DRLO (branching)",
        ModelFreeVariant => "DRLO (model-free)",
        _ => "DRLO",
    };

    /// <summary>The learner option keys <paramref name="variant"/> takes (<c>--learner key=value</c>).</summary>
    public static IReadOnlyList<string> OptionKeys(string variant) => Defaults(variant).KeyNames();

    /// <summary>
    /// The options of the spec's variant with its learner options applied in key order (a bad key or value is a
    /// <see cref="ConfigurationException"/>): <see cref="SharedDqnOptions"/> for the default variant,
    /// <see cref="SystemDqnOptions"/> for <c>branching</c> and <c>paper</c>.
    /// </summary>
    public static DqnOptions Options(LearnerSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return Defaults(spec.Variant).With(spec.Options, OptionsWhere(spec));
    }

    public override ILearner Create(LearnerSpec spec) => Options(spec) switch
    {
        SharedDqnOptions shared => new SharedDqn(shared),
        SystemDqnOptions system => SystemDqn.Create(system),
        var other => throw new InvalidOperationException($"no DRLO learner takes {other.GetType().Name}"),
    };

    protected override string? ConfigurationProblem(LearnerSpec spec)
    {
        string variant = spec.Variant;
        var keys = OptionKeys(variant);
        foreach (string key in spec.Options.Keys.Where(k => !keys.Contains(k)))
        {
            // An option of another variant is named as such: the usual slip is the variant, not the key.
            var others = Variants.Where(v => v != variant && OptionKeys(v).Contains(key)).ToArray();
            string elsewhere = others.Length == 0 ? "" : $" ({key} is an option of variant {string.Join(" and ", others)})";
            return $"{OptionsWhere(spec)}: unknown DRLO option {UserInput.Quote(key)} for variant {variant}{elsewhere}; allowed: {string.Join(", ", keys)}";
        }

        try
        {
            string? problem = Options(spec).Problem(spec.Settings.Miners * spec.Settings.TasksPerMiner);
            return problem is null ? null : $"drlo ({variant}): {problem}";
        }
        catch (ConfigurationException e)
        {
            return e.Message;
        }
    }

    private static string OptionsWhere(LearnerSpec spec) => $"drlo ({spec.Variant}) learner options";

    /// <summary>The options of <paramref name="variant"/> before any learner option is applied.</summary>
    private static DqnOptions Defaults(string variant) => variant switch
    {
        DefaultVariant => SharedDqnOptions.Default,
        BranchingVariant => SystemDqnOptions.Branching,
        ModelFreeVariant => SharedDqnOptions.ModelFree,
        PaperVariant => SystemDqnOptions.Paper,
        _ => throw new ArgumentException($"variant {variant}: unknown for drlo", nameof(variant)),
    };
}
