using System.Numerics.Tensors;
using EdgeMine.Model;
using EdgeMine.Neural;

namespace EdgeMine.Learning.Dqn;

/// <summary>
/// The paper's DQN, DRLO [Alg. 2] (<c>--variant paper</c>, MODEL.md section 7): a network over the whole system's
/// observation with one Q-value per binary joint action (bit i of the index offloads task i), 2^(N M) outputs, epsilon-
/// greedy over the joint actions, and the slot's reward as every transition's reward. Reads top to bottom like CleanRL's
/// dqn.py: <see cref="ChooseAction"/>, <see cref="ActStepStore"/> (act, step, store (s, a, r, s')), then
/// <see cref="Update"/> (sample, targets, loss, backward, clip, Adam step, sync).
/// </summary>
public sealed class JointHeadDqn : SystemDqn
{
    private readonly TargetValueCache _targetValues = new();
    private int[] _batchSlots = [];
    private float[] _bootstrap = [];

    public JointHeadDqn(SystemDqnOptions options)
        : base(options, DqnHead.Joint)
    {
    }

    /// <summary>
    /// Whether an update reads max_a' Q_target(s', a') of a stored transition from <see cref="TargetValueCache"/> (the
    /// default; not with Double DQN, whose argmax comes from the online network, which changes every update) instead of
    /// the target network's forward pass over the whole batch. The results are the same bit for bit; tests turn it off
    /// to show it.
    /// </summary>
    internal bool CacheTargetValues { get; init; } = true;

    /// <summary>The greedy joint action of one observation: the index of its largest Q-value.</summary>
    public int GreedyJointAction(ReadOnlySpan<float> state)
    {
        Online.ForwardSingle(state, SingleQ);
        return TensorPrimitives.IndexOfMax<float>(SingleQ);
    }

    /// <summary>Stores a transition (s, joint action, r, s') in the replay memory (without an environment: benchmarks and tests).</summary>
    public void Remember(ReadOnlySpan<float> state, int jointAction, float reward, ReadOnlySpan<float> nextState) =>
        Memory.Add(state, jointAction, reward, nextState);

    /// <summary>Epsilon-greedy over the joint actions: a uniformly random one with probability epsilon, else the greedy one.</summary>
    private protected override void ChooseAction(MiningEnvironment environment, double epsilon, Span<double> action)
    {
        ReadObservation(environment, action);
        int joint = epsilon > 0 && Exploration.NextDouble() < epsilon ? Exploration.NextInt(1 << Tasks) : GreedyJointAction(State);
        ActionSpace.DecodeBinary(joint, action);
    }

    /// <summary>Act, step, and store (s, a, r, s') with a the joint index and r the slot's reward.</summary>
    private protected override SlotMetrics ActStepStore(MiningEnvironment environment, double epsilon)
    {
        // Act: epsilon-greedy on the online network (which leaves the observation s in State).
        ChooseAction(environment, epsilon, SlotAction);

        // Step the environment.
        var step = environment.Step(SlotAction);
        ToFloat(step.Observation, NextState);

        // Store (s, a, r, s').
        int joint = 0;
        for (int i = 0; i < Tasks; i++)
        {
            joint |= (SlotAction[i] >= 0.5 ? 1 : 0) << i;
        }

        Memory.Add(State, joint, (float)step.Metrics.Reward, NextState);
        return step.Metrics;
    }

    private protected override void Shape(int observationDim, int tasks)
    {
        base.Shape(observationDim, tasks);
        _batchSlots = new int[Options.BatchSize];
        _bootstrap = new float[Options.BatchSize];
    }

    /// <summary>One DQN update from the replay memory; returns the batch loss.</summary>
    public override double Update()
    {
        int batch = Options.BatchSize;
        Span<float> predictions = Predictions.AsSpan(0, batch);
        Span<float> targets = Targets.AsSpan(0, batch);
        Span<float> gradPredictions = GradPredictions.AsSpan(0, batch);

        // Without dueling, only Q(s, a) of the taken action is computed: one dot product per sample instead of 2^(N M).
        bool selectedOnly = !Options.Dueling;

        // Sample a batch uniformly from the replay memory (and, for the cache, the slots drawn).
        bool cached = CacheTargetValues && !Options.DoubleDqn;
        Memory.Sample(ReplaySampling, batch, BatchStates, BatchActions, BatchRewards, BatchNextStates, cached ? _batchSlots : []);

        // Targets y = r + γ max_a' Q_target(s', a') (Double DQN: Q_target at the online network's argmax), computed
        // before the online network's training pass, whose buffers the Double DQN pass shares. Without Double DQN the
        // max of a stored transition is computed once per target sync (TargetValueCache), the same value.
        if (cached)
        {
            _targetValues.Bootstrap(Target, TargetVersion, Memory, _batchSlots, BatchNextStates, batch, _bootstrap);
            QTargets.Compute(_bootstrap, [], batch, groups: 1, groupSize: 1, BatchRewards, Options.Discount, perGroupRewards: false, targets);
        }
        else
        {
            ReadOnlySpan<float> onlineNext = Options.DoubleDqn ? Online.Forward(BatchNextStates, batch) : [];
            ReadOnlySpan<float> targetNext = Target.Forward(BatchNextStates, batch);
            QTargets.Compute(targetNext, onlineNext, batch, groups: 1, GroupSize, BatchRewards, Options.Discount, perGroupRewards: false, targets);
        }

        // Q(s, a) of the taken joint actions.
        if (selectedOnly)
        {
            Online.ForwardSelected(BatchStates, batch, BatchActions, predictions);
        }
        else
        {
            GatherTaken(Online.Forward(BatchStates, batch), batch, predictions);
        }

        // Loss [eq. 17] and its gradient.
        float loss = Loss(predictions, targets, gradPredictions);

        // Backward.
        Online.ZeroGradients();
        if (selectedOnly)
        {
            Online.BackwardSelected(gradPredictions, BatchActions);
        }
        else
        {
            Online.Backward(ScatterTaken(gradPredictions, batch));
        }

        // Clip the gradient norm, take an Adam step, and copy to the target network every C updates.
        GradientClipping.ClipGlobalNorm(Online.Parameters, Options.GradientClipNorm);
        Adam.Step();
        CountUpdateAndSyncTarget();
        return loss;
    }

}
