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
using EdgeMine.Tuning;

namespace EdgeMine.Experiments;

/// <summary>
/// The reproduction of MODEL.md section 8 as a job of cells (a scheme at a setting, trained if it learns, evaluated),
/// each written atomically and skipped when it already exists, so that a killed job loses at most the cells in flight
/// (and trainings resume from their checkpoints). The outputs (CSVs, figures, report) are assembled from the cells.
/// </summary>
public sealed class Reproduction : ICellJob
{
    private readonly Dictionary<string, string> _experimentOf; // cell key -> the experiment that asked for it first

    /// <summary>Every experiment, in report order.</summary>
    internal static IReadOnlyList<Experiment> Experiments { get; } =
        [Fig4LearningCurves.Instance, SingleMinerFigures.Fig5, SingleMinerFigures.Fig6, MultiMinerTables.Table2, MultiMinerTables.Table3, Fig7Privacy.Instance, ScalingExperiment.Instance, SequentialExperiment.Instance, AblationsExperiment.Instance];

    public Reproduction(ReproductionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        var store = new CellStore(options.OutDirectory, Catalog);
        var sizes = options.Sizes;
        var cells = new List<CellSpec>();
        var experimentOf = new Dictionary<string, string>();
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
                        experimentOf[keys[i]] = experiment.Name;
                        cells.Add(new CellSpec(
                            Key: keys[i],
                            Scheme: scheme,
                            Preset: options.Preset,
                            Parameters: parameters,
                            Settings: setting.Environment)
                        {
                            Values = setting.Values,
                            LearnerOptions = options.Tuned?.For(scheme) ?? new SortedDictionary<string, string>(StringComparer.Ordinal),
                            Training = scheme.IsLearner ? new TrainingPlan(sizes.TrainingSlots, TrainingSeed(options.Seed, setting, scheme, i + 1), store.ModelDirectory(keys[i])) : null,
                            Evaluation = evaluation,
                        });
                    }
                }
            }

            foreach (var arm in experiment.OptionArms(sizes))
            {
                // An arm's seed k trains from the same seed as its learner's seed k without the options (common random numbers).
                var (runs, slots) = experiment.Evaluation(sizes, arm.Setting);
                var keys = arm.CellKeys(sizes.TrainingSeeds);
                for (int i = 0; i < keys.Count; i++)
                {
                    if (cells.Any(c => c.Key == keys[i]))
                    {
                        continue;
                    }

                    experimentOf[keys[i]] = experiment.Name;

                    cells.Add(new CellSpec(keys[i], arm.Scheme, options.Preset, ParameterCatalog.Validate(arm.Setting.Apply(options.Parameters)), arm.Setting.Environment)
                    {
                        Values = arm.Setting.Values,
                        LearnerOptions = ArmOptions(options.Tuned, arm),
                        Training = new TrainingPlan(sizes.TrainingSlots, TrainingSeed(options.Seed, arm.Setting, arm.Scheme, i + 1), store.ModelDirectory(keys[i])),
                        Evaluation = new EvaluationPlan(runs, slots, EvaluationSeed(options.Seed, arm.Setting)),
                    });
                }
            }
        }

        Cells = cells;
        _experimentOf = experimentOf;
    }

    public ReproductionOptions Options { get; }

    /// <summary>
    /// An arm's learner options: the tuned values its learner runs with elsewhere, with the arm's own options over them,
    /// so that the arm differs from the unchanged learner in the flipped choice alone.
    /// </summary>
    private static SortedDictionary<string, string> ArmOptions(TunedValues? tuned, OptionArm arm)
    {
        var merged = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in tuned?.For(arm.Scheme) ?? new Dictionary<string, string>())
        {
            merged[key] = value;
        }

        foreach (var (key, value) in arm.Options)
        {
            merged[key] = value;
        }

        return merged;
    }

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
            if (Options.Tuned is { } tuned)
            {
                // The values, not the file's path: the same values read from another path are the same cells.
                var learners = new JsonObject();
                foreach (var (name, values) in tuned.Learners)
                {
                    learners[name] = new JsonObject([.. values.Select(v => KeyValuePair.Create(v.Key, (JsonNode?)v.Value))]);
                }

                root["tuned"] = learners;
            }

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

    /// <summary>
    /// Relative cost of a cell, for progress and scheduling (the heaviest cells start first, so that the last minutes
    /// do not run on one core): training slots, with DRLO's updates weighing more, plus evaluation slots. Two DRLO
    /// variants grow with the setting, as measured at the paper's sizes (docs/reproduction.md, "What it costs"): the
    /// paper's joint head with its 2^(N M) outputs (a seed about 4 times as long at 4,096 outputs as at 2), and the
    /// shared learner with N (about 8 and 15 times as long at N = 100 and 1,000 as at N = 1); the branching variant's
    /// Double DQN takes about twice as long as the paper's network at 2 outputs.
    /// </summary>
    public long Weight(CellSpec cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        var sizes = Options.Sizes;
        int miners = cell.Settings.Miners, tasks = miners * cell.Settings.TasksPerMiner;
        long evaluation = cell.Evaluation is { } plan ? plan.Runs * plan.Slots * tasks / 10 : 0;
        long drlo = sizes.TrainingSlots * 20;
        long training = cell.Scheme switch
        {
            _ when cell.Scheme.Equals(ReproductionSchemes.DrloPaper) && ReproductionSchemes.JointHeadFits(tasks) => drlo * (1 + ((1L << tasks) / 1024)),
            _ when cell.Scheme.Equals(ReproductionSchemes.DrloShared) => drlo * (1 + Math.Min(miners / 8, 15)),
            _ when cell.Scheme.Equals(ReproductionSchemes.DrloBranching) => drlo * 2,
            LearnerScheme { Algorithm: DrloAlgorithm } => drlo,
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
    /// Writes every result file: each experiment's CSVs and figures, the cost breakdown (<see cref="CostBreakdown"/>) and
    /// the report. Every number comes from the cells' results, held in memory.
    /// </summary>
    public IReadOnlyList<string> WriteOutputs(ReproductionMetadata metadata, IReadOnlyDictionary<string, CellResult> results)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(results);
        var cost = CostBreakdown.From([.. Cells.Select(c => c.Key)], _experimentOf, results);
        metadata = metadata with { Cost = cost };
        var evidence = ClaimEvidence.Default with { Calibration = Options.CalibrationDirectory is { } calibration ? CalibrationEvidence.Read(calibration) : null };
        var all = Options.Experiments.Select(e => ExperimentResults.From(e, e.Settings(Options.Sizes), results, Options)).ToArray();
        var reexamined = all.SelectMany(r => r.Experiment.Reexamine(r, all)).ToArray();
        evidence = evidence with { Reexamined = reexamined, Paper = [.. evidence.Paper, .. reexamined.Select(r => r.Evidence).OfType<PaperEvidence>()] };
        var context = new OutputContext(Options, CellJobs.Store(this)) { Evidence = evidence };
        var outputs = all.Select(r => r.Experiment.Assemble(r, context)).ToArray();

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
        written.Add(cost.Write(OutDirectory, metadata.WallSeconds));
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
