using EdgeMine.Model;
using EdgeMine.Neural;

namespace EdgeMine.Learning.Dqn;

/// <summary>
/// DRLO's <c>branching</c> variant (its default before issue 13): a network over the whole system's observation with
/// one 2-way head per task on a shared trunk (action branching, Tavakoli et al. 2018), so that its size grows with N M
/// rather than 2^(N M); exploration per task; and, with <see cref="SystemDqnOptions.DifferenceRewards"/>, one reward
/// per branch: the task's difference reward (<see cref="OffloadAdvantage.ForOffloaded"/>), regressed on with the
/// branch's own bootstrap value. Reads top to bottom like CleanRL's dqn.py: <see cref="ChooseAction"/>,
/// <see cref="ActStepStore"/> (act, step, store), then <see cref="Update"/> (sample, targets, loss, backward, clip, Adam
/// step, sync).
/// </summary>
public sealed class BranchingHeadDqn : SystemDqn
{
    private OffloadAdvantage? _credit;
    private int[] _choices = [];
    private float[] _branchRewards = [];

    public BranchingHeadDqn(SystemDqnOptions options)
        : base(options, DqnHead.Branching)
    {
    }

    public override void BeginTraining(MiningEnvironment environment, ulong seed)
    {
        base.BeginTraining(environment, seed);
        _credit = Options.DifferenceRewards ? new OffloadAdvantage(environment.Model) : null;
    }

    /// <summary>The greedy 0/1 choice of every branch for one observation.</summary>
    internal void GreedyBranches(ReadOnlySpan<float> state, Span<int> choices)
    {
        Online.ForwardSingle(state, SingleQ);
        for (int b = 0; b < Tasks; b++)
        {
            choices[b] = SingleQ[(2 * b) + 1] > SingleQ[2 * b] ? 1 : 0;
        }
    }

    /// <summary>Per task: a fair coin with probability epsilon, else the branch's greedy choice.</summary>
    private protected override void ChooseAction(MiningEnvironment environment, double epsilon, Span<double> action)
    {
        ReadObservation(environment, action);
        if (epsilon < 1)
        {
            GreedyBranches(State, _choices);
        }

        for (int i = 0; i < Tasks; i++)
        {
            action[i] = epsilon > 0 && Exploration.NextDouble() < epsilon ? (Exploration.NextBool() ? 1 : 0) : _choices[i];
        }
    }

    /// <summary>Act, step, and store (s, a, r, s') with one choice per branch and the slot's reward or one difference reward per branch.</summary>
    private protected override SlotMetrics ActStepStore(MiningEnvironment environment, double epsilon)
    {
        // Act: epsilon-greedy per branch on the online network (which leaves the observation s in State).
        ChooseAction(environment, epsilon, SlotAction);

        // Step the environment.
        var step = environment.Step(SlotAction);
        var metrics = step.Metrics;
        ToFloat(step.Observation, NextState);

        // Store (s, a, r, s'): one choice per branch, and with difference rewards one reward per branch.
        for (int i = 0; i < Tasks; i++)
        {
            _choices[i] = SlotAction[i] >= 0.5 ? 1 : 0;
        }

        if (Options.DifferenceRewards)
        {
            var credit = _credit ?? throw new InvalidOperationException("difference rewards need the environment's model: call BeginTraining with the environment");
            credit.ForOffloaded(SlotAction, environment.LastOutcomes, metrics, _branchRewards);
            Memory.Add(State, _choices, _branchRewards, NextState);
        }
        else
        {
            Memory.Add(State, _choices, (float)metrics.Reward, NextState);
        }

        return metrics;
    }

    /// <summary>One DQN update from the replay memory; returns the batch loss.</summary>
    public override double Update()
    {
        int batch = Options.BatchSize, groups = Groups;
        Span<float> predictions = Predictions.AsSpan(0, batch * groups);
        Span<float> targets = Targets.AsSpan(0, batch * groups);
        Span<float> gradPredictions = GradPredictions.AsSpan(0, batch * groups);

        // Sample a batch uniformly from the replay memory.
        Memory.Sample(ReplaySampling, batch, BatchStates, BatchActions, BatchRewards, BatchNextStates);

        // Targets per branch, from the target network (Double DQN: at the online network's argmax), computed before the
        // online network's training pass, whose buffers the Double DQN pass shares. With difference rewards each branch
        // regresses on y_b = r_b + γ bootstrap_b(s'); with the slot's reward on y = r + γ (mean of the branches' bootstraps).
        ReadOnlySpan<float> onlineNext = Options.DoubleDqn ? Online.Forward(BatchNextStates, batch) : [];
        ReadOnlySpan<float> targetNext = Target.Forward(BatchNextStates, batch);
        QTargets.Compute(targetNext, onlineNext, batch, groups, GroupSize, BatchRewards, Options.Discount, Options.DifferenceRewards, targets);

        // Q(s, a_b) of every branch's taken choice.
        GatherTaken(Online.Forward(BatchStates, batch), batch, predictions);

        // Loss [eq. 17] and its gradient.
        float loss = Loss(predictions, targets, gradPredictions);

        // Backward.
        Online.ZeroGradients();
        Online.Backward(ScatterTaken(gradPredictions, batch));

        // Clip the gradient norm, take an Adam step, and copy to the target network every C updates.
        GradientClipping.ClipGlobalNorm(Online.Parameters, Options.GradientClipNorm);
        Adam.Step();
        CountUpdateAndSyncTarget();
        return loss;
    }

    private protected override void Shape(int observationDim, int tasks)
    {
        base.Shape(observationDim, tasks);
        _choices = new int[tasks];
        _branchRewards = new float[tasks];
    }
}
