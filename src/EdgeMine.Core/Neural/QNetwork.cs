using System.Numerics.Tensors;
using EdgeMine.Randomness;

namespace EdgeMine.Neural;

/// <summary>
/// A Q-network (DRLO's online or target network): a ReLU trunk (the hidden layers) feeding a linear advantage/Q head
/// of <see cref="Groups"/> × <see cref="GroupSize"/> outputs and, when dueling, a one-output value head.
/// Joint: one group of A actions. Branching: B groups of 2. Dueling: Q[g, a] = V + A[g, a] - mean_a' A[g, a'].
/// All buffers are sized for the batch at construction.
/// </summary>
internal sealed class QNetwork : INetwork
{
    private readonly float[] _head;          // [batch × Outputs] advantage (or Q) head output
    private readonly float[] _value;         // [batch] value head output (dueling)
    private readonly float[] _q;             // [batch × Outputs] combined Q (dueling)
    private readonly float[] _gradHead;      // [batch × Outputs]
    private readonly float[] _gradValue;     // [batch]
    private readonly float[] _gradFeatures;  // [batch × Features]
    private readonly float[] _singleFeatures;
    private readonly float[] _singleValue = new float[1];
    private int _lastBatch;

    public QNetwork(int observationDim, IReadOnlyList<int> hiddenSizes, int groups, int groupSize, bool dueling, int maxBatch)
    {
        Groups = groups;
        GroupSize = groupSize;
        Trunk = new Mlp([observationDim, .. hiddenSizes], maxBatch, reluOnOutput: true);
        Head = new DenseLayer(Features, Outputs);
        Value = dueling ? new DenseLayer(Features, 1) : null;
        _head = new float[maxBatch * Outputs];
        _value = new float[maxBatch];
        _q = dueling ? new float[maxBatch * Outputs] : [];
        _gradHead = new float[maxBatch * Outputs];
        _gradValue = new float[maxBatch];
        _gradFeatures = new float[maxBatch * Features];
        _singleFeatures = new float[Features];
        Layers = [.. Trunk.Layers, Head, .. Value is null ? Array.Empty<DenseLayer>() : [Value]];
        Parameters = [.. Layers.SelectMany(layer => new[] { layer.Weights, layer.Bias })];
    }

    public Mlp Trunk { get; }

    /// <summary>The Q head (advantage head when dueling), [Features × Outputs].</summary>
    public DenseLayer Head { get; }

    /// <summary>The state-value head when dueling, else null.</summary>
    public DenseLayer? Value { get; }

    public int Groups { get; }

    public int GroupSize { get; }

    public int Outputs => Groups * GroupSize;

    public int Features => Trunk.OutputSize;

    /// <summary>Trunk layers, head, value head: the order of the weight file.</summary>
    public IReadOnlyList<DenseLayer> Layers { get; }

    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>He for the ReLU trunk, Xavier for the linear heads.</summary>
    public void Initialize(Xoshiro256 rng)
    {
        Trunk.Initialize(rng);
        Initialization.Xavier(Head, rng);
        if (Value is not null)
        {
            Initialization.Xavier(Value, rng);
        }
    }

    /// <summary>Q-values of a batch of states, [batch × Outputs]; valid until the next batch pass.</summary>
    public ReadOnlySpan<float> Forward(ReadOnlySpan<float> states, int batch)
    {
        ReadOnlySpan<float> features = Trunk.Forward(states, batch);
        _lastBatch = batch;
        Span<float> head = _head.AsSpan(0, batch * Outputs);
        Head.Forward(features, head, batch);
        if (Value is null)
        {
            return head;
        }

        Span<float> value = _value.AsSpan(0, batch);
        Value.Forward(features, value, batch);
        Span<float> q = _q.AsSpan(0, batch * Outputs);
        for (int row = 0; row < batch; row++)
        {
            CombineDueling(value[row], head.Slice(row * Outputs, Outputs), q.Slice(row * Outputs, Outputs));
        }

        return q;
    }

    /// <summary>
    /// Backward pass for the latest <see cref="Forward"/>: accumulates all parameter gradients from d loss / d Q
    /// ([batch × Outputs]).
    /// </summary>
    public void Backward(ReadOnlySpan<float> gradQ)
    {
        int batch = _lastBatch;
        ReadOnlySpan<float> features = Trunk.LastOutput;
        Span<float> gradFeatures = _gradFeatures.AsSpan(0, batch * Features);
        if (Value is null)
        {
            Head.Backward(features, gradQ[..(batch * Outputs)], gradFeatures, batch);
        }
        else
        {
            // Q[g,a] = V + A[g,a] - mean_a' A[g,a']: dV = Σ dQ, dA[g,a] = dQ[g,a] - mean_a' dQ[g,a'].
            Span<float> gradHead = _gradHead.AsSpan(0, batch * Outputs);
            Span<float> gradValue = _gradValue.AsSpan(0, batch);
            for (int row = 0; row < batch; row++)
            {
                ReadOnlySpan<float> rowGrad = gradQ.Slice(row * Outputs, Outputs);
                gradValue[row] = TensorPrimitives.Sum(rowGrad);
                for (int g = 0; g < Groups; g++)
                {
                    ReadOnlySpan<float> group = rowGrad.Slice(g * GroupSize, GroupSize);
                    TensorPrimitives.Subtract(group, TensorPrimitives.Sum(group) / GroupSize, gradHead.Slice((row * Outputs) + (g * GroupSize), GroupSize));
                }
            }

            Head.Backward(features, gradHead, gradFeatures, batch);
            Value.Backward(features, gradValue, gradFeatures, batch, accumulateInputGradient: true);
        }

        Trunk.Backward(gradFeatures);
    }

