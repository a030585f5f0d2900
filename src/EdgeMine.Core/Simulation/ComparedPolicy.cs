namespace EdgeMine.Simulation;

/// <summary>One policy of a comparison: its name, its summary over the runs and its yardsticks.</summary>
/// <param name="Name">The name it is compared under (a scheme's name, <c>agent</c>, a model directory).</param>
/// <param name="Summary">Every metric's estimate over the runs.</param>
/// <param name="Yardsticks">Its yardsticks against the comparison's baselines.</param>
/// <param name="Notes">What else a reader needs, by key (<c>trained_under</c>, <c>model</c>), or none.</param>
public sealed record ComparedPolicy(string Name, PolicySummary Summary, Yardsticks Yardsticks, IReadOnlyDictionary<string, string> Notes);
