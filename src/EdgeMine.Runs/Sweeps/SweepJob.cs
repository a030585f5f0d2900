using EdgeMine.Cells;
using EdgeMine.Schemes;

namespace EdgeMine.Sweeps;

/// <summary>
/// A sweep as a job of cells: one cell per grid point, keyed by its slug, training its learner (when the sweep trains)
/// and evaluating it beside the sweep's baselines (when it evaluates). The canonical definition is the directory's
/// manifest (<c>sweep.json</c>), so a directory never mixes two sweeps.
/// </summary>
public sealed class SweepJob : ICellJob
{
    public SweepJob(SweepDefinition definition, string outDirectory)
    {
        ArgumentNullException.ThrowIfNull(definition);
        Definition = definition;
        OutDirectory = outDirectory;
        Manifest = definition.ToCanonicalJson();
        var store = new CellStore(outDirectory, definition.Catalog);
        bool train = definition.Commands.Contains(SweepDefinition.Train);
        bool evaluate = definition.Commands.Contains(SweepDefinition.Evaluate);
        // Computed when read, as the definition's cells: a million specs held at once took gigabytes.
        Cells = new ComputedList<CellSpec>(definition.Cells.Count, i => Spec(definition.Cells[i]));
        CellSpec Spec(SweepCell cell) => new(
            Key: cell.Slug,
            Scheme: cell.Scheme,
            Preset: cell.Preset,
            Parameters: cell.Parameters,
            Settings: cell.Environment)
        {
            Values = cell.Values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal),
            Training = cell.Scheme.IsLearner && train ? new TrainingPlan(cell.TrainingSlots, cell.TrainingSeed, store.ModelDirectory(cell.Slug)) : null,
            ModelDirectory = store.ModelDirectory(cell.Slug),
            Evaluation = evaluate ? new EvaluationPlan(cell.EvaluationRuns, cell.EvaluationSlots, cell.EvaluationSeed) : null,
            Baselines = definition.Baselines,
        };
    }

    /// <summary>The file the canonical definition is stored in.</summary>
    public static string DefinitionFile => OutputDirectory.ManifestFile(DirectoryKind.Sweep);

    public SweepDefinition Definition { get; }

    public DirectoryKind Kind => DirectoryKind.Sweep;

    public string Manifest { get; }

    public string OutDirectory { get; }

    public SchemeCatalog Catalog => Definition.Catalog;

    public IReadOnlyList<CellSpec> Cells { get; }

    /// <summary>Training slots of a trained learner plus evaluation slots, each scheme's run of N M tasks weighing a tenth.</summary>
    public long Weight(CellSpec cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        long evaluation = cell.Evaluation is { } e ? e.Runs * e.Slots * (1 + cell.Baselines.Count) * cell.Settings.Miners * cell.Settings.TasksPerMiner / 10 : 0;
        return 1 + evaluation + (cell.Training?.Slots ?? 0);
    }

    /// <summary>The sweep bound to <paramref name="outDirectory"/> by an earlier run or submit.</summary>
    public static SweepJob LoadBound(string outDirectory, SchemeCatalog catalog)
    {
        string path = Path.Combine(outDirectory, DefinitionFile);
        if (!File.Exists(path))
        {
            throw new ConfigurationException($"{UserInput.Quote(outDirectory)}: no {DefinitionFile}; not the output directory of 'edgemine sweep run' or 'sweep submit'");
        }

        return new SweepJob(SweepDefinition.Load(path, catalog), outDirectory);
    }
}
