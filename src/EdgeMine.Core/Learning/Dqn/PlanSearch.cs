namespace EdgeMine.Learning.Dqn;

/// <summary>Who chooses the shared learner's action each slot (<see cref="SharedDqnOptions.Search"/>, issue 22).</summary>
public enum PlanSearch
{
    /// <summary>The network: mean-field margins plus the planned term of the carried value (DRLO's default).</summary>
    Network,

    /// <summary>The reward model's exact per-slot search with the learned carried value priced in (the planner variant).</summary>
    Model,
}
