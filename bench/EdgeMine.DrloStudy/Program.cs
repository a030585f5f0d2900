// The DRLO study of issue 13 (docs/drlo.md): trains S seeds of one configuration, evaluates each on common evaluation
// seeds beside NO, EO, GO, Random and the per-slot optimum, and prints headroom captured over the best rule, regret per
// task, reward, fraction offloaded and training time. Every row of docs/drlo.md is one invocation; see --help.
using System.Diagnostics;
using EdgeMine.Training;
using ScottPlot; // the Multiplot extension methods

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
try
{
    return args.Length > 0 && args[0] == "plot" ? Study.Plot(args[1..])
        : args.Length > 0 && args[0] == "optimum-speed" ? Study.OptimumSpeed(args[1..])
        : Study.Run(args);
}
catch (Exception e) when (e is ArgumentException or EdgeMine.ConfigurationException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

internal static class Study
{
    private const string Help = """
        study [options]            train and evaluate one configuration
          --miners N (5) --tasks M (2) --beta B (0.5) --seeds S (5) --first-seed F (1) --slots T (10000)
          --runs R (20) --eval-slots L (1000) --eval-seed E (1000) --algo A (drlo) --variant V (default)
          --learner key=value (repeatable) --preset P (calibrated) --set key=value (repeatable, a config override)
          --csv FILE (append one summary row) --label TEXT --diagnose (print one slot's Q-values, default variant)
        optimum-speed --miners N --tasks M --beta B --slots T   per-slot time of the optimum's exact search
        plot --csv FILE --out PNG [--label L]                     headroom and training time against N
        """;

    public static int Run(string[] args)
    {
        var o = Options.Parse(args);
        if (o.Has("help"))
        {
            Console.WriteLine(Help);
            return 0;
        }

        int miners = o.Int("miners", 5), tasks = o.Int("tasks", 2), seeds = o.Int("seeds", 5), runs = o.Int("runs", 20);
        int firstSeed = o.Int("first-seed", 1);
        double beta = o.Double("beta", 0.5);
        long slots = o.Int("slots", 10_000), evalSlots = o.Int("eval-slots", 1000);
        ulong evalSeed = (ulong)o.Int("eval-seed", 1000);
        string preset = o.Text("preset", Presets.Names[0]);
        var parameters = Presets.Find(preset) ?? throw new ArgumentException($"--preset {preset}: unknown; allowed: {string.Join(", ", Presets.Names)}");
        foreach (string assignment in o.All("set"))
        {
            var (key, value) = Options.KeyValue(assignment, "--set");
            parameters = ParameterCatalog.Apply(parameters, key, value, $"--set {assignment}");
        }

        parameters = ParameterCatalog.Validate(parameters);
        var settings = new EnvironmentSettings { Miners = miners, TasksPerMiner = tasks, Beta = beta };
        var learnerOptions = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (string assignment in o.All("learner"))
        {
            var (key, value) = Options.KeyValue(assignment, "--learner");
            learnerOptions[key] = value;
        }

        var algorithm = SchemeCatalog.Full.Algorithm(o.Text("algo", DrloAlgorithm.Instance.Name), "--algo");
        var scheme = new LearnerScheme(algorithm, o.Text("variant", LearnerAlgorithm.DefaultVariant));
        string label = o.Text("label", $"{scheme.Name} {string.Join(' ', learnerOptions.Select(p => $"{p.Key}={p.Value}"))}".Trim());
        Console.WriteLine($"# {label}: preset {preset}{string.Concat(o.All("set").Select(s => " " + s))}, N = {miners}, M = {tasks}, beta = {beta}, {seeds} seeds x {slots} slots, evaluation {runs} runs x {evalSlots} slots (seed {evalSeed})");

        // The yardsticks (MODEL.md section 6), on the common evaluation seeds: the rules of thumb and the optimum.
        var rules = BaselineScheme.Simple.ToDictionary(b => b.Name, b => PolicyEvaluation.Evaluate(parameters, settings, b.Create(), runs, evalSlots, evalSeed));
        var clock = Stopwatch.StartNew();
        var optimum = PolicyEvaluation.Evaluate(parameters, settings, BaselineScheme.Optimal.Create(), runs, evalSlots, evalSeed);
        double optimumSeconds = clock.Elapsed.TotalSeconds;
        var best = rules.MaxBy(r => r.Value.Reward.Mean);
        double rOpt = optimum.Reward.Mean, rBase = best.Value.Reward.Mean;
        foreach (var (name, summary) in rules)
        {
            Console.WriteLine($"  {name,-8} reward {summary.Reward.Mean,10:F4} ± {summary.Reward.HalfWidth:F4}  offloaded {Offloaded(summary).Mean:P2}");
        }

        Console.WriteLine($"  optimal  reward {rOpt,10:F4} ± {optimum.Reward.HalfWidth:F4}  offloaded {Offloaded(optimum).Mean:P2}  ({optimumSeconds / (runs * evalSlots) * 1e3:F3} ms per slot)");
        Console.WriteLine($"  best rule: {best.Key} ({rBase:F4}); headroom R_opt - R_best = {rOpt - rBase:F4} per slot");

        var headroom = new List<double>();
        var regret = new List<double>();
        var rewards = new List<double>();
        var offloaded = new List<double>();
        var trainSeconds = new List<double>();
        var pairedGain = new List<double>(); // learner minus best rule, per evaluation run, over all seeds
        for (int s = firstSeed; s < firstSeed + seeds; s++)
        {
            var configuration = new TrainingConfiguration
            {
                Learner = scheme,
                LearnerOptions = learnerOptions,
                Preset = preset,
                Parameters = parameters,
                Settings = settings,
                Slots = slots,
                Seed = (ulong)s,
            };
            if (configuration.Problem() is { } problem)
            {
                throw new ArgumentException(problem);
            }

            // As edgemine train does it (TrainingDirectory.Train calls the same Trainer.Train), without the files.
            var learner = configuration.CreateLearner();
            clock.Restart();
            Trainer.Train(parameters, settings, learner, new TrainingOptions { Slots = slots, Seed = (ulong)s });
            double seconds = clock.Elapsed.TotalSeconds;
            if (o.Has("diagnose") && learner is SharedDqn shared)
            {
                Diagnose(parameters, settings, shared);
            }

            var summary = PolicyEvaluation.Evaluate(parameters, settings, learner, runs, evalSlots, evalSeed);
            double r = summary.Reward.Mean;
            double h = Yardsticks.Ratio(r, rBase, rOpt);
            double g = (rOpt - r) / (miners * tasks);
            headroom.Add(h);
            regret.Add(g);
            rewards.Add(r);
            offloaded.Add(Offloaded(summary).Mean);
            trainSeconds.Add(seconds);
            for (int run = 0; run < runs; run++)
            {
                pairedGain.Add(summary.PerRun[Metrics.Reward][run] - best.Value.PerRun[Metrics.Reward][run]);
            }

            Console.WriteLine($"  seed {s}: reward {r,10:F4}  headroom {h,7:F3}  regret/task {g:F5}  offloaded {Offloaded(summary).Mean:P2}  train {seconds:F1} s ({seconds / slots * 1e3:F3} ms/slot)");
        }

        var H = Estimate.Of([.. headroom]);
        var G = Estimate.Of([.. regret]);
        var R = Estimate.Of([.. rewards]);
        var F = Estimate.Of([.. offloaded]);
        var T = Estimate.Of([.. trainSeconds]);
        var P = Estimate.Of([.. pairedGain]);
        Console.WriteLine($"  => headroom {H.Mean:F3} ± {H.HalfWidth:F3} over {best.Key}; regret/task {G.Mean:F5} ± {G.HalfWidth:F5}; reward {R.Mean:F4} ± {R.HalfWidth:F4}; offloaded {F.Mean:P2} (optimum {Offloaded(optimum).Mean:P2}); train {T.Mean:F1} ± {T.HalfWidth:F1} s ({T.Mean / slots * 1e3:F3} ms/slot); learner - {best.Key} per run {P.Mean:F4} ± {P.HalfWidth:F4}");

        if (o.TextOrNull("csv") is { } csv)
        {
            bool header = !File.Exists(csv);
            using var writer = new StreamWriter(csv, append: true);
            if (header)
            {
                writer.WriteLine("label,preset,overrides,miners,tasks,beta,seeds,slots,runs,eval_slots,r_opt,best_rule,r_best,r_learner,headroom,headroom_ci,regret_per_task,regret_ci,offloaded,offloaded_opt,train_s,train_s_ci,ms_per_slot,optimum_ms_per_slot");
            }

            writer.WriteLine(string.Join(',',
                Quote(label), preset, Quote(string.Join(' ', o.All("set"))), miners, tasks, beta, seeds, slots, runs, evalSlots,
                rOpt.ToString("R"), best.Key, rBase.ToString("R"), R.Mean.ToString("R"), H.Mean.ToString("R"), H.HalfWidth.ToString("R"),
                G.Mean.ToString("R"), G.HalfWidth.ToString("R"), F.Mean.ToString("R"), Offloaded(optimum).Mean.ToString("R"),
                T.Mean.ToString("R"), T.HalfWidth.ToString("R"), (T.Mean / slots * 1e3).ToString("R"), (optimumSeconds / (runs * evalSlots) * 1e3).ToString("R")));
        }

        return 0;
    }

    private static Estimate Offloaded(PolicySummary summary) => summary[Metrics.OffloadedFraction];

    /// <summary>One evaluation slot: the good-channel tasks by data, with the learner's Q-values and the optimum's choice.</summary>
    private static void Diagnose(ModelParameters parameters, EnvironmentSettings settings, SharedDqn learner)
    {
        var environment = new MiningEnvironment(parameters, settings);
        environment.Reset(12345);
        var action = new double[environment.Model.Tasks];
        var optimal = new double[environment.Model.Tasks];
        learner.Act(environment, action);
        new PerSlotOptimum().Act(environment, optimal);
        var q = learner.LastQValues;
        int m = settings.TasksPerMiner;
        var rows = Enumerable.Range(0, environment.Model.Tasks)
            .Select(i => (Task: i, Good: environment.ChannelGood[i / m], Data: environment.ArrivedBits[i] + environment.BufferedBits[i]))
            .OrderByDescending(r => r.Good).ThenByDescending(r => r.Data).ToList();
        Console.WriteLine($"    diagnose: learner offloads {action.Sum()}, optimum {optimal.Sum()}; by channel then data:");
        for (int j = 0; j < rows.Count; j++)
        {
            if (j < 16 || (j % Math.Max(1, rows.Count / 12)) == 0)
            {
                var r = rows[j];
                Console.WriteLine($"      #{j,4} good {(r.Good ? 1 : 0)} data {r.Data / 1e5:F3}  Q(local) {q[2 * r.Task],8:F3}  Q(offload) {q[(2 * r.Task) + 1],8:F3}  learner {action[r.Task]}  optimum {optimal[r.Task]}");
            }
        }
    }

    /// <summary>
    /// Time per slot of the per-slot optimum's exact search. (Its comparison with the scored search it replaced, which
    /// the library keeps internal, was measured with this harness at commit ae02aa8, before issue 23; docs/drlo.md.)
    /// </summary>
    public static int OptimumSpeed(string[] args)
    {
        var o = Options.Parse(args);
        int miners = o.Int("miners", 1000), tasks = o.Int("tasks", 2), slots = o.Int("slots", 20);
        double beta = o.Double("beta", 0.5);
        var environment = new MiningEnvironment(Presets.Calibrated, new EnvironmentSettings { Miners = miners, TasksPerMiner = tasks, Beta = beta });
        var optimum = new PerSlotOptimum();
        var action = new double[environment.Model.Tasks];
        environment.Reset(1);
        double seconds = 0;
        for (int t = 0; t < slots; t++)
        {
            var clock = Stopwatch.StartNew();
            optimum.Act(environment, action);
            seconds += clock.Elapsed.TotalSeconds;
            environment.Step(action);
        }

        Console.WriteLine($"per-slot optimum, N = {miners}, M = {tasks}, beta = {beta}, {slots} slots: exact search {seconds / slots * 1e3:F3} ms per slot");
        return 0;
    }

    /// <summary>Headroom captured and training time against N, from the rows of a study CSV (one series per beta).</summary>
    public static int Plot(string[] args)
    {
        var o = Options.Parse(args);
        string csv = o.Text("csv", "docs/drlo-study.csv"), png = o.Text("out", "docs/drlo-scaling.png");
        string? only = o.TextOrNull("label");
        var lines = File.ReadAllLines(csv);
        string[] header = Split(lines[0]);
        int Col(string name) => Array.IndexOf(header, name);
        var rows = lines.Skip(1).Select(Split).Where(r => only is null || r[Col("label")] == only).ToList();
        var multiplot = new ScottPlot.Multiplot();
        multiplot.AddPlots(2);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
        var left = multiplot.GetPlot(0);
        var right = multiplot.GetPlot(1);
        var colors = new[] { ScottPlot.Colors.Blue, ScottPlot.Colors.OrangeRed };
        int c = 0;
        foreach (var group in rows.GroupBy(r => r[Col("beta")]).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var ordered = group.OrderBy(r => int.Parse(r[Col("miners")], CultureInfo.InvariantCulture)).ToList();
            double[] n = [.. ordered.Select(r => Math.Log10(double.Parse(r[Col("miners")], CultureInfo.InvariantCulture)))];
            double[] h = [.. ordered.Select(r => double.Parse(r[Col("headroom")], CultureInfo.InvariantCulture))];
            double[] hci = [.. ordered.Select(r => double.Parse(r[Col("headroom_ci")], CultureInfo.InvariantCulture))];
            double[] t = [.. ordered.Select(r => Math.Log10(double.Parse(r[Col("train_s")], CultureInfo.InvariantCulture)))];
            var color = colors[c++ % colors.Length];
            var line = left.Add.Scatter(n, h, color);
            line.LegendText = $"beta {group.Key}";
            var bars = left.Add.ErrorBar(n, h, hci);
            bars.Color = color;
            var time = right.Add.Scatter(n, t, color);
            time.LegendText = $"beta {group.Key}";
        }

        var ticks = new ScottPlot.TickGenerators.NumericManual();
        var timeTicks = new ScottPlot.TickGenerators.NumericManual();
        foreach (double n in new[] { 1, 5, 10, 100, 1000 })
        {
            ticks.AddMajor(Math.Log10(n), n.ToString(CultureInfo.InvariantCulture));
        }

        foreach (double s in new[] { 1, 10, 60, 120, 600 })
        {
            timeTicks.AddMajor(Math.Log10(s), s.ToString(CultureInfo.InvariantCulture));
        }

        left.Axes.Bottom.TickGenerator = ticks;
        right.Axes.Bottom.TickGenerator = ticks;
        right.Axes.Left.TickGenerator = timeTicks;
        left.Title("Headroom captured over the best rule");
        left.XLabel("miners N (log scale)");
        left.YLabel("(R - R_best rule) / (R_opt - R_best rule)");
        left.Add.HorizontalLine(0.5, color: ScottPlot.Colors.Gray, pattern: ScottPlot.LinePattern.Dashed);
        left.Add.HorizontalLine(0.3, color: ScottPlot.Colors.LightGray, pattern: ScottPlot.LinePattern.Dotted);
        right.Title("Training time, 10,000 slots, one core");
        right.XLabel("miners N (log scale)");
        right.YLabel("seconds (log scale)");
        right.Add.HorizontalLine(Math.Log10(120), color: ScottPlot.Colors.Gray, pattern: ScottPlot.LinePattern.Dashed);
        right.Add.HorizontalLine(Math.Log10(600), color: ScottPlot.Colors.LightGray, pattern: ScottPlot.LinePattern.Dotted);
        left.ShowLegend(ScottPlot.Alignment.LowerLeft);
        right.ShowLegend(ScottPlot.Alignment.UpperLeft);
        multiplot.SavePng(png, 1200, 450);
        Console.WriteLine($"wrote {png} from {rows.Count} rows of {csv}");
        return 0;
    }

    private static string Quote(string text) => text.Contains(',', StringComparison.Ordinal) ? $"\"{text}\"" : text;

    private static string[] Split(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        bool quoted = false;
        foreach (char ch in line)
        {
            if (ch == '"')
            {
                quoted = !quoted;
            }
            else if (ch == ',' && !quoted)
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(ch);
            }
        }

        fields.Add(current.ToString());
        return [.. fields];
    }
}

