using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeMine.Cells;
using EdgeMine.Experiments;
using EdgeMine.Model;
using EdgeMine.Randomness;
using EdgeMine.Schemes;
using EdgeMine.Simulation;

namespace EdgeMine.Calibration;

/// <summary>
/// <c>edgemine calibrate</c> (MODEL.md section 12): under which of the constants the paper leaves unstated do its
/// claims hold? A Latin hypercube over the space, then Nelder-Mead (MathNet.Numerics) from the best points, each point
/// judged on Table II's claims and reported ratios (the objective) while Tables III and Figs. 5-7 are held out. The
/// learners are stood in for by the per-slot optimum, which they approximate (a claim comparing two learners cannot be
/// judged so). Every (point, setting) is a cell of the one cell pipeline, on common seeds: a killed calibration rerun
/// gives the same points.
/// </summary>
internal sealed class CalibrationSearch(CalibrationOptions options)
{
    /// <summary>The experiment the objective is fitted on.</summary>
    public static Experiment Fitted => MultiMinerTables.Table2;

    /// <summary>The experiments held out (Fig. 4's curves need real training and are left out).</summary>
    public static IReadOnlyList<Experiment> HeldOut { get; } = [MultiMinerTables.Table3, SingleMinerFigures.Fig5, SingleMinerFigures.Fig6, Fig7Privacy.Instance];

    /// <summary>The baselines evaluated beside the per-slot optimum in every cell.</summary>
    private static readonly BaselineScheme[] Beside = [BaselineScheme.Never, BaselineScheme.Always, BaselineScheme.GoodChannel, BaselineScheme.Random];

    public CalibrationOptions Options { get; } = options;

    private CellStore Store => new(Options.OutDirectory, ReproductionSchemes.Catalog);

    /// <summary>The settings of the fitted experiment.</summary>
    public IReadOnlyList<Setting> FittedSettings => Fitted.Settings(Options.Sizes.Settings);

    /// <summary>The settings of the held-out experiments, each once.</summary>
    public IReadOnlyList<Setting> HeldOutSettings =>
        HeldOut.SelectMany(e => e.Settings(Options.Sizes.Settings)).DistinctBy(s => s.Key).Where(s => FittedSettings.All(f => f.Key != s.Key)).ToArray();

    /// <summary>The calibration's configuration, bound to its directory: another space, size or seed is refused.</summary>
    public string Manifest
    {
        get
        {
            var parameters = ParameterCatalog.ToJson(Options.Parameters);

            var s = Options.Sizes;
            var root = new JsonObject
            {
                ["format"] = 1,
                ["preset"] = Options.Preset,
                ["seed"] = Options.Seed,
                ["latin_points"] = s.LatinPoints,
                ["starts"] = s.Starts,
                ["evaluations_per_start"] = s.EvaluationsPerStart,
                ["runs"] = s.Runs,
                ["slots"] = s.Slots,
            };
            s.Settings.AddSettingsTo(root);
            root["space"] = JsonNode.Parse(Options.Space.ToJson());
            root["parameters"] = parameters;
            return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
        }
    }

    /// <summary>The most cells the calibration runs, for progress.</summary>
    public long TotalCells
    {
        get
        {
            var s = Options.Sizes;
            long points = 1 + s.LatinPoints + ((long)s.Starts * s.EvaluationsPerStart);
            return points * (FittedSettings.Count + HeldOutSettings.Count);
        }
    }

