using System.Diagnostics;
using EdgeMine.Experiments;
using EdgeMine.IO;
using EdgeMine.Learning;
using EdgeMine.Model;
using EdgeMine.Policies;
using EdgeMine.Simulation;

namespace EdgeMine.Sweeps;

/// <summary>The result of one sweep cell: written atomically as <c>cells/INDEX-SLUG/result.json</c>.</summary>
public sealed record SweepCellResult
{
    public required int Index { get; init; }

    public required string Slug { get; init; }

    /// <summary>The cell's grid values (canonical text), by key.</summary>
    public required IReadOnlyDictionary<string, string> Values { get; init; }

    /// <summary><c>ok</c>, or <c>not-applicable</c> with <see cref="Reason"/> (e.g. a single-miner learner at N = 2).</summary>
    public required string Status { get; init; }

    public string? Reason { get; init; }

    /// <summary>The evaluated policy's name (the learner's or the baseline's); null when the cell only trains.</summary>
    public string? Policy { get; init; }

    /// <summary>How training went (<c>trained</c>, <c>resumed</c>, <c>already-complete</c>), or null when nothing was trained.</summary>
    public string? Training { get; init; }

    public double TrainingSeconds { get; init; }

    public double EvaluationSeconds { get; init; }

    public int Runs { get; init; }

    public long SlotsPerRun { get; init; }

    public ulong EvaluationSeed { get; init; }

    /// <summary>The cell's policy: metric name to mean and 95% CI over the evaluation runs.</summary>
    public IReadOnlyDictionary<string, MetricEstimate> Metrics { get; init; } = new Dictionary<string, MetricEstimate>();

    /// <summary>The baselines evaluated beside it on the same seeds, by name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, MetricEstimate>> Baselines { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, MetricEstimate>>();

    /// <summary>(R - R_random) / (R_optimal - R_random) of MODEL.md section 6, when random and optimal were both evaluated.</summary>
    public double? OptimalityRatio { get; init; }
}

/// <summary>
/// Runs a sweep's cells into an output directory: <c>sweep.json</c> (the canonical definition, which ties the directory
/// to one sweep), and per cell <c>cells/INDEX-SLUG/</c> with <c>model/</c> (the training directory),
/// <c>result.json</c> or <c>failed.json</c>. The cell store makes every run idempotent: done cells are skipped.
/// </summary>
public static class SweepRunner
{
    public const string DefinitionFile = "sweep.json";
    public const string CellsDirectory = "cells";
    public const string ResultFile = "result.json";
    public const string FailureFile = "failed.json";
    public const string ModelDirectory = "model";

    /// <summary>The cell store of <paramref name="outDirectory"/>, keyed by cell slug.</summary>
    public static CellStore<SweepCellResult> Store(string outDirectory) => new(
        slug => Path.Combine(outDirectory, CellsDirectory, slug, ResultFile),
        slug => Path.Combine(outDirectory, CellsDirectory, slug, FailureFile),
        UnitResult.Json);

    /// <summary>
    /// Writes the canonical definition into <paramref name="outDirectory"/>, or checks that the one there is the same:
    /// cells are found by index and slug, so a directory must never mix two sweeps.
    /// </summary>
    public static void Bind(SweepDefinition definition, string outDirectory)
    {
        ArgumentNullException.ThrowIfNull(definition);
        Directory.CreateDirectory(Path.Combine(outDirectory, CellsDirectory));
        string path = Path.Combine(outDirectory, DefinitionFile);
        string canonical = definition.ToCanonicalJson();
        if (File.Exists(path))
        {
            if (File.ReadAllText(path) != canonical)
            {
                throw new ConfigurationException($"--out {outDirectory}: holds another sweep ({DefinitionFile} differs from this file's grid and settings); choose another --out");
            }

            return;
        }

        AtomicFile.WriteAllText(path, canonical);
    }

    /// <summary>The definition stored in <paramref name="outDirectory"/> by a run or a submit.</summary>
    public static SweepDefinition LoadBound(string outDirectory)
    {
        string path = Path.Combine(outDirectory, DefinitionFile);
        if (!File.Exists(path))
        {
            throw new ConfigurationException($"{outDirectory}: no {DefinitionFile}; not the output directory of 'edgemine sweep run' or 'sweep submit'");
        }

        return SweepDefinition.Load(path);
    }

