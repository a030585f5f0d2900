namespace EdgeMine.Learning.Tabular;

/// <summary>
/// RLO [Alg. 1]: tabular Q-learning, one learner per miner (MODEL.md section 7). Its learner options
/// (<see cref="QLearningOptions.Keys"/>) default to the paper's RLO: each miner's own reward, discount 0.85, a state
/// never met keeps every task local, no backlog in the state.
/// </summary>
public sealed class RloAlgorithm : LearnerAlgorithm
{
    public static RloAlgorithm Instance { get; } = new();

    public override string Name => "rlo";

    public override string Description => "tabular Q-learning, one learner per miner (the paper's RLO)";

    public override int MaxTasksPerMiner => TabularQLearner.MaxTasksPerMiner;

    /// <summary>The learner option keys RLO takes (<c>--learner key=value</c>).</summary>
    public static IReadOnlyList<string> OptionKeys { get; } = [.. QLearningOptions.Keys.Select(k => k.Name)];

    public override string Label(string variant) => "RLO";

    /// <summary>The paper's RLO options with the spec's learner options applied (a bad key or value is a <see cref="ConfigurationException"/>).</summary>
    public static QLearningOptions Options(LearnerSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return QLearningOptions.Default.With(spec.Options, OptionsWhere);
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
