// The measurements of docs/sequential.md (issue 22) that evaluate does not print: the MDP optimum's grid error, the
// share of slots in which each thing carries over, the lookahead's tuning trail, and the references table built from
// evaluate's JSON files. See --help; every figure of docs/sequential.md names the invocation that printed it.
using System.Diagnostics;
using System.Text.Json;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
try
{
    return args.Length == 0 || args[0] is "--help" or "-h" ? Study.Usage()
        : args[0] == "grid" ? Study.Grid(Options.Parse(args[1..]))
        : args[0] == "carry" ? Study.Carry(Options.Parse(args[1..]))
        : args[0] == "tuning" ? Study.Tuning(Options.Parse(args[1..]))
        : args[0] == "table" ? Study.Table(args[1..])
        : throw new ArgumentException($"unknown study '{args[0]}'; allowed: grid, carry, tuning, table");
}
catch (Exception e) when (e is ArgumentException or EdgeMine.ConfigurationException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

internal static class Study
{
    private const string Help = """
        grid   [model] --tasks M [--beta B] [--runs R (5)] [--slots T (4000)]
               the MDP optimum on its grid and on refined ones (half the step, more arrival points (twice the
               samples, or twice the midpoints per task), another sample set, a looser tolerance): solve time, DP gain, and the policy's mean reward on evaluate's seeds
        carry  [model] --miners N --tasks M [--beta B] --policy a,b,... [--runs R (5)] [--slots T (2000)]
               per policy, its reward and paired difference to the first policy listed, the share of slots in which
               a cap binds (data left in D0), D0 > 0 and Q > 0 at the start, and the mean backlog
        tuning [model] --miners N --tasks M [--beta B]
               the lookahead's tuning trail: every candidate price and its mean reward on the tuning seed
        table  FILE.json...
               one markdown row per evaluate --json file: the mean reward (and half-width of its 95% interval over
               runs) of NO, GO, EO, Random, the per-slot optimum, the lookahead, the MDP optimum and the bound
        [model] = [--preset P (calibrated)] [--config FILE] [--set key=value]...
        """;

    public static int Usage()
    {
        Console.WriteLine(Help);
        return 0;
    }

    public static int Grid(Options o)
    {
        var (parameters, settings) = o.Instance(defaultMiners: 1);
        int runs = o.Int("runs", 5);
        long slots = o.Int("slots", 4000);
        var basis = MdpGrid.Default;
        (string Name, MdpGrid Grid)[] grids =
        [
            ("default", basis),
            ("half step", basis with { BacklogStepsPerCapacity = 2 * basis.BacklogStepsPerCapacity, BufferStepsPerMeanArrival = 2 * basis.BufferStepsPerMeanArrival, MaxPoints = 4 * basis.MaxPoints }),
            ("twice the samples", basis with { Samples = 2 * basis.Samples, BufferSamples = 4 * basis.BufferSamples }),
            ("other samples", basis with { SampleSet = 1 }),
            ("tolerance x 100", basis with { RelativeTolerance = 100 * basis.RelativeTolerance }),
        ];
        Console.WriteLine($"MDP optimum, N = 1, M = {settings.TasksPerMiner}, beta = {settings.Beta}; simulated on {runs} runs x {slots} slots of seed 1000");
        Console.WriteLine("| grid | points | arrivals | solve (s) | DP gain | simulated reward (95% CI) | paired difference to default (95% CI) |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        double[]? reference = null;
        foreach (var (name, grid) in grids)
        {
            var policy = new MdpOptimalPolicy(grid);
            var clock = Stopwatch.StartNew();
            policy.Prepare(parameters, settings);
            double seconds = clock.Elapsed.TotalSeconds;
            var summary = PolicyEvaluation.Evaluate(parameters, settings, policy, runs, slots, 1000);
            double[] perRun = summary.PerRun[Metrics.Reward];
            reference ??= perRun;
            var difference = Estimate.Of(perRun.Zip(reference, (a, b) => a - b).ToArray());
            Console.Error.WriteLine($"{name}: tops {string.Join(", ", policy.Trail.Select(t => $"{t.Top:G3} (gain {t.Gain:G6}, reach {t.Reach:G3})"))}");
            Console.WriteLine($"| {name} | {policy.GridPoints} | {policy.GridText[(policy.GridText.LastIndexOf(';') + 2)..]} | {seconds:F1} | {policy.Gain:F4} | {Text(summary.Reward)} | {Text(difference)} |");
        }

        return 0;
    }

    public static int Carry(Options o)
    {
        var (parameters, settings) = o.Instance(defaultMiners: 1);
        int runs = o.Int("runs", 5);
        long slots = o.Int("slots", 2000);
        var carry = CarryOver.Of(parameters, settings.Miners, settings.TasksPerMiner);
        Console.WriteLine($"N = {settings.Miners}, M = {settings.TasksPerMiner}, beta = {settings.Beta}: {carry.Describe()} can carry over; {runs} runs x {slots} slots of seed 1000");
        Console.WriteLine("| policy | reward (95% CI) | paired difference to the first (95% CI) | slots a cap binds | D0 > 0 at the start | Q > 0 at the start | mean Q (Gcycles) |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        double[]? first = null;
        foreach (string name in o.Text("policy", "optimal").Split(','))
        {
            var policy = SchemeCatalog.Full.Baseline(name, "--policy").Create();
            (policy as ISequentialReference)?.Prepare(parameters, settings);
            var environment = new MiningEnvironment(parameters, settings);
            var action = new double[environment.ActionSpace.Dimension];
            double binds = 0, buffered = 0, backlogged = 0, backlog = 0, reward = 0;
            var perRun = new double[runs];
            for (int run = 0; run < runs; run++)
            {
                environment.Reset(PolicyEvaluation.EnvironmentSeed(1000, run));
                policy.Reset(PolicyEvaluation.PolicySeed(1000, run));
                double runReward = 0;
                for (long t = 0; t < slots; t++)
                {
                    buffered += environment.BufferedBits.ToArray().Any(b => b > 0) ? 1 : 0;
                    backlogged += environment.MecBacklogCycles > 0 ? 1 : 0;
                    backlog += environment.MecBacklogCycles;
                    policy.Act(environment, action);
                    var step = environment.Step(action);
                    binds += step.Metrics.BufferedBitsAfter > 0 ? 1 : 0;
                    runReward += step.Reward;
                }

                perRun[run] = runReward / slots;
                reward += runReward;
            }

            double total = runs * (double)slots;
            first ??= perRun;
            var paired = Estimate.Of(perRun.Zip(first, (a, b) => a - b).ToArray());
            Console.WriteLine($"| {name} | {Text(Estimate.Of(perRun))} | {Text(paired)} | {binds / total:F3} | {buffered / total:F3} | {backlogged / total:F3} | {backlog / total * 1e-9:F3} |");
        }

        return 0;
    }

    public static int Tuning(Options o)
    {
        var (parameters, settings) = o.Instance(defaultMiners: 5);
        var clock = Stopwatch.StartNew();
        var tuned = LookaheadTuning.For(parameters, settings);
        var (perCycle, perBit) = LookaheadTuning.Scales(new SlotModel(parameters, settings.Miners, settings.TasksPerMiner, settings.Beta));
        Console.WriteLine($"N = {settings.Miners}, M = {settings.TasksPerMiner}, beta = {settings.Beta}: {tuned.CarryOver.Describe()} can carry over; scales s_Q = {perCycle:G4} per cycle, s_D = {perBit:G4} per bit");
        Console.WriteLine($"tuned on seed {SequentialTuning.Seed}, {SequentialTuning.Runs} runs x {tuned.Slots} slots in {clock.Elapsed.TotalSeconds:F1} s; kept: {tuned.Prices} (mean reward {tuned.MeanReward:F4})");
        Console.WriteLine("| backlog price per cycle | buffer price per bit | mean reward on the tuning runs |");
        Console.WriteLine("|---|---|---|");
        foreach (var (prices, reward) in tuned.Candidates)
        {
            Console.WriteLine($"| {prices.BacklogPerCycle:G4} | {prices.BufferPerBit:G4} | {reward:F4} |");
        }

        return 0;
    }

    public static int Table(string[] files)
    {
        string[] columns = ["no", "go", "eo", "random", "optimal", "lookahead", "mdp-optimal", "upper-bound"];
        Console.WriteLine("| cell | N | M | beta | NO | GO | EO | Random | per-slot optimum | lookahead | MDP optimum | upper bound | lookahead vs optimum | MDP vs optimum |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (string file in files)
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            var root = json.RootElement;
            var configuration = root.GetProperty("configuration");
            var policies = root.GetProperty("policies");
            double? Mean(string name) => policies.TryGetProperty(name, out var p) ? p.GetProperty("reward").GetProperty("mean").GetDouble() : null;
            string Cell(string name)
            {
                if (!policies.TryGetProperty(name, out var p))
                {
                    return "-";
                }

                var reward = p.GetProperty("reward");
                double mean = reward.GetProperty("mean").GetDouble();
                return $"{mean:G5} ± {mean - reward.GetProperty("ci95_low").GetDouble():G2}";
            }

            string Gain(string name) => Mean(name) is { } m && Mean("optimal") is { } o
                ? $"{m - o:+0.####;-0.####;0} ({(m - o) / Math.Abs(o) * 100:+0.#;-0.#;0}%)"
                : "-";
            Console.WriteLine($"| {Path.GetFileNameWithoutExtension(file)} | {configuration.GetProperty("miners").GetInt32()} | {configuration.GetProperty("tasks").GetInt32()} | {configuration.GetProperty("beta").GetDouble()} | {string.Join(" | ", columns.Select(Cell))} | {Gain("lookahead")} | {Gain("mdp-optimal")} |");
        }

        return 0;
    }

    private static string Text(Estimate e) => $"{e.Mean:F4} ± {e.HalfWidth:F4}";
}

/// <summary>--key value pairs; --set and --policy may repeat.</summary>
internal sealed class Options
{
    private readonly List<(string Key, string Value)> _pairs = [];

    public static Options Parse(string[] args)
    {
        var o = new Options();
        for (int i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"expected --key value, got '{args[i]}'");
            }

            o._pairs.Add((args[i][2..], args[++i]));
        }

        return o;
    }

    public string Text(string key, string fallback) => _pairs.LastOrDefault(p => p.Key == key).Value ?? fallback;

    public int Int(string key, int fallback) => int.Parse(Text(key, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

    public double Double(string key, double fallback) => double.Parse(Text(key, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

    /// <summary>The model (preset, then the config file, then each --set) and the shape.</summary>
    public (ModelParameters Parameters, EnvironmentSettings Settings) Instance(int defaultMiners)
    {
        string preset = Text("preset", Presets.Names[0]);
        var parameters = Presets.Find(preset) ?? throw new ArgumentException($"--preset {preset}: unknown; allowed: {string.Join(", ", Presets.Names)}");
        if (_pairs.Any(p => p.Key == "config"))
        {
            parameters = ParameterCatalog.ApplyFile(parameters, Text("config", ""));
        }

        foreach (var (key, value) in _pairs.Where(p => p.Key == "set"))
        {
            int eq = value.IndexOf('=', StringComparison.Ordinal);
            parameters = ParameterCatalog.Apply(parameters, value[..eq], value[(eq + 1)..], $"--set {value}");
        }

        var settings = RunSettings.Shape(Int("miners", defaultMiners), Int("tasks", 2), Double("beta", 0.5), s => s.Option);
        return (ParameterCatalog.Validate(parameters), settings);
    }
}
