using EdgeMine.Model;

namespace EdgeMine.Tuning;

/// <summary>What <c>edgemine tune</c> tunes, with which budget, and where.</summary>
/// <param name="Preset">The preset's name.</param>
/// <param name="Parameters">The preset's parameters, with any --config/--set overrides.</param>
/// <param name="OutDirectory">The output directory (cells, tuning.csv, tuned.json, tuning.md).</param>
/// <param name="Sizes">The budget.</param>
public sealed record TuningOptions(string Preset, ModelParameters Parameters, string OutDirectory, TuningSizes Sizes)
{
    /// <summary>
    /// The tuning seed (<c>--seed</c>): the evaluation seed of every tuning cell is this, the training seed of tuning seed
    /// k (from 1) is this + k, and the hypercube of each learner is drawn from a generator derived from it. Apart from
    /// the evaluation's: <c>evaluate</c> uses evaluation seed 1000 and <c>train --seeds S</c> seeds 1 to S; <c>reproduce</c>
    /// derives its seeds from its seed (default 1) by hashing the setting's and the scheme's names.
    /// </summary>
    public ulong Seed { get; init; } = DefaultSeed;

    /// <summary>The default tuning seed, 7000 (see <see cref="Seed"/>).</summary>
    public const ulong DefaultSeed = 7000;

    /// <summary>The learners tuned, each with its space (all of <see cref="TunedLearner.All"/> by default).</summary>
    public IReadOnlyList<TunedLearner> Learners { get; init; } = TunedLearner.All;

    public bool Quick { get; init; }

    /// <summary>Cells run in parallel.</summary>
    public int Jobs { get; init; } = Environment.ProcessorCount;
}
