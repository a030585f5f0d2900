namespace EdgeMine.Learning.Tabular;

/// <summary>What each of RLO's per-miner learners is rewarded with (learner option <c>reward</c>, issue 20).</summary>
public enum RloReward
{
    /// <summary>Its own tasks' share of the slot reward (the paper's "each miner acts as an agent"; the default).</summary>
    Own,

    /// <summary>The slot's total reward, so that a miner sees the congestion its offloads cause the others.</summary>
    Team,
}
