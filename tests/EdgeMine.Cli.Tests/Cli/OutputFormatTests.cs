using System.Text.Json;

namespace EdgeMine.Tests.Cli;

/// <summary>
/// One output vocabulary: tiny runs of every command, and every JSON and CSV they print or write checked for the one
/// interval format (<see cref="IntervalFormat"/>) and for the effective configuration (preset, overridden keys, seeds,
/// runs, slots, the learner's variant). The reproduction's files are checked on its quick run
/// (EdgeMine.Reproduction.Tests, Experiments/OutputFormatTests).
/// </summary>
public sealed class OutputFormatTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static string Ok((int ExitCode, string Output, string Error) run)
    {
        Assert.True(run.ExitCode == 0, run.Error);
        return run.Output;
    }

    private static string LastLine(string output) => output.TrimEnd().Split('\n')[^1];

    [Fact]
    public void EveryCommand_WritesEveryIntervalInTheOneFormat()
    {
        string Path(string name) => _directory.File(name);
        var printed = new List<(string Where, string Json)>
        {
            ("simulate --json", Ok(CliRunner.Run("simulate", "--policy", "go", "--runs", "3", "--slots", "30", "--trace", Path("trace.csv"), "--json"))),
            ("bench env --json", LastLine(Ok(CliRunner.Run("bench", "env", "--seconds", "0.05", "--json")))),
            ("bench dqn --json", LastLine(Ok(CliRunner.Run("bench", "dqn", "--obs", "5", "--actions", "4", "--batch", "8", "--seconds", "0.05", "--json")))),
            ("bench train --json", LastLine(Ok(CliRunner.Run("bench", "train", "--algo", "rlo", "--miners", "1", "--slots", "50", "--json")))),
        };
        Ok(CliRunner.Run("train", "--algo", "rlo", "--slots", "200", "--out", Path("model")));
        Ok(CliRunner.Run("train", "--algo", "rlo", "--slots", "200", "--seeds", "2", "--out", Path("seeds")));
        printed.Add(("evaluate --json", Ok(CliRunner.Run("evaluate", "--model", Path("model"), "--model", Path("seeds"), "--runs", "3", "--slots", "30", "--json"))));
        printed.Add(("simulate --model --json", Ok(CliRunner.Run("simulate", "--model", Path("model"), "--runs", "2", "--slots", "30", "--json"))));

        // A sweep with a learner, baselines, a cell that fails (evaluate-only, no model) and one that does not apply.
        File.WriteAllText(Path("sweep.json"), """
            { "baselines": ["no", "random", "optimal"],
              "fixed": { "slots": 200, "eval_runs": 3, "eval_slots": 30 },
              "grid": { "algo": ["rlo", "cmdp", "eo"], "miners": [1, 2] } }
            """);
        Ok(CliRunner.Run("sweep", "run", Path("sweep.json"), "--out", Path("sweep")));
        Ok(CliRunner.Run("sweep", "collect", Path("sweep"), "--plot", "cost:miners"));
        File.WriteAllText(Path("failing.json"), """{ "commands": ["evaluate"], "fixed": { "algo": "rlo", "eval_runs": 2, "eval_slots": 10 } }""");
        Assert.Equal(1, CliRunner.Run("sweep", "run", Path("failing.json"), "--out", Path("failing")).ExitCode);
        Assert.Equal(1, CliRunner.Run("sweep", "collect", Path("failing")).ExitCode);

        var problems = printed.SelectMany(p => IntervalFormat.JsonProblems(p.Json, p.Where)).ToList();
        problems.AddRange(IntervalFormat.DirectoryProblems(_directory.Path, out int files));

        Assert.Empty(problems);
        // trace.csv, sweep files, results.csv x 2, result.json x 6, failed.json, and each model's config.json and curve.csv.
        Assert.True(files >= 18, $"{files} files checked");
        Assert.True(File.Exists(System.IO.Path.Combine(Path("failing"), "cells", "0-cell", "failed.json")));
        Assert.Contains("\"mean\"", printed[0].Json, StringComparison.Ordinal);
    }

    /// <summary>The checker itself finds each spelling the issue found in the files (and the one format passes).</summary>
    [Theory]
    [InlineData("""{"cost": {"mean": 1, "low": 0, "high": 2}}""", false)]
    [InlineData("""{"reward": 1, "ci95": {"low": 0, "high": 2}}""", false)]
    [InlineData("""{"reward": {"mean": 1, "ci95_low": 0, "ci95_high": 2}}""", false)]
    [InlineData("""{"reward": {"mean": 1, "ci95_low": 1.5, "ci95_high": 2, "n": 3}}""", false)]
    [InlineData("""{"reward": {"mean": 1, "ci95_low": 0, "ci95_high": 2, "n": 3}, "x": [{"cost": {"mean": 2, "ci95_low": null, "ci95_high": null, "n": 1}}]}""", true)]
    public void TheJsonChecker_FindsEveryOtherSpelling(string json, bool valid) =>
        Assert.Equal(valid, IntervalFormat.JsonProblems(json, "test").Count == 0);

    [Theory]
    [InlineData("cost,cost_ci_low,cost_ci_high\n1,0,2", false)]
    [InlineData("cost,cost_ci_half_width\n1,0.5", false)]
    [InlineData("reward_mean,reward_ci95_low,reward_ci95_high\n1,0,2", false)]
    [InlineData("reward,reward_ci95_low,reward_ci95_high\n1,0,2", false)]
    [InlineData("reward,reward_ci95_low,reward_ci95_high,reward_n\n1,0,2,0", false)]
    [InlineData("reward,reward_ci95_low,reward_ci95_high,reward_n\n3,0,2,4", false)]
    [InlineData("scheme,reward,reward_ci95_low,reward_ci95_high,reward_n\n\"a, b\",1,0,2,4\nc,,,,", true)]
    public void TheCsvChecker_FindsEveryOtherSpelling(string csv, bool valid) =>
        Assert.Equal(valid, IntervalFormat.CsvProblems(csv, "test.csv").Count == 0);

    [Fact]
    public void SimulateJsonAndHeader_StateTheEffectiveConfiguration_OverridesIncluded()
    {
        string[] common = ["simulate", "--policy", "eo", "--preset", "paper-literal", "--set", "rate_bad_bps=5e5", "--beta", "0.8", "--runs", "2", "--slots", "20", "--seed", "7"];

        using var json = JsonDocument.Parse(Ok(CliRunner.Run([.. common, "--json"])));
        string header = Ok(CliRunner.Run(common)).Split('\n')[0];

        var configuration = json.RootElement.GetProperty("configuration");
        Assert.Equal("paper-literal", configuration.GetProperty("preset").GetString());
        Assert.Equal(5e5, configuration.GetProperty("overrides").GetProperty("rate_bad_bps").GetDouble());
        Assert.Single(configuration.GetProperty("overrides").EnumerateObject());
        Assert.Equal((0.8, 2, 20, 7UL), (configuration.GetProperty("beta").GetDouble(), configuration.GetProperty("runs").GetInt32(), configuration.GetProperty("slots").GetInt32(), configuration.GetProperty("seed").GetUInt64()));
        Assert.Equal("policy eo under preset paper-literal (rate_bad_bps = 500000), N = 1, M = 2, beta = 0.8; 2 runs x 20 slots, seed 7", header);
    }

    [Fact]
    public void AModel_IsSimulatedAndEvaluatedUnderChangedParameters_WithItsVariantAndWhatItWasTrainedUnder()
    {
        string model = _directory.File("drlo");
        Ok(CliRunner.Run("train", "--algo", "drlo", "--variant", "paper", "--tasks", "1", "--slots", "60", "--seed", "3", "--out", model));

        using var simulated = JsonDocument.Parse(Ok(CliRunner.Run("simulate", "--model", model, "--set", "rate_bad_bps=5e5", "--runs", "2", "--slots", "20", "--json")));
        string table = Ok(CliRunner.Run("simulate", "--model", model, "--set", "rate_bad_bps=5e5", "--runs", "2", "--slots", "20"));
        using var evaluated = JsonDocument.Parse(Ok(CliRunner.Run("evaluate", "--model", model, "--set", "rate_bad_bps=5e5", "--runs", "2", "--slots", "20", "--json")));

        Assert.Equal("drlo", simulated.RootElement.GetProperty("algorithm").GetString());
        Assert.Equal("paper", simulated.RootElement.GetProperty("variant").GetString());
        Assert.Equal(5e5, simulated.RootElement.GetProperty("configuration").GetProperty("overrides").GetProperty("rate_bad_bps").GetDouble());
        Assert.Contains("policy drlo under preset calibrated (rate_bad_bps = 500000), N = 1, M = 1, beta = 0.5", table, StringComparison.Ordinal);
        Assert.Contains("trained under drlo (paper), preset calibrated, N = 1, M = 1, beta = 0.5, 60 slots, seed 3", table, StringComparison.Ordinal);
        var learner = evaluated.RootElement.GetProperty("policies").GetProperty("drlo-paper");
        Assert.Equal("paper", learner.GetProperty("variant").GetString());
        // The same model on the same seeds under the same parameters: simulate's numbers are evaluate's.
        Assert.Equal(learner.GetProperty("reward").GetRawText(), simulated.RootElement.GetProperty("reward").GetRawText());
    }

    [Fact]
    public void ACellResult_StatesItsConfiguration()
    {
        File.WriteAllText(_directory.File("sweep.json"), """{ "fixed": { "algo": "drlo", "variant": "paper", "tasks": 1, "slots": 60, "eval_runs": 2, "eval_slots": 10, "transmit_watts": 0.3 } }""");
        Ok(CliRunner.Run("sweep", "run", _directory.File("sweep.json"), "--out", _directory.File("out")));

        using var result = JsonDocument.Parse(File.ReadAllText(System.IO.Path.Combine(_directory.File("out"), "cells", "0-cell", "result.json")));

        var configuration = result.RootElement.GetProperty("configuration");
        Assert.Equal("calibrated", configuration.GetProperty("preset").GetString());
        Assert.Equal(0.3, configuration.GetProperty("overrides").GetProperty("transmit_watts").GetDouble());
        Assert.Equal(("drlo", "paper", 60L), (configuration.GetProperty("algorithm").GetString(), configuration.GetProperty("variant").GetString(), configuration.GetProperty("training_slots").GetInt64()));
        Assert.Equal((1, 1, 0.5), (configuration.GetProperty("miners").GetInt32(), configuration.GetProperty("tasks").GetInt32(), configuration.GetProperty("beta").GetDouble()));
        Assert.Equal((2, 10L, 1000UL), (result.RootElement.GetProperty("runs").GetInt32(), result.RootElement.GetProperty("slots_per_run").GetInt64(), result.RootElement.GetProperty("evaluation_seed").GetUInt64()));
        Assert.Equal(1UL, result.RootElement.GetProperty("training_seed").GetUInt64());
    }

    /// <summary>
    /// Each run option's default, the same in every command that takes it: evaluation runs, slots per run and seed
    /// (20, 1,000, 1000: simulate, evaluate), training slots and seed (10,000 and 1: train, bench train, reproduce's seed),
    /// N and M (1 and 2: simulate, evaluate, train, bench env; M in bench train).
    /// </summary>
    [Theory]
    [InlineData("simulate", "--runs", "20")]
    [InlineData("evaluate", "--runs", "20")]
    [InlineData("simulate", "--slots", "1000")]
    [InlineData("evaluate", "--slots", "1000")]
    [InlineData("simulate", "--seed", "1000")]
    [InlineData("evaluate", "--seed", "1000")]
    [InlineData("train", "--slots", "10000")]
    [InlineData("bench train", "--slots", "10000")]
    [InlineData("train", "--seed", "1")]
    [InlineData("bench train", "--seed", "1")]
    [InlineData("reproduce", "--seed", "1")]
    [InlineData("simulate", "--miners", "1")]
    [InlineData("train", "--miners", "1")]
    [InlineData("bench env", "--miners", "1")]
    [InlineData("simulate", "--tasks", "2")]
    [InlineData("bench env", "--tasks", "2")]
    [InlineData("bench train", "--tasks", "2")]
    public void AnOption_HasTheSameDefaultInEveryCommand(string command, string option, string expected)
    {
        string help = Ok(CliRunner.Run([.. command.Split(' '), "--help"]));

        string line = help.Split('\n').Single(l => l.TrimStart().StartsWith(option + " ", StringComparison.Ordinal));
        Assert.Contains($"[default: {expected}]", line, StringComparison.Ordinal);
    }
}
