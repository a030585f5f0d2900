using System.Text.Json;
using EdgeMine.Model;
using EdgeMine.Policies;
using EdgeMine.Schemes;
using EdgeMine.Simulation;

namespace EdgeMine.Tests.Simulation;

/// <summary>The yardsticks of MODEL.md section 6 against hand-worked values, and a comparison on common seeds.</summary>
public sealed class ComparisonTests
{
    [Fact]
    public void Yardsticks_HandWorked()
    {
        // R = -4.0, R_random = -10, R_opt = -3.5, R_fopt = -3.0, R_base = -4.5 (the best rule), N M = 10:
        // optimality ratio (-4 + 10) / (-3.5 + 10) = 6 / 6.5 = 0.9230769;
        // headroom (-4 + 4.5) / (-3.5 + 4.5) = 0.5; regret per task (-3.5 + 4) / 10 = 0.05;
        // fractional ratio (-4 + 10) / (-3 + 10) = 6 / 7 = 0.8571429.
        var y = Yardsticks.Of(reward: -4.0, random: -10, optimal: -3.5, fractionalOptimal: -3.0, baseline: -4.5, tasks: 10);

        Assert.Equal(6 / 6.5, y.OptimalityRatio, 12);
        Assert.Equal(0.5, y.HeadroomCaptured, 12);
        Assert.Equal(0.05, y.RegretPerTask, 12);
        Assert.Equal(6.0 / 7, y.FractionalOptimalityRatio, 12);
    }

    [Fact]
    public void Yardsticks_BelowTheBestRule_IsNegativeHeadroom_AndAnEmptySpanIsUndefined()
    {
        // Worse than the best rule: (-5 + 4.5) / (-3.5 + 4.5) = -0.5. A rule that is already optimal leaves no headroom.
        Assert.Equal(-0.5, Yardsticks.Of(-5, -10, -3.5, -3, -4.5, 4).HeadroomCaptured, 12);
        Assert.True(double.IsNaN(Yardsticks.Of(-5, -10, -3.5, -3, -3.5, 4).HeadroomCaptured));
    }

    [Fact]
    public void Comparison_OnCommonSeeds_EveryBaselineBesideTheGivenPolicy_AndItsJsonHasTheOneIntervalFormat()
    {
        var setup = new ComparisonSetup(
            Preset: "calibrated",
            Parameters: Presets.Calibrated with { RateBadBps = 5e5 },
            Settings: new EnvironmentSettings { Miners = 2, TasksPerMiner = 2, Beta = 0.8 })
        {
            Runs = 3,
            Slots = 60,
            Seed = 9,
        };

        var comparison = Comparison.Run([("always", new AlwaysOffload(), null)], setup);

        // The given policy is EO under another name: on common seeds it has EO's reward exactly.
        Assert.Equal(comparison["eo"].Summary.Reward.Mean, comparison["always"].Summary.Reward.Mean);
        Assert.Equal(["always", .. BaselineScheme.All.Select(b => b.Name)], comparison.Policies.Select(p => p.Name));
        double best = BaselineScheme.Simple.Max(b => comparison[b.Name].Summary.Reward.Mean);
        Assert.Equal(best, comparison[comparison.BestBaseline.Name].Summary.Reward.Mean);
        Assert.Equal(1.0, comparison["optimal"].Yardsticks.OptimalityRatio, 12);
        Assert.Equal(0.0, comparison["random"].Yardsticks.OptimalityRatio, 12);
        Assert.True(comparison["optimal-fractional"].Summary.Reward.Mean >= comparison["optimal"].Summary.Reward.Mean);

        using var json = JsonDocument.Parse(comparison.ToJson());
        var root = json.RootElement;
        Assert.Equal(5e5, root.GetProperty("configuration").GetProperty("overrides").GetProperty("rate_bad_bps").GetDouble());
        Assert.Equal(9UL, root.GetProperty("configuration").GetProperty("seed").GetUInt64());
        var reward = root.GetProperty("policies").GetProperty("always").GetProperty("reward");
        Assert.Equal(["mean", "ci95_low", "ci95_high", "n"], reward.EnumerateObject().Select(p => p.Name));
        Assert.Equal(3, reward.GetProperty("n").GetInt32());
    }

    [Fact]
    public void Over_seeds_the_mean_is_of_the_seed_means_and_the_interval_over_them_or_over_runs_when_wider()
    {
        // Seed means 1, 2, 3 (sd 1): half-width 4.303 / sqrt(3). Runs averaged over seeds 2 +- 0.01: narrower, so the
        // interval is over the seeds.
        var (overSeeds, overRuns) = Estimate.OverSeeds([1, 2, 3], [2.01, 1.99, 2.01, 1.99]);
        Assert.False(overRuns);
        Approx.Equal(2, overSeeds.Mean);
        Approx.Equal(4.303 / Math.Sqrt(3), overSeeds.HalfWidth, relative: 1e-9);

        // Seeds that agree (an LP's policy): the runs' spread 2 +- 1 (sd 2 / sqrt(3)) is the wider, t(3) = 3.182.
        var (agreeing, byRuns) = Estimate.OverSeeds([2, 2, 2], [3, 1, 3, 1]);
        Assert.True(byRuns);
        Approx.Equal(2, agreeing.Mean);
        Approx.Equal(3.182 * (2 / Math.Sqrt(3)) / 2, agreeing.HalfWidth, relative: 1e-9);
    }

