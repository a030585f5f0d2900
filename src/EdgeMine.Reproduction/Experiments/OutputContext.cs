using EdgeMine.Cells;
using EdgeMine.Reporting;

namespace EdgeMine.Experiments;

/// <summary>Where an experiment writes: the output directory, its figures folder, and the run's configuration.</summary>
internal sealed record OutputContext(ReproductionOptions Options, CellStore Store)
{
    public string OutDirectory => Options.OutDirectory;

    public string FiguresDirectory => Path.Combine(OutDirectory, Plots.Directory);
}