/// <summary>--key value pairs; repeatable keys keep every value.</summary>
internal sealed class Options
{
    private readonly List<(string Key, string Value)> _pairs = [];

    public static Options Parse(string[] args)
    {
        var options = new Options();
        for (int i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"{args[i]}: expected --key value");
            }

            string key = args[i][2..];
            string value = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
            options._pairs.Add((key, value));
        }

        return options;
    }

    /// <summary>Splits <c>key=value</c> at its first '='.</summary>
    public static (string Key, string Value) KeyValue(string assignment, string option)
    {
        int eq = assignment.IndexOf('=', StringComparison.Ordinal);
        return eq > 0 ? (assignment[..eq].Trim(), assignment[(eq + 1)..].Trim()) : throw new ArgumentException($"{option} {assignment}: allowed: key=value");
    }

    public bool Has(string key) => _pairs.Any(p => p.Key == key);

    public IEnumerable<string> All(string key) => _pairs.Where(p => p.Key == key).Select(p => p.Value);

    public string? TextOrNull(string key) => _pairs.LastOrDefault(p => p.Key == key).Value;

    public string Text(string key, string fallback) => TextOrNull(key) ?? fallback;

    public int Int(string key, int fallback) =>
        TextOrNull(key) is { } v ? int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out int x) ? x : throw new ArgumentException($"--{key} {v}: not an integer") : fallback;

    public double Double(string key, double fallback) =>
        TextOrNull(key) is { } v ? double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) ? x : throw new ArgumentException($"--{key} {v}: not a number") : fallback;
}
