namespace EdgeMine.Learning.Dqn;

/// <summary>The regression loss on the temporal-difference error.</summary>
public enum DqnLoss
{
    /// <summary>(y - Q)², the paper's eq. 17.</summary>
    Mse,

    /// <summary>Huber with delta 1 (smooth L1), as in most DQN implementations since Mnih et al. 2015.</summary>
    Huber,
}