    /// <summary>Runs the given cells (those not done), at most <paramref name="jobs"/> at a time.</summary>
    public static CellRunSummary Run(
        SweepDefinition definition,
        IReadOnlyList<SweepCell> cells,
        string outDirectory,
        int jobs,
        Action<SweepCell, SweepCellResult?, CellFailure?>? finished = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        Bind(definition, outDirectory);
        return Store(outDirectory).Run(cells, c => c.Slug, (cell, token) => RunCell(definition, cell, outDirectory, token), jobs, finished, cancellation);
    }

    /// <summary>Trains (a learner, if the sweep says so) and evaluates one cell beside the sweep's baselines.</summary>
    public static SweepCellResult RunCell(SweepDefinition definition, SweepCell cell, string outDirectory, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(cell);
        var values = cell.Values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
        if (cell.Problem() is { } problem)
        {
            return new SweepCellResult { Index = cell.Index, Slug = cell.Slug, Values = values, Status = "not-applicable", Reason = problem };
        }

        string modelDirectory = Path.Combine(outDirectory, CellsDirectory, cell.Slug, ModelDirectory);
        string? training = null;
        double trainingSeconds = 0;
        if (cell.IsLearner && definition.Commands.Contains(SweepDefinition.Train))
        {
            var clock = Stopwatch.StartNew();
            // resume: a cell killed mid-training continues from its last checkpoint on the next run.
            var status = TrainingDirectory.Train(cell.TrainingConfiguration, modelDirectory, checkpointEvery: Math.Max(1, cell.TrainingSlots / 4), resume: true, cancellation: cancellation);
            training = status switch
            {
                TrainingStatus.Resumed => "resumed",
                TrainingStatus.AlreadyComplete => "already-complete",
                _ => "trained",
            };
            trainingSeconds = clock.Elapsed.TotalSeconds;
        }

        if (!definition.Commands.Contains(SweepDefinition.Evaluate))
        {
            return new SweepCellResult
            {
                Index = cell.Index, Slug = cell.Slug, Values = values, Status = "ok", Training = training, TrainingSeconds = trainingSeconds,
                Reason = cell.IsLearner ? null : "a baseline has nothing to train, and the sweep does not evaluate",
            };
        }

        IOffloadingPolicy policy = cell.IsLearner ? TrainingDirectory.Load(modelDirectory).Learner : cell.CreateBaseline();
        var evaluationClock = Stopwatch.StartNew();
        PolicySummary Evaluate(IOffloadingPolicy p) => PolicyEvaluation.Evaluate(
            cell.Parameters, cell.Environment, p, cell.EvaluationRuns, cell.EvaluationSlots, cell.EvaluationSeed, cancellation: cancellation);
        var summary = Evaluate(policy);
        var rewards = new Dictionary<string, double>(StringComparer.Ordinal) { [cell.Algorithm] = summary.Reward.Mean };
        var baselines = new Dictionary<string, IReadOnlyDictionary<string, MetricEstimate>>(StringComparer.Ordinal);
        foreach (string name in definition.Baselines.Where(b => b != cell.Algorithm))
        {
            var baseline = Evaluate(PolicyCatalog.CreateBaseline(name)!);
            baselines[name] = UnitResult.MetricsOf(baseline);
            rewards[name] = baseline.Reward.Mean;
        }

        double? ratio = rewards.TryGetValue("random", out double random) && rewards.TryGetValue("optimal", out double optimal)
            ? PolicyEvaluation.OptimalityRatio(summary.Reward.Mean, random, optimal)
            : null;
        return new SweepCellResult
        {
            Index = cell.Index,
            Slug = cell.Slug,
            Values = values,
            Status = "ok",
            Policy = policy.Name,
            Training = training,
            TrainingSeconds = trainingSeconds,
            EvaluationSeconds = evaluationClock.Elapsed.TotalSeconds,
            Runs = summary.Runs,
            SlotsPerRun = summary.SlotsPerRun,
            EvaluationSeed = cell.EvaluationSeed,
            Metrics = UnitResult.MetricsOf(summary),
            Baselines = baselines,
            OptimalityRatio = ratio is { } r && double.IsFinite(r) ? r : null,
        };
    }
}
