namespace EdgeMine.Learning.Tabular;

/// <summary>What RLO does in a state whose row it has never met (learner option <c>unseen_state</c>, issue 20).</summary>
public enum UnseenStateRule
{
    /// <summary>
    /// The row of a state never met is all 0, so the greedy action is action 0: never offload (the default, as before
    /// issue 20; from M = 5 on, where almost every state is new, RLO then acts as NO).
    /// </summary>
    NeverOffload,

    /// <summary>
    /// A state never met acts as the nearest state the miner has met: the smallest sum over its bins of the distance
    /// between bin indices (D1, D0 of each task, the backlog bin), a different channel counting more than any sum of
    /// bins (<see cref="TabularQLearner.ChannelDistance"/>), ties to the smaller state key. The update's bootstrap from a
    /// next state never met stays 0 (the rule is about acting).
    /// </summary>
    Nearest,
}
