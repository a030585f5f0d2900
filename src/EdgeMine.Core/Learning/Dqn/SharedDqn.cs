using System.Globalization;
using System.Numerics.Tensors;
using EdgeMine.IO;
using EdgeMine.Model;
using EdgeMine.Neural;
using EdgeMine.Numerics;
using EdgeMine.Randomness;
using EdgeMine.Settings;

namespace EdgeMine.Learning.Dqn;

/// <summary>
/// DRLO's default variant (issue 13): one Q-network shared by all miners, parameter sharing as in most multi-agent RL
/// for identical agents. The network reads one miner's <see cref="MinerFeatures"/> (its own observation, a few
/// system-wide values and the slot's offload count K) and outputs two Q-values per task of that miner, Q(local) and
/// Q(offload); every miner is one row of one batch forward pass, so the network has the same size for any N and one
/// slot gives N training samples. docs/drlo.md has the measurements behind every choice. Reads top to bottom like
/// CleanRL's dqn.py: <see cref="ChooseAction"/>, <see cref="ActStepStore"/> (act, step, credit, store), then
/// <see cref="Update"/> (sample, targets, loss, backward, clip, Adam step, sync).
/// <para>
/// Acting (mean field, <see cref="SharedDqnOptions.MeanField"/>): the value of offloading falls with K (the MEC's CPU is
/// shared by the K offloaded tasks), so the learner finds the largest K at which at least K tasks prefer to offload and
/// offloads the K with the largest margins: the count it acts with is the count the network assumed.
/// </para>
/// <para>
/// Credit assignment (model-assisted: it uses the reward model): per-task difference rewards
/// (<see cref="OffloadAdvantage"/>): "local" earns 0 and "offload" earns A, the task's marginal contribution to the
/// whole system's reward, including the CPU share it takes from the other offloaded tasks. With
/// <see cref="SharedDqnOptions.BothActions"/> (default) both outputs learn from every slot, the untaken one on the
/// difference reward it would have earned (a local task's at count K + 1, see <see cref="SharedDqnOptions.ShiftedCounts"/>);
/// otherwise only the taken one, as in DQN. Target of task m of a stored miner sample:
/// y(a) = a A_m + γ Q_target,m(s', argmax_a' Q_online,m(s', a')); γ = 0 by default.
/// </para>
/// <para>
/// Exploration: the Trainer's epsilon, scaled down for systems of more than
/// <see cref="SharedDqnOptions.ExplorationTasks"/> tasks (see there); the random choice is a fair coin per task.
/// After the first slot at a given N, a training slot allocates nothing.
/// </para>
/// </summary>
public sealed class SharedDqn : DqnCore<SharedDqnOptions>
{
    // Version 2 appends the carried value (issue 22); a version 1 file loads with V = 0, which adds exactly 0 to every
    // margin, so a model trained before planning acts as it was trained. Version 3 appends whether the offload count is
    // refined (refine_count); a version 1 or 2 file loads with it off, so that it too acts as it was trained. Version 4
    // appends who chooses the action (plan_search); older files load with the network choosing, as they were trained.
    private static readonly BinaryFormat ModelFormat = new("shared DRLO model", 0x44534D45, 4); // "EMSD"

    /// <summary>Largest number of miners in one forward pass when acting (rows of the network's batch buffers).</summary>
    private const int ActChunk = 256;

    private MinerFeatures? _features;
    private Mlp? _online;
    private Mlp? _target;
    private OffloadAdvantage? _credit;
    private int _tasksPerMiner;
    private int _miners;
    private int _lastOffloaded;

    // The planning term (issue 22): V of the post-decision backlog, and this slot's inputs to q'(a).
    private CarriedValue _value = new();
    private double _backlogSlots;
    private double _loadPerBit;
    private double _largestServedBits;
    private bool _carryPossible;
    private bool _refineCount;
    private bool _modelSearch;
    private readonly Sequential.PricedSlotSearch _modelSearcher = new();
    private readonly Policies.PerSlotOptimum _perSlotOptimum = new();

    // Per-slot buffers, sized for N.
    private double[] _action = [];
    private float[] _current = [];
    private float[] _next = [];
    private float[] _q = [];
    private float[] _advantage = [];
    private int[] _choices = [];
    private double[] _margins = [];
    private double[] _selection = [];
    private double[] _reference = [];
    private double[] _taskBits = [];
    private double[] _uploadBits = [];
    private double[] _gridAction = [];
    private double[] _candidate = [];

    // RefineCount's scorer (created once: a training slot allocates nothing) and the state it scores in.
    private Func<int, double>? _scoreCount;
    private MiningEnvironment? _scoredIn;
    private double _scoredAt;
    private TaskOutcome[] _gridOutcomes = [];

    // Batch buffers, sized once.
    private float[] _batchStates = [];
    private float[] _batchNext = [];
    private float[] _batchRewards = [];
    private int[] _batchActions = [];
    private int[] _nextBest = [];
    private float[] _shiftedRow = [];
    private float[] _bootstrap = [];
    private float[] _gradQ = [];

