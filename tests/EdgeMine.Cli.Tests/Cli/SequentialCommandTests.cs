using System.Text.Json;

namespace EdgeMine.Tests.Cli;

/// <summary>The references of issue 22 on the command line: named in --policy, evaluated on common seeds, refused in one line where out of reach.</summary>
public sealed class SequentialCommandTests
{
    /// <summary>
    /// evaluate with the three references and the bound (paper-literal, one miner, 4 tasks: the backlog can carry over,
    /// 4 x 150 kbit x 18000 = 1.08e10 cycles > F dt): each is reported with every metric in the interval format, the bound
    /// with its reward only (the other metrics are null) and never below a binary policy's mean reward, and each with its notes.
    /// </summary>
    [Fact]
    public void Evaluate_SequentialReferences_AllReportedWithTheirNotes()
    {
        var (code, output, error) = CliRunner.Run(
            "evaluate", "--preset", "paper-literal", "--miners", "1", "--tasks", "4", "--runs", "2", "--slots", "300",
            "--policy", "optimal,lookahead,mdp-optimal,upper-bound", "--json");

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var policies = json.RootElement.GetProperty("policies");
        double Reward(string name) => policies.GetProperty(name).GetProperty("reward").GetProperty("mean").GetDouble();
        Assert.Equal(["lookahead", "mdp-optimal"], policies.EnumerateObject().Select(p => p.Name).Take(2));
        Assert.Equal("upper-bound", policies.EnumerateObject().Last().Name);
        Assert.StartsWith("backlog ", policies.GetProperty("lookahead").GetProperty("prices").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Q in [0, ", policies.GetProperty("mdp-optimal").GetProperty("grid").GetString(), StringComparison.Ordinal);
        var bound = policies.GetProperty("upper-bound");
        Assert.Equal(JsonValueKind.Null, bound.GetProperty("energy_j").GetProperty("mean").ValueKind);
        Assert.StartsWith("upper bound, not a policy", bound.GetProperty("kind").GetString(), StringComparison.Ordinal);
        // The bound covers binary policies; the fractional optimum offloads parts of tasks, whose latency can hide the
        // queue behind local execution (L = max(Lo, Ll)), and is not bounded by it.
        foreach (var policy in policies.EnumerateObject().Where(p => p.Name is not "upper-bound" and not "optimal-fractional"))
        {
            Assert.True(Reward(policy.Name) <= Reward("upper-bound"), $"{policy.Name} above the bound");
        }
    }

    [Theory]
    [InlineData("simulate", "mdp-optimal", "5", "2", "mdp-optimal: out of reach at N = 5, M = 2: the carried state is low-dimensional only for a single miner")]
    [InlineData("evaluate", "mdp-optimal", "5", "2", "mdp-optimal: out of reach at N = 5, M = 2: the carried state is low-dimensional only for a single miner")]
    [InlineData("evaluate", "upper-bound", "1", "14", "upper-bound: out of reach at N = 1, M = 14: a local or upload cap can bind")]
    public void OutOfReach_OneLineAndExitCode2(string command, string policy, string miners, string tasks, string message)
    {
        var (code, output, error) = CliRunner.Run(command, "--preset", "paper-literal", "--policy", policy, "--miners", miners, "--tasks", tasks, "--runs", "2", "--slots", "10");

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public void Simulate_Lookahead_PrintsItsPrices()
    {
        var (code, output, error) = CliRunner.Run("simulate", "--preset", "paper-literal", "--policy", "lookahead", "--miners", "2", "--tasks", "2", "--runs", "2", "--slots", "20");

        Assert.True(code == 0, error);
        Assert.Contains("lookahead: carries over the MEC backlog; prices backlog ", output, StringComparison.Ordinal);
    }
}
