using System.Reflection;
using System.Runtime.InteropServices;

namespace EdgeMine.Experiments;

/// <summary>What the report says about the run itself: configuration, seeds, versions, run time.</summary>
public sealed record ReproductionMetadata
{
    public required ReproductionOptions Options { get; init; }

    /// <summary>Wall time of this invocation: it reused <see cref="CellsReused"/> cells that earlier runs had finished.</summary>
    public required double WallSeconds { get; init; }

    /// <summary>Cells found finished at the start (earlier, killed or array-task runs), not recomputed.</summary>
    public int CellsReused { get; init; }

    /// <summary>Sum of the cells' own training and evaluation times (CPU time spent in cells, across all jobs).</summary>
    public required double CellSeconds { get; init; }

    /// <summary>Where the cells' seconds went, per experiment and scheme (set by <see cref="Reproduction.WriteOutputs"/> from the results; null before).</summary>
    public CostBreakdown? Cost { get; init; }

    public string EdgeMineVersion { get; init; } =
        typeof(ReproductionMetadata).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public string Runtime { get; init; } = RuntimeInformation.FrameworkDescription;

    public string Machine { get; init; } = $"{RuntimeInformation.OSDescription}, {RuntimeInformation.ProcessArchitecture}, {Environment.ProcessorCount} cores";
}
