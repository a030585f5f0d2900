using EdgeMine.Randomness;

namespace EdgeMine.Neural;

/// <summary>
/// A multilayer perceptron: dense layers with a ReLU after each but the last (whose output is linear unless
/// <see cref="ReluOnOutput"/>, for a trunk that feeds further heads). Every activation and gradient buffer is sized
/// for <see cref="MaxBatch"/> at construction, so forward and backward passes allocate nothing.
/// </summary>
/// <remarks>
/// <see cref="Forward(ReadOnlySpan{float}, int)"/> keeps the activations that <see cref="Backward"/> needs; a backward
/// pass refers to the latest batch forward pass. <see cref="ForwardSingle"/> uses separate scratch and leaves them
/// alone.
/// </remarks>
internal sealed class Mlp : INetwork
{
    private readonly DenseLayer[] _layers;
    private readonly float[][] _activations;   // [0] = copy of the input, [l+1] = output of layer l (after its ReLU)
    private readonly float[][] _gradients;     // [l] = d loss / d (input of layer l), l ≥ 1
    private readonly float[] _singleA;
    private readonly float[] _singleB;
    private int _lastBatch;

    /// <param name="layerSizes">Input size, hidden sizes…, output size (at least two entries).</param>
    /// <param name="maxBatch">The largest batch a batch forward pass will be given.</param>
    /// <param name="reluOnOutput">Apply a ReLU after the last layer too (for a shared trunk).</param>
    public Mlp(ReadOnlySpan<int> layerSizes, int maxBatch, bool reluOnOutput = false)
    {
        if (layerSizes.Length < 2)
        {
            throw new ArgumentException("an MLP needs an input and an output size", nameof(layerSizes));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBatch);
        Sizes = [.. layerSizes];
        MaxBatch = maxBatch;
        ReluOnOutput = reluOnOutput;
        _layers = new DenseLayer[layerSizes.Length - 1];
        _activations = new float[layerSizes.Length][];
        _gradients = new float[layerSizes.Length][];
        int widest = 0;
        for (int l = 0; l < layerSizes.Length; l++)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(layerSizes[l]);
            _activations[l] = new float[maxBatch * layerSizes[l]];
            _gradients[l] = l == 0 ? [] : new float[maxBatch * layerSizes[l]];
            widest = Math.Max(widest, layerSizes[l]);
            if (l > 0)
            {
                _layers[l - 1] = new DenseLayer(layerSizes[l - 1], layerSizes[l]);
            }
        }

