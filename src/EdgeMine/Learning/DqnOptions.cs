namespace EdgeMine.Learning;

/// <summary>The regression loss on the temporal-difference error.</summary>
public enum DqnLoss
{
    /// <summary>(y - Q)², the paper's eq. 17.</summary>
    Mse,

    /// <summary>Huber with delta 1 (smooth L1), as in most DQN implementations since Mnih et al. 2015.</summary>
    Huber,
}

/// <summary>How the network's outputs map to actions (MODEL.md section 7).</summary>
public enum DqnHead
{
    /// <summary>One Q-value per joint action: A outputs; feasible while A = 2^(N·M) ≤ 4096.</summary>
    Joint,

    /// <summary>Action branching (Tavakoli et al. 2018): one 2-way head per task on the shared trunk, B branches.</summary>
    Branching,
}

/// <summary>
/// Settings of the DQN learner (DRLO, MODEL.md section 7). Paper values [Alg. 2]: hidden layers 300 and 200, discount
/// 0.85, replay 1e5, batch 128. Choices of section 9: Adam at 1e-3, target copy every 250 updates, gradient norm
/// clipped at 10.
/// </summary>
public sealed record DqnOptions
{
    /// <summary>Hidden layer widths of the shared trunk (paper: 300, 200).</summary>
    public IReadOnlyList<int> HiddenSizes { get; init; } = [300, 200];

    /// <summary>γ (paper: 0.85).</summary>
    public float Discount { get; init; } = 0.85f;

    /// <summary>Adam learning rate (section 9 choice).</summary>
    public float LearningRate { get; init; } = 1e-3f;

    /// <summary>Transitions per update (paper: 128).</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>Replay memory capacity (paper: 1e5).</summary>
    public int ReplayCapacity { get; init; } = 100_000;

    /// <summary>Updates between copies of the online network into the target network (section 9 choice).</summary>
    public int TargetSyncInterval { get; init; } = 250;

    /// <summary>Global gradient-norm bound (section 9 choice).</summary>
    public float GradientClipNorm { get; init; } = 10f;

    public DqnLoss Loss { get; init; } = DqnLoss.Mse;

    /// <summary>Double DQN (van Hasselt et al. 2016): the online network picks the next action, the target network values it.</summary>
    public bool DoubleDqn { get; init; }

    /// <summary>Dueling streams (Wang et al. 2016): Q = V + A - mean(A), the mean taken per branch for branching heads.</summary>
    public bool Dueling { get; init; }

    public DqnHead Head { get; init; } = DqnHead.Joint;

    /// <summary>
    /// Branching head only: each branch learns from its own reward (one per branch in the replay memory) and its own
    /// bootstrap, y_b = r_b + gamma max_a Q_target,b(s', a), instead of the shared reward and the mean of the branches.
    /// </summary>
    public bool PerBranchRewards { get; init; }

    /// <summary>Throws naming the first field outside its allowed range.</summary>
    public void Validate()
    {
        if (HiddenSizes.Count == 0 || HiddenSizes.Any(size => size <= 0))
        {
            throw new ArgumentException($"HiddenSizes must be one or more positive widths, got [{string.Join(", ", HiddenSizes)}]");
        }

        if (Discount is < 0f or > 1f)
        {
            throw new ArgumentException($"Discount must lie in [0, 1], got {Discount}");
        }

        if (!(LearningRate > 0f) || !(GradientClipNorm > 0f))
        {
            throw new ArgumentException($"LearningRate ({LearningRate}) and GradientClipNorm ({GradientClipNorm}) must be positive");
        }

        if (PerBranchRewards && Head != DqnHead.Branching)
        {
            throw new ArgumentException("PerBranchRewards needs the branching head");
        }

        if (BatchSize <= 0 || ReplayCapacity < BatchSize || TargetSyncInterval <= 0)
        {
            throw new ArgumentException(
                $"BatchSize ({BatchSize}) and TargetSyncInterval ({TargetSyncInterval}) must be positive and ReplayCapacity ({ReplayCapacity}) at least BatchSize");
        }
    }
}
