using EdgeMine.Model;
using EdgeMine.Randomness;

namespace EdgeMine.Learning;

/// <summary>DRLO's settings beyond the network's: when learning starts and how many updates each slot makes.</summary>
public sealed record DqnAgentOptions
{
    /// <summary>The network, replay and optimiser settings.</summary>
    public DqnOptions Network { get; init; } = new();

    /// <summary>Transitions stored before the first update (MODEL.md section 7: 1,000).</summary>
    public int LearningStarts { get; init; } = 1_000;

    /// <summary>Gradient updates per slot once learning has started (MODEL.md section 7: 1).</summary>
    public int UpdatesPerSlot { get; init; } = 1;

    /// <summary>
    /// Branching head only: train each task's branch on its difference reward (Wolpert and Tumer's credit assignment),
    /// the slot reward minus the reward the slot would have had with that task executed locally, computed with the
    /// known reward model (<see cref="SlotModel"/>) from the slot's own state. A task executed locally gets 0. Each
    /// branch then learns its task's marginal contribution to the whole system's reward, which does not carry the noise
    /// of every other task's decision as the shared reward does: what lets the branching head scale in N.
    /// </summary>
    public bool DifferenceRewards { get; init; }

    /// <summary>
    /// The paper-faithful DQN (MODEL.md section 7): the paper's 300-200 ReLU network, discount 0.85, replay 1e5, batch 128,
    /// squared loss [eq. 17], a joint head over the 2^(N M) actions, target copied every 250 updates, one update per slot.
    /// </summary>
    public static DqnAgentOptions Paper { get; } = new()
    {
        Network = new DqnOptions { Head = DqnHead.Joint, Loss = DqnLoss.Mse, DoubleDqn = false, Dueling = false },
    };

    /// <summary>
    /// EdgeMine's default DRLO: the paper's network, discount, replay, batch and schedule, with an action-branching head
    /// (one 2-way head per task on the shared trunk, so that it scales to N = 100), Double DQN, difference rewards per
    /// branch, and a learning rate of 2e-4 instead of 1e-3. Chosen by measurement (docs/drlo.md): at N = 5, M = 2 the
    /// paper's DQN reaches an optimality ratio of 0.28; branching with Double DQN and the shared reward 0.86 at 1e-3 and
    /// 0.94-0.96 at 2e-4, but only 0.50-0.59 at N = 10; with difference rewards 0.95 at N = 5 and N = 10.
    /// </summary>
    public static DqnAgentOptions Default { get; } = new()
    {
        DifferenceRewards = true,
        Network = new DqnOptions
        {
            Head = DqnHead.Branching,
            PerBranchRewards = true,
            Loss = DqnLoss.Mse,
            DoubleDqn = true,
            Dueling = false,
            LearningRate = 2e-4f,
        },
    };

    /// <summary>The keys <see cref="With"/> accepts, for help and error messages.</summary>
    public static IReadOnlyList<string> OptionKeys { get; } =
    [
        "head", "double_dqn", "dueling", "difference_rewards", "learning_rate", "discount", "batch", "replay",
        "target_sync", "gradient_clip", "loss", "hidden", "learning_starts", "updates_per_slot",
    ];