    /// <summary>Runs the calibration (or continues it); <paramref name="progress"/> gets the cells done.</summary>
    public CalibrationResult Run(Action<long>? progress = null, CancellationToken cancellation = default)
    {
        using var binding = OutputDirectory.Bind(Options.OutDirectory, DirectoryKind.Calibration, Manifest, "--out", () => Store.AnyResult());
        long done = 0;
        void Evaluate(IReadOnlyList<CalibrationPoint> points, IReadOnlyList<Setting> settings)
        {
            var cells = points.SelectMany(p => settings.Select(s => Cell(p, s))).ToArray();
            var job = new Batch(this, cells);
            long before = done;
            CellJobs.Run(job, Options.Jobs, progress: p => progress?.Invoke(before + p.CellsDone), cancellation: cancellation);
            done = before + cells.Length;
            var failed = cells.Select(c => Store.TryReadFailure(c.Key)).OfType<CellFailure>().ToArray();
            if (cells.Any(c => Store.TryRead(c.Key) is null))
            {
                throw new IOException($"{cells.Count(c => Store.TryRead(c.Key) is null)} calibration cell(s) failed (retried by the next run){(failed.Length > 0 ? $": {failed[0].Error}: {failed[0].Message}" : "")}");
            }
        }

        var preset = new CalibrationPoint("preset", "preset", [], [], Options.Parameters);
        var latin = LatinPoints();
        Evaluate([preset, .. latin], FittedSettings);

        var scored = latin.Select(p => (Point: p, Objective: FittedObjective(p))).ToList();
        var refined = new List<CalibrationPoint>();
        var starts = scored.Where(s => double.IsFinite(s.Objective)).OrderBy(s => s.Objective).ThenBy(s => s.Point.Id, StringComparer.Ordinal).Take(Options.Sizes.Starts).ToArray();
        for (int s = 0; s < starts.Length; s++)
        {
            refined.AddRange(Refine(starts[s].Point, s + 1, points => Evaluate(points, FittedSettings)));
        }

        var all = new List<CalibrationPoint> { preset };
        all.AddRange(latin);
        all.AddRange(refined);
        Evaluate(all, HeldOutSettings);
        var outcomes = all.Select(Outcome).ToArray();
        var candidates = outcomes.Where(o => o.Point.Phase != "preset" && double.IsFinite(o.FittedObjective)).ToArray();
        var best = candidates.OrderBy(o => o.FittedObjective).ThenBy(o => o.Point.Id, StringComparer.Ordinal).FirstOrDefault() ?? outcomes[0];
        return new CalibrationResult(outcomes, best, outcomes[0]);
    }

    /// <summary>
    /// The Latin hypercube's points (<see cref="LatinHypercube"/>), drawn from the calibration's seed: a choice takes
    /// the share of its options that its coordinate falls in, so each option is tried about equally often.
    /// </summary>
    internal List<CalibrationPoint> LatinPoints()
    {
        var space = Options.Space;
        var random = new Xoshiro256(SeedMixer.Derive(Options.Seed, Reproduction.StableHash("calibration:latin")));
        var sample = LatinHypercube.Sample(Options.Sizes.LatinPoints, space.Ranges.Count + space.Choices.Count, random);
        var points = new List<CalibrationPoint>();
        for (int i = 0; i < sample.Length; i++)
        {
            double[] u = sample[i][..space.Ranges.Count];
            int[] choices = Enumerable.Range(0, space.Choices.Count)
                .Select(c => Math.Min(space.Choices[c].Options.Count - 1, (int)(sample[i][space.Ranges.Count + c] * space.Choices[c].Options.Count)))
                .ToArray();
            points.Add(Point(string.Create(CultureInfo.InvariantCulture, $"l{i:D4}"), "latin", u, choices));
        }

        return points;
    }

    private CalibrationPoint Point(string id, string phase, double[] u, int[] choices) =>
        new(id, phase, u, choices, Options.Space.At(Options.Parameters, u, choices));

    /// <summary>
    /// Nelder-Mead (<see cref="NelderMead"/>) over the start's range coordinates, its choices fixed. Every evaluation is
    /// a point of its own (<c>r1-000</c>, ...), so that a rerun reads them back and walks the same path.
    /// </summary>
    private List<CalibrationPoint> Refine(CalibrationPoint start, int index, Action<IReadOnlyList<CalibrationPoint>> evaluate)
    {
        var points = new List<CalibrationPoint>();
        NelderMead.Minimize(start.U, Options.Sizes.EvaluationsPerStart, u =>
        {
            var point = Point(string.Create(CultureInfo.InvariantCulture, $"r{index}-{points.Count:D3}"), "refined", u, start.Choices);
            points.Add(point);
            evaluate([point]);
            double objective = FittedObjective(point);
            return double.IsFinite(objective) ? objective : 1e6;
        });
        return points;
    }

    /// <summary>The cell of a point at a setting: the per-slot optimum with the simple baselines beside it, on the setting's common seeds.</summary>
    private CellSpec Cell(CalibrationPoint point, Setting setting) => new(
        Key: CellKey(point, setting),
        Scheme: BaselineScheme.Optimal,
        Preset: Options.Preset,
        Parameters: ParameterCatalog.Validate(setting.Apply(point.Parameters)),
        Settings: setting.Environment)
    {
        Baselines = Beside,
        Values = setting.Values,
        Evaluation = new EvaluationPlan(Options.Sizes.Runs, Options.Sizes.Slots, Reproduction.EvaluationSeed(Options.Seed, setting)),
    };

