namespace EdgeMine.Reporting;

/// <summary>One figure of the report, written as PNG and SVG.</summary>
public sealed record Figure(string Experiment, string Name, string Caption, string PngPath, string SvgPath);
