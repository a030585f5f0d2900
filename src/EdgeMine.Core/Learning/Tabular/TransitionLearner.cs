using EdgeMine.IO;
using EdgeMine.Model;

namespace EdgeMine.Learning.Tabular;

/// <summary>
/// The base of the learners that act on the current observation and learn from each transition (s, a, r, s'): RLO and
/// the privacy baselines. It owns one slot's buffers and the stream plumbing; a learner says how it acts, learns, and
/// writes and reads its model.
/// </summary>
public abstract class TransitionLearner : ILearner
{
    private double[] _observation = [];
    private double[] _action = [];

    public abstract string Name { get; }

    public abstract void Reset(ulong seed);

    public abstract void BeginTraining(MiningEnvironment environment, ulong seed);

    /// <summary>The greedy action (evaluation).</summary>
    public void Act(MiningEnvironment environment, Span<double> action) => ActExploring(environment, 0, action);

    /// <summary>Act exploring, step, learn.</summary>
    public TrainingSlot TrainSlot(MiningEnvironment environment, double epsilon)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (_observation.Length != environment.ObservationSpace.Dimension || _action.Length != environment.ActionSpace.Dimension)
        {
            _observation = new double[environment.ObservationSpace.Dimension];
            _action = new double[environment.ActionSpace.Dimension];
        }

        environment.Observation.CopyTo(_observation);
        ActExploring(environment, epsilon, _action);
        var metrics = environment.Step(_action).Metrics;
        return new TrainingSlot(metrics, Learn(_observation, _action, environment, metrics));
    }

    public void SaveModel(Stream stream)
    {
        using var writer = BinaryFormat.Writer(stream);
        WriteModel(writer);
    }

    public void LoadModel(Stream stream)
    {
        using var reader = BinaryFormat.Reader(stream);
        ReadModel(reader);
    }

    /// <summary>The model, then the learner's generator (what RLO and the CMDP need to continue bit for bit).</summary>
    public virtual void SaveTrainingState(BinaryWriter writer)
    {
        WriteModel(writer);
        Random.WriteTo(writer);
    }

    public virtual void LoadTrainingState(BinaryReader reader)
    {
        ReadModel(reader);
        Random.ReadFrom(reader);
    }

    /// <summary>The learner's own generator: exploration, a randomised policy.</summary>
    protected abstract Randomness.Xoshiro256 Random { get; }

    /// <summary>An action for the environment's current slot, exploring with probability <paramref name="epsilon"/>.</summary>
    protected abstract void ActExploring(MiningEnvironment environment, double epsilon, Span<double> action);

    /// <summary>
    /// Learns from the transition from <paramref name="observation"/> under <paramref name="action"/>: the environment
    /// has stepped (its observation is s', its last outcomes the slot's); returns the loss, NaN when nothing was learned.
    /// </summary>
    protected abstract double Learn(ReadOnlySpan<double> observation, ReadOnlySpan<double> action, MiningEnvironment environment, in SlotMetrics metrics);

    /// <summary>Writes the model (what evaluation needs).</summary>
    protected abstract void WriteModel(BinaryWriter writer);

    /// <summary>Reads a model written by <see cref="WriteModel"/>.</summary>
    protected abstract void ReadModel(BinaryReader reader);
}
