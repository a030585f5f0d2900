using EdgeMine.Reporting;
using EdgeMine.Schemes;
using EdgeMine.Simulation;

namespace EdgeMine.Experiments;

/// <summary>
/// Beyond the paper (issue 13): how each learner's headroom captured over the best rule of thumb (MODEL.md section 6)
/// changes with the number of miners, N = 1 to 1,000 (M = 2, beta 0.5), for every DRLO variant and RLO, judged by the
/// claim "DRLO beats the best rule of thumb at every N". A learner whose cost outgrows the run at some N is not run
/// there, and says so.
/// </summary>
internal sealed class ScalingExperiment : Experiment
{
    /// <summary>The paper-faithful DQN's joint head has 2^(N M) outputs: it runs only while that is at most this many.</summary>
    public const int JointActionLimit = 4096;

    /// <summary>
    /// The branching head's network grows with N: beyond this N its five trainings cost minutes each, more than the
    /// rest of the reproduction (docs/drlo.md measures it at N = 100: headroom -8 to -2).
    /// </summary>
    public const int BranchingMaxMiners = 10;

    /// <summary>Evaluation runs at most: the reward of a slot of N miners averages N M tasks, so few runs suffice.</summary>
    public const int MaxEvaluationRuns = 20;

    /// <summary>Task-slots per run kept about constant as N grows: the slots per run shrink with N, to no fewer than 100.</summary>
    public const long MinEvaluationSlots = 100;

    public static ScalingExperiment Instance { get; } = new();

    public override string Name => "scaling";

    public override string Title => "Beyond the paper: headroom captured against N";

    // The fractional optimum is left out: its search costs O((N M)^2) per slot, and headroom does not need it.
    public override IReadOnlyList<Scheme> Schemes { get; } =
    [
        ReproductionSchemes.DrloShared, ReproductionSchemes.DrloBranching, ReproductionSchemes.DrloPaper, ReproductionSchemes.Rlo,
        BaselineScheme.Never, BaselineScheme.Always, BaselineScheme.GoodChannel, BaselineScheme.Random, BaselineScheme.Optimal,
    ];

    protected override IReadOnlyList<Metric> CsvMetrics { get; } = [Metrics.Reward, Metrics.Cost, Metrics.Privacy, Metrics.OffloadedFraction];

    public override IReadOnlyList<Setting> Settings(ReproductionSizes sizes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        return sizes.ScalingMiners.Select(n => new Setting(n, 2, 0.5)).ToArray();
    }

    /// <summary>
    /// Fewer runs and slots as N grows (a slot of 1,000 miners averages 2,000 tasks, and the learners' greedy step and
    /// the optimum cost about a millisecond there): at most 20 runs, and slots per run scaled by 10 / N.
    /// </summary>
    public override (int Runs, long Slots) Evaluation(ReproductionSizes sizes, Setting setting)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        ArgumentNullException.ThrowIfNull(setting);
        long slots = Math.Clamp(sizes.EvaluationSlots * 10 / setting.Miners, Math.Min(MinEvaluationSlots, sizes.EvaluationSlots), sizes.EvaluationSlots);
        return (Math.Min(sizes.EvaluationRuns, MaxEvaluationRuns), slots);
    }

    public override string? NotRun(Setting setting, Scheme scheme)
    {
        ArgumentNullException.ThrowIfNull(setting);
        int tasks = setting.Miners * setting.Tasks;
        if (scheme.Equals(ReproductionSchemes.DrloPaper) && (tasks > 12 || (1 << tasks) > JointActionLimit))
        {
            return FormattableString.Invariant($"the joint head has 2^{tasks} outputs; allowed: at most {JointActionLimit}");
        }

        return scheme.Equals(ReproductionSchemes.DrloBranching) && setting.Miners > BranchingMaxMiners
            ? FormattableString.Invariant($"its network grows with N; run here up to N = {BranchingMaxMiners} (docs/drlo.md)")
            : null;
    }

    public override ExperimentOutput Assemble(ExperimentResults results, OutputContext output)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(output);
        string csv = WriteCsv(results, output);
        var standings = Standings(results);
        var figures = new[]
        {
            Plots.Save(output.FiguresDirectory, Name, "scaling_headroom", "Headroom captured over the best rule of thumb against N (M = 2, beta = 0.5)", Plots.Headroom(results, standings)),
        };
        var claims = Judged(results, output.Evidence);
        var columns = new List<ReportColumn> { Ours(Metrics.Reward), Ours(Metrics.OffloadedFraction), Ours(Metrics.Cost), Ours(Metrics.Privacy) };
        return new ExperimentOutput([csv], figures, claims, standings, Section(results, figures, columns, claims, standings));
    }

    /// <summary>
    /// EdgeMine's shared DQN (model-assisted) above the best of NO, EO, Random and GO at every N, on paired rewards: a
    /// claim of ours, beyond the paper.
    /// </summary>
    public override IReadOnlyList<Claim> Claims(ExperimentResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var context = new ClaimContext(results);
        string statement = $"{ReproductionSchemes.DrloShared.Label}, {ReproductionSchemes.Knowledge(ReproductionSchemes.DrloShared)}, beats the best rule of thumb (the best of NO, EO, Random and GO) at every N";
        if (results.Settings.Count == 0)
        {
            return [context.NotEvaluated(statement, "the experiment has no settings")];
        }

        var parts = results.Settings.Select(setting => results.References(setting).BestBaseline is { } best
                ? context.Compare(setting, ReproductionSchemes.DrloShared, best, Metrics.Reward, Direction.Above, label: FormattableString.Invariant($"N={setting.Miners}"))
                : ClaimPart.NotEvaluated(FormattableString.Invariant($"N={setting.Miners}: no simple baseline ran")))
            .ToArray();
        return [context.FromParts("scaling.shared-beats-rules", statement, parts, "relative: the shared DQN's reward above the best rule's, in % of |the rule's| (the closest N)", "") with { FromPaper = false }];
    }
}