    /// <summary>
    /// Training fast path of the joint head without dueling: only Q(s, a) of the taken action is needed, so the head
    /// costs one dot product per sample instead of a [batch × Features × A] product. Writes Q(s_i, a_i) to
    /// <paramref name="selected"/>.
    /// </summary>
    public void ForwardSelected(ReadOnlySpan<float> states, int batch, ReadOnlySpan<int> actions, Span<float> selected)
    {
        ReadOnlySpan<float> features = Trunk.Forward(states, batch);
        _lastBatch = batch;
        ReadOnlySpan<float> weights = Head.Weights.Values;
        ReadOnlySpan<float> bias = Head.Bias.Values;
        int outputs = Outputs, width = Features;
        for (int row = 0; row < batch; row++)
        {
            selected[row] = bias[actions[row]];
        }

        // Feature-major: row i of the head weights (one per feature, A floats) stays in L1 while every sample reads
        // its action's weight from it, instead of each sample striding a whole column through memory. Each sum still
        // adds its terms in feature order, so the result is the same as the sample-major loop's.
        CheckActions(actions, batch, outputs);
        unsafe
        {
            fixed (float* f = features, w = weights, sums = selected)
            fixed (int* a = actions)
            {
                for (int i = 0; i < width; i++)
                {
                    float* weightRow = w + ((long)i * outputs);
                    float* column = f + i;
                    for (int row = 0; row < batch; row++)
                    {
                        sums[row] += column[(long)row * width] * weightRow[a[row]];
                    }
                }
            }
        }
    }

    private static void CheckActions(ReadOnlySpan<int> actions, int batch, int outputs)
    {
        foreach (int action in actions[..batch])
        {
            if ((uint)action >= (uint)outputs)
            {
                throw new ArgumentOutOfRangeException(nameof(actions), action, $"actions must lie in 0..{outputs - 1}");
            }
        }
    }

    /// <summary>Backward pass of <see cref="ForwardSelected"/> from d loss / d Q(s_i, a_i).</summary>
    public void BackwardSelected(ReadOnlySpan<float> gradSelected, ReadOnlySpan<int> actions)
    {
        int batch = _lastBatch;
        ReadOnlySpan<float> features = Trunk.LastOutput;
        ReadOnlySpan<float> weights = Head.Weights.Values;
        Span<float> weightGradient = Head.Weights.Gradient;
        Span<float> biasGradient = Head.Bias.Gradient;
        Span<float> gradFeatures = _gradFeatures.AsSpan(0, batch * Features);
        int outputs = Outputs, width = Features;
        for (int row = 0; row < batch; row++)
        {
            biasGradient[actions[row]] += gradSelected[row];
        }

        // Feature-major, as in ForwardSelected: one weight row and its gradient row at a time. Gradient entries shared
        // by several samples (the same action twice) still accumulate in sample order.
        CheckActions(actions, batch, outputs);
        unsafe
        {
            fixed (float* f = features, w = weights, wg = weightGradient, gs = gradSelected, gfBase = gradFeatures)
            fixed (int* a = actions)
            {
                for (int i = 0; i < width; i++)
                {
                    float* weightRow = w + ((long)i * outputs);
                    float* gradientRow = wg + ((long)i * outputs);
                    float* column = f + i;
                    float* gradColumn = gfBase + i;
                    for (int row = 0; row < batch; row++)
                    {
                        int action = a[row];
                        float g = gs[row];
                        long index = (long)row * width;
                        gradientRow[action] += column[index] * g;
                        gradColumn[index] = weightRow[action] * g;
                    }
                }
            }
        }

        Trunk.Backward(gradFeatures);
    }

    /// <summary>Q-values of one state into <paramref name="q"/> [Outputs], on scratch separate from the batch buffers.</summary>
    public void ForwardSingle(ReadOnlySpan<float> state, Span<float> q)
    {
        Trunk.ForwardSingle(state, _singleFeatures);
        Head.ForwardSingle(_singleFeatures, q);
        if (Value is not null)
        {
            Value.ForwardSingle(_singleFeatures, _singleValue);
            CombineDueling(_singleValue[0], q, q);
        }
    }

    public void ZeroGradients()
    {
        foreach (Parameter parameter in Parameters)
        {
            parameter.ZeroGradient();
        }
    }

    public void CopyValuesFrom(QNetwork source)
    {
        for (int l = 0; l < Layers.Count; l++)
        {
            Layers[l].CopyValuesFrom(source.Layers[l]);
        }
    }

    private void CombineDueling(float value, ReadOnlySpan<float> advantage, Span<float> q)
    {
        for (int g = 0; g < Groups; g++)
        {
            ReadOnlySpan<float> group = advantage.Slice(g * GroupSize, GroupSize);
            float shift = value - (TensorPrimitives.Sum(group) / GroupSize);
            TensorPrimitives.Add(group, shift, q.Slice(g * GroupSize, GroupSize));
        }
    }
}
