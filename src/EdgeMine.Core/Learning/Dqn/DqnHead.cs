namespace EdgeMine.Learning.Dqn;

/// <summary>How the network's outputs map to actions (MODEL.md section 7).</summary>
public enum DqnHead
{
    /// <summary>One Q-value per joint action: A outputs; feasible while A = 2^(N·M) ≤ <see cref="SystemDqnOptions.JointActionLimit"/>.</summary>
    Joint,

    /// <summary>Action branching (Tavakoli et al. 2018): one 2-way head per task on the shared trunk, B branches.</summary>
    Branching,
}
