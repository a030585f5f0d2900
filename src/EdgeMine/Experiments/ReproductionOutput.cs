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

    public string EdgeMineVersion { get; init; } =
        typeof(ReproductionMetadata).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public string Runtime { get; init; } = RuntimeInformation.FrameworkDescription;

    public string Machine { get; init; } = $"{RuntimeInformation.OSDescription}, {RuntimeInformation.ProcessArchitecture}, {Environment.ProcessorCount} cores";
}

/// <summary>Writes every result file of a reproduction: one CSV per experiment, the figures and the report.</summary>
public static class ReproductionOutput
{
    /// <summary>Writes the CSVs (and, through <see cref="Report"/>, the figures and the report) into the output directory.</summary>
    public static IReadOnlyList<string> Write(ReproductionMetadata metadata, IReadOnlyDictionary<string, UnitResult> results)
    {
        var options = metadata.Options;
        var written = new List<string>();
        var plans = ReproductionPlan.Build(options.Sizes, options.Only);
        var tables = new List<(ExperimentPlan Plan, IReadOnlyList<ResultRow> Rows)>();
        foreach (var plan in plans)
        {
            var rows = ResultTables.Rows(plan, results);
            string csv = Path.Combine(options.OutDirectory, plan.Name + ".csv");
            ResultTables.WriteCsv(csv, plan, rows);
            written.Add(csv);
            if (plan.Name == "fig4")
            {
                string curves = Path.Combine(options.OutDirectory, "fig4_curves.csv");
                ResultTables.WriteCurves(curves, options.OutDirectory, plan);
                written.Add(curves);
            }

            if (plan.Name == "fig7")
            {
                string frontierPath = Path.Combine(options.OutDirectory, PrivacyFrontier.CsvFile);
                var frontiers = PrivacyFrontier.Solve(options, plan);
                PrivacyFrontier.WriteCsv(frontierPath, frontiers, PrivacyFrontier.Place(frontiers, rows));
                written.Add(frontierPath);
            }

            tables.Add((plan, rows));
        }

        written.AddRange(Report.Write(metadata, tables));
        return written;
    }
}