        _singleA = new float[widest];
        _singleB = new float[widest];
        Parameters = [.. _layers.SelectMany(layer => new[] { layer.Weights, layer.Bias })];
    }

    public IReadOnlyList<int> Sizes { get; }

    public int InputSize => Sizes[0];

    public int OutputSize => Sizes[^1];

    public int MaxBatch { get; }

    public bool ReluOnOutput { get; }

    public IReadOnlyList<DenseLayer> Layers => _layers;

    /// <summary>Weights and biases of every layer, in layer order (weights before bias).</summary>
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>He initialisation for the layers followed by a ReLU, Xavier for a linear output layer.</summary>
    public void Initialize(Xoshiro256 rng)
    {
        for (int l = 0; l < _layers.Length; l++)
        {
            bool followedByRelu = l < _layers.Length - 1 || ReluOnOutput;
            if (followedByRelu)
            {
                Initialization.He(_layers[l], rng);
            }
            else
            {
                Initialization.Xavier(_layers[l], rng);
            }
        }
    }

    /// <summary>Forward pass of a batch (input [batch×InputSize]); returns the output [batch×OutputSize], valid until the next batch pass.</summary>
    public ReadOnlySpan<float> Forward(ReadOnlySpan<float> input, int batch)
    {
        if (batch <= 0 || batch > MaxBatch)
        {
            throw new ArgumentOutOfRangeException(nameof(batch), batch, $"must lie in 1..{MaxBatch}");
        }

        input[..(batch * InputSize)].CopyTo(_activations[0]);
        for (int l = 0; l < _layers.Length; l++)
        {
            Span<float> output = _activations[l + 1].AsSpan(0, batch * Sizes[l + 1]);
            _layers[l].Forward(_activations[l], output, batch);
            if (l < _layers.Length - 1 || ReluOnOutput)
            {
                Relu.Forward(output, output);
            }
        }

        _lastBatch = batch;
        return _activations[^1].AsSpan(0, batch * OutputSize);
    }

    /// <summary>The output of the latest batch forward pass, [batch×OutputSize].</summary>
    public ReadOnlySpan<float> LastOutput => _activations[^1].AsSpan(0, _lastBatch * OutputSize);

    /// <summary>
    /// Backward pass for the latest batch forward pass: accumulates every parameter's gradient from
    /// <paramref name="gradOutput"/> (d loss / d output, [batch×OutputSize]) and, if <paramref name="gradInput"/> is
    /// not empty, writes d loss / d input into it.
    /// </summary>
    public void Backward(ReadOnlySpan<float> gradOutput, Span<float> gradInput = default)
    {
        int batch = _lastBatch;
        if (batch == 0)
        {
            throw new InvalidOperationException("Backward needs a batch Forward first");
        }

        ReadOnlySpan<float> upstream = gradOutput[..(batch * OutputSize)];
        if (ReluOnOutput)
        {
            Span<float> masked = _gradients[^1].AsSpan(0, batch * OutputSize);
            Relu.Backward(_activations[^1].AsSpan(0, batch * OutputSize), upstream, masked);
            upstream = masked;
        }

        for (int l = _layers.Length - 1; l >= 0; l--)
        {
            Span<float> inputGradient = l > 0 ? _gradients[l].AsSpan(0, batch * Sizes[l]) : gradInput;
            _layers[l].Backward(_activations[l], upstream, inputGradient, batch);
            if (l > 0)
            {
                Relu.Backward(_activations[l].AsSpan(0, batch * Sizes[l]), inputGradient, inputGradient);
                upstream = inputGradient;
            }
        }
    }

    /// <summary>The batch-of-one forward pass, on its own scratch buffers: output[OutputSize] from input[InputSize].</summary>
    public void ForwardSingle(ReadOnlySpan<float> input, Span<float> output)
    {
        ReadOnlySpan<float> current = input[..InputSize];
        for (int l = 0; l < _layers.Length; l++)
        {
            bool last = l == _layers.Length - 1;
            Span<float> next = last ? output[..OutputSize] : (l % 2 == 0 ? _singleA : _singleB).AsSpan(0, Sizes[l + 1]);
            _layers[l].ForwardSingle(current, next);
            if (!last || ReluOnOutput)
            {
                Relu.Forward(next, next);
            }

            current = next;
        }
    }

    public void ZeroGradients()
    {
        // Indexed: a foreach over the interface would allocate an enumerator per update.
        for (int i = 0; i < Parameters.Count; i++)
        {
            Parameters[i].ZeroGradient();
        }
    }

    /// <summary>Copies all weights and biases from a network of the same shape (a target-network sync).</summary>
    public void CopyValuesFrom(Mlp source)
    {
        if (source._layers.Length != _layers.Length)
        {
            throw new ArgumentException("networks differ in depth", nameof(source));
        }

        for (int l = 0; l < _layers.Length; l++)
        {
            _layers[l].CopyValuesFrom(source._layers[l]);
        }
    }

    /// <summary>Writes the weights in the <see cref="WeightFile"/> format.</summary>
    public void Save(Stream stream) => WeightFile.Write(stream, _layers);

    /// <summary>Reads weights in the <see cref="WeightFile"/> format; the layer sizes must equal this network's.</summary>
    public void Load(Stream stream) => WeightFile.Read(stream, _layers);
}
