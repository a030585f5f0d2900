using EdgeMine.Learning;

namespace EdgeMine.Privacy;

/// <summary>
/// A privacy baseline of Fig. 7 as a learning algorithm: it models one miner (N = 1) over the privacy state space, so
/// with at most <see cref="PrivacyStateSpace.MaxTasks"/> tasks.
/// </summary>
public abstract class PrivacyAlgorithm : LearnerAlgorithm
{
    public sealed override bool IsSingleMiner => true;

    public sealed override int MaxTasksPerMiner => PrivacyStateSpace.MaxTasks;
}
