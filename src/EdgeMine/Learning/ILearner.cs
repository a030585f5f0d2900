using EdgeMine.Model;
using EdgeMine.Policies;

namespace EdgeMine.Learning;

/// <summary>
/// A learning agent. As an <see cref="IOffloadingPolicy"/> it acts greedily (evaluation); during training the
/// <see cref="Trainer"/> asks it for exploring actions and feeds it every transition. Its whole state can be saved
/// and restored, so that a resumed run ends exactly where an uninterrupted one would.
/// </summary>
public interface ILearner : IOffloadingPolicy
{
    /// <summary>Prepares training on <paramref name="environment"/>'s shape; the learner's randomness comes from <paramref name="seed"/>.</summary>
    void BeginTraining(MiningEnvironment environment, ulong seed);

    /// <summary>An epsilon-greedy action for the environment's current slot.</summary>
    void ActExploring(MiningEnvironment environment, double epsilon, Span<double> action);

    /// <summary>
    /// Learns from one transition: the observation before the step, the action taken, the step's task outcomes and
    /// totals, and the next observation. Returns the training loss of any update made, NaN when none was.
    /// </summary>
    double Learn(
        ReadOnlySpan<double> observation,
        ReadOnlySpan<double> action,
        ReadOnlySpan<TaskOutcome> outcomes,
        in SlotMetrics metrics,
        ReadOnlySpan<double> nextObservation);

    /// <summary>Writes the trained model (what evaluation needs).</summary>
    void SaveModel(Stream stream);

    /// <summary>Reads a model written by <see cref="SaveModel"/>.</summary>
    void LoadModel(Stream stream);

    /// <summary>Writes everything training needs to continue bit for bit (model, optimiser, replay, generators).</summary>
    void SaveTrainingState(BinaryWriter writer);

    /// <summary>Restores a state written by <see cref="SaveTrainingState"/>.</summary>
    void LoadTrainingState(BinaryReader reader);
}
