using EdgeMine.Model;
using EdgeMine.Policies;

namespace EdgeMine.Learning;

/// <summary>
/// A learning agent. As an <see cref="IOffloadingPolicy"/> it acts greedily (evaluation); during training the
/// <see cref="Trainer"/> gives it one slot at a time to act (exploring), step the environment and learn from the
/// transition. Its whole state can be saved and restored, so that a resumed run ends exactly where an uninterrupted one
/// would.
/// </summary>
public interface ILearner : IOffloadingPolicy
{
    /// <summary>Prepares training on <paramref name="environment"/>'s shape; the learner's randomness comes from <paramref name="seed"/>.</summary>
    void BeginTraining(MiningEnvironment environment, ulong seed);

    /// <summary>
    /// One training slot: choose an action exploring with probability <paramref name="epsilon"/>, step
    /// <paramref name="environment"/> with it (exactly once), and learn from the transition.
    /// </summary>
    TrainingSlot TrainSlot(MiningEnvironment environment, double epsilon);

    /// <summary>Writes the trained model (what evaluation needs).</summary>
    void SaveModel(Stream stream);

    /// <summary>Reads a model written by <see cref="SaveModel"/>.</summary>
    void LoadModel(Stream stream);

    /// <summary>Writes everything training needs to continue bit for bit (model, optimiser, replay, generators).</summary>
    void SaveTrainingState(BinaryWriter writer);

    /// <summary>Restores a state written by <see cref="SaveTrainingState"/>.</summary>
    void LoadTrainingState(BinaryReader reader);
}
