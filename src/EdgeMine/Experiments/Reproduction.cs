using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using EdgeMine.IO;
using EdgeMine.Learning;
using EdgeMine.Model;
using EdgeMine.Policies;
using EdgeMine.Randomness;
using EdgeMine.Simulation;

namespace EdgeMine.Experiments;

/// <summary>What to reproduce, and where.</summary>
public sealed record ReproductionOptions
{
    public required string Preset { get; init; }

    public required ModelParameters Parameters { get; init; }

    public required string OutDirectory { get; init; }

    public required ReproductionSizes Sizes { get; init; }

    public bool Quick { get; init; }

    public IReadOnlyCollection<string> Only { get; init; } = [];

    /// <summary>Cells run in parallel (default: all cores).</summary>
    public int Jobs { get; init; } = Environment.ProcessorCount;

    public ulong Seed { get; init; } = 1;
}

/// <summary>One unit of work: a scheme at a setting. Trained (if it learns), evaluated, and stored as one cell file.</summary>
public sealed record Cell(Setting Setting, Scheme Scheme)
{
    public string Key => $"{Setting.Key}__{Scheme.Name}";
}

/// <summary>Some cells of a reproduction threw; each left a failure marker and is retried by the next run.</summary>
public sealed class ReproductionCellsFailedException(IReadOnlyList<CellFailure> failures)
    : Exception($"{failures.Count} cell(s) failed (retried by the next run): {string.Join("; ", failures.Select(f => $"{f.Key}: {f.Error}: {f.Message}"))}")
{
    public IReadOnlyList<CellFailure> Failures { get; } = failures;
}

/// <summary>Progress of a whole reproduction: work units done out of the total, and cells finished.</summary>
public readonly record struct ReproductionProgress(long WorkDone, long WorkTotal, int CellsDone, int CellsTotal, string? LastCell);

/// <summary>
/// Runs the experiments of MODEL.md section 8 as independent cells (scheme x setting), in parallel, each written
/// atomically and skipped when it already exists, so that a killed job loses at most the cells in flight (and
/// trainings resume from their checkpoints). Then assembles the CSVs, figures and report from the cell files.
/// </summary>
public static class Reproduction
{
    public const string CellsDirectory = "cells";
    public const string ModelsDirectory = "models";

    /// <summary>The distinct cells of the plans, in a deterministic order.</summary>
    public static IReadOnlyList<Cell> Cells(IReadOnlyList<ExperimentPlan> plans) =>
        plans.SelectMany(p => p.Settings.SelectMany(s => p.Schemes.Select(scheme => new Cell(s, scheme))))
            .DistinctBy(c => c.Key)
            .ToArray();

    /// <summary>Runs every missing cell of the plan, then writes the results. Returns the plans and their cells.</summary>
    public static IReadOnlyDictionary<string, UnitResult> Run(
        ReproductionOptions options,
        Action<ReproductionProgress>? progress = null,
        CancellationToken cancellation = default)
    {
        var plans = ReproductionPlan.Build(options.Sizes, options.Only);
        var cells = Cells(plans);
        Prepare(options);

        var store = Store(options.OutDirectory);
        var results = new ConcurrentDictionary<string, UnitResult>();
        foreach (var cell in cells)
        {
            if (store.TryRead(cell.Key) is { } done)
            {
                results[cell.Key] = done;
            }
        }

        long Weight(Cell c) => CellWeight(c, options.Sizes);
        long total = cells.Sum(Weight);
        long workDone = cells.Where(c => results.ContainsKey(c.Key)).Sum(Weight);
        int cellsDone = results.Count;
        progress?.Invoke(new ReproductionProgress(workDone, total, cellsDone, cells.Count, null));

        // The longest cells first, so that the last ones to finish are short ones.
        var ordered = cells.Where(c => !results.ContainsKey(c.Key))
            .OrderByDescending(Weight).ThenBy(c => c.Key, StringComparer.Ordinal).ToArray();
        var summary = store.Run(
            ordered,
            c => c.Key,
            (cell, token) => RunCell(options, cell, token),
            options.Jobs,
            (cell, result, _) =>
            {
                if (result is not null)
                {
                    results[cell.Key] = result;
                }

                long now = Interlocked.Add(ref workDone, Weight(cell));
                int count = Interlocked.Increment(ref cellsDone);
                progress?.Invoke(new ReproductionProgress(now, total, count, cells.Count, cell.Key));
            },
            cancellation);
        if (summary.Failures.Count > 0)
        {
            // The report needs every cell: the failed ones are retried by the next run (markers in cells/).
            throw new ReproductionCellsFailedException(summary.Failures);
        }

        return results;
    }

