using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeMine.Cells;
using EdgeMine.Learning.Dqn;
using EdgeMine.Model;
using EdgeMine.Randomness;
using EdgeMine.Reporting;
using EdgeMine.Schemes;

namespace EdgeMine.Experiments;

/// <summary>
/// The reproduction of MODEL.md section 8 as a job of cells (a scheme at a setting, trained if it learns, evaluated),
/// each written atomically and skipped when it already exists, so that a killed job loses at most the cells in flight
/// (and trainings resume from their checkpoints). The outputs (CSVs, figures, report) are assembled from the cells.
/// </summary>
public sealed class Reproduction : ICellJob
{
    /// <summary>Every experiment, in report order.</summary>
    internal static IReadOnlyList<Experiment> Experiments { get; } =
        [Fig4LearningCurves.Instance, SingleMinerFigures.Fig5, SingleMinerFigures.Fig6, MultiMinerTables.Table2, MultiMinerTables.Table3, Fig7Privacy.Instance, ScalingExperiment.Instance, SequentialExperiment.Instance];

    public Reproduction(ReproductionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        var store = new CellStore(options.OutDirectory, Catalog);
        var sizes = options.Sizes;
        var cells = new List<CellSpec>();
        foreach (var experiment in options.Experiments)
        {
            foreach (var setting in experiment.Settings(sizes))
            {
                foreach (var scheme in experiment.Schemes.Where(s => experiment.NotRun(setting, s) is null))
                {
                    if (cells.Any(c => c.Key == CellKeys(setting, scheme, sizes.TrainingSeeds)[0]))
                    {
                        continue; // Fig. 4 shares its cells with Tables II-III
                    }

                    var (runs, slots) = experiment.Evaluation(sizes, setting);
                    var evaluation = new EvaluationPlan(runs, slots, EvaluationSeed(options.Seed, setting));
                    var parameters = ParameterCatalog.Validate(setting.Apply(options.Parameters));
                    var keys = CellKeys(setting, scheme, sizes.TrainingSeeds);
                    for (int i = 0; i < keys.Count; i++)
                    {
                        cells.Add(new CellSpec(
                            Key: keys[i],
                            Scheme: scheme,
                            Preset: options.Preset,
                            Parameters: parameters,
                            Settings: setting.Environment)
                        {
                            Values = setting.Values,
                            Training = scheme.IsLearner ? new TrainingPlan(sizes.TrainingSlots, TrainingSeed(options.Seed, setting, scheme, i + 1), store.ModelDirectory(keys[i])) : null,
                            Evaluation = evaluation,
                        });
                    }
                }
            }
        }

        Cells = cells;
    }

    public ReproductionOptions Options { get; }

    public DirectoryKind Kind => DirectoryKind.Reproduction;

    public string OutDirectory => Options.OutDirectory;

    public SchemeCatalog Catalog => ReproductionSchemes.Catalog;

    public IReadOnlyList<CellSpec> Cells { get; }

    /// <summary>
    /// The configuration the cells are computed under (preset parameters, sizes, seed). Cells are keyed by setting and
    /// scheme only, so a directory of another configuration (another preset, --quick against the paper's sizes, another
    /// seed) is refused rather than mixed in.
    /// </summary>
    public string Manifest
    {
        get
        {
            var parameters = ParameterCatalog.ToJson(Options.Parameters);

            var sizes = Options.Sizes;
            var root = new JsonObject
            {
                ["format"] = 3,
                ["preset"] = Options.Preset,
                ["seed"] = Options.Seed,
                ["training_slots"] = sizes.TrainingSlots,
                ["training_seeds"] = sizes.TrainingSeeds,
                ["evaluation_runs"] = sizes.EvaluationRuns,
                ["evaluation_slots"] = sizes.EvaluationSlots,
            };
            sizes.AddSettingsTo(root);
            root["parameters"] = parameters;
            return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
        }
    }

    /// <summary>The file that records what a reproduction directory holds.</summary>
    public static string ManifestFile => OutputDirectory.ManifestFile(DirectoryKind.Reproduction);

    /// <summary>The key of a scheme at a setting: <c>n5-m2-b0.5__drlo</c>; a baseline's cell has this key.</summary>
    internal static string CellKey(Setting setting, Scheme scheme)
    {
        ArgumentNullException.ThrowIfNull(setting);
        ArgumentNullException.ThrowIfNull(scheme);
        return $"{setting.Key}__{scheme.Name}";
    }

    /// <summary>
    /// The cells of a scheme at a setting: one for a baseline (<see cref="CellKey"/>), one per training seed for a
    /// learner (<c>n5-m2-b0.5__drlo__seed1</c> to <c>__seedS</c>).
    /// </summary>
    internal static IReadOnlyList<string> CellKeys(Setting setting, Scheme scheme, int seeds)
    {
        string key = CellKey(setting, scheme);
        return scheme.IsLearner
            ? Enumerable.Range(1, seeds).Select(k => string.Create(CultureInfo.InvariantCulture, $"{key}__seed{k}")).ToArray()
            : [key];
    }

    /// <summary>
    /// The training seed of a learner's <paramref name="seedIndex"/>-th seed (from 1) at a setting. The first is the
    /// seed earlier versions trained their one model with, so that <c>--seeds 1</c> trains the same models.
    /// </summary>
    internal static ulong TrainingSeed(ulong seed, Setting setting, Scheme scheme, int seedIndex)
    {
        string key = CellKey(setting, scheme);
        return SeedMixer.Derive(seed, StableHash(seedIndex == 1 ? key : string.Create(CultureInfo.InvariantCulture, $"{key}#seed{seedIndex}")));
    }

