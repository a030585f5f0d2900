using System.Text.Json;
using EdgeMine.Simulation;

namespace EdgeMine.Tests.Cli;

/// <summary>Tiny runs of every command: they finish, print what they promise and write their files.</summary>
public sealed class CommandTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("no")]
    [InlineData("eo")]
    [InlineData("go")]
    [InlineData("random")]
    [InlineData("optimal")]
    public void Simulate_Json_PrintsOneObjectWithEveryMetric(string policy)
    {
        var (code, output, _) = CliRunner.Run("simulate", "--policy", policy, "--miners", "2", "--tasks", "2", "--slots", "50", "--runs", "3", "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(policy, root.GetProperty("policy").GetString());
        foreach (string metric in new[] { "reward", "cost", "privacy", "energy_j", "power_w", "latency_s", "deadline_misses", "offloaded_fraction", "mec_backlog_cycles" })
        {
            var estimate = root.GetProperty(metric);
            double mean = estimate.GetProperty("mean").GetDouble();
            Assert.InRange(mean, estimate.GetProperty("ci95_low").GetDouble(), estimate.GetProperty("ci95_high").GetDouble());
        }
    }

    [Fact]
    public void Simulate_UsagePrivacyFormWithheld_NeverOffloadEarnsTheWithheldData()
    {
        // NO keeps every task local and nothing is ever buffered (M = 2 tasks of at most 150 kbit each, under the 2.1 Mbit
        // local capacity), so D0 = Do = 0: under eq8 Pu = |0 - 0| = 0 in every slot; under withheld Pu = D1 / d_unit for
        // each task under a good channel: about half the slots (the chain is symmetric) x 2 tasks x a mean of 1 d_unit.
        double Privacy(params string[] set)
        {
            var (code, output, error) = CliRunner.Run(["simulate", "--policy", "no", "--slots", "400", "--runs", "3", "--json", .. set]);
            Assert.True(code == 0, error);
            using var json = JsonDocument.Parse(output);
            return json.RootElement.GetProperty("privacy").GetProperty("mean").GetDouble();
        }

        Assert.Equal(0, Privacy());
        Assert.Equal(0, Privacy("--set", "usage_privacy_form=eq8"));
        Assert.InRange(Privacy("--set", "usage_privacy_form=withheld"), 0.7, 1.3);
    }

    [Fact]
    public void TrainThenEvaluate_UsagePrivacyFormWithheld_IsRecordedAsAStringAndEvaluatedUnder()
    {
        string run = _directory.File("rlo-withheld");
        var (code, _, error) = CliRunner.Run("train", "--algo", "rlo", "--set", "usage_privacy_form=withheld", "--slots", "200", "--out", run);
        Assert.True(code == 0, error);
        string config = File.ReadAllText(Path.Combine(run, "config.json"));
        Assert.Contains("\"usage_privacy_form\": \"withheld\"", config, StringComparison.Ordinal);

        var evaluation = CliRunner.Run("evaluate", "--model", run, "--runs", "2", "--slots", "10", "--json");
        Assert.True(evaluation.ExitCode == 0, evaluation.Error);
        using var json = JsonDocument.Parse(evaluation.Output.TrimEnd().Split('\n')[^1]);
        Assert.Equal("withheld", json.RootElement.GetProperty("configuration").GetProperty("overrides").GetProperty("usage_privacy_form").GetString());
    }

    [Fact]
    public void Simulate_Table_ShowsPowerAndLatencyInMilliseconds()
    {
        var (code, output, _) = CliRunner.Run("simulate", "--policy", "random", "--slots", "20", "--runs", "2");

        Assert.Equal(0, code);
        Assert.Contains("average power (W)", output, StringComparison.Ordinal);
        Assert.Contains("latency per task (ms)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_Trace_WritesHeaderAndOneRowPerTaskPerSlot()
    {
        string trace = _directory.File("trace.csv");
        var (code, _, _) = CliRunner.Run("simulate", "--policy", "random", "--miners", "3", "--tasks", "2", "--slots", "7", "--runs", "2", "--trace", trace);

        Assert.Equal(0, code);
        string[] lines = File.ReadAllLines(trace);
        Assert.Equal(TraceWriter.Header, lines[0]);
        Assert.Equal(1 + (7 * 3 * 2), lines.Length); // first run only: 7 slots x 6 tasks
        Assert.Empty(Directory.GetFiles(_directory.Path, "*.tmp"));
    }

    [Fact]
    public void Simulate_SameSeed_SameJson_OtherSeed_Differs()
    {
        string[] common = ["simulate", "--policy", "random", "--miners", "2", "--slots", "100", "--runs", "2", "--json"];
        var first = CliRunner.Run([.. common, "--seed", "7"]).Output;
        var again = CliRunner.Run([.. common, "--seed", "7"]).Output;
        var other = CliRunner.Run([.. common, "--seed", "8"]).Output;

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void BenchEnv_Json_LastLineHasStepsAndAllocations()
    {
        var (code, output, _) = CliRunner.Run("bench", "env", "--miners", "2", "--tasks", "2", "--seconds", "0.05", "--json");

        Assert.Equal(0, code);
        string last = output.TrimEnd().Split('\n')[^1];
        using var json = JsonDocument.Parse(last);
        Assert.True(json.RootElement.GetProperty("steps_per_s").GetDouble() > 0);
        Assert.Equal(0, json.RootElement.GetProperty("allocated_bytes_per_step").GetDouble());
    }

    [Fact]
    public void BenchDqn_Json_LastLineHasUpdatesAndActions()
    {
        var (code, output, _) = CliRunner.Run("bench", "dqn", "--obs", "5", "--actions", "4", "--batch", "16", "--seconds", "0.05", "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output.TrimEnd().Split('\n')[^1]);
        Assert.True(json.RootElement.GetProperty("updates_per_s").GetDouble() > 0);
        Assert.True(json.RootElement.GetProperty("actions_per_s").GetDouble() > 0);
    }

    [Fact]
    public void BenchTrain_Json_GivesSecondsPerSlotForEveryN()
    {
        var (code, output, error) = CliRunner.Run("bench", "train", "--algo", "rlo", "--miners", "1,3", "--slots", "50", "--json");

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output.TrimEnd().Split('\n')[^1]);
        var perSlot = json.RootElement.GetProperty("seconds_per_slot");
        Assert.True(perSlot.GetProperty("1").GetDouble() > 0);
        Assert.True(perSlot.GetProperty("3").GetDouble() > 0);
    }

    [Theory]
    [InlineData("default")]
    [InlineData("branching")]
    [InlineData("paper")]
    public void TrainThenEvaluate_Drlo_EveryVariantRuns(string variant)
    {
        string run = _directory.File("drlo-" + variant);
        var (trainCode, _, trainError) = CliRunner.Run("train", "--algo", "drlo", "--variant", variant, "--miners", "2", "--tasks", "1", "--slots", "1100", "--seed", "5", "--out", run);
        Assert.True(trainCode == 0, trainError);

        var (code, output, error) = CliRunner.Run("evaluate", "--model", run, "--runs", "2", "--slots", "30", "--json");
        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output.TrimEnd().Split('\n')[^1]);
        var policies = json.RootElement.GetProperty("policies");
        // A variant other than the default is named as such ("drlo-paper"), with the configuration it was trained under.
        var learner = policies.GetProperty(variant == "default" ? "drlo" : $"drlo-{variant}");
        Assert.Contains($"drlo ({variant})", learner.GetProperty("trained_under").GetString(), StringComparison.Ordinal);
        Assert.Equal(run, learner.GetProperty("model").GetString());
    }

    [Fact]
    public void Train_DrloLearnerOptions_AreRecordedInTheConfigurationAndUsedByEvaluate()
    {
        string run = _directory.File("drlo-dueling");
        var (code, _, error) = CliRunner.Run("train", "--algo", "drlo", "--variant", "branching", "--learner", "dueling=true", "--learner", "double_dqn=false", "--miners", "2", "--tasks", "1", "--slots", "1050", "--out", run);
        Assert.True(code == 0, error);
        string config = File.ReadAllText(Path.Combine(run, "config.json"));
        Assert.Contains("\"dueling\": \"true\"", config, StringComparison.Ordinal);
        Assert.Contains("\"double_dqn\": \"false\"", config, StringComparison.Ordinal);

        var evaluation = CliRunner.Run("evaluate", "--model", run, "--runs", "2", "--slots", "10");
        Assert.True(evaluation.ExitCode == 0, evaluation.Error);
        Assert.Contains("dueling=true", evaluation.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("drlo", "default", "colour=blue", "unknown DRLO option 'colour' for variant default; allowed: hidden, features")]
    [InlineData("drlo", "branching", "colour=blue", "unknown DRLO option 'colour' for variant branching; allowed: head, double_dqn")]
    [InlineData("drlo", "default", "learning_rate=-1", "learning_rate '-1': allowed: a positive number")]
    [InlineData("drlo", "default", "head=joint", "unknown DRLO option 'head' for variant default (head is an option of variants branching, paper and paper-branching)")]
    [InlineData("drlo", "branching", "head=joint", "difference_rewards=false")]
    [InlineData("drlo", "paper", "mean_field=false", "unknown DRLO option 'mean_field' for variant paper (mean_field is an option of variants default, shared, model-free and planner)")]
    [InlineData("rlo", "default", "dueling=true", "rlo learner options: unknown option 'dueling'; allowed: learning_rate, discount, reward, unseen_state, backlog_bins, d1_bins")]
    [InlineData("rlo", "default", "reward=mine", "rlo learner options: reward 'mine': allowed: own or team")]
    [InlineData("cmdp", "default", "discount=0", "only drlo and rlo take learner options")]
    public void Train_BadLearnerOption_ExitsTwoNamingIt(string algorithm, string variant, string option, string expected)
    {
        var (code, _, error) = CliRunner.Run("train", "--algo", algorithm, "--variant", variant, "--learner", option, "--slots", "10", "--out", _directory.File("bad"));

        Assert.Equal(2, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_DrloPaperAtTenMinersTwoTasks_RefusedBecauseTheJointHeadIsTooLarge()
    {
        var (code, _, error) = CliRunner.Run("train", "--algo", "drlo", "--variant", "paper", "--miners", "10", "--tasks", "2", "--slots", "10", "--out", _directory.File("x"));

        Assert.Equal(2, code);
        Assert.Contains("2^20", error, StringComparison.Ordinal);
    }

    private static readonly string[] EvaluatedPolicies = ["rlo", "no", "eo", "go", "random", "optimal", "optimal-fractional"];

    private static readonly string[] EvaluateKeys =
        ["reward", "cost", "energy_j", "latency_s", "privacy", "optimality_ratio", "headroom_captured", "regret_per_task", "fractional_optimality_ratio"];

    [Fact]
    public void TrainThenEvaluate_Rlo_WritesDirectoryAndReportsEveryPolicy()
    {
        string run = _directory.File("rlo");
        var (trainCode, _, trainError) = CliRunner.Run("train", "--algo", "rlo", "--miners", "1", "--tasks", "2", "--slots", "300", "--seed", "3", "--out", run);
        Assert.True(trainCode == 0, trainError);
        Assert.True(File.Exists(Path.Combine(run, "config.json")));
        Assert.True(File.Exists(Path.Combine(run, "model.bin")));
        Assert.False(File.Exists(Path.Combine(run, "checkpoint.bin")));
        string[] curve = File.ReadAllLines(Path.Combine(run, "curve.csv"));
        Assert.Equal("slot,reward,moving_average,epsilon,loss", curve[0]);
        Assert.Equal(301, curve.Length);

        // 5 runs of 200 slots: enough that the optimum's lead over Random (the ratios' denominator) is beyond noise; with
        // 3 runs of 40 slots its interval includes 0 and every ratio is null.
        var (code, output, error) = CliRunner.Run("evaluate", "--model", run, "--runs", "5", "--slots", "200", "--json");
        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output.TrimEnd().Split('\n')[^1]);
        var policies = json.RootElement.GetProperty("policies");
        foreach (string policy in EvaluatedPolicies)
        {
            var entry = policies.GetProperty(policy);
            foreach (string key in EvaluateKeys)
            {
                Assert.True(entry.TryGetProperty(key, out _), $"{policy}.{key}");
            }
        }

        Assert.Equal(1.0, policies.GetProperty("optimal").GetProperty("optimality_ratio").GetDouble(), 12);
        Assert.Equal(0.0, policies.GetProperty("random").GetProperty("optimality_ratio").GetDouble(), 12);
        Assert.Equal(0.0, policies.GetProperty("optimal").GetProperty("regret_per_task").GetDouble(), 12);
        Assert.Equal(1.0, policies.GetProperty("optimal-fractional").GetProperty("fractional_optimality_ratio").GetDouble(), 12);
        string best = json.RootElement.GetProperty("best_baseline").GetString()!;
        Assert.Contains(best, EvaluatedPolicies[1..5]);
        // Headroom over the best rule of thumb: 0 for that rule itself, undefined (null) when the rule is within noise of
        // the optimum (its lead below 1e-3 of the mean |reward|), as EO is at N = 1, M = 2 in the calibrated preset.
        double Reward(string name) => policies.GetProperty(name).GetProperty("reward").GetProperty("mean").GetDouble();
        var headroom = policies.GetProperty(best).GetProperty("headroom_captured");
        if (Reward("optimal") - Reward(best) > 0.1)
        {
            Assert.Equal(0.0, headroom.GetDouble(), 12);
        }
        else
        {
            Assert.Equal(JsonValueKind.Null, headroom.ValueKind);
        }
        var configuration = json.RootElement.GetProperty("configuration");
        Assert.Equal("calibrated", configuration.GetProperty("preset").GetString());
        Assert.Equal(1000UL, configuration.GetProperty("seed").GetUInt64());
        Assert.Equal(5, configuration.GetProperty("runs").GetInt32());
    }

    [Fact]
    public void Train_IntoExistingRunWithoutResume_ExitsTwo_WithResume_SaysComplete()
    {
        string run = _directory.File("rlo");
        string[] train = ["train", "--algo", "rlo", "--slots", "50", "--out", run];
        Assert.Equal(0, CliRunner.Run(train).ExitCode);

        var (again, _, error) = CliRunner.Run(train);
        var (resumed, output, _) = CliRunner.Run([.. train, "--resume"]);

        Assert.Equal(2, again);
        Assert.Contains("--resume", error, StringComparison.Ordinal);
        Assert.Equal(0, resumed);
        Assert.Contains("already holds the finished model", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_WithSeeds_WritesOneRunPerSeed_AndEvaluateGivesTheMeanOverThem()
    {
        string runs = _directory.File("rlo-seeds");
        string[] train = ["train", "--algo", "rlo", "--miners", "1", "--tasks", "2", "--slots", "200", "--seed", "7", "--seeds", "3", "--out", runs];
        var (code, output, error) = CliRunner.Run(train);
        Assert.True(code == 0, error);
        Assert.Contains("with 3 seeds (7 to 9)", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(runs, "seeds.json")));
        for (int k = 1; k <= 3; k++)
        {
            using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(runs, $"seed-{k}", "config.json")));
            Assert.Equal((ulong)(6 + k), config.RootElement.GetProperty("seed").GetUInt64());
            Assert.True(File.Exists(Path.Combine(runs, $"seed-{k}", "model.bin")));
        }

        // Again: refused without --resume, nothing to do with it.
        Assert.Equal(2, CliRunner.Run(train).ExitCode);
        Assert.Contains("nothing to do", CliRunner.Run([.. train, "--resume"]).Output, StringComparison.Ordinal);

        // The group's numbers are the mean of the seeds' own, each evaluated on the same runs.
        string[] evaluate = ["evaluate", "--runs", "3", "--slots", "40", "--json"];
        double Reward(string output, string policy) =>
            JsonDocument.Parse(output).RootElement.GetProperty("policies").GetProperty(policy).GetProperty("reward").GetProperty("mean").GetDouble();
        var group = CliRunner.Run([.. evaluate, "--model", runs]);
        Assert.True(group.ExitCode == 0, group.Error);
        var root = JsonDocument.Parse(group.Output).RootElement.GetProperty("policies").GetProperty("rlo");
        Assert.Equal(3, root.GetProperty("seeds").GetInt32());
        Assert.Contains("seeds 7 to 9", root.GetProperty("trained_under").GetString(), StringComparison.Ordinal);
        double mean = Enumerable.Range(1, 3).Average(k => Reward(CliRunner.Run([.. evaluate, "--model", Path.Combine(runs, $"seed-{k}")]).Output, "rlo"));
        Assert.Equal(mean, Reward(group.Output, "rlo"), 12);
    }
}