    public SharedDqn(SharedDqnOptions options)
        : base(options)
    {
        options.Validate(tasks: 1); // the shared network's sizes do not depend on N M
    }

    /// <summary>The Q-values of the latest act, [N × 2M]: task i's Q(local) at 2i, Q(offload) at 2i + 1 (diagnostics).</summary>
    public ReadOnlySpan<float> LastQValues => _q;

    /// <summary>The learned value of the carried state at the grid points of <see cref="CarriedValue.Grid"/> (diagnostics, tests).</summary>
    public ReadOnlySpan<double> CarriedValues => _value.Values;

    /// <summary>The sweeps of the carried value made so far (tests).</summary>
    internal long CarriedValueSweeps => _value.Updates;

    /// <summary>Sets V at the grid points (tests: the planner's choice under a value worked by hand).</summary>
    internal void SetCarriedValues(ReadOnlySpan<double> values) => _value.Set(values);

    private int Outputs => 2 * _tasksPerMiner;

    private Mlp Online => _online ?? throw new InvalidOperationException("the shared DRLO learner has neither been trained nor loaded");

    private Mlp Target => _target!;

    private protected override INetwork OnlineNetwork => Online;

    private protected override INetwork TargetNetwork => Target;

    public override void Reset(ulong seed)
    {
        base.Reset(seed);
        _lastOffloaded = 0;
    }

    public override void BeginTraining(MiningEnvironment environment, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(environment);
        _tasksPerMiner = environment.Settings.TasksPerMiner;
        Build();
        Resize(environment.Settings.Miners);
        _credit = new OffloadAdvantage(environment.Model);
        _value = new CarriedValue();
        _refineCount = Options.RefineCount;
        _modelSearch = Options.Search == PlanSearch.Model;
        StartTraining(seed);
        _lastOffloaded = 0;
    }

    /// <summary>The greedy action (evaluation); the model serves any N with the M it was trained on.</summary>
    public override void Act(MiningEnvironment environment, Span<double> action) => ChooseAction(environment, 0, action);

    /// <summary>One update on a batch of miner samples; returns the mean squared error over the trained outputs.</summary>
    public override double Update()
    {
        if (_modelSearch)
        {
            return double.NaN; // the planner learns V alone: the network chooses nothing, so it is not trained
        }

        var online = Online;
        int batch = Options.BatchSize, m = _tasksPerMiner, outputs = Outputs;
        float discount = Options.Discount;

        // Sample a batch of miner samples uniformly from the replay memory.
        Memory.Sample(ReplaySampling, batch, _batchStates, _batchActions, _batchRewards, _batchNext);

        // Targets: the stored difference reward for "offload", 0 for "local", each plus γ Q_target(s', a*) per task, a*
        // the online network's argmax (Double DQN) or the target's; nothing to bootstrap when γ = 0.
        if (discount > 0)
        {
            if (Options.DoubleDqn)
            {
                ReadOnlySpan<float> onlineNext = online.Forward(_batchNext, batch);
                for (int j = 0; j < batch * m; j++)
                {
                    _nextBest[j] = onlineNext[(2 * j) + 1] > onlineNext[2 * j] ? 1 : 0;
                }
            }

            ReadOnlySpan<float> targetNext = Target.Forward(_batchNext, batch);
            for (int j = 0; j < batch * m; j++)
            {
                int best = Options.DoubleDqn ? _nextBest[j] : (targetNext[(2 * j) + 1] > targetNext[2 * j] ? 1 : 0);
                _bootstrap[j] = discount * targetNext[(2 * j) + best];
            }
        }
        else
        {
            Array.Clear(_bootstrap);
        }

        // Loss: the squared error over the trained outputs, both (local's target is 0 + bootstrap) or the taken one
        // only, and its gradient.
        ReadOnlySpan<float> q = online.Forward(_batchStates, batch);
        Span<float> gradQ = _gradQ.AsSpan(0, batch * outputs);
        gradQ.Clear();
        double sum = 0;
        if (Options.BothActions)
        {
            float scale = 2f / (batch * outputs);
            for (int j = 0; j < batch * m; j++)
            {
                float local = q[2 * j] - _bootstrap[j];
                float offload = (_batchActions[j] & 2) != 0 ? q[(2 * j) + 1] - (_batchRewards[j] + _bootstrap[j]) : 0;
                sum += ((double)local * local) + ((double)offload * offload);
                gradQ[2 * j] = scale * local;
                gradQ[(2 * j) + 1] = scale * offload;
            }

            sum /= batch * outputs;
        }
        else
        {
            float scale = 2f / (batch * m);
            for (int j = 0; j < batch * m; j++)
            {
                int a = _batchActions[j] & 1;
                float difference = q[(2 * j) + a] - TakenTarget(Options.Credit, a, _batchRewards[j], _bootstrap[j]);
                sum += (double)difference * difference;
                gradQ[(2 * j) + a] = scale * difference;
            }

            sum /= batch * m;
        }

        if (Options.LearningRateDecayUpdates > 0)
        {
            double progress = Math.Min(1.0, (double)UpdateCount / Options.LearningRateDecayUpdates);
            Adam.LearningRate = (float)(Options.LearningRate * (1 - (0.9 * progress)));
        }

        // Backward.
        online.ZeroGradients();
        online.Backward(gradQ);

        // Clip the gradient norm, take an Adam step, and copy to the target network every C updates.
        GradientClipping.ClipGlobalNorm(online.Parameters, Options.GradientClipNorm);
        Adam.Step();
        CountUpdateAndSyncTarget();
        return sum;
    }

