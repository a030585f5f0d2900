using EdgeMine.Learning;

namespace EdgeMine.Tuning;

/// <summary>One learner option as <c>edgemine tune</c> sees it: its name, its tuning metadata, and its default's text.</summary>
/// <param name="Name">The key, as <c>--learner key=value</c> writes it.</param>
/// <param name="Tuning">Stated by the paper, ours (with a range when tuned) or a method switch, and where from.</param>
/// <param name="Default">The learner's default value as the key's text, or null when the key does not show it.</param>
public sealed record TunableKey(string Name, LearnerKeyTuning Tuning, string? Default);
