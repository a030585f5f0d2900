using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeMine.Calibration;
using EdgeMine.Cells;
using EdgeMine.Experiments;
using EdgeMine.Learning.Dqn;
using EdgeMine.Model;
using EdgeMine.Randomness;
using EdgeMine.Schemes;

namespace EdgeMine.Tuning;

/// <summary>
/// <c>edgemine tune</c> as a job of cells: for every learner the same budget (<see cref="TuningSizes"/>), each
/// configuration (the defaults, then a Latin hypercube over the learner's tuned keys drawn from the tuning seed) trained
/// on every tuning seed and evaluated on the tuning evaluation seed, one cell each, run and resumed by the cell pipeline
/// like a reproduction's (the local pool, or one cell per job-array task). The choice per learner follows
/// <see cref="TuningSelection"/>; the outputs are written by <see cref="TuningReport"/>.
/// </summary>
public sealed class TuningJob : ICellJob
{
    public TuningJob(TuningOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        var sizes = options.Sizes;
        if (sizes.Configurations < 1 || sizes.TrainingSeeds < 2 || sizes.TrainingSlots < 1 || sizes.EvaluationRuns < 1 || sizes.EvaluationSlots < 1)
        {
            throw new ArgumentException("a tuning needs at least 1 configuration, 2 seeds, 1 training slot and 1 evaluation run of 1 slot", nameof(options));
        }

        Configurations = options.Learners.ToDictionary(l => l.Name, Draw, StringComparer.Ordinal);
        var store = new CellStore(options.OutDirectory, Catalog);
        var setting = sizes.Setting;
        var parameters = ParameterCatalog.Validate(setting.Apply(options.Parameters));
        var evaluation = new EvaluationPlan(sizes.EvaluationRuns, sizes.EvaluationSlots, EvaluationSeed);
        Cells =
        [
            .. options.Learners.SelectMany(l => Configurations[l.Name]).SelectMany(c => Enumerable.Range(1, sizes.TrainingSeeds).Select(k =>
            {
                string key = CellKey(c, k);
                return new CellSpec(key, c.Learner.Scheme, options.Preset, parameters, setting.Environment)
                {
                    Values = setting.Values,
                    LearnerOptions = c.Options,
                    Training = new TrainingPlan(sizes.TrainingSlots, TrainingSeed(k), store.ModelDirectory(key)),
                    Evaluation = evaluation,
                };
            })),
        ];
    }

    public TuningOptions Options { get; }

    /// <summary>Each learner's configurations, the defaults first, by learner name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<TuningConfiguration>> Configurations { get; }

    public DirectoryKind Kind => DirectoryKind.Tuning;

    public string OutDirectory => Options.OutDirectory;

    public SchemeCatalog Catalog => ReproductionSchemes.Catalog;

    public IReadOnlyList<CellSpec> Cells { get; }

    /// <summary>The evaluation seed of every tuning cell: the tuning seed itself.</summary>
    public ulong EvaluationSeed => Options.Seed;

    /// <summary>The training seed of tuning seed <paramref name="k"/> (from 1): the tuning seed + k.</summary>
    public ulong TrainingSeed(int k) => Options.Seed + (ulong)k;

    /// <summary>The budget, the setting, the seeds and every learner's space: a directory of another tuning is refused.</summary>
    public string Manifest
    {
        get
        {
            var s = Options.Sizes;
            var learners = new JsonObject();
            foreach (var learner in Options.Learners)
            {
                var keys = new JsonObject();
                foreach (var key in learner.Tuned)
                {
                    keys[key.Name] = key.Tuning.Range!.ToString();
                }

                learners[learner.Name] = keys;
            }

            var root = new JsonObject
            {
                ["format"] = 1,
                ["preset"] = Options.Preset,
                ["seed"] = Options.Seed,
                ["configurations"] = s.Configurations,
                ["training_seeds"] = s.TrainingSeeds,
                ["training_slots"] = s.TrainingSlots,
                ["evaluation_runs"] = s.EvaluationRuns,
                ["evaluation_slots"] = s.EvaluationSlots,
                ["setting"] = s.Setting.Key,
                ["learners"] = learners,
                ["parameters"] = ParameterCatalog.ToJson(Options.Parameters),
            };
            return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
        }
    }

