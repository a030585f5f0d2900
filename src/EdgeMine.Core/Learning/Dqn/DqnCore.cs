using EdgeMine.Model;
using EdgeMine.Neural;
using EdgeMine.Randomness;

namespace EdgeMine.Learning.Dqn;

/// <summary>
/// What every DRLO variant shares (MODEL.md section 7, [Alg. 2]), so that a variant's file holds only its algorithm:
/// <list type="bullet">
/// <item>the online and target networks (the variant builds them; the core initialises the online network from the
/// training seed, copies it into the target network and creates Adam over it);</item>
/// <item>the replay memory, and the generators of exploration and of replay sampling, each seeded from the training
/// seed (stream 1 initialises the networks, 2 explores, 3 samples);</item>
/// <item>the training slot's schedule (<see cref="TrainSlot"/>): act, step and store every slot; from
/// <see cref="DqnOptions.LearningStarts"/> stored transitions on, <see cref="DqnOptions.UpdatesPerSlot"/> updates;</item>
/// <item>the end of every update: the variant clips the gradient norm and takes the Adam step, then
/// <see cref="CountUpdateAndSyncTarget"/> copies the online network into the target network every
/// <see cref="DqnOptions.TargetSyncInterval"/> updates.</item>
/// </list>
/// A variant (one file each: <see cref="JointHeadDqn"/>, <see cref="BranchingHeadDqn"/>, <see cref="SharedDqn"/>) says
/// how it acts, what it stores per slot, what its model file holds, and how one update computes its targets and its loss:
/// its <see cref="Update"/> reads top to bottom like CleanRL's dqn.py (sample, targets, loss, backward, clip, Adam step,
/// sync). A new variant derives from this class (or from <see cref="SystemDqn"/>) with options derived from
/// <see cref="DqnOptions"/>, and chooses its targets and discount there without copying the loop.
/// </summary>
/// <typeparam name="TOptions">The variant's settings.</typeparam>
public abstract class DqnCore<TOptions> : ILearner
    where TOptions : DqnOptions
{
    private Adam? _adam;
    private ReplayMemory? _memory;

    private protected DqnCore(TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
    }

    public string Name => "drlo";

    public TOptions Options { get; }

    /// <summary>Gradient updates made since training began.</summary>
    public long UpdateCount { get; private protected set; }

    /// <summary>
    /// Counts the changes of the target network's weights (every copy from the online network, and a load): a value
    /// computed from the target network stays valid while this count is unchanged.
    /// </summary>
    private protected long TargetVersion { get; private set; }

    /// <summary>The replay memory (the variant stores into it; <see cref="Update"/> samples it).</summary>
    internal ReplayMemory Memory
    {
        get => _memory ?? throw new InvalidOperationException("call BeginTraining first");
        private protected set => _memory = value;
    }

    /// <summary>The generator of exploration (reseeded by <see cref="Reset"/> for evaluation).</summary>
    private protected Xoshiro256 Exploration { get; } = new(0);

    /// <summary>The generator of replay sampling.</summary>
    private protected Xoshiro256 ReplaySampling { get; } = new(0);

    /// <summary>Adam over the online network's parameters.</summary>
    private protected Adam Adam => _adam ?? throw new InvalidOperationException("the DRLO learner has neither been trained nor loaded");

    /// <summary>The online network, whatever its type (the variant keeps a typed reference).</summary>
    private protected abstract INetwork OnlineNetwork { get; }

    /// <summary>The target network.</summary>
    private protected abstract INetwork TargetNetwork { get; }

    public virtual void Reset(ulong seed) => Exploration.Reseed(seed);

    public abstract void Act(MiningEnvironment environment, Span<double> action);

    public abstract void BeginTraining(MiningEnvironment environment, ulong seed);

    /// <summary>
    /// One training slot: the variant acts (exploring with probability <paramref name="epsilon"/>), steps the environment
    /// and stores what it learns from; then, once the memory holds <see cref="DqnOptions.LearningStarts"/> transitions,
    /// <see cref="DqnOptions.UpdatesPerSlot"/> updates, whose mean loss the slot reports (NaN before).
    /// </summary>
    public TrainingSlot TrainSlot(MiningEnvironment environment, double epsilon)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var metrics = ActStepStore(environment, epsilon);
        if (Memory.Count < Options.LearningStarts)
        {
            return new TrainingSlot(metrics, double.NaN);
        }

        double loss = 0;
        for (int u = 0; u < Options.UpdatesPerSlot; u++)
        {
            loss += Update();
        }

        return new TrainingSlot(metrics, loss / Options.UpdatesPerSlot);
    }

    /// <summary>One DQN update from the replay memory (sample, targets, loss, backward, clip, Adam step, sync); returns the batch loss.</summary>
    public abstract double Update();

    public abstract void SaveModel(Stream stream);

    public abstract void LoadModel(Stream stream);

    public abstract void SaveTrainingState(BinaryWriter writer);

    public abstract void LoadTrainingState(BinaryReader reader);

    /// <summary>Acts epsilon-greedily on <paramref name="environment"/>, steps it once, stores the transition; returns the slot's totals.</summary>
    private protected abstract SlotMetrics ActStepStore(MiningEnvironment environment, double epsilon);

    /// <summary>A replay memory of the variant's transitions, empty.</summary>
    private protected abstract ReplayMemory NewReplayMemory();

    /// <summary>
    /// Starts training with the networks the variant has built: the online network initialised from stream 1 of
    /// <paramref name="seed"/> and copied into the target network, Adam, an empty replay memory, exploration from stream
    /// 2 and replay sampling from stream 3, no updates made.
    /// </summary>
    private protected void StartTraining(ulong seed)
    {
        InitialiseNetworks(new Xoshiro256(SeedMixer.Derive(seed, 1)));
        _memory = NewReplayMemory();
        Exploration.Reseed(SeedMixer.Derive(seed, 2));
        ReplaySampling.Reseed(SeedMixer.Derive(seed, 3));
        UpdateCount = 0;
    }

    /// <summary>
    /// Initialises the online network from <paramref name="initialisation"/>, copies it into the target network and
    /// creates Adam over it (a loaded model then overwrites the weights).
    /// </summary>
    private protected void InitialiseNetworks(Xoshiro256 initialisation)
    {
        OnlineNetwork.Initialize(initialisation);
        CopyOnlineIntoTarget();
        _adam = new Adam(OnlineNetwork.Parameters, Options.LearningRate);
    }

    /// <summary>Counts the update just made and copies the online network into the target network every C updates.</summary>
    private protected void CountUpdateAndSyncTarget()
    {
        UpdateCount++;
        if (UpdateCount % Options.TargetSyncInterval == 0)
        {
            CopyOnlineIntoTarget();
        }
    }

    /// <summary>The target network takes the online network's weights.</summary>
    private protected void CopyOnlineIntoTarget()
    {
        var online = OnlineNetwork.Layers;
        var target = TargetNetwork.Layers;
        for (int l = 0; l < online.Count; l++)
        {
            target[l].CopyValuesFrom(online[l]);
        }

        TargetChanged();
    }

    /// <summary>Says that the target network's weights have changed (a load writes them directly).</summary>
    private protected void TargetChanged() => TargetVersion++;
}
