using EdgeMine.Randomness;

namespace EdgeMine.Neural;

/// <summary>
/// What a DQN's core needs of a network, whatever its shape (<see cref="QNetwork"/>, <see cref="Mlp"/>): its layers in
/// the order of the weight file, its trainable parameters, and its initialisation.
/// </summary>
internal interface INetwork
{
    /// <summary>The dense layers, in the order of the weight file.</summary>
    IReadOnlyList<DenseLayer> Layers { get; }

    /// <summary>Every weight and bias, for the optimiser and gradient clipping.</summary>
    IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>Draws the initial weights from <paramref name="rng"/>.</summary>
    void Initialize(Xoshiro256 rng);
}