    /// <summary>
    /// These options with one changed, from its command-line form (<c>--learner key=value</c>); throws an
    /// <see cref="ArgumentException"/> naming the key, the value and what is allowed.
    /// </summary>
    public DqnAgentOptions With(string key, string value)
    {
        var n = Network;
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        bool Bool() => value switch
        {
            "true" or "1" => true,
            "false" or "0" => false,
            _ => throw Bad("true or false"),
        };
        int Int()
        {
            return int.TryParse(value, System.Globalization.NumberStyles.Integer, invariant, out int v) && v > 0 ? v : throw Bad("a positive integer");
        }

        float Float(bool unit = false)
        {
            return float.TryParse(value, System.Globalization.NumberStyles.Float, invariant, out float v) && float.IsFinite(v) && v > 0 && (!unit || v <= 1)
                ? v
                : throw Bad(unit ? "a number in (0, 1]" : "a positive number");
        }

        ArgumentException Bad(string allowed) => new($"--learner {key}={value}: allowed: {allowed}");
        return key switch
        {
            "head" => this with { Network = n with { Head = value switch { "joint" => DqnHead.Joint, "branching" => DqnHead.Branching, _ => throw Bad("joint or branching") } } },
            "double_dqn" => this with { Network = n with { DoubleDqn = Bool() } },
            "dueling" => this with { Network = n with { Dueling = Bool() } },
            "difference_rewards" => WithDifferenceRewards(Bool()),
            "learning_rate" => this with { Network = n with { LearningRate = Float() } },
            "discount" => value == "0" ? this with { Network = n with { Discount = 0 } } : this with { Network = n with { Discount = Float(unit: true) } },
            "batch" => this with { Network = n with { BatchSize = Int() } },
            "replay" => this with { Network = n with { ReplayCapacity = Int() } },
            "target_sync" => this with { Network = n with { TargetSyncInterval = Int() } },
            "gradient_clip" => this with { Network = n with { GradientClipNorm = Float() } },
            "loss" => this with { Network = n with { Loss = value switch { "mse" => DqnLoss.Mse, "huber" => DqnLoss.Huber, _ => throw Bad("mse or huber") } } },
            "hidden" => this with { Network = n with { HiddenSizes = value.Split(',').Select(w => int.TryParse(w, System.Globalization.NumberStyles.Integer, invariant, out int v) && v > 0 ? v : throw Bad("comma-separated positive widths, e.g. 300,200")).ToArray() } },
            "learning_starts" => this with { LearningStarts = Int() },
            "updates_per_slot" => this with { UpdatesPerSlot = Int() },
            _ => throw new ArgumentException($"--learner {key}={value}: unknown DRLO option '{key}'; allowed: {string.Join(", ", OptionKeys)}"),
        };
    }

    // Difference rewards are per branch: the two switches move together.
    private DqnAgentOptions WithDifferenceRewards(bool on) => this with { DifferenceRewards = on, Network = Network with { PerBranchRewards = on } };

    /// <summary>Largest number of joint actions the joint head accepts (MODEL.md section 7: 2^(N M) &lt;= 4096).</summary>
    public const int JointActionLimit = 4096;
}

/// <summary>
/// DRLO [Alg. 2]: a deep Q-network over the whole system's observation. With the joint head the network has one output
/// per binary joint action (bit i of the action index offloads task i); with the branching head one 2-way output per
/// task, the target averaging the branches' bootstrap values (Tavakoli et al. 2018). Exploration: epsilon-greedy, over
/// the joint action (joint head) or per task (branching head). The update itself is <see cref="QNetwork.TrainStep"/>.
/// </summary>
public sealed class DqnAgent : ILearner
{
    private const uint ModelMagic = 0x41444D45; // "EMDA"
    private const int ModelVersion = 1;

    private readonly DqnAgentOptions _options;
    private readonly Xoshiro256 _exploration = new(0);
    private readonly Xoshiro256 _replaySampling = new(0);
    private QNetwork? _network;
    private ReplayMemory? _memory;
    private float[] _state = [];
    private float[] _nextState = [];
    private int[] _choices = [];
    private int _tasks;
    private int _observationDim;
    private SlotModel? _model;
    private float[] _rewards = [];
    private double[] _counterfactual = [];
    private double[] _bufferedBits = [];
    private double[] _arrivedBits = [];
    private bool[] _channelGood = [];
    private TaskOutcome[] _scratch = [];