    /// <summary>The training seed of a learner cell, and the evaluation seed of a setting (shared by all its schemes).</summary>
    public static (ulong Training, ulong Evaluation) Seeds(ulong seed, Cell cell) =>
        (SeedMixer.Derive(seed, StableHash(cell.Key)), SeedMixer.Derive(seed, StableHash("evaluation:" + cell.Setting.Key)));

    /// <summary>Trains (if needed) and evaluates one cell.</summary>
    public static UnitResult RunCell(ReproductionOptions options, Cell cell, CancellationToken cancellation)
    {
        var parameters = ParameterCatalog.Validate(cell.Setting.Apply(options.Parameters));
        var settings = cell.Setting.Environment;
        var (trainingSeed, evaluationSeed) = Seeds(options.Seed, cell);
        var sizes = options.Sizes;
        IOffloadingPolicy policy;
        double trainingSeconds = 0;
        var predicted = new Dictionary<string, double>();
        if (cell.Scheme.IsLearner)
        {
            var configuration = new TrainingConfiguration
            {
                Algorithm = cell.Scheme.Algorithm!,
                Variant = cell.Scheme.Variant,
                Preset = options.Preset,
                Parameters = parameters,
                Settings = settings,
                Slots = sizes.TrainingSlots,
                Seed = trainingSeed,
            };
            string? problem = cell.Scheme.IsAvailable ? LearnerCatalog.Check(configuration) : $"{cell.Scheme.Name} is not available in this build";
            if (problem is not null)
            {
                return new UnitResult { Key = cell.Key, Scheme = cell.Scheme.Name, Setting = cell.Setting, Status = "not-applicable", Reason = problem };
            }

            string directory = Path.Combine(options.OutDirectory, ModelsDirectory, cell.Key);
            var clock = Stopwatch.StartNew();
            TrainingDirectory.Train(configuration, directory, checkpointEvery: Math.Max(1, sizes.TrainingSlots / 4), resume: true, cancellation: cancellation);
            trainingSeconds = clock.Elapsed.TotalSeconds;
            (_, var learner) = TrainingDirectory.Load(directory);
            if (learner is IPredictsAverages model)
            {
                foreach (var (name, value) in model.PredictedAverages)
                {
                    predicted[name] = value;
                }
            }

            policy = learner;
        }
        else
        {
            policy = cell.Scheme.CreateBaseline();
        }

        var evaluationClock = Stopwatch.StartNew();
        var summary = PolicyEvaluation.Evaluate(parameters, settings, policy, sizes.EvaluationRuns, sizes.EvaluationSlots, evaluationSeed, cancellation: cancellation);
        return UnitResult.FromSummary(cell.Key, cell.Scheme, cell.Setting, summary, evaluationSeed, trainingSeed, trainingSeconds, evaluationClock.Elapsed.TotalSeconds)
            with { Predicted = predicted };
    }

    /// <summary>Relative cost of a cell, for progress and scheduling: training slots (with DRLO's updates weighing more) plus evaluation slots.</summary>
    public static long CellWeight(Cell cell, ReproductionSizes sizes)
    {
        long evaluation = sizes.EvaluationRuns * sizes.EvaluationSlots * cell.Setting.Miners * cell.Setting.Tasks / 10;
        long training = cell.Scheme.Algorithm switch
        {
            "drlo" => sizes.TrainingSlots * 20,
            null => 0,
            _ => sizes.TrainingSlots,
        };
        return 1 + evaluation + training;
    }