    /// <summary>
    /// The target of a task's taken action <paramref name="action"/> (1 offload, 0 local): under difference rewards the
    /// stored reward is offloading's, and local earns 0; under the observed reward the stored reward is the task's share
    /// of the slot reward, whichever action was taken. Plus the bootstrap gamma Q_target(s', a*).
    /// </summary>
    internal static float TakenTarget(SharedCredit credit, int action, float reward, float bootstrap) =>
        (credit == SharedCredit.Observed ? reward : action * reward) + bootstrap;

    /// <summary>
    /// The model file: little-endian "EMSD", int32 version 4, int32 M, the feature flags (feature set | 0x100 last
    /// offloads | 0x200 mean field), the feature dimension, the hidden layer count and widths, the carried value (int32
    /// grid size, a double per grid point, int64 sweeps; not in version 1, which loads with V = 0), int32 1 when the
    /// offload count is refined (refine_count; not in versions 1 and 2, which load with it off), int32 1 when the reward
    /// model's search chooses the action (plan_search = model; not in versions 1 to 3, which load with the network
    /// choosing), then the online network as a <see cref="WeightFile"/> block. It serves any N.
    /// </summary>
    public override void SaveModel(Stream stream)
    {
        var online = Online;
        using (var writer = BinaryFormat.Writer(stream))
        {
            ModelFormat.WriteHeader(writer);
            writer.Write(_tasksPerMiner);
            foreach (int field in NetworkShape(_tasksPerMiner))
            {
                writer.Write(field);
            }

            _value.Write(writer);
            writer.Write(_refineCount ? 1 : 0);
            writer.Write(_modelSearch ? 1 : 0);
        }

        WeightFile.Write(stream, online.Layers);
    }

    public override void LoadModel(Stream stream)
    {
        using (var reader = BinaryFormat.Reader(stream))
        {
            int version = ModelFormat.ReadHeader(reader, oldest: 1);
            int tasksPerMiner = ModelFormat.ReadCount(reader, 1, RunSettings.Tasks.Max, "M, the tasks per miner");
            string[] fields = ["feature flags (set | 0x100 last_offloads | 0x200 mean_field) against its configuration's", "feature dimension", "hidden layer count", .. Options.HiddenSizes.Select((_, i) => $"hidden layer {i + 1} width")];
            int[] expected = NetworkShape(tasksPerMiner);
            for (int i = 0; i < expected.Length; i++)
            {
                ModelFormat.ReadExpected(reader, expected[i], fields[i]);
            }

            _tasksPerMiner = tasksPerMiner;
            _value = new CarriedValue();
            if (version >= 2)
            {
                _value.Read(reader, ModelFormat);
            }

            _refineCount = version >= 3 && Options.RefineCount;
            if (version >= 3)
            {
                ModelFormat.ReadExpected(reader, Options.RefineCount ? 1 : 0, "count refinement (learner option refine_count, 1: true)");
            }

            _modelSearch = version >= 4 && Options.Search == PlanSearch.Model;
            if (version >= 4)
            {
                ModelFormat.ReadExpected(reader, Options.Search == PlanSearch.Model ? 1 : 0, "the action's search (learner option plan_search, 1: model)");
            }
        }

        Build();
        InitialiseNetworks(new Xoshiro256(0));
        WeightFile.Read(stream, Online.Layers);
        CopyOnlineIntoTarget();
    }

    /// <summary>The model file, the target network, Adam, the replay memory, the update count, the last slot's offload count, then both generators.</summary>
    public override void SaveTrainingState(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Flush();
        SaveModel(writer.BaseStream);
        WeightFile.Write(writer.BaseStream, Target.Layers);
        Adam.SaveState(writer.BaseStream);
        Memory.Save(writer.BaseStream);
        writer.Write(UpdateCount);
        writer.Write(_lastOffloaded);
        Exploration.WriteTo(writer);
        ReplaySampling.WriteTo(writer);
    }

    public override void LoadTrainingState(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        LoadModel(reader.BaseStream);
        WeightFile.Read(reader.BaseStream, Target.Layers);
        Adam.LoadState(reader.BaseStream);
        Memory = NewReplayMemory();
        Memory.Load(reader.BaseStream);
        UpdateCount = reader.ReadInt64();
        _lastOffloaded = reader.ReadInt32();
        Exploration.ReadFrom(reader);
        ReplaySampling.ReadFrom(reader);
    }

