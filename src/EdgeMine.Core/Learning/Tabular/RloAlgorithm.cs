namespace EdgeMine.Learning.Tabular;

/// <summary>RLO [Alg. 1]: tabular Q-learning, one learner per miner (MODEL.md section 7).</summary>
public sealed class RloAlgorithm : LearnerAlgorithm
{
    public static RloAlgorithm Instance { get; } = new();

    public override string Name => "rlo";

    public override string Description => "tabular Q-learning, one learner per miner (the paper's RLO)";

    public override int MaxTasksPerMiner => TabularQLearner.MaxTasksPerMiner;

    public override string Label(string variant) => "RLO";

    public override ILearner Create(LearnerSpec spec) => new TabularQLearner();
}
