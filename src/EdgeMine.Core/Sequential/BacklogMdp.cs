using System.Numerics;
using EdgeMine.Model;

namespace EdgeMine.Sequential;

/// <summary>
/// The MDP of a single miner whose caps cannot bind (docs/sequential.md, "The MDP optimum"): the carried state is the
/// channel g and the MEC backlog Q, on the grid <c>Q_j = j Delta</c>, <c>j = 0..Points - 1</c>, with <c>Delta = F dt / m</c> so
/// that the capacity a slot retires is m grid steps. Between grid points the value is interpolated linearly.
/// <para>
/// Structure that makes the backup exact for the interpolated value and fast. Given K offloaded tasks, each task's reward
/// gain over executing locally is <c>G_i = w(g, K) D_i + b(g, K) - kappa Q</c>: every term of eqs. 1-12 is linear in the
/// served bits (no cap binds, D0 = 0), and the backlog enters only through <c>Q / F</c> in the offloaded latency and
/// circuit energy. So a set S of K tasks earns <c>R_local + w B + K (b - kappa Q)</c> with <c>B = sum_S D_i</c>, and leaves
/// <c>Q' = [Q + X B - F dt]^+</c>: per arrival sample and K only the achievable sums B matter. Binned by the grid cell
/// that <c>X B</c> falls in, the value <c>w B + V(Q + X B - F dt)</c> is linear in B within a cell (the interpolant is linear
/// there), so its maximum over the sets in a cell is at the cell's smallest or largest B: two numbers per cell,
/// precomputed once from all 2^M subsets of each sample. The top reflects (<see cref="Top"/>). The coefficients w, b and kappa are measured with
/// <see cref="SlotModel"/> and the linearity checked on every sample; a model where it fails is refused.
/// </para>
/// </summary>
internal sealed class BacklogMdp : ICarriedStateModel
{
    private readonly SlotModel _model;
    private readonly int _tasks;
    private readonly int _samples;
    private readonly int _capacitySteps;
    private readonly double _cyclesPerBit;
    private readonly double _queueCost;
    private readonly double[] _localReward;
    private readonly double[] _slope;
    private readonly double[] _intercept;
    private readonly int[] _cellStart;
    private readonly int[] _firstCell;
    private readonly int[] _cellCount;
    private readonly double[] _minBits;
    private readonly double[] _maxBits;

