namespace EdgeMine.Learning;

/// <summary>
/// Where a learner option's value comes from (MODEL.md sections 7 and 11), which decides whether <c>edgemine tune</c>
/// may tune it.
/// </summary>
public enum LearnerKeyOrigin
{
    /// <summary>Stated by the paper (e.g. the DQN's 300-200 network, discount 0.85): never tuned.</summary>
    Paper,

    /// <summary>A choice of ours where the paper is silent: tuned when its key has a range, else held (the reason is its source).</summary>
    Ours,

    /// <summary>A switch between methods (a variant's technique, an ablation's subject): studied by ablations, never tuned.</summary>
    Ablation,
}
