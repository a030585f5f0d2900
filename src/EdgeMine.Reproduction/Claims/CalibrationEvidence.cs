using System.Globalization;
using EdgeMine.Reporting;

namespace EdgeMine.Experiments;

/// <summary>
/// Which claims hold at which points of a calibration's feasible set (MODEL.md sections 11-12), read from its
/// <c>points.csv</c>: one row per point (the preset's row apart), one column per claim, named by the claim's stable id,
/// holding the claim's outcome at that point with the per-slot optimum standing in for every learner. A claim "holds"
/// at a point when its outcome there is holds, partial or not (the parts that compare two learners cannot be judged
/// with the optimum in both places). The best point is the calibration's paper-fit: the least refined objective where the
/// top points were evaluated again in batches, else the least fitted objective.
/// </summary>
internal sealed class CalibrationEvidence
{
    /// <summary>The points file of a calibration directory.</summary>
    public const string PointsFile = "points.csv";

    /// <summary>points.csv's column of the refined objective (the top points' mean over their noise batches), written after the claims' columns.</summary>
    public const string RefinedObjectiveColumn = "objective_refined";

    /// <summary>points.csv's column of the refined objective's standard error.</summary>
    public const string RefinedObjectiveErrorColumn = "objective_refined_se";

    /// <summary>How the report names the best point.</summary>
    public const string BestPointName = "paper-fit";

    private readonly Dictionary<string, string[]> _outcomes;

    private CalibrationEvidence(string source, string[] points, int best, Dictionary<string, string[]> outcomes)
    {
        Source = source;
        Points = points;
        _best = best;
        _outcomes = outcomes;
    }

    private readonly int _best;

    /// <summary>Where the evidence was read.</summary>
    public string Source { get; }

    /// <summary>The ids of the feasible set's points, in file order.</summary>
    public IReadOnlyList<string> Points { get; }

    /// <summary>The outcomes per claim id (one per point), from the columns of <see cref="PointsFile"/>.</summary>
    public static CalibrationEvidence Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rows = Csv.Parse(text);
        if (rows.Count < 2)
        {
            throw new ConfigurationException($"calibration {source}: {PointsFile} has no points");
        }

        var header = rows[0];
        int id = Column(header, "point", source), phase = Column(header, "phase", source), fitted = Column(header, "objective_fitted", source);
        int first = Column(header, "held_out_holding", source) + 1;
        var points = rows.Skip(1).Where(r => r.Count == header.Count && r[phase] != "preset").ToArray();
        // The final point (paper-fit.json): the lowest refined objective where the top points were evaluated again in
        // batches (calibrations since issue 21), else the search's lowest fitted objective (earlier calibrations).
        int refined = Enumerable.Range(0, header.Count).FirstOrDefault(i => header[i] == RefinedObjectiveColumn, -1);
        bool anyRefined = refined >= 0 && points.Any(r => r[refined].Length > 0);
        int best = -1;
        for (int i = 0; i < points.Length; i++)
        {
            if (anyRefined && points[i][refined].Length == 0)
            {
                continue;
            }

            int column = anyRefined ? refined : fitted;
            if (best < 0 || Objective(points[i][column]) < Objective(points[best][column]))
            {
                best = i;
            }
        }

        // The claims' columns follow held_out_holding; the refined objective's two columns, added after them, are not claims.
        var outcomes = new Dictionary<string, string[]>(StringComparer.Ordinal);
        for (int c = first; c < header.Count; c++)
        {
            if (header[c] is RefinedObjectiveColumn or RefinedObjectiveErrorColumn)
            {
                continue;
            }

            outcomes[header[c]] = points.Select(r => r[c]).ToArray();
        }

        return new CalibrationEvidence(source, points.Select(r => r[id]).ToArray(), best, outcomes);
    }

    /// <summary>The evidence of the calibration directory <paramref name="directory"/>; a clear error when it has no points file.</summary>
    public static CalibrationEvidence Read(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        string path = Path.Combine(directory, PointsFile);
        if (!File.Exists(path))
        {
            throw new ConfigurationException($"--calibration {UserInput.Quote(directory)}: no {PointsFile} there; allowed: the output directory of `edgemine calibrate`");
        }

        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>
    /// Where the claim <paramref name="claimId"/> holds: the number of points, of how many, and the point to name (the
    /// best point when it is among them, else the first); null when the calibration has no column for it or could not
    /// judge it at any point.
    /// </summary>
    public (int Holding, int Points, string? Example)? Of(string claimId)
    {
        if (!_outcomes.TryGetValue(claimId, out var outcomes) || outcomes.All(o => o.StartsWith(Claim.Text(ClaimOutcome.NotEvaluated), StringComparison.Ordinal)))
        {
            return null;
        }

        var holding = Enumerable.Range(0, outcomes.Length).Where(i => outcomes[i].StartsWith(Claim.Text(ClaimOutcome.Holds), StringComparison.Ordinal)).ToArray();
        string? example = holding.Length == 0 ? null : holding.Contains(_best) ? BestPointName : Points[holding[0]];
        return (holding.Length, outcomes.Length, example);
    }

    private static double Objective(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value) ? value : double.PositiveInfinity;

    private static int Column(IReadOnlyList<string> header, string name, string source)
    {
        for (int i = 0; i < header.Count; i++)
        {
            if (header[i] == name)
            {
                return i;
            }
        }

        throw new ConfigurationException($"calibration {source}: no column {UserInput.Quote(name)}; allowed: a {PointsFile} written by `edgemine calibrate`");
    }
}