    /// <summary>Act (exploring), step, credit each task with its difference rewards, and store one sample per miner.</summary>
    private protected override SlotMetrics ActStepStore(MiningEnvironment environment, double epsilon)
    {
        var memory = Memory;
        Resize(environment.Settings.Miners); // before _action is passed on: a resume's LoadModel leaves the buffers to be resized

        // Act: greedy per task (mean field), each task a fair coin with the scaled epsilon; leaves the features in _current.
        ChooseAction(environment, epsilon, _action);

        // Plan: one sweep of the carried value's targets on this slot's arrivals and channels (before the step changes them),
        // every CarriedValue.SweepEvery(N) slots: a sweep costs 17 searches over all N miners, and V is one table of 17
        // numbers whatever N, so a large N sweeps less often (the environment's slot count is restored on resume).
        if (Options.Plans && memory.Count >= Options.LearningStarts && environment.Slot % CarriedValue.SweepEvery(_miners) == 0)
        {
            SweepCarriedValue(environment);
        }

        // Step the environment.
        var step = environment.Step(_action);
        var metrics = step.Metrics;
        var p = environment.Parameters;
        int miners = _miners, m = _tasksPerMiner, dim = _features!.Dimension;

        // Credit: each task's difference reward A, from the reward model, or (model-free) the observed slot reward shared
        // by the tasks (clipped when RewardClip > 0).
        if (Options.Credit == SharedCredit.Observed)
        {
            Array.Fill(_advantage, (float)(metrics.Reward / _advantage.Length));
        }
        else
        {
            _credit!.Compute(_action, environment.LastOutcomes, metrics, _advantage);
        }

        if (Options.RewardClip > 0)
        {
            TensorPrimitives.Clamp<float>(_advantage, -Options.RewardClip, Options.RewardClip, _advantage);
        }

        // The next slot's features, as the next act will build them, with this slot's offload count (the action's).
        int offloaded = _lastOffloaded;
        _features.Build(step.Observation, miners, environment.MecBacklogCycles / p.MecCyclesPerSlot, offloaded, _next);
        bool shifted = Options.MeanField && Options.BothActions && Options.ShiftedCounts;
        double loadPerTask = LoadPerTask(p);
        if (Options.MeanField)
        {
            // This slot's samples carry the count that happened (exploration included); the next state's carries the
            // same count, mean-field Q-learning's usual stand-in for the next slot's unknown mean action.
            _features.SetOffloadCount(_current, miners, offloaded, loadPerTask);
            _features.SetOffloadCount(_next, miners, offloaded, loadPerTask);
        }

        // Store one sample per miner; per task: bit 0 the action taken, bit 1 whether the offload output learns from this row.
        for (int n = 0; n < miners; n++)
        {
            bool anyLocal = false;
            for (int j = n * m; j < (n + 1) * m; j++)
            {
                int a = _action[j] >= 0.5 ? 1 : 0;
                anyLocal |= a == 0;
                _choices[j] = a | ((shifted ? a : 1) << 1);
            }

            memory.Add(_current.AsSpan(n * dim, dim), _choices.AsSpan(n * m, m), _advantage.AsSpan(n * m, m), _next.AsSpan(n * dim, dim));
            if (shifted && anyLocal)
            {
                // A local task's offload value is that of a slot with K + 1 offloads: it is learned at that count, on a
                // copy of the row whose offload outputs learn only for the miner's local tasks.
                _current.AsSpan(n * dim, dim).CopyTo(_shiftedRow);
                _shiftedRow[_features.OffloadColumn] = (float)((offloaded + 1) * loadPerTask);
                for (int j = n * m; j < (n + 1) * m; j++)
                {
                    int a = _choices[j] & 1;
                    _choices[j] = a | ((1 - a) << 1);
                }

                memory.Add(_shiftedRow, _choices.AsSpan(n * m, m), _advantage.AsSpan(n * m, m), _next.AsSpan(n * dim, dim));
            }
        }

        return metrics;
    }