    [Fact]
    public void A_policy_of_several_seeds_is_summarised_over_them_on_the_same_runs()
    {
        var setup = new ComparisonSetup(
            Preset: "calibrated",
            Parameters: Presets.Calibrated,
            Settings: new EnvironmentSettings { Miners = 2, TasksPerMiner = 2, Beta = 0.5 })
        {
            Runs = 3,
            Slots = 50,
        };
        var seeds = new IOffloadingPolicy[] { new AlwaysOffload(), new NeverOffload() };
        var comparison = Comparison.Run([("mixed", (IReadOnlyList<IOffloadingPolicy>)seeds, null)], setup);

        // The "seeds" are EO and NO, evaluated on the same runs as the baselines of those names.
        var mixed = comparison["mixed"].Summary;
        Assert.Equal(2, mixed.Seeds);
        double eo = comparison[BaselineScheme.Always.Name].Summary.Reward.Mean, no = comparison[BaselineScheme.Never.Name].Summary.Reward.Mean;
        Approx.Equal((eo + no) / 2, mixed.Reward.Mean, relative: 1e-12);
        for (int r = 0; r < 3; r++)
        {
            double eoRun = comparison[BaselineScheme.Always.Name].Summary.PerRun[Metrics.Reward][r], noRun = comparison[BaselineScheme.Never.Name].Summary.PerRun[Metrics.Reward][r];
            Approx.Equal((eoRun + noRun) / 2, mixed.PerRun[Metrics.Reward][r], relative: 1e-12);
        }

        // Two seeds this far apart: the interval is over the seeds, t(1) = 12.706 times |eo - no| / 2.
        Approx.Equal(12.706 * Math.Abs(eo - no) / 2, mixed.Reward.HalfWidth, relative: 1e-9);
        Assert.Contains("\"seeds\":2", comparison.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void Of_IsEvaluatesSetup_ThePresetWithTheOverridesAndEvaluatesRunsSlotsAndSeed()
    {
        var settings = new EnvironmentSettings { Miners = 2, TasksPerMiner = 3, Beta = 0.8 };

        var setup = ComparisonSetup.Of("paper-literal", settings, [KeyValuePair.Create("rate_bad_bps", "5e5")]);

        Assert.Equal(Presets.PaperLiteral with { RateBadBps = 5e5 }, setup.Parameters);
        Assert.Equal([KeyValuePair.Create("rate_bad_bps", ParameterValue.Of(5e5))], setup.Overrides);
        Assert.Equal(settings, setup.Settings);
        // edgemine evaluate's defaults (docs: 20 runs x 1,000 slots, seed 1000).
        Assert.Equal((20, 1000L, 1000UL), (setup.Runs, setup.Slots, setup.Seed));
    }

    [Theory]
    [InlineData("fast", "preset 'fast': unknown; allowed: calibrated, paper-literal")]
    [InlineData("calibrated", "rate_bad_bps = -1 is not allowed")]
    public void Of_RefusesAnUnknownPresetOrABadValue_NamingIt(string preset, string expected)
    {
        var settings = new EnvironmentSettings { Miners = 1, TasksPerMiner = 2, Beta = 0.5 };

        var e = Assert.Throws<ConfigurationException>(() => ComparisonSetup.Of(preset, settings, [KeyValuePair.Create("rate_bad_bps", "-1")]));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_OfPolicies_NamesEachByItsOwnName_AndItsTableHasAColumnPerPolicy()
    {
        // 5 runs of 200 slots: the optimum's lead over Random (the ratio's denominator) is beyond noise; with 2 runs of 30
        // slots its interval holds 0 and the ratio is n/a.
        var setup = ComparisonSetup.Of("calibrated", new EnvironmentSettings { Miners = 1, TasksPerMiner = 2, Beta = 0.5 }) with { Runs = 5, Slots = 200 };

        var comparison = Comparison.Run([new GoodChannelOffload()], setup);

        // A policy named like a baseline takes the baseline's place: GO is listed once, first.
        Assert.Equal(["go", "no", "eo", "random", "optimal", "optimal-fractional"], comparison.Policies.Select(p => p.Name));
        var table = comparison.ToTable();
        Assert.Equal([MetricTable.FirstColumn, .. comparison.Policies.Select(p => p.Name)], table.Header);
        Assert.Equal(Metrics.All.Count + 6, table.Rows.Count); // every metric, the yardstick and the flag above it, then the four yardsticks
        Assert.Equal("1.0000", table.Rows.Single(r => r[0] == "optimality ratio")[5]); // the optimum, against itself
    }
}
