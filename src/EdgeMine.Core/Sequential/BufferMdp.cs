using EdgeMine.Model;

namespace EdgeMine.Sequential;

/// <summary>
/// The MDP of a single miner with one or two tasks whose caps can bind but whose MEC backlog cannot carry over
/// (docs/sequential.md, "The MDP optimum"): the carried state is the channel g and the buffers <c>D0_m</c>, on the grid
/// <c>D0_m = j_m delta</c>, <c>j_m = 0..PointsPerTask - 1</c> per task, with multilinear interpolation between grid points
/// (the top reflects, <see cref="Top"/>). Every backup scores all 2^M actions of every grid point and arrival sample with
/// the full slot physics (<see cref="SlotModel.Evaluate"/>: caps served in task order, the rest buffered), so nothing
/// about the caps is approximated except the grid.
/// </summary>
internal sealed class BufferMdp : ICarriedStateModel
{
    /// <summary>Most tasks per miner: a grid of D0 per task has PointsPerTask^M points.</summary>
    public const int MaxTasks = 2;

    private readonly SlotModel _model;
    private readonly int _tasks;
    private readonly int _samples;
    private readonly double[] _arrivals;
    private readonly double[] _buffered;
    private readonly double[] _action;
    private readonly TaskOutcome[] _outcomes;
    private readonly int[] _corner = new int[1 << MaxTasks];
    private readonly double[] _cornerWeight = new double[1 << MaxTasks];

