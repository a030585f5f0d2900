using EdgeMine.Reporting;

namespace EdgeMine.Experiments;

/// <summary>What an experiment wrote and reports: its files, figures, claims and report section.</summary>
internal sealed record ExperimentOutput(IReadOnlyList<string> Files, IReadOnlyList<Figure> Figures, IReadOnlyList<Claim> Claims, IReadOnlyList<LearnerStanding> Standings, IReadOnlyList<Block> Section);
