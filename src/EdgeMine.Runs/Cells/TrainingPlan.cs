namespace EdgeMine.Cells;

/// <summary>How a learner cell trains: its slots, its seed, and where its training directory is.</summary>
/// <param name="Slots">Training slots.</param>
/// <param name="Seed">The training seed.</param>
/// <param name="Directory">The training directory (config.json, curve.csv, model.bin).</param>
public sealed record TrainingPlan(long Slots, ulong Seed, string Directory);
