using System.Diagnostics;
using System.Globalization;

namespace EdgeMine.Calibration;

/// <summary>
/// <c>edgemine calibrate</c>'s job: the search of <see cref="CalibrationOptions"/> (<see cref="CalibrationSearch"/>),
/// its report (points.csv, paper-fit.json, feasibility.md and .html, <see cref="CalibrationReport"/>) and the one line
/// that sums it up.
/// </summary>
public sealed class CalibrationJob(CalibrationOptions options)
{
    private readonly CalibrationSearch _search = new(options);

    /// <summary>Cells of the whole search, for progress.</summary>
    public long TotalCells => _search.TotalCells;

    /// <summary>
    /// Runs the search (a killed one resumes from its finished cells) and writes its report; returns the files written
    /// and the summary: the points judged, the best point's fitted and held-out claims that hold, and the preset's.
    /// </summary>
    public (IReadOnlyList<string> Written, string Summary) Run(Action<long>? progress = null, CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        var result = _search.Run(progress, cancellation);
        var written = CalibrationReport.Write(_search, result, clock.Elapsed.TotalSeconds);
        var best = result.Best;
        string summary = string.Create(
            CultureInfo.InvariantCulture,
            $"calibration finished in {clock.Elapsed.TotalSeconds:F1} s: {result.Points.Count - 1} points; best {best.Point.Id}: {best.FittedHolding}/{best.Fitted.Count} fitted and {best.HeldOutHolding}/{best.HeldOut.Count} held-out claims hold (preset {_search.Options.Preset}: {result.Preset.FittedHolding} and {result.Preset.HeldOutHolding})");
        return (written, summary);
    }
}