    public BufferMdp(SlotModel model, int pointsPerTask, double stepBits, int samples, ulong sampleSeed)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Miners != 1 || model.TasksPerMiner > MaxTasks)
        {
            throw new ArgumentOutOfRangeException(nameof(model), "one miner with at most two tasks");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(pointsPerTask, 2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stepBits);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(samples);
        var p = model.Parameters;
        _model = model;
        _tasks = model.TasksPerMiner;
        PointsPerTask = pointsPerTask;
        Step = stepBits;
        Points = (int)Math.Pow(pointsPerTask, _tasks);
        ChannelPersistence = p.ChannelPersistence;
        (_arrivals, _samples, SamplesText) = ArrivalSamples.Create(p, _tasks, samples, sampleSeed);

        _buffered = new double[_tasks];
        _action = new double[_tasks];
        _outcomes = new TaskOutcome[_tasks];
    }

    public int Points { get; }

    public double ChannelPersistence { get; }

    /// <summary>How the expectation over arrivals is taken (<see cref="ArrivalSamples"/>).</summary>
    public string SamplesText { get; }

    /// <summary>Grid points per task's buffer.</summary>
    public int PointsPerTask { get; }

    /// <summary>delta, the grid step of a buffer (bits).</summary>
    public double Step { get; }

    /// <summary>
    /// The grid's top per task, <c>(PointsPerTask - 1) delta</c> (bits). It reflects: in the backup, an action that would
    /// leave a buffer above it is not available while another is, and where none is, the buffers are clamped to it, so
    /// every row is a probability distribution over grid points. <see cref="MdpOptimum"/> grows the top until the solved
    /// policy stays below half of it. Acting in the environment, values above the top are extrapolated linearly.
    /// </summary>
    public double Top => (PointsPerTask - 1) * Step;

    public void Backup(bool good, ReadOnlySpan<double> nextValue, Span<double> backedUp, PolicyRows rows)
    {
        bool[] channel = [good];
        double perSample = 1.0 / _samples;
        int actions = 1 << _tasks;
        var next = new double[_tasks];
        var bestNext = new double[_tasks];
        for (int j = 0; j < Points; j++)
        {
            int rest = j;
            for (int m = 0; m < _tasks; m++)
            {
                _buffered[m] = (rest % PointsPerTask) * Step;
                rest /= PointsPerTask;
            }

            double sumBacked = 0, sumReward = 0;
            for (int s = 0; s < _samples; s++)
            {
                var arrived = _arrivals.AsSpan(s * _tasks, _tasks);
                double best = double.NegativeInfinity, bestReward = 0;
                for (int pass = 0; pass < 2 && double.IsNegativeInfinity(best); pass++)
                {
                    // First the actions that keep every buffer on the grid; only if none does, all of them, clamped to
                    // the top (the top reflects, see Top).
                    for (long a = 0; a < actions; a++)
                    {
                        ActionSpace.DecodeBinary(a, _action);
                        double reward = _model.Evaluate(_buffered, arrived, channel, 0, _action, _outcomes).Reward;
                        bool inside = true;
                        for (int m = 0; m < _tasks; m++)
                        {
                            next[m] = _outcomes[m].NextBufferedBits;
                            inside &= next[m] <= Top;
                            next[m] = Math.Min(next[m], Top);
                        }

                        if (!inside && pass == 0)
                        {
                            continue;
                        }

                        double value = reward + Interpolate(nextValue, next, _corner, _cornerWeight);
                        if (value > best)
                        {
                            best = value;
                            bestReward = reward;
                            next.CopyTo(bestNext, 0);
                        }
                    }
                }

                sumBacked += best;
                sumReward += bestReward;
                int corners = Corners(bestNext, _corner, _cornerWeight);
                for (int c = 0; c < corners; c++)
                {
                    rows.Add(_corner[c], perSample * _cornerWeight[c]);
                }
            }

            backedUp[j] = sumBacked * perSample;
            rows.EndRow(j, sumReward * perSample);
        }
    }

    /// <summary>The interpolated value of buffers <paramref name="buffered"/> in <paramref name="nextValue"/> (the corners' scratch given).</summary>
    public double Interpolate(ReadOnlySpan<double> nextValue, ReadOnlySpan<double> buffered, Span<int> corner, Span<double> weight)
    {
        int corners = Corners(buffered, corner, weight);
        double value = 0;
        for (int c = 0; c < corners; c++)
        {
            value += weight[c] * nextValue[corner[c]];
        }

        return value;
    }

    /// <summary>The grid corners around <paramref name="buffered"/> and their multilinear weights (extrapolated above the top).</summary>
    private int Corners(ReadOnlySpan<double> buffered, Span<int> corner, Span<double> weight)
    {
        int corners = 1 << _tasks;
        for (int c = 0; c < corners; c++)
        {
            corner[c] = 0;
            weight[c] = 1;
        }

        int stride = 1;
        for (int m = 0; m < _tasks; m++)
        {
            double position = Math.Max(0, buffered[m]) / Step;
            int index = Math.Min((int)Math.Floor(position), PointsPerTask - 2);
            double t = position - index;
            for (int c = 0; c < corners; c++)
            {
                bool upper = (c & (1 << m)) != 0;
                corner[c] += (index + (upper ? 1 : 0)) * stride;
                weight[c] *= upper ? t : 1 - t;
            }

            stride *= PointsPerTask;
        }

        return corners;
    }

    /// <summary>The binary action maximising <c>r + V(g, D0')</c> in the environment's state, over all 2^M actions scored with the slot physics.</summary>
    public void Act(MiningEnvironment environment, ReadOnlySpan<double> nextValue, Span<double> action, ActScratch scratch)
    {
        var model = environment.Model;
        int actions = 1 << _tasks;
        Span<double> next = stackalloc double[_tasks];
        double best = double.NegativeInfinity;
        long bestAction = 0;
        for (long a = 0; a < actions; a++)
        {
            ActionSpace.DecodeBinary(a, scratch.Action);
            double reward = model.Evaluate(environment.BufferedBits, environment.ArrivedBits, environment.ChannelGood, environment.MecBacklogCycles, scratch.Action, scratch.Outcomes).Reward;
            for (int m = 0; m < _tasks; m++)
            {
                next[m] = scratch.Outcomes[m].NextBufferedBits;
            }

            double value = reward + Interpolate(nextValue, next, scratch.Corner, scratch.CornerWeight);
            if (value > best)
            {
                best = value;
                bestAction = a;
            }
        }

        ActionSpace.DecodeBinary(bestAction, action);
    }
}
