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
    /// and the summary: the points judged, the final point's fitted, held-out and independent held-out claims that hold
    /// (and the preset's), its refined objective against the other top points' noise, its claims on fresh seeds, and
    /// every constant of it at a bound of the space ("at bound (low): the fit wants more").
    /// </summary>
    public (IReadOnlyList<string> Written, string Summary) Run(Action<long>? progress = null, CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        var result = _search.Run(progress, cancellation);
        var written = CalibrationReport.Write(_search, result, clock.Elapsed.TotalSeconds);
        var best = result.Best;
        var heldOut = result.HeldOut!;
        string summary = string.Create(
            CultureInfo.InvariantCulture,
            $"calibration finished in {clock.Elapsed.TotalSeconds:F1} s: {result.Points.Count - 1} points; final {best.Point.Id}: {best.FittedHolding}/{best.Fitted.Count} fitted, {best.HeldOutHolding}/{best.HeldOut.Count} held-out and {heldOut.Holding(best)}/{heldOut.Independent.Count} independent held-out claims hold (preset {_search.Options.Preset}: {result.Preset.FittedHolding}, {result.Preset.HeldOutHolding} and {heldOut.Holding(result.Preset)})");
        if (result.TopPoints.FirstOrDefault(n => n.Search.Point.Id == best.Point.Id) is { } final)
        {
            int separated = result.TopPoints.Count(n => !ReferenceEquals(n, final) && NoiseStatistics.Separated(n.DifferenceFrom(final)));
            summary += string.Create(CultureInfo.InvariantCulture,
                $"; refined objective {final.Refined:G4} +- {final.StandardError:G2} (standard error, {_search.Options.Sizes.NoiseBatches} batches), {separated} of the other {result.TopPoints.Count - 1} top points beyond noise");
        }

        if (result.Fresh is { } fresh)
        {
            summary += string.Create(CultureInfo.InvariantCulture,
                $"; fresh seeds: objective {fresh.FittedObjective:G4} (search's {best.FittedObjective:G4}), {fresh.FittedHolding}/{fresh.Fitted.Count} fitted and {fresh.HeldOutHolding}/{fresh.HeldOut.Count} held-out claims hold");
        }

        foreach (var hit in BoundCheck.Hits(_search.Options.Space, best.Point.Parameters))
        {
            summary += string.Create(CultureInfo.InvariantCulture, $"; {hit.Dimension.Name} = {hit.Value:G4}: {hit.Label}");
        }

        return (written, summary);
    }
}
