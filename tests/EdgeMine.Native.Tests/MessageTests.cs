using System.Globalization;
using System.Text.Json;
using EdgeMine.Cli;
using Xunit.Abstractions;

namespace EdgeMine.Native.Tests;

/// <summary>
/// The Python package says what the command line says: its exceptions carry the CLI's one-line messages (the CLI's
/// option names become the Python parameter names), and evaluate of an always-offloading callable returns exactly
/// the reward of <c>edgemine simulate --policy eo</c> on the same seed, runs and slots.
/// </summary>
[Collection(NativeTestGroup.Name)]
public sealed class MessageTests(NativeBuildFixture fixture, ITestOutputHelper output) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("edgemine-messages-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void PythonExceptions_CarryTheCliMessages()
    {
        string configFile = Path.Combine(_directory, "bad.json");
        File.WriteAllText(configFile, "{\"bogus\": 1}");
        // (Python constructor arguments, CLI arguments, how the CLI's message names its source -> how Python's does)
        var cases = new (string Python, string[] Cli, string CliSource, string PythonSource)[]
        {
            ("config={'bogus': 1}", ["--config", configFile], $"--config '{configFile}': ", "config: "),
            ("config={'rate_bad_bps': -1}", ["--set", "rate_bad_bps=-1"], "", ""),
            ("config={'channel_persistence': 1.5}", ["--set", "channel_persistence=1.5"], "", ""),
            ("config={'arrival_min_bits': 2e5}", ["--set", "arrival_min_bits=2e5"], "", ""),
            ("config={'mec_capacity_hz': 0}", ["--set", "mec_capacity_hz=0"], "", ""),
            ("preset='optimistic'", ["--preset", "optimistic"], "--preset ", "preset "),
            ("preset='calibrated\\0x'", ["--preset", "calibrated\0x"], "--preset ", "preset "),
            ("preset='p' * 1000", ["--preset", new string('p', 1000)], "--preset ", "preset "),
            ("miners=0", ["--miners", "0"], "--miners ", "miners "),
            ("tasks=-3", ["--tasks", "-3"], "--tasks ", "tasks "),
            ("beta=1.2", ["--beta", "1.2"], "--beta ", "beta "),
        };
        string script = string.Join('\n', cases.Select(c =>
            $"try:\n    edgemine.EdgeMineEnv({c.Python})\n    print('no error')\nexcept ValueError as e:\n    print(type(e).__name__ + ': ' + str(e))"));
        var (code, text) = fixture.RunPython(["-c", "import edgemine\n" + script], NativeBuildFixture.HangGuard);
        Assert.True(code == 0, text);
        string[] lines = text.Trim().Split('\n');
        Assert.Equal(cases.Length, lines.Length);
        for (int i = 0; i < cases.Length; i++)
        {
            var (exit, _, error) = RunCli(["simulate", "--slots", "1", .. cases[i].Cli]);
            Assert.Equal(Program.UsageError, exit);
            string cli = error.Split('\n')[0];
            Assert.StartsWith("edgemine: " + cases[i].CliSource, cli, StringComparison.Ordinal);
            string expected = cases[i].PythonSource + cli["edgemine: ".Length..][cases[i].CliSource.Length..];
            output.WriteLine($"{cases[i].Python}\n  CLI:    {cli}\n  Python: {lines[i]}");
            Assert.Equal("ConfigurationError: " + expected, lines[i]);
        }
    }

    [Fact]
    public void ActionErrors_CarryTheLibraryCheckMessages()
    {
        var environment = new EdgeMine.Model.MiningEnvironment(EdgeMine.Model.Presets.Calibrated, new EdgeMine.Model.EnvironmentSettings { Miners = 1, TasksPerMiner = 2, Beta = 0.5 });
        environment.Reset(1);
        string Library(double[] action)
        {
            var e = Assert.ThrowsAny<ArgumentException>(() => environment.Step(action));
            return e.Message.Split('\n')[0].Replace(" (Parameter 'action')", "", StringComparison.Ordinal);
        }

        const string Script = """
            import edgemine, numpy as np
            env = edgemine.EdgeMineEnv(); env.reset(seed=1)
            for action in ([np.nan, 0], [0, 1.5]):
                try:
                    env.step(action)
                except ValueError as e:
                    print(type(e).__name__ + ': ' + str(e))
            try:
                edgemine.evaluate(lambda obs: np.ones(3), runs=1, slots=2)
            except ValueError as e:
                print(type(e).__name__ + ': ' + str(e))
            try:
                env.step(np.ones(3))
            except ValueError as e:
                print(type(e).__name__ + ': ' + str(e))
            """;
        var (code, text) = fixture.RunPython(["-c", Script], NativeBuildFixture.HangGuard);
        Assert.True(code == 0, text);
        string[] lines = text.Trim().Split('\n');
        Assert.Equal($"ActionError: {Library([double.NaN, 0])}; got NaN", lines[0]);
        Assert.Equal($"ActionError: {Library([0, 1.5])}; got 1.5", lines[1]);
        // A shape step() refuses is refused by evaluate too, with step()'s message (Python's: the library never sees it).
        Assert.Equal(lines[3], lines[2]);
        Assert.Equal("ActionError: the action has shape (3,); the environment has 2 tasks, an action of shape (2,) or (1, 2) is expected", lines[2]);
    }

    [Fact]
    public void Evaluate_OfAnAlwaysOffloadingCallable_IsSimulateEo_Exactly()
    {
        const string Script = """
            import edgemine, json, numpy as np
            r = edgemine.evaluate(lambda obs: np.ones(4), miners=2, tasks=2, beta=0.5, runs=3, slots=300, seed=7)
            print(json.dumps(r["policies"]["agent"]))
            """;
        var (code, text) = fixture.RunPython(["-c", Script], NativeBuildFixture.HangGuard);
        Assert.True(code == 0, text);
        using var agent = JsonDocument.Parse(text.Trim().Split('\n')[^1]);
        var (exit, cliOutput, error) = RunCli(["simulate", "--policy", "eo", "--miners", "2", "--tasks", "2", "--beta", "0.5", "--runs", "3", "--slots", "300", "--seed", "7", "--json"]);
        Assert.True(exit == 0, error);
        using var simulate = JsonDocument.Parse(cliOutput);
        foreach (string metric in new[] { "reward", "cost", "privacy", "energy_j", "power_w", "latency_s", "latency_per_task_s", "deadline_misses", "offloaded_fraction", "mec_backlog_cycles" })
        {
            foreach (string field in new[] { "mean", "ci95_low", "ci95_high" })
            {
                double python = agent.RootElement.GetProperty(metric).GetProperty(field).GetDouble();
                double cli = simulate.RootElement.GetProperty(metric).GetProperty(field).GetDouble();
                Assert.True(
                    BitConverter.DoubleToInt64Bits(python) == BitConverter.DoubleToInt64Bits(cli),
                    string.Create(CultureInfo.InvariantCulture, $"{metric}.{field}: Python {python:R}, simulate {cli:R}"));
            }
        }

        output.WriteLine($"reward {agent.RootElement.GetProperty("reward").GetProperty("mean").GetDouble():R} in both");
    }

    private static (int Code, string Output, string Error) RunCli(string[] arguments)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = Program.Run(arguments, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