    public DqnAgent(DqnAgentOptions options)
    {
        options.Network.Validate();
        if (options.DifferenceRewards && !options.Network.PerBranchRewards)
        {
            throw new ArgumentException("difference rewards are per branch: they need DqnOptions.PerBranchRewards (and the branching head)", nameof(options));
        }

        _options = options;
    }

    public string Name => "drlo";

    public DqnAgentOptions Options => _options;

    private bool Joint => _options.Network.Head == DqnHead.Joint;

    public void Reset(ulong seed) => _exploration.Reseed(seed);

    public void BeginTraining(MiningEnvironment environment, ulong seed)
    {
        Shape(environment.ObservationSpace.Dimension, environment.ActionSpace.Dimension);
        _model = environment.Model;
        _channelGood = new bool[environment.Settings.Miners];
        _network = new QNetwork(_observationDim, Joint ? 1 << _tasks : _tasks, _options.Network, new Xoshiro256(SeedMixer.Derive(seed, 1)));
        _memory = _network.CreateReplayMemory();
        _exploration.Reseed(SeedMixer.Derive(seed, 2));
        _replaySampling.Reseed(SeedMixer.Derive(seed, 3));
    }

    public void Act(MiningEnvironment environment, Span<double> action) => ActExploring(environment, 0, action);

    public void ActExploring(MiningEnvironment environment, double epsilon, Span<double> action)
    {
        var network = _network ?? throw new InvalidOperationException("the DRLO agent has neither been trained nor loaded");
        if (environment.ObservationSpace.Dimension != _observationDim || action.Length != _tasks)
        {
            throw new ArgumentException("the environment's shape differs from the one the network was trained on", nameof(environment));
        }

        Convert(environment.Observation, _state);
        if (Joint)
        {
            int joint = epsilon > 0 && _exploration.NextDouble() < epsilon
                ? _exploration.NextInt(1 << _tasks)
                : network.GreedyJoint(_state);
            ActionSpace.DecodeBinary(joint, action);
            return;
        }

        bool anyGreedy = epsilon < 1;
        if (anyGreedy)
        {
            network.GreedyBranches(_state, _choices);
        }

        for (int i = 0; i < _tasks; i++)
        {
            action[i] = epsilon > 0 && _exploration.NextDouble() < epsilon ? (_exploration.NextBool() ? 1 : 0) : _choices[i];
        }
    }

    public double Learn(
        ReadOnlySpan<double> observation,
        ReadOnlySpan<double> action,
        ReadOnlySpan<TaskOutcome> outcomes,
        in SlotMetrics metrics,
        ReadOnlySpan<double> nextObservation)
    {
        var network = _network ?? throw new InvalidOperationException("call BeginTraining first");
        var memory = _memory!;
        Convert(observation, _state);
        Convert(nextObservation, _nextState);
        float reward = (float)metrics.Reward;
        if (Joint)
        {
            int joint = 0;
            for (int i = 0; i < _tasks; i++)
            {
                joint |= (action[i] >= 0.5 ? 1 : 0) << i;
            }

            memory.Add(_state, joint, reward, _nextState);
        }
        else
        {
            for (int i = 0; i < _tasks; i++)
            {
                _choices[i] = action[i] >= 0.5 ? 1 : 0;
            }

            if (_options.DifferenceRewards)
            {
                DifferenceRewards(action, outcomes, metrics, _rewards);
                memory.Add(_state, _choices, _rewards, _nextState);
            }
            else
            {
                memory.Add(_state, _choices, reward, _nextState);
            }
        }

        if (memory.Count < _options.LearningStarts)
        {
            return double.NaN;
        }

        double loss = 0;
        for (int u = 0; u < _options.UpdatesPerSlot; u++)
        {
            loss += network.TrainStep(memory, _replaySampling);
        }

        return loss / _options.UpdatesPerSlot;
    }

