namespace EdgeMine.Learning.Dqn;

/// <summary>
/// DRLO [Alg. 2]: a deep Q-network. Variants: <c>default</c>, one small network shared by all miners
/// (<see cref="SharedDqn"/>, issue 13: it captures most of the headroom over the rules of thumb from N = 5 to
/// N = 1,000, docs/drlo.md); <c>branching</c>, the default before it (<see cref="BranchingHeadDqn"/> with
/// <see cref="SystemDqnOptions.Branching"/>: action-branching head, Double DQN, difference rewards); <c>paper</c>, the
/// paper-faithful DQN (<see cref="JointHeadDqn"/> with <see cref="SystemDqnOptions.Paper"/>). Each variant takes its own
/// learner options. <c>shared</c> names the default variant's learner as the reproduction reports it, beside the
/// paper's schemes; <c>paper-branching</c> is the paper-faithful DQN with the branching head in place of the joint one,
/// the reproduction's stated substitute where the joint head's 2^(N M) outputs exceed
/// <see cref="SystemDqnOptions.JointActionLimit"/> (MODEL.md section 7). Every variant is model-assisted
/// (<see cref="UsesRewardModel"/>) except <c>paper</c>, <c>paper-branching</c> and <c>model-free</c>: the default (shared) and branching
/// ones learn from difference rewards computed with the reward model, and the default one also prices a learned value
/// of the carried backlog (with the reward model and the backlog's dynamics) into its choices. <c>model-free</c> is the
/// shared network learning from the observed slot reward alone (<see cref="SharedDqnOptions.ModelFree"/>, issue 22):
/// not model-assisted either. <c>planner</c> learns the default's value of the carried backlog and acts by the reward
/// model's exact per-slot search with that value priced in (<see cref="SharedDqnOptions.Planner"/>, issue 22): model-based,
/// it consults and trains no network, and uses the per-slot optimum's search, the lookahead's structure.
/// </summary>
public sealed class DrloAlgorithm : LearnerAlgorithm
{
    public const string BranchingVariant = "branching";

    public const string PaperVariant = "paper";

    public const string ModelFreeVariant = "model-free";

    /// <summary>The learned value of the carried backlog with the reward model's exact search: no network (issue 22).</summary>
    public const string PlannerVariant = "planner";

    /// <summary>The default variant's learner under its own name (<c>drlo-shared</c>): the same options and learner.</summary>
    public const string SharedVariant = "shared";

    /// <summary>The paper-faithful DQN with the branching head: the paper's values otherwise, no reward model.</summary>
    public const string PaperBranchingVariant = "paper-branching";

    public static DrloAlgorithm Instance { get; } = new();

    public override string Name => "drlo";

    public override string Description => "deep Q-network (the paper's DRLO); default: one network shared by all miners; branching: the action-branching DQN; paper: the paper-faithful DQN; model-free: the shared network learning from the observed reward alone; planner: a learned value of the MEC backlog with the reward model's exact search, no network (model-based)";

    public override IReadOnlyList<string> Variants { get; } = [DefaultVariant, SharedVariant, BranchingVariant, PaperVariant, PaperBranchingVariant, ModelFreeVariant, PlannerVariant];

    public override string Label(string variant) => variant switch
    {
        PaperVariant => "DRLO (paper DQN)",
        PaperBranchingVariant => "DRLO (paper DQN, branching head)",
        BranchingVariant => "DRLO (branching)",
        ModelFreeVariant => "DRLO (model-free)",
        PlannerVariant => "planner (learned backlog value, the model's search)",
        SharedVariant => "shared DQN (ours)",
        _ => "DRLO",
    };

    /// <summary>
    /// True when the variant's learner uses the reward model (difference rewards or counterfactual payoffs): it knows more
    /// than the paper's DQN and is "model-assisted" wherever it is reported (MODEL.md sections 7 and 11).
    /// </summary>
    public static bool UsesRewardModel(string variant) => variant is not (PaperVariant or PaperBranchingVariant or ModelFreeVariant);

    /// <summary>The options of <paramref name="variant"/> with no learner option applied: its discount, its head.</summary>
    public static DqnOptions DefaultOptions(string variant) => Defaults(variant);

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
            string elsewhere = others.Length switch
            {
                0 => "",
                1 => $" ({key} is an option of variant {others[0]})",
                _ => $" ({key} is an option of variants {string.Join(", ", others[..^1])} and {others[^1]})",
            };
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
        DefaultVariant or SharedVariant => SharedDqnOptions.Default,
        PaperBranchingVariant => SystemDqnOptions.Paper with { Head = DqnHead.Branching },
        BranchingVariant => SystemDqnOptions.Branching,
        ModelFreeVariant => SharedDqnOptions.ModelFree,
        PlannerVariant => SharedDqnOptions.Planner,
        PaperVariant => SystemDqnOptions.Paper,
        _ => throw new ArgumentException($"variant {variant}: unknown for drlo", nameof(variant)),
    };
}
