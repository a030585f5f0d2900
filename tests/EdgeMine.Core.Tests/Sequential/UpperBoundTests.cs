using EdgeMine.Model;
using EdgeMine.Policies;
using EdgeMine.Sequential;
using EdgeMine.Simulation;

namespace EdgeMine.Tests.Sequential;

/// <summary>The upper bound (<c>upper-bound</c>): its constants by hand, and that no policy beats it on any run.</summary>
public class UpperBoundTests
{
    /// <summary>
    /// kappa for paper-literal (beta 0.5, P_circuit 0.05 W, e_unit = l_unit = 1, F = 1e10 Hz): a binary offload's cost grows
    /// by 0.5 x 0.05 Q / F + 0.5 Q / F, so kappa = 0.525 / 1e10 per cycle. The slack B(mu) = mu a + mu^2 / (2 kappa'),
    /// kappa' = kappa / (X d_max) = 5.25e-11 / 2.7e9, a = X N M d_max = 2.7e9 x 12.
    /// </summary>
    [Fact]
    public void Constants_PaperLiteral_AreTheHandWorkedOnes()
    {
        var relaxation = new LagrangianRelaxation(Presets.PaperLiteral, new EnvironmentSettings { Miners = 1, TasksPerMiner = 12, Beta = 0.5 });

        Approx.Equal(5.25e-11, relaxation.BacklogCostPerCycle, "kappa", relative: 1e-9);
        Approx.Equal(18000 * 150e3, relaxation.TaskCycles, "X d_max");
        Approx.Equal(12 * 18000 * 150e3, relaxation.SlotCycles, "X N M d_max");
        double mu = 5e-8, kappaPrime = 5.25e-11 / 2.7e9;
        Approx.Equal((mu * 12 * 2.7e9) + (mu * mu / (2 * kappaPrime)), relaxation.Slack(mu), "B(mu)", relative: 1e-9);
        Assert.Equal(0, relaxation.Slack(0));
    }

    /// <summary>Where nothing carries over the bound is the per-slot optimum itself, run by run (mu = 0, Q stays 0).</summary>
    [Fact]
    public void Compute_NothingCarriesOver_EqualsThePerSlotOptimumOnEveryRun()
    {
        var settings = new EnvironmentSettings { Miners = 1, TasksPerMiner = 2, Beta = 0.5 };
        var bound = UpperBound.Compute(Presets.PaperLiteral, settings, 3, 300, 1000);
        var optimum = PolicyEvaluation.Evaluate(Presets.PaperLiteral, settings, new PerSlotOptimum(), 3, 300, 1000);

        Assert.Equal(0, bound.MultiplierPerCycle);
        for (int r = 0; r < 3; r++)
        {
            Approx.Equal(optimum.PerRun[Metrics.Reward][r], bound.Summary.PerRun[Metrics.Reward][r], $"run {r}", relative: 1e-12);
        }
    }

    /// <summary>
    /// Paper-literal N = 1, M = 12 and N = 5, M = 2, where the backlog carries over: on each of 3 common runs, the bound is
    /// at least the mean reward of every policy tried, the MDP optimum and the lookahead included. A bound, not an
    /// estimate: it must hold run by run.
    /// </summary>
    [Theory]
    [InlineData(1, 12)]
    [InlineData(5, 2)]
    public void Compute_BacklogCarriesOver_NoPolicyExceedsItOnAnyRun(int miners, int tasks)
    {
        var settings = new EnvironmentSettings { Miners = miners, TasksPerMiner = tasks, Beta = 0.5 };
        const int Runs = 3;
        const long Slots = 500;
        var bound = UpperBound.Compute(Presets.PaperLiteral, settings, Runs, Slots, 1000);
        Assert.True(bound.MultiplierPerCycle > 0);
        IOffloadingPolicy[] policies = [new PerSlotOptimum(), new GoodChannelOffload(), new AlwaysOffload(), new NeverOffload(), new RandomOffload(), new LookaheadPolicy(), .. miners == 1 ? [new MdpOptimalPolicy()] : Array.Empty<IOffloadingPolicy>()];
        foreach (var policy in policies)
        {
            var summary = PolicyEvaluation.Evaluate(Presets.PaperLiteral, settings, policy, Runs, Slots, 1000);
            for (int r = 0; r < Runs; r++)
            {
                double reward = summary.PerRun[Metrics.Reward][r], limit = bound.Summary.PerRun[Metrics.Reward][r];
                Assert.True(reward <= limit, $"{policy.Name}, run {r}: {reward} above the bound {limit}");
            }
        }
    }

    [Fact]
    public void Compute_CapsCanBind_RefusedInOneLine()
    {
        var settings = new EnvironmentSettings { Miners = 1, TasksPerMiner = 2, Beta = 0.5 };
        var parameters = Presets.Calibrated with { SlotSeconds = 0.1 };

        var error = Assert.Throws<ConfigurationException>(() => UpperBound.Compute(parameters, settings, 2, 10, 1000));

        Assert.StartsWith("upper-bound: out of reach at N = 1, M = 2: a local or upload cap can bind", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }
}