    /// <summary>The evaluation seed of a setting, shared by all its schemes and training seeds (common random numbers).</summary>
    internal static ulong EvaluationSeed(ulong seed, Setting setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        return SeedMixer.Derive(seed, StableHash("evaluation:" + setting.Key));
    }

    /// <summary>Relative cost of a cell, for progress and scheduling: training slots (with DRLO's updates weighing more) plus evaluation slots.</summary>
    public long Weight(CellSpec cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        var sizes = Options.Sizes;
        long evaluation = cell.Evaluation is { } plan ? plan.Runs * plan.Slots * cell.Settings.Miners * cell.Settings.TasksPerMiner / 10 : 0;
        long training = cell.Scheme switch
        {
            LearnerScheme { Algorithm: DrloAlgorithm } => sizes.TrainingSlots * 20,
            LearnerScheme => sizes.TrainingSlots,
            _ => 0,
        };
        return 1 + evaluation + training;
    }

    /// <summary>Runs every missing cell; throws <see cref="ReproductionCellsFailedException"/> when some failed (the report needs every cell).</summary>
    public IReadOnlyDictionary<string, CellResult> Run(Action<JobProgress>? progress = null, CancellationToken cancellation = default)
    {
        var outcome = CellJobs.Run(this, Options.Jobs, progress: progress, cancellation: cancellation);
        if (outcome.Summary.Failures.Count > 0)
        {
            throw new ReproductionCellsFailedException(outcome.Summary.Failures);
        }

        return outcome.Results;
    }

    /// <summary>
    /// Writes every result file: each experiment's CSVs and figures, and the report. Every number comes from the cells'
    /// results, held in memory.
    /// </summary>
    public IReadOnlyList<string> WriteOutputs(ReproductionMetadata metadata, IReadOnlyDictionary<string, CellResult> results)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var evidence = ClaimEvidence.Default with { Calibration = Options.CalibrationDirectory is { } calibration ? CalibrationEvidence.Read(calibration) : null };
        var context = new OutputContext(Options, CellJobs.Store(this)) { Evidence = evidence };
        var outputs = Options.Experiments
            .Select(e => e.Assemble(ExperimentResults.From(e, e.Settings(Options.Sizes), results, Options), context))
            .ToArray();

        // Duplicates and the family-wise outcome across the paper span experiments: each output's claims are replaced by
        // their marked copies, in order.
        var marked = new Queue<Claim>(ClaimSet.AcrossThePaper(ClaimSet.MarkDuplicates(outputs.SelectMany(o => o.Claims).ToArray())));
        outputs = outputs.Select(o => o with { Claims = o.Claims.Select(_ => marked.Dequeue()).ToArray() }).ToArray();
        var written = outputs.SelectMany(o => o.Files).ToList();
        var claims = outputs.SelectMany(o => o.Claims).ToArray();
        written.Add(ReportBuilder.WriteClaims(claims, OutDirectory));
        var outcomes = claims.Length == 0 ? null : Plots.Save(
            context.FiguresDirectory, "report", "claims_outcomes", "Outcomes of the paper's claims per experiment", Plots.Outcomes(Options.Experiments.Select(e => e.Name).ToArray(), claims));
        written.AddRange(outputs.SelectMany(o => o.Figures).Append(outcomes).OfType<Figure>().SelectMany(f => new[] { f.PngPath, f.SvgPath }));
        var compared = Options.CompareWith is { } other ? PresetComparison.Read(other) : null;
        written.AddRange(ReportBuilder.Write(ReportBuilder.Build(metadata, outputs, outcomes, compared), OutDirectory));
        return written;
    }

    /// <summary>
    /// <paramref name="directory"/>, once checked to be a finished reproduction whose claims a report can set beside
    /// another's (<c>--compare</c>, "Presets compared"); else a <see cref="ConfigurationException"/> that says why.
    /// </summary>
    public static string ComparableDirectory(string directory) => PresetComparison.Read(directory).Directory;

    /// <summary>
    /// <paramref name="directory"/>, once checked to hold a calibration's points (<c>--calibration</c>); else a
    /// <see cref="ConfigurationException"/> that says why.
    /// </summary>
    public static string CalibrationDirectory(string directory)
    {
        CalibrationEvidence.Read(directory);
        return directory;
    }

    /// <summary>The names of the experiments, in report order (what <c>--only</c> takes).</summary>
    public static IReadOnlyList<string> ExperimentNames => [.. Experiments.Select(e => e.Name)];

    /// <summary>
    /// Parses <c>--only</c>: comma-separated experiment names, returned in report order (empty when the option is absent:
    /// every experiment); errors name the unknown one. A value that names none (<c>--only ''</c>) is refused, not read as
    /// "everything".
    /// </summary>
    public static IReadOnlyCollection<string> ParseOnly(string? only)
    {
        if (only is null)
        {
            return [];
        }

        var names = only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0)
        {
            throw new ConfigurationException($"--only {UserInput.Quote(only)}: names no experiment; allowed: a comma-separated list of {string.Join(", ", Experiments.Select(e => e.Name))} (leave --only out for all)");
        }

        foreach (string name in names)
        {
            if (Experiments.All(e => e.Name != name))
            {
                throw new ConfigurationException($"--only {UserInput.Quote(only)}: unknown experiment {UserInput.Quote(name)}; allowed: {string.Join(", ", Experiments.Select(e => e.Name))}");
            }
        }

        return Experiments.Where(e => names.Contains(e.Name)).Select(e => e.Name).ToArray();
    }

    /// <summary>FNV-1a of the UTF-8 bytes: a hash that, unlike string.GetHashCode, is the same in every process.</summary>
    public static ulong StableHash(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        ulong hash = 14695981039346656037UL;
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }
}