    /// <summary>
    /// Per task, the slot's reward minus the reward it would have had with that task executed locally (0 for a task that
    /// was executed locally), recomputed with the slot physics from the start-of-slot state recorded in the outcomes.
    /// </summary>
    internal void DifferenceRewards(ReadOnlySpan<double> action, ReadOnlySpan<TaskOutcome> outcomes, in SlotMetrics metrics, Span<float> rewards)
    {
        var model = _model ?? throw new InvalidOperationException("difference rewards need the environment's model: call BeginTraining");
        int tasksPerMiner = model.TasksPerMiner;
        for (int i = 0; i < _tasks; i++)
        {
            _bufferedBits[i] = outcomes[i].BufferedBits;
            _arrivedBits[i] = outcomes[i].ArrivedBits;
            _counterfactual[i] = action[i];
        }

        for (int n = 0; n < _channelGood.Length; n++)
        {
            _channelGood[n] = outcomes[n * tasksPerMiner].ChannelGood;
        }

        for (int i = 0; i < _tasks; i++)
        {
            if (action[i] == 0)
            {
                rewards[i] = 0;
                continue;
            }

            _counterfactual[i] = 0;
            double without = model.Evaluate(_bufferedBits, _arrivedBits, _channelGood, metrics.MecBacklogCycles, _counterfactual, _scratch).Reward;
            _counterfactual[i] = action[i];
            rewards[i] = (float)(metrics.Reward - without);
        }
    }

    public void SaveModel(Stream stream)
    {
        WriteHeader(stream);
        _network!.Save(stream);
    }

    public void LoadModel(Stream stream)
    {
        ReadHeader(stream);
        _network = new QNetwork(_observationDim, Joint ? 1 << _tasks : _tasks, _options.Network, new Xoshiro256(0));
        _network.Load(stream);
    }

    public void SaveTrainingState(BinaryWriter writer)
    {
        writer.Flush();
        SaveModel(writer.BaseStream);
        _memory!.Save(writer.BaseStream);
        _exploration.WriteTo(writer);
        _replaySampling.WriteTo(writer);
    }

    public void LoadTrainingState(BinaryReader reader)
    {
        LoadModel(reader.BaseStream);
        _memory = _network!.CreateReplayMemory();
        _memory.Load(reader.BaseStream);
        _exploration.ReadFrom(reader);
        _replaySampling.ReadFrom(reader);
    }

    private void Shape(int observationDim, int tasks)
    {
        if (Joint && (tasks > 12 || 1 << tasks > DqnAgentOptions.JointActionLimit))
        {
            throw new ArgumentException($"the joint head needs 2^(N M) <= {DqnAgentOptions.JointActionLimit} actions; N M = {tasks}");
        }

        _observationDim = observationDim;
        _tasks = tasks;
        _state = new float[observationDim];
        _nextState = new float[observationDim];
        _choices = new int[tasks];
        _rewards = new float[tasks];
        _counterfactual = new double[tasks];
        _bufferedBits = new double[tasks];
        _arrivedBits = new double[tasks];
        _scratch = new TaskOutcome[tasks];
    }

    private void WriteHeader(Stream stream)
    {
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(ModelMagic);
        writer.Write(ModelVersion);
        writer.Write(_observationDim);
        writer.Write(_tasks);
        writer.Write((int)_options.Network.Head);
    }

    private void ReadHeader(Stream stream)
    {
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        if (reader.ReadUInt32() != ModelMagic || reader.ReadInt32() != ModelVersion)
        {
            throw new InvalidDataException("not an EdgeMine DRLO model of this version");
        }

        int observationDim = reader.ReadInt32();
        int tasks = reader.ReadInt32();
        if ((DqnHead)reader.ReadInt32() != _options.Network.Head || observationDim <= 0 || tasks <= 0)
        {
            throw new InvalidDataException("the DRLO model's head or shape does not match its configuration");
        }

        Shape(observationDim, tasks);
    }

    private static void Convert(ReadOnlySpan<double> source, Span<float> destination)
    {
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = (float)source[i];
        }
    }
}