    private static string CellKey(CalibrationPoint point, Setting setting) => $"{point.Id}__{setting.Key}";

    /// <summary>
    /// The rows of an experiment at a point: each baseline's own evaluation, and every learner (and the optimum)
    /// one and the same row of the per-slot optimum, so that comparing two of them is "not evaluated".
    /// </summary>
    internal ExperimentResults StandIn(Experiment experiment, CalibrationPoint point)
    {
        var settings = experiment.Settings(Options.Sizes.Settings);
        var rows = new List<ResultRow>();
        foreach (var setting in settings)
        {
            var shape = new RunShape(setting.Miners * setting.Tasks, point.Parameters.SlotSeconds);
            var cell = Store.TryRead(CellKey(point, setting));
            IReadOnlyList<CellResult> optimum = cell is null ? [] : [cell];
            foreach (var scheme in experiment.Schemes)
            {
                if (scheme.IsLearner || scheme.Equals(BaselineScheme.Optimal))
                {
                    rows.Add(new ResultRow(setting, scheme, optimum, shape, "stood in for by the per-slot optimum"));
                    continue;
                }

                var evaluation = cell?.Evaluations.FirstOrDefault(e => e.Scheme.Equals(scheme));
                rows.Add(evaluation is null
                    ? new ResultRow(setting, scheme, [], shape, "not evaluated in a calibration")
                    : new ResultRow(setting, scheme, [cell! with { Scheme = scheme, Evaluations = [evaluation] }], shape));
            }
        }

        return new ExperimentResults(experiment, settings, rows);
    }

    /// <summary>The point's claims and objectives.</summary>
    internal PointOutcome Outcome(CalibrationPoint point)
    {
        var fittedResults = StandIn(Fitted, point);
        var fitted = Fitted.Claims(fittedResults);
        var heldOut = new List<Claim>();
        double heldOutObjective = 0;
        foreach (var experiment in HeldOut)
        {
            var results = StandIn(experiment, point);
            var claims = experiment.Claims(results);
            heldOut.AddRange(claims);
            heldOutObjective += claims.Sum(Hinge) + Objective.RatioErrors(results);
        }

        return new PointOutcome(point, fitted, heldOut, fitted.Sum(Hinge) + Objective.RatioErrors(fittedResults), heldOutObjective);
    }

    /// <summary>The fitted objective of a point whose fitted cells are done.</summary>
    private double FittedObjective(CalibrationPoint point)
    {
        var results = StandIn(Fitted, point);
        return Fitted.Claims(results).Sum(Hinge) + Objective.RatioErrors(results);
    }

    /// <summary>
    /// A claim's hinge (MODEL.md section 12): how far the lower end of its deciding 95% interval falls short of the
    /// claim's side, for a margin in percent as a fraction (0 once the whole interval lies on the claim's side); 1 for a
    /// trend whose interval reaches the wrong side; nothing for a claim that cannot be judged here.
    /// </summary>
    internal static double Hinge(Claim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        if (claim.Outcome == ClaimOutcome.NotEvaluated || claim.Ours is not { } margin)
        {
            return 0;
        }

        double low = margin.HasBounds ? margin.Low : margin.Mean;
        return claim.Measure.Contains('%', StringComparison.Ordinal) ? Math.Max(0, -low) / 100 : low > 0 ? 0 : 1;
    }

    /// <summary>One batch of a calibration's cells, bound to its directory.</summary>
    private sealed class Batch(CalibrationSearch calibration, IReadOnlyList<CellSpec> cells) : ICellJob
    {
        public DirectoryKind Kind => DirectoryKind.Calibration;

        public string Manifest => calibration.Manifest;

        public string OutDirectory => calibration.Options.OutDirectory;

        public SchemeCatalog Catalog => ReproductionSchemes.Catalog;

        public IReadOnlyList<CellSpec> Cells { get; } = cells;

        public long Weight(CellSpec cell) => 1 + (cell.Settings.Miners * cell.Settings.TasksPerMiner);
    }
}
