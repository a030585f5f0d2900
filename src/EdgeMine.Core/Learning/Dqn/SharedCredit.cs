namespace EdgeMine.Learning.Dqn;

/// <summary>What the shared DRLO learner learns each task's actions from (<see cref="SharedDqnOptions.Credit"/>).</summary>
public enum SharedCredit
{
    /// <summary>
    /// Difference rewards from the reward model's counterfactuals (<see cref="OffloadAdvantage"/>): "local" earns 0,
    /// "offload" the task's marginal contribution to the slot reward. Model-assisted (DRLO's default variant).
    /// </summary>
    Difference,

    /// <summary>
    /// The observed slot reward alone, shared equally by the slot's N M tasks: the taken action of each task learns
    /// r / (N M) + gamma Q_target(s', a*). No counterfactual, no reward model: model-free (variant <c>model-free</c>).
    /// </summary>
    Observed,
}