    /// <summary>
    /// The cell files of a reproduction: <c>cells/KEY.json</c> when done, <c>cells/KEY.failed.json</c> when its last run
    /// threw. The same store serves the local run, <c>--index</c> (one cell, e.g. a Slurm array task) and the assembly.
    /// </summary>
    public static CellStore<UnitResult> Store(string outDirectory) => new(
        key => Path.Combine(outDirectory, CellsDirectory, key + ".json"),
        key => Path.Combine(outDirectory, CellsDirectory, key + ".failed.json"),
        UnitResult.Json);

    /// <summary>The stored result of <paramref name="cell"/>, or null when it has not finished (or its file is unreadable).</summary>
    public static UnitResult? TryReadCell(string outDirectory, Cell cell) => Store(outDirectory).TryRead(cell.Key);

    /// <summary>
    /// Runs cell <paramref name="index"/> of <see cref="Cells"/> alone, unless it is done: one task of a job array. The
    /// results are assembled later by a plain <see cref="Run"/>, which finds every cell done.
    /// </summary>
    public static (Cell Cell, CellRunSummary Summary) RunOne(ReproductionOptions options, int index, CancellationToken cancellation = default)
    {
        var cells = Cells(ReproductionPlan.Build(options.Sizes, options.Only));
        if (index < 0 || index >= cells.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"allowed: 0 to {cells.Count - 1}");
        }

        var cell = cells[index];
        Prepare(options);
        var summary = Store(options.OutDirectory).Run([cell], c => c.Key, (c, token) => RunCell(options, c, token), 1, cancellation: cancellation);
        return (cell, summary);
    }

    /// <summary>The file that records what a reproduction directory holds.</summary>
    public const string ManifestFile = "reproduction.json";

    /// <summary>
    /// Creates the output folders and records the configuration the cells are computed under (preset parameters, sizes,
    /// seed) in <see cref="ManifestFile"/>. Cells are keyed by setting and scheme only, so a directory of another
    /// configuration (another preset, --quick against the paper's sizes, another seed) is refused rather than mixed in.
    /// </summary>
    public static void Prepare(ReproductionOptions options)
    {
        Directory.CreateDirectory(Path.Combine(options.OutDirectory, CellsDirectory));
        Directory.CreateDirectory(Path.Combine(options.OutDirectory, ModelsDirectory));
        string manifest = Manifest(options);
        string path = Path.Combine(options.OutDirectory, ManifestFile);
        if (File.Exists(path))
        {
            if (File.ReadAllText(path) != manifest)
            {
                throw new ConfigurationException(
                    $"--out {options.OutDirectory}: the directory holds a reproduction of another configuration (preset, parameters, sizes or seed; see {path}); choose another --out or remove it");
            }

            return;
        }

        AtomicFile.WriteAllText(path, manifest);
    }

    private static string Manifest(ReproductionOptions options)
    {
        var parameters = new System.Text.Json.Nodes.JsonObject();
        foreach (var (key, value) in ParameterCatalog.Values(options.Parameters))
        {
            parameters[key] = value;
        }

        var sizes = options.Sizes;
        var root = new System.Text.Json.Nodes.JsonObject
        {
            ["preset"] = options.Preset,
            ["seed"] = options.Seed,
            ["training_slots"] = sizes.TrainingSlots,
            ["evaluation_runs"] = sizes.EvaluationRuns,
            ["evaluation_slots"] = sizes.EvaluationSlots,
            ["single_miner_tasks"] = new System.Text.Json.Nodes.JsonArray([.. sizes.SingleMinerTasks.Select(m => (System.Text.Json.Nodes.JsonNode?)m)]),
            ["multi_miners"] = new System.Text.Json.Nodes.JsonArray([.. sizes.MultiMiners.Select(n => (System.Text.Json.Nodes.JsonNode?)n)]),
            ["arrival_kbits"] = new System.Text.Json.Nodes.JsonArray([.. sizes.ArrivalKbits.Select(d => (System.Text.Json.Nodes.JsonNode?)d)]),
            ["parameters"] = parameters,
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>FNV-1a of the UTF-8 bytes: a hash that, unlike string.GetHashCode, is the same in every process.</summary>
    public static ulong StableHash(string text)
    {
        ulong hash = 14695981039346656037UL;
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }
}
