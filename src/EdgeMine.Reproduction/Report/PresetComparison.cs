using EdgeMine.Experiments;
using EdgeMine.Model;

namespace EdgeMine.Reporting;

/// <summary>
/// The claims of another reproduction (its claims.csv), set beside this run's in a section "Presets compared": e.g.
/// a run under a calibration's paper-fit.json against the calibrated preset's, with the claims the calibration was
/// fitted on (Table II) counted apart from those held out (MODEL.md section 12).
/// </summary>
internal sealed class PresetComparison(string directory, string preset, IReadOnlyDictionary<(string Experiment, string Claim), string> outcomes)
{
    /// <summary>The experiment the calibration's objective is fitted on; every other is held out.</summary>
    public const string FittedExperiment = "table2";

    public string Directory { get; } = directory;

    /// <summary>The other run's preset, from its manifest.</summary>
    public string Preset { get; } = preset;

    /// <summary>The other run's outcome text by experiment and claim.</summary>
    public IReadOnlyDictionary<(string Experiment, string Claim), string> Outcomes { get; } = outcomes;

    /// <summary>Reads <paramref name="directory"/>'s claims.csv and manifest; a directory that is not a finished reproduction is one clear line.</summary>
    public static PresetComparison Read(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        string path = Path.Combine(directory, ReportBuilder.ClaimsFile);
        string where = $"--compare {UserInput.Quote(directory)}";
        if (!File.Exists(path))
        {
            throw new ConfigurationException($"{where}: no {ReportBuilder.ClaimsFile} there; allowed: the directory of a finished 'edgemine reproduce'");
        }

        var rows = Csv.Parse(UserInput.ReadText(path, where, ReportBuilder.ClaimsFile));
        if (rows.Count == 0 || rows[0].Count < 3 || rows[0][0] != "experiment" || rows[0][1] != "claim" || rows[0][2] != "outcome")
        {
            throw new ConfigurationException($"{where}: {UserInput.Quote(path)} is not a claims file of 'edgemine reproduce'");
        }

        var outcomes = new Dictionary<(string, string), string>();
        foreach (var row in rows.Skip(1).Where(r => r.Count >= 3))
        {
            outcomes[(row[0], row[1])] = row[2];
        }

        string preset = "another preset";
        string manifest = Path.Combine(directory, Experiments.Reproduction.ManifestFile);
        if (File.Exists(manifest))
        {
            // Another run's file: anything but the object 'edgemine reproduce' writes is refused in one line (it once
            // reached "internal error: JsonReaderException").
            string allowed = $"allowed: the {Experiments.Reproduction.ManifestFile} of a finished 'edgemine reproduce' (an object with its \"preset\")";
            System.Text.Json.JsonDocument json;
            try
            {
                json = System.Text.Json.JsonDocument.Parse(UserInput.ReadText(manifest, where, "its manifest"));
            }
            catch (System.Text.Json.JsonException e)
            {
                throw new ConfigurationException($"{where}: {Experiments.Reproduction.ManifestFile} is not valid JSON at line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}; {allowed}");
            }

            using (json)
            {
                var root = json.RootElement;
                UserInput.CheckStrings(root, $"{where}: {Experiments.Reproduction.ManifestFile}");
                if (root.ValueKind != System.Text.Json.JsonValueKind.Object)
                {
                    throw new ConfigurationException($"{where}: {Experiments.Reproduction.ManifestFile} holds {UserInput.OneLine(root)}; {allowed}");
                }

                if (root.TryGetProperty("preset", out var p))
                {
                    preset = p.ValueKind == System.Text.Json.JsonValueKind.String
                        ? p.GetString()!
                        : throw new ConfigurationException($"{where}: {Experiments.Reproduction.ManifestFile} has preset {UserInput.OneLine(p)}; {allowed}");
                }
            }
        }

        return new PresetComparison(directory, preset, outcomes);
    }

    /// <summary>The section: counts of holding claims here and there, fitted and held out, and every claim side by side.</summary>
    public IEnumerable<Block> Section(ReproductionOptions options, IReadOnlyList<Claim> claims)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(claims);
        var paper = claims.Where(c => c.FromPaper).ToArray();
        string there = $"{Preset} ({Directory})";
        string here = options.Parameters == Presets.Find(options.Preset) ? options.Preset : $"{options.Preset} with this run's overrides";
        int Holding(IEnumerable<Claim> set, bool mine) => set.Count(c => (mine ? c.OutcomeText : Outcomes.GetValueOrDefault((c.Experiment, c.Statement), "")).StartsWith("holds", StringComparison.Ordinal));
        var fitted = paper.Where(c => c.Experiment == FittedExperiment).ToArray();
        var heldOut = paper.Where(c => c.Experiment != FittedExperiment).ToArray();
        yield return new Heading(2, "Presets compared");
        // The other run's preset and outcomes come from its files, the directory from the user: shown as written in
        // report.md as in report.html, never read as Markdown or HTML.
        yield return new MixedParagraph(
        [
            ($"Claims that hold under {here} against ", false),
            (there, true),
            (FormattableString.Invariant($": {Holding(fitted, true)} against {Holding(fitted, false)} of the {fitted.Length} claims a calibration is fitted on (Table II), and {Holding(heldOut, true)} against {Holding(heldOut, false)} of the {heldOut.Length} held out (MODEL.md section 12). A fit that holds only where it was fitted is not evidence."), false),
        ]);
        yield return new Table(
            ["experiment", "claim", $"outcome: {here}", $"outcome: {Preset}"],
            paper.Select(c => (IReadOnlyList<string>)[c.Experiment, c.Statement, c.OutcomeText, Outcomes.GetValueOrDefault((c.Experiment, c.Statement), "not in that run")]).ToArray(),
            VerbatimColumns: new HashSet<int> { 3 });
    }
}
