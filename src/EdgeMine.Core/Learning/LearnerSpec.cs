using EdgeMine.Model;

namespace EdgeMine.Learning;

/// <summary>
/// What a learning algorithm is asked to create a learner for: its variant, the learner options over the variant's
/// (DRLO's <c>--learner key=value</c>, by key), and the shape of the environment it will train on.
/// </summary>
/// <param name="Variant">The variant's name (<see cref="LearnerAlgorithm.DefaultVariant"/>, <c>paper</c>, ...).</param>
/// <param name="Options">Learner options over the variant's, by key.</param>
/// <param name="Settings">N, M, beta and the observation options.</param>
public sealed record LearnerSpec(string Variant, IReadOnlyDictionary<string, string> Options, EnvironmentSettings Settings);