    /// <summary>
    /// Greedy per task on the shared network (mean-field when <see cref="SharedDqnOptions.MeanField"/>), each task then
    /// replaced by a coin flip with probability epsilon scaled for large N. Leaves the miners' features of this slot in
    /// <see cref="_current"/> for the training slot that follows.
    /// </summary>
    private void ChooseAction(MiningEnvironment environment, double epsilon, Span<double> action)
    {
        var online = Online;
        if (environment.Settings.TasksPerMiner != _tasksPerMiner || action.Length != environment.Model.Tasks)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"the shared DRLO network was trained for M = {_tasksPerMiner} tasks per miner; the environment has M = {environment.Settings.TasksPerMiner}"), nameof(environment));
        }

        int miners = environment.Settings.Miners;
        Resize(miners);
        var p = environment.Parameters;
        _features!.Build(environment.Observation, miners, environment.MecBacklogCycles / p.MecCyclesPerSlot, _lastOffloaded, _current);
        int tasks = miners * _tasksPerMiner;
        if (Options.Plans)
        {
            PrepareCarry(environment);
        }

        if (Options.MeanField)
        {
            PlannedChoice(environment, online, miners, LoadPerTask(p), environment.MecBacklogCycles, action);
        }
        else
        {
            Forward(online, _current, miners, _q);
            for (int i = 0; i < tasks; i++)
            {
                action[i] = _q[(2 * i) + 1] > _q[2 * i] ? 1 : 0;
            }
        }

        double explore = epsilon * Math.Min(1.0, Options.ExplorationTasks / tasks);
        int offloaded = 0;
        for (int i = 0; i < tasks; i++)
        {
            if (explore > 0 && Exploration.NextDouble() < explore)
            {
                action[i] = Exploration.NextBool() ? 1 : 0;
            }

            offloaded += action[i] >= 0.5 ? 1 : 0;
        }

        _lastOffloaded = offloaded;
    }

    /// <summary>
    /// The mean-field greedy action: g(K), the number of tasks whose Q(offload) exceeds Q(local) when the network is told
    /// that K tasks offload, falls as K grows (more sharing of the MEC's CPU); the learner takes the largest K with
    /// g(K) &gt;= K, found by bisection over 0..N M (about log2(N M) + 1 forward passes), and offloads the K tasks with
    /// the largest margins Q(offload) - Q(local) at that K, so that the count it acts with is the count it assumed.
    /// </summary>
    private void GreedyMeanField(Mlp online, int miners, double loadPerTask, Span<double> action)
    {
        int tasks = miners * _tasksPerMiner;
        int low = 0, high = tasks;
        while (low < high)
        {
            int middle = low + ((high - low + 1) >> 1);
            if (WantOffload(online, miners, middle, loadPerTask) >= middle)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        action.Clear();
        if (low == 0)
        {
            return;
        }

        WantOffload(online, miners, low, loadPerTask);
        SelectLargest(tasks, low, action);
    }

    /// <summary>
    /// The mean-field greedy action (<see cref="GreedyMeanField"/>), then, when a choice can leave a backlog and
    /// <see cref="SharedDqnOptions.RefineCount"/> is on, its offload count refined (<see cref="RefineCount"/>).
    /// <paramref name="backlogCycles"/> is the backlog the choice is made at (the slot's, or a grid point's in a sweep).
    /// </summary>
    private void PlannedChoice(MiningEnvironment environment, Mlp online, int miners, double loadPerTask, double backlogCycles, Span<double> action)
    {
        if (_modelSearch)
        {
            ModelSearchChoice(environment, backlogCycles, action);
            return;
        }

        GreedyMeanField(online, miners, loadPerTask, action);
        if (Options.Plans && _refineCount && _carryPossible)
        {
            RefineCount(environment, online, miners, loadPerTask, backlogCycles, action);
        }
    }

    /// <summary>Candidate backlog prices of <see cref="ModelSearchChoice"/> beside 0: the slopes of this many segments of V.</summary>
    internal const int PricedSegments = 8;

    /// <summary>
    /// The planner's choice (<see cref="PlanSearch.Model"/>): the action of largest J = r + gamma V(q') found by the
    /// reward model's priced per-slot search (<see cref="Sequential.PricedSlotSearch"/>, the lookahead's) run with linear
    /// prices taken from V: 0 (the per-slot optimum) and the slopes gamma (V_j - V_j+1) / (q_j+1 - q_j) of
    /// <see cref="PricedSegments"/> segments of V's grid from the one holding max(0, q - 1), the least backlog this slot
    /// can leave, and, where a cap can bind, the per-slot optimum's own action; each candidate is scored by its exact J,
    /// so a nonlinear V is priced exactly even where the linear search is not. Where a cap can bind at N M &lt;= 10,
    /// every action's J is scored. At paper-literal N = 5 and 10 it earned more than the lookahead (docs/sequential.md).
    /// <paramref name="backlogCycles"/> is the backlog the choice is made at (the slot's, or a grid point's in a sweep).
    /// </summary>
    private void ModelSearchChoice(MiningEnvironment environment, double backlogCycles, Span<double> action)
    {
        int tasks = _miners * _tasksPerMiner;
        var grid = CarriedValue.Grid;
        var values = _value.Values;
        double cyclesPerSlot = environment.Parameters.MecCyclesPerSlot, discount = Options.ValueDiscount;
        int first = 0;
        while (first < grid.Length - 2 && grid[first + 1] <= _backlogSlots - 1)
        {
            first++;
        }

        double actual = environment.MecBacklogCycles, best = double.NegativeInfinity, lastPrice = double.NaN;
        environment.SetBacklogForSearch(backlogCycles);
        try
        {
            bool capCanBind = Policies.PerSlotOptimum.AnyCapCanBind(environment);
            if (tasks <= Sequential.PricedSlotSearch.EnumerationLimit && capCanBind)
            {
                // The priced search would enumerate all 2^(N M) actions for every price: scoring each action's J once
                // instead is exact for any V, and as costly as one price.
                EnumerateChoice(environment, backlogCycles, action);
                return;
            }

            for (int j = first - 1; j < Math.Min(first + PricedSegments, grid.Length - 1); j++)
            {
                // j = first - 1 stands for the price 0; V never rises with the backlog, so every slope is >= 0.
                double price = j < first ? 0 : discount * (values[j] - values[j + 1]) / (grid[j + 1] - grid[j]) / cyclesPerSlot;
                if (price == lastPrice)
                {
                    continue;
                }

                lastPrice = price;
                _modelSearcher.Search(environment, new Sequential.SlotPrices(price, 0), linearBacklog: false, _candidate.AsSpan(0, tasks));
                KeepIfBetter(environment, backlogCycles, action, ref best);
            }

            if (capCanBind)
            {
                // Beyond 10 tasks with a cap that can bind, the priced search is a scored top-K heuristic, while the
                // per-slot optimum's own search is exact there (issue 21): its action joins the candidates.
                _perSlotOptimum.Act(environment, _candidate.AsSpan(0, tasks));
                KeepIfBetter(environment, backlogCycles, action, ref best);
            }
        }
        finally
        {
            environment.SetBacklogForSearch(actual);
        }
    }

    /// <summary>Copies the candidate in <see cref="_candidate"/> into <paramref name="action"/> when its J is above <paramref name="best"/>.</summary>
    private void KeepIfBetter(MiningEnvironment environment, double backlogCycles, Span<double> action, ref double best)
    {
        Span<double> candidate = _candidate.AsSpan(0, _miners * _tasksPerMiner);
        double score = ScoreAction(environment, backlogCycles, candidate);
        if (score > best)
        {
            best = score;
            candidate.CopyTo(action);
        }
    }

    /// <summary>The action of largest J = r + gamma V(q') of all 2^(N M), in the order of their bits (the first of equal maxima).</summary>
    private void EnumerateChoice(MiningEnvironment environment, double backlogCycles, Span<double> action)
    {
        int tasks = _miners * _tasksPerMiner;
        double best = double.NegativeInfinity;
        for (int bits = 0; bits < 1 << tasks; bits++)
        {
            for (int i = 0; i < tasks; i++)
            {
                _candidate[i] = (bits >> i) & 1;
            }

            KeepIfBetter(environment, backlogCycles, action, ref best);
        }
    }

    /// <summary>
    /// J = r + gamma V(q') of <paramref name="candidate"/> at the backlog <paramref name="backlogCycles"/> (in slots,
    /// <see cref="_backlogSlots"/>), r from the reward model.
    /// </summary>
    private double ScoreAction(MiningEnvironment environment, double backlogCycles, ReadOnlySpan<double> candidate)
    {
        int tasks = _miners * _tasksPerMiner;
        var outcome = environment.Model.Evaluate(environment.BufferedBits, environment.ArrivedBits, environment.ChannelGood, backlogCycles, candidate, _gridOutcomes);
        double servedBits = 0;
        for (int i = 0; i < tasks; i++)
        {
            servedBits += _gridOutcomes[i].ServedOffloadBits;
        }

        return outcome.Reward + (Options.ValueDiscount * _value.Value(NextBacklog(servedBits)));
    }

    /// <summary>
    /// The offload count refined with the reward model (model-assisted): keeping the network's ranking of the tasks (its
    /// margins with the planned term, at the count K the bisection chose, or at K = 1 when it chose 0), the K' tasks of
    /// largest margins are scored by J(K') = r(K') + gamma V(q'(K')), r the slot's reward from the reward model and q'
    /// the backlog they leave, and the K' of largest J is taken (<see cref="CarriedValue.BestCount"/>). The network's
    /// ranking was nearly as good as the exact one, its count was not: an error in the margins' level shifts K, and a
    /// wrong count costs the most where a backlog lasts (docs/sequential.md). Only where a choice can leave a backlog, so
    /// that elsewhere (the calibrated preset) the learner is the bandit learner exactly.
    /// </summary>
    private void RefineCount(MiningEnvironment environment, Mlp online, int miners, double loadPerTask, double backlogCycles, Span<double> action)
    {
        int tasks = miners * _tasksPerMiner, count = 0;
        for (int i = 0; i < tasks; i++)
        {
            count += action[i] >= 0.5 ? 1 : 0;
        }

        if (count == 0)
        {
            WantOffload(online, miners, 1, loadPerTask); // the ranking of a first offload
        }

        (_scoredIn, _scoredAt) = (environment, backlogCycles);
        int best = CarriedValue.BestCount(tasks, _scoreCount ??= ScoreCount);
        SelectLargest(tasks, best, action);
        _scoredIn = null;
    }

    /// <summary>
    /// J(K) = r + gamma V(q') of offloading the <paramref name="count"/> tasks of largest <see cref="_margins"/>, in the
    /// environment <see cref="_scoredIn"/> at the backlog <see cref="_scoredAt"/>.
    /// </summary>
    private double ScoreCount(int count)
    {
        Span<double> candidate = _candidate.AsSpan(0, _miners * _tasksPerMiner);
        SelectLargest(candidate.Length, count, candidate);
        return ScoreAction(_scoredIn!, _scoredAt, candidate);
    }

    /// <summary>
    /// Marks in <paramref name="chosen"/> (cleared first) the <paramref name="count"/> tasks of largest
    /// <see cref="_margins"/>: those above the count-th largest, then ties with it in task order.
    /// </summary>
    private void SelectLargest(int tasks, int count, Span<double> chosen)
    {
        chosen[..tasks].Clear();
        if (count == 0)
        {
            return;
        }

        _margins.AsSpan(0, tasks).CopyTo(_selection);
        double kth = Selection.KthLargest(_selection.AsSpan(0, tasks), count);
        int marked = 0;
        for (int i = 0; i < tasks; i++)
        {
            if (_margins[i] > kth)
            {
                chosen[i] = 1;
                marked++;
            }
        }

        for (int i = 0; i < tasks && marked < count; i++)
        {
            if (_margins[i] == kth && chosen[i] == 0)
            {
                chosen[i] = 1;
                marked++;
            }
        }
    }

    /// <summary>
    /// The number of tasks whose greedy choice is to offload when the features say that K tasks offload: the margins
    /// Q(offload) - Q(local) of the network, plus, when a choice can leave a backlog, the planned term
    /// (<see cref="PriceCarriedState"/>). Leaves the margins in <see cref="_margins"/>.
    /// </summary>
    private int WantOffload(Mlp online, int miners, int offloaded, double loadPerTask)
    {
        _features!.SetOffloadCount(_current, miners, offloaded, loadPerTask);
        Forward(online, _current, miners, _q);
        int tasks = miners * _tasksPerMiner;
        for (int i = 0; i < tasks; i++)
        {
            _margins[i] = _q[(2 * i) + 1] - _q[2 * i];
        }

        if (_carryPossible)
        {
            PriceCarriedState(miners, offloaded);
        }

        int count = 0;
        for (int i = 0; i < tasks; i++)
        {
            count += _margins[i] > 0 ? 1 : 0;
        }

        return count;
    }

    /// <summary>
    /// Adds the planned term to each task's margin (<see cref="CarriedValue.AddToMargins"/>), S the K tasks of largest
    /// network margins: the candidate action at this K, consistent with the choices as the offload count is.
    /// </summary>
    private void PriceCarriedState(int miners, int offloaded)
    {
        int tasks = miners * _tasksPerMiner;
        Span<double> inSet = _reference.AsSpan(0, tasks);
        SelectLargest(tasks, offloaded, inSet);
        _value.AddToMargins(_taskBits.AsSpan(0, tasks), _uploadBits.AsSpan(0, miners), _tasksPerMiner, inSet, _backlogSlots, _loadPerBit, Options.ValueDiscount, _margins.AsSpan(0, tasks));
    }

    /// <summary>q' = [q + (X / (F dt)) served - 1]^+, in slots, when <paramref name="servedBits"/> reach the MEC.</summary>
    private double NextBacklog(double servedBits) => CarriedValue.NextBacklog(_backlogSlots, _loadPerBit, servedBits);

    /// <summary>This slot's inputs to q'(a): each task's data, each miner's upload capacity, the backlog.</summary>
    private void PrepareCarry(MiningEnvironment environment)
    {
        var p = environment.Parameters;
        var buffered = environment.BufferedBits;
        var arrived = environment.ArrivedBits;
        var channel = environment.ChannelGood;
        int m = _tasksPerMiner;
        _largestServedBits = 0;
        for (int n = 0; n < _miners; n++)
        {
            double bits = 0;
            for (int i = n * m; i < (n + 1) * m; i++)
            {
                _taskBits[i] = buffered[i] + arrived[i];
                bits += _taskBits[i];
            }

            _uploadBits[n] = p.UploadRateBps(channel[n]) * p.SlotSeconds;
            _largestServedBits += Math.Min(bits, _uploadBits[n]);
        }

        _loadPerBit = p.MecCyclesPerBit / p.MecCyclesPerSlot;
        SetBacklog(environment.MecBacklogCycles / p.MecCyclesPerSlot);
    }

    /// <summary>The backlog the planned term starts from, and whether any choice can leave one (else the term is 0 and skipped).</summary>
    private void SetBacklog(double backlogSlots)
    {
        _backlogSlots = backlogSlots;
        _carryPossible = NextBacklog(_largestServedBits) > 0;
    }

    /// <summary>
    /// One sweep of fitted value iteration with common samples (<see cref="CarriedValue"/>): for every grid point q_k,
    /// the learner's own planned choice a_k at this slot's arrivals, channels and buffers with the backlog set to
    /// q_k F dt (the network told so through its backlog feature), its reward r_k from the reward model and its
    /// post-decision backlog q'_k from the backlog's dynamics; target r_k + gamma V(q'_k), then V projected onto the
    /// functions that never rise with the backlog (<see cref="CarriedValue.Sweep"/>). The slot's features and backlog
    /// are restored afterwards, so that acting and storing are as if no sweep had been made.
    /// </summary>
    private void SweepCarriedValue(MiningEnvironment environment)
    {
        var p = environment.Parameters;
        int miners = _miners, tasks = miners * _tasksPerMiner;
        double actual = _backlogSlots, cyclesPerSlot = p.MecCyclesPerSlot, loadPerTask = LoadPerTask(p);
        var online = Online;
        var grid = CarriedValue.Grid;
        for (int k = 0; k < grid.Length; k++)
        {
            double backlog = grid[k];
            _features!.SetBacklog(_current, miners, backlog);
            SetBacklog(backlog);
            PlannedChoice(environment, online, miners, loadPerTask, backlog * cyclesPerSlot, _gridAction);
            _value.SetTarget(k, ScoreAction(environment, backlog * cyclesPerSlot, _gridAction.AsSpan(0, tasks)));
        }

        _features!.SetBacklog(_current, miners, actual);
        SetBacklog(actual);
        double progress = Math.Min(1.0, (double)_value.Updates / Options.ValueDecaySweeps);
        _value.Sweep(Options.ValueStep * (1 - (0.9 * progress)));
    }

    /// <summary>X d_unit / (F dt): the MEC load of one mean-size task in slots of its capacity (the offload count's scale).</summary>
    private static double LoadPerTask(ModelParameters p) => p.MecCyclesPerBit * p.PrivacyUnitBits / p.MecCyclesPerSlot;

    /// <summary>Q-values of every miner, in chunks of at most <see cref="ActChunk"/> rows.</summary>
    private void Forward(Mlp network, ReadOnlySpan<float> features, int miners, Span<float> q)
    {
        int dim = _features!.Dimension, outputs = Outputs;
        for (int start = 0; start < miners; start += ActChunk)
        {
            int rows = Math.Min(ActChunk, miners - start);
            network.Forward(features.Slice(start * dim, rows * dim), rows).CopyTo(q.Slice(start * outputs, rows * outputs));
        }
    }

    /// <summary>Creates the features, networks (uninitialised) and batch buffers for <see cref="_tasksPerMiner"/>.</summary>
    private void Build()
    {
        _features = new MinerFeatures(_tasksPerMiner, Options.Features, Options.LastOffloads, Options.MeanField);
        int[] sizes = [_features.Dimension, .. Options.HiddenSizes, Outputs];
        int maxBatch = Math.Max(Options.BatchSize, ActChunk);
        _online = new Mlp(sizes, maxBatch);
        _target = new Mlp(sizes, maxBatch);
        int batch = Options.BatchSize;
        _batchStates = new float[batch * _features.Dimension];
        _batchNext = new float[batch * _features.Dimension];
        _batchRewards = new float[batch * _tasksPerMiner];
        _batchActions = new int[batch * _tasksPerMiner];
        _nextBest = new int[batch * _tasksPerMiner];
        _shiftedRow = new float[_features.Dimension];
        _bootstrap = new float[batch * _tasksPerMiner];
        _gradQ = new float[batch * Outputs];
        _miners = 0;
    }

    /// <summary>Sizes the per-slot buffers for <paramref name="miners"/> miners (allocates only when N changes).</summary>
    private void Resize(int miners)
    {
        if (miners == _miners)
        {
            return;
        }

        _miners = miners;
        int tasks = miners * _tasksPerMiner;
        _action = new double[tasks];
        _current = new float[miners * _features!.Dimension];
        _next = new float[miners * _features.Dimension];
        _q = new float[miners * Outputs];
        _advantage = new float[tasks];
        _choices = new int[tasks];
        _margins = new double[tasks];
        _selection = new double[tasks];
        _reference = new double[tasks];
        _taskBits = new double[tasks];
        _uploadBits = new double[miners];
        _gridAction = new double[tasks];
        _candidate = new double[tasks];
        _gridOutcomes = new TaskOutcome[tasks];
    }

    private protected override ReplayMemory NewReplayMemory() => new(Options.ReplayCapacity, _features!.Dimension, _tasksPerMiner, _tasksPerMiner);

    // The feature flags, the feature dimension, the hidden layer count and widths of a network for M = tasksPerMiner.
    private int[] NetworkShape(int tasksPerMiner) =>
        [Options.FeatureFlags, new MinerFeatures(tasksPerMiner, Options.Features, Options.LastOffloads, Options.MeanField).Dimension, Options.HiddenSizes.Count, .. Options.HiddenSizes];
}
