using System.Diagnostics;
using EdgeMine.Learning;
using EdgeMine.Policies;
using EdgeMine.Schemes;
using EdgeMine.Simulation;
using EdgeMine.Training;

namespace EdgeMine.Cells;

/// <summary>
/// Runs one cell, whatever job it belongs to: trains its learner (resuming from a checkpoint when a killed run left
/// one), then evaluates it and its baselines on the same seeds. A scheme that cannot run at the cell's setting gives a
/// <see cref="CellStatus.NotApplicable"/> result with the reason, not an error.
/// </summary>
public static class CellRunner
{
    /// <summary>Checkpoints per training run: a killed cell loses at most a quarter of its training.</summary>
    public const int CheckpointsPerTraining = 4;

    public static CellResult Run(CellSpec spec, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        IOffloadingPolicy policy;
        TrainingStatus? training = null;
        double trainingSeconds = 0;
        IReadOnlyDictionary<string, double>? predicted = null;
        if (spec.Scheme is LearnerScheme learner)
        {
            var configuration = spec.TrainingConfiguration!;
            if (configuration.Problem() is { } problem)
            {
                return CellResult.NotApplicable(spec, problem);
            }

            if (spec.Training is { } plan)
            {
                var clock = Stopwatch.StartNew();
                long checkpointEvery = Math.Max(1, plan.Slots / CheckpointsPerTraining);
                training = TrainingDirectory.Train(configuration, plan.Directory, checkpointEvery, resume: true, cancellation: cancellation);
                trainingSeconds = clock.Elapsed.TotalSeconds;
            }

            if (spec.Evaluation is null)
            {
                return Result(spec, training, trainingSeconds, 0, []);
            }

            string directory = spec.Training?.Directory ?? spec.ModelDirectory
                ?? throw new InvalidOperationException($"cell {spec.Key}: a learner cell needs a training plan or a model directory");
            var trained = TrainingDirectory.LoadModel(configuration, directory);
            predicted = (trained as IPredictsAverages)?.PredictedAverages;
            policy = trained;
        }
        else if (spec.Evaluation is null)
        {
            return Result(spec, null, 0, 0, []) with { Reason = "a baseline has nothing to train, and the cell does not evaluate" };
        }
        else
        {
            policy = ((BaselineScheme)spec.Scheme).Create();
        }

        var evaluation = spec.Evaluation;
        var evaluationClock = Stopwatch.StartNew();
        PolicySummary Evaluate(IOffloadingPolicy p) => PolicyEvaluation.Evaluate(
            spec.Parameters, spec.Settings, p, evaluation.Runs, evaluation.Slots, evaluation.Seed, cancellation: cancellation);
        var evaluations = new List<SchemeEvaluation> { SchemeEvaluation.From(spec.Scheme, Evaluate(policy), predicted) };
        foreach (var baseline in spec.Baselines.Where(b => !b.Equals(spec.Scheme)))
        {
            evaluations.Add(SchemeEvaluation.From(baseline, Evaluate(baseline.Create())));
        }

        return Result(spec, training, trainingSeconds, evaluationClock.Elapsed.TotalSeconds, evaluations) with
        {
            Runs = evaluation.Runs,
            SlotsPerRun = evaluation.Slots,
            EvaluationSeed = evaluation.Seed,
        };
    }

    private static CellResult Result(CellSpec spec, TrainingStatus? training, double trainingSeconds, double evaluationSeconds, IReadOnlyList<SchemeEvaluation> evaluations) => new()
    {
        Key = spec.Key,
        Scheme = spec.Scheme,
        Status = CellStatus.Ok,
        Values = spec.Values,
        Configuration = CellConfiguration.Of(spec),
        Training = training,
        TrainingSeed = spec.Training?.Seed,
        TrainingSeconds = trainingSeconds,
        EvaluationSeconds = evaluationSeconds,
        Evaluations = evaluations,
    };
}