    /// <param name="model">The slot physics of one miner with M tasks.</param>
    /// <param name="points">Grid points of Q (&gt;= 1).</param>
    /// <param name="capacitySteps">m: grid steps per slot's MEC capacity, <c>Delta = F dt / m</c>.</param>
    /// <param name="samples">The budget of arrival points of the expectation (<see cref="ArrivalSamples"/>).</param>
    /// <param name="sampleSeed">Seed of the samples' generator.</param>
    public BacklogMdp(SlotModel model, int points, int capacitySteps, int samples, ulong sampleSeed)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Miners != 1)
        {
            throw new ArgumentOutOfRangeException(nameof(model), model.Miners, "one miner");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(points);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacitySteps);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(samples);
        var p = model.Parameters;
        _model = model;
        _tasks = model.TasksPerMiner;
        _capacitySteps = capacitySteps;
        _cyclesPerBit = p.MecCyclesPerBit;
        Points = points;
        Step = p.MecCyclesPerSlot / capacitySteps;
        ChannelPersistence = p.ChannelPersistence;

        var (arrivals, count, text) = ArrivalSamples.Create(p, _tasks, samples, sampleSeed);
        _samples = count;
        SamplesText = text;
        _localReward = new double[2 * _samples];
        _slope = new double[2 * (_tasks + 1)];
        _intercept = new double[2 * (_tasks + 1)];
        _queueCost = MeasureCoefficients(arrivals);
        (_cellStart, _firstCell, _cellCount, _minBits, _maxBits) = BinSubsetSums(arrivals);
    }

    public int Points { get; }

    public double ChannelPersistence { get; }

    /// <summary>How the expectation over arrivals is taken (<see cref="ArrivalSamples"/>).</summary>
    public string SamplesText { get; }

    /// <summary>Delta, the grid step (cycles).</summary>
    public double Step { get; }

    /// <summary>
    /// The grid's top, <c>(Points - 1) Delta</c> (cycles). It reflects: in the backup, an action whose next backlog would
    /// lie above it is not available (offloading nothing always is), so every row is a probability distribution over grid
    /// points. <see cref="MdpOptimum"/> grows the top until the solved policy stays below half of it, where the truncation
    /// changes nothing. Acting in the environment, values above the top are extrapolated linearly.
    /// </summary>
    public double Top => (Points - 1) * Step;

    /// <summary>kappa: reward an offloaded task loses per cycle of backlog ahead of it.</summary>
    public double QueueCost => _queueCost;

    /// <summary>
    /// Measures w(g, K), b(g, K), each sample's all-local reward and kappa with the slot physics, checking on every
    /// sample and task that the gain is <c>w D + b - kappa Q</c>.
    /// </summary>
    private double MeasureCoefficients(double[] arrivals)
    {
        var p = _model.Parameters;
        int m = _tasks;
        var buffered = new double[m];
        var local = new TaskOutcome[m];
        var offloaded = new TaskOutcome[m];
        var none = new double[m];
        var all = Enumerable.Repeat(1.0, m).ToArray();
        double reference = p.MecCyclesPerSlot; // the backlog at which kappa is measured: one slot of capacity
        double kappa = double.NaN;
        var gains = new double[_samples * m];
        for (int g = 0; g < 2; g++)
        {
            bool[] channel = [g == 1];
            for (int k = 1; k <= m; k++)
            {
                // Fit w and b on the smallest and largest arrival of all samples; then check every task.
                int smallest = 0, largest = 0;
                for (int s = 0; s < _samples; s++)
                {
                    var d1 = arrivals.AsSpan(s * m, m);
                    _model.Evaluate(buffered, d1, channel, 0, none, local);
                    _model.Evaluate(buffered, d1, channel, 0, all, offloaded);
                    double localSum = 0;
                    for (int i = 0; i < m; i++)
                    {
                        double localReward = _model.TaskReward(local[i]);
                        localSum += localReward;
                        var o = offloaded[i];
                        _model.ScoreTask(ref o, k, 0);
                        gains[(s * m) + i] = _model.TaskReward(o) - localReward;
                        if (arrivals[(s * m) + i] < arrivals[smallest])
                        {
                            smallest = (s * m) + i;
                        }

                        if (arrivals[(s * m) + i] > arrivals[largest])
                        {
                            largest = (s * m) + i;
                        }

                        // kappa from the same task at a backlog of one slot's capacity.
                        var behind = offloaded[i];
                        _model.ScoreTask(ref behind, k, reference / p.MecCapacityHz);
                        double lost = (_model.TaskReward(o) - _model.TaskReward(behind)) / reference;
                        if (double.IsNaN(kappa))
                        {
                            kappa = lost;
                        }
                        else if (!Close(lost * reference, kappa * reference, Math.Abs(_model.TaskReward(o))))
                        {
                            throw new InvalidOperationException("mdp-optimal: an offloaded task's reward is not linear in the backlog with one slope");
                        }
                    }

                    _localReward[(g * _samples) + s] = localSum;
                }

                double spread = arrivals[largest] - arrivals[smallest];
                double w = spread > 0 ? (gains[largest] - gains[smallest]) / spread : 0;
                double b = gains[smallest] - (w * arrivals[smallest]);
                for (int t = 0; t < gains.Length; t++)
                {
                    if (!Close(gains[t], (w * arrivals[t]) + b, Math.Abs(w * arrivals[t]) + Math.Abs(b)))
                    {
                        throw new InvalidOperationException("mdp-optimal: a task's reward gain is not linear in its data given K");
                    }
                }

                _slope[(g * (m + 1)) + k] = w;
                _intercept[(g * (m + 1)) + k] = b;
            }
        }

        return kappa;
    }

    private static bool Close(double a, double b, double scale) => Math.Abs(a - b) <= 1e-9 * (1 + scale + Math.Abs(a));

    /// <summary>Per sample and K, the smallest and largest sum of data over the K-subsets whose cycles fall in each grid cell.</summary>
    private (int[] Start, int[] First, int[] Count, double[] Min, double[] Max) BinSubsetSums(double[] arrivals)
    {
        int m = _tasks;
        int stride = m + 1;
        var first = new int[_samples * stride];
        var last = new int[_samples * stride];
        Array.Fill(first, int.MaxValue);
        Array.Fill(last, int.MinValue);
        var sums = new double[1 << m];
        for (int s = 0; s < _samples; s++)
        {
            SubsetSums(arrivals.AsSpan(s * m, m), sums);
            for (int mask = 1; mask < sums.Length; mask++)
            {
                int at = (s * stride) + BitOperations.PopCount((uint)mask);
                int cell = Cell(sums[mask]);
                first[at] = Math.Min(first[at], cell);
                last[at] = Math.Max(last[at], cell);
            }
        }

        var start = new int[(_samples * stride) + 1];
        var count = new int[_samples * stride];
        for (int at = 0; at < count.Length; at++)
        {
            count[at] = first[at] == int.MaxValue ? 0 : last[at] - first[at] + 1;
            start[at + 1] = start[at] + count[at];
        }

        var min = new double[start[^1]];
        var max = new double[start[^1]];
        Array.Fill(min, double.NaN);
        Array.Fill(max, double.NaN);
        for (int s = 0; s < _samples; s++)
        {
            SubsetSums(arrivals.AsSpan(s * m, m), sums);
            for (int mask = 1; mask < sums.Length; mask++)
            {
                int at = (s * stride) + BitOperations.PopCount((uint)mask);
                int slot = start[at] + Cell(sums[mask]) - first[at];
                double bits = sums[mask];
                min[slot] = double.IsNaN(min[slot]) ? bits : Math.Min(min[slot], bits);
                max[slot] = double.IsNaN(max[slot]) ? bits : Math.Max(max[slot], bits);
            }
        }

        return (start, first, count, min, max);
    }

    /// <summary>The grid cell of <c>X B</c>: the cycles of B bits in grid steps, rounded down.</summary>
    private int Cell(double bits) => (int)Math.Floor(bits * _cyclesPerBit / Step);

    private static void SubsetSums(ReadOnlySpan<double> data, Span<double> sums)
    {
        sums[0] = 0;
        for (int i = 0; i < data.Length; i++)
        {
            int half = 1 << i;
            for (int mask = 0; mask < half; mask++)
            {
                sums[half + mask] = sums[mask] + data[i];
            }
        }
    }

    public void Backup(bool good, ReadOnlySpan<double> nextValue, Span<double> backedUp, PolicyRows rows)
    {
        int g = good ? 1 : 0;
        int n = Points;
        int m = _tasks;
        int stride = m + 1;
        double step = Step;
        double capacity = _capacitySteps * step;
        double perSample = 1.0 / _samples;
        for (int j = 0; j < n; j++)
        {
            double backlog = j * step;
            double queuing = _queueCost * backlog;
            double sumBacked = 0, sumReward = 0;
            for (int s = 0; s < _samples; s++)
            {
                double localReward = _localReward[(g * _samples) + s];

                // K = 0: nothing offloaded; the backlog drains by one slot's capacity (always on the grid).
                int drained = j - _capacitySteps;
                double best = localReward + nextValue[Math.Max(0, drained)];
                double bestReward = localReward;
                double bestNext = Math.Max(0, backlog - capacity);
                for (int k = 1; k <= m; k++)
                {
                    int at = (s * stride) + k;
                    double w = _slope[(g * stride) + k];
                    double fixedPart = localReward + (k * (_intercept[(g * stride) + k] - queuing));
                    int offset = _cellStart[at];
                    for (int c = 0; c < _cellCount[at]; c++)
                    {
                        double low = _minBits[offset + c];
                        int index = drained + _firstCell[at] + c; // grid index of the cell's lower end of Q + X B - F dt
                        if (double.IsNaN(low) || index > n - 2)
                        {
                            continue; // no set in this cell, or it would leave the grid: the top reflects (see Top)
                        }

                        double high = _maxBits[offset + c];
                        double bits, value, next;
                        if (index < 0)
                        {
                            // The whole cell drains to an empty MEC: the value is w B plus V(0).
                            bits = w >= 0 ? high : low;
                            next = 0;
                            value = fixedPart + (w * bits) + nextValue[0];
                        }
                        else
                        {
                            double slope = (nextValue[index + 1] - nextValue[index]) / step;
                            bits = w + (slope * _cyclesPerBit) >= 0 ? high : low;
                            next = backlog - capacity + (bits * _cyclesPerBit);
                            value = fixedPart + (w * bits) + nextValue[index] + (slope * (next - (index * step)));
                        }

                        if (value > best)
                        {
                            best = value;
                            bestReward = fixedPart + (w * bits);
                            bestNext = next;
                        }
                    }
                }

                sumBacked += best;
                sumReward += bestReward;
                AddNext(rows, bestNext, perSample);
            }

            backedUp[j] = sumBacked * perSample;
            rows.EndRow(j, sumReward * perSample);
        }
    }

    /// <summary>Adds the interpolation weights of backlog <paramref name="next"/> (inside the grid).</summary>
    private void AddNext(PolicyRows rows, double next, double weight)
    {
        int n = Points;
        if (next <= 0 || n == 1)
        {
            rows.Add(0, weight);
            return;
        }

        double position = next / Step;
        int index = Math.Min((int)Math.Floor(position), n - 2);
        double t = position - index;
        rows.Add(index, weight * (1 - t));
        rows.Add(index + 1, weight * t);
    }

    /// <summary>The interpolated (extrapolated above the top) value of backlog <paramref name="backlog"/> in <paramref name="nextValue"/>.</summary>
    public double Interpolate(ReadOnlySpan<double> nextValue, double backlog)
    {
        int n = Points;
        if (backlog <= 0 || n == 1)
        {
            return nextValue[0];
        }

        double position = backlog / Step;
        int index = Math.Min((int)Math.Floor(position), n - 2);
        double t = position - index;
        return ((1 - t) * nextValue[index]) + (t * nextValue[index + 1]);
    }

    /// <summary>
    /// The binary action maximising <c>r + V(g, Q')</c> in the environment's state, over all 2^M subsets, each task's
    /// reward scored with the slot physics at the actual backlog (per-task rewards are separable given K when no cap
    /// binds). <paramref name="nextValue"/> is the solution's expected next value for the current channel.
    /// </summary>
    public void Act(MiningEnvironment environment, ReadOnlySpan<double> nextValue, Span<double> action, ActScratch scratch)
    {
        var (actLocal, actGain, actCycles, actAction) = (scratch.Local, scratch.Gain, scratch.Cycles, scratch.Action);
        var (actOutcomes, actOffloadAll) = (scratch.Outcomes, scratch.OffloadAll);
        var model = environment.Model;
        int m = _tasks;
        double backlog = environment.MecBacklogCycles;
        double queuingSeconds = backlog / model.Parameters.MecCapacityHz;
        Array.Clear(actAction);
        var local = model.Evaluate(environment.BufferedBits, environment.ArrivedBits, environment.ChannelGood, backlog, actAction, actOutcomes);
        for (int i = 0; i < m; i++)
        {
            actLocal[i] = model.TaskReward(actOutcomes[i]);
        }

        Array.Fill(actAction, 1.0);
        _ = model.Evaluate(environment.BufferedBits, environment.ArrivedBits, environment.ChannelGood, backlog, actAction, actOffloadAll);
        for (int i = 0; i < m; i++)
        {
            actCycles[i] = actOffloadAll[i].ServedOffloadBits * _cyclesPerBit;
            for (int k = 1; k <= m; k++)
            {
                var o = actOffloadAll[i];
                model.ScoreTask(ref o, k, queuingSeconds);
                actGain[(k * m) + i] = model.TaskReward(o) - actLocal[i];
            }
        }

        double capacity = model.Parameters.MecCyclesPerSlot;
        double best = local.Reward + Interpolate(nextValue, backlog - capacity);
        uint bestMask = 0;
        int full = 1 << m;
        for (int mask = 1; mask < full; mask++)
        {
            int k = BitOperations.PopCount((uint)mask);
            double gain = 0, cycles = 0;
            for (int i = 0; i < m; i++)
            {
                if ((mask & (1 << i)) != 0)
                {
                    gain += actGain[(k * m) + i];
                    cycles += actCycles[i];
                }
            }

            double value = local.Reward + gain + Interpolate(nextValue, backlog - capacity + cycles);
            if (value > best || (value == best && BitOperations.PopCount(bestMask) > k))
            {
                best = value;
                bestMask = (uint)mask;
            }
        }

        for (int i = 0; i < m; i++)
        {
            action[i] = (bestMask & (1u << i)) != 0 ? 1 : 0;
        }
    }
}