    /// <summary>Training slots (a DQN's weighing 20 times a tabular learner's, for its updates) plus evaluation slots.</summary>
    public long Weight(CellSpec cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        long evaluation = cell.Evaluation is { } plan ? plan.Runs * plan.Slots * cell.Settings.Miners * cell.Settings.TasksPerMiner / 10 : 0;
        long training = (cell.Training?.Slots ?? 0) * (cell.Scheme is LearnerScheme { Algorithm: DrloAlgorithm } ? 20 : 1);
        return 1 + evaluation + training;
    }

    /// <summary>The key of a configuration's cell for tuning seed <paramref name="k"/>: <c>drlo-paper__c03__n5-m2-b0.5__seed2</c>.</summary>
    public string CellKey(TuningConfiguration configuration, int k)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return string.Create(CultureInfo.InvariantCulture, $"{configuration.Learner.Name}__c{configuration.Index:D2}__{Options.Sizes.Setting.Key}__seed{k}");
    }

    /// <summary>Runs every missing cell (a killed run resumes from the cells done and the trainings' checkpoints).</summary>
    public JobOutcome Run(Action<JobProgress>? progress = null, CancellationToken cancellation = default)
    {
        var outcome = CellJobs.Run(this, Options.Jobs, progress: progress, cancellation: cancellation);
        if (outcome.Summary.Failures.Count > 0)
        {
            var first = outcome.Summary.Failures[0];
            throw new IOException($"{outcome.Summary.Failures.Count} tuning cell(s) failed (retried by the next run): {first.Error}: {first.Message}");
        }

        return outcome;
    }

    /// <summary>Each learner's rows, in configuration order, from the finished cells; null when some cell is missing.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<TuningRow>>? Rows(IReadOnlyDictionary<string, CellResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var rows = new Dictionary<string, IReadOnlyList<TuningRow>>(StringComparer.Ordinal);
        foreach (var learner in Options.Learners)
        {
            var list = new List<TuningRow>();
            foreach (var configuration in Configurations[learner.Name])
            {
                var cells = Enumerable.Range(1, Options.Sizes.TrainingSeeds).Select(k => results.GetValueOrDefault(CellKey(configuration, k))).ToArray();
                if (cells.Any(c => c is null))
                {
                    return null;
                }

                var failed = cells.FirstOrDefault(c => !c!.IsOk || c.Own is null);
                list.Add(failed is null
                    ? new TuningRow(configuration, [.. cells.Select(c => c!.Own!.Metrics[Simulation.Metrics.Reward.Key].Mean)])
                    : new TuningRow(configuration, [], failed.Reason ?? failed.Status.ToString()));
            }

            rows[learner.Name] = list;
        }

        return rows;
    }

    /// <summary>
    /// The learner's configurations: the defaults (index 0), then <see cref="TuningSizes.Configurations"/> - 1 points of
    /// a Latin hypercube over its tuned keys, from a generator derived from the tuning seed and the learner's name (so
    /// adding a learner changes no other's points).
    /// </summary>
    private IReadOnlyList<TuningConfiguration> Draw(TunedLearner learner)
    {
        var keys = learner.Tuned;
        var defaults = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            defaults[key.Name] = key.Default ?? throw new InvalidOperationException($"tuned key {learner.Name}.{key.Name} does not show its default");
        }

        var configurations = new List<TuningConfiguration> { new(learner, 0, defaults) };
        var random = new Xoshiro256(SeedMixer.Derive(Options.Seed, Reproduction.StableHash("tuning:latin:" + learner.Name)));
        var sample = LatinHypercube.Sample(Options.Sizes.Configurations - 1, keys.Count, random);
        for (int i = 0; i < sample.Length; i++)
        {
            var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
            for (int d = 0; d < keys.Count; d++)
            {
                values[keys[d].Name] = keys[d].Tuning.Range!.ValueAt(sample[i][d]);
            }

            configurations.Add(new TuningConfiguration(learner, i + 1, values));
        }

        return configurations;
    }
}
