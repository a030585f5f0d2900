using EdgeMine.Cells;
using EdgeMine.Reporting;

namespace EdgeMine.Experiments;

/// <summary>Where an experiment writes: the output directory, its figures folder, and the run's configuration.</summary>
internal sealed record OutputContext(ReproductionOptions Options, CellStore Store)
{
    public string OutDirectory => Options.OutDirectory;

    public string FiguresDirectory => Path.Combine(OutDirectory, Plots.Directory);

    /// <summary>What the claims' causes are found from beside the run's numbers (a calibration, the paper's own choices).</summary>
    public ClaimEvidence Evidence { get; init; } = ClaimEvidence.Default;
}
