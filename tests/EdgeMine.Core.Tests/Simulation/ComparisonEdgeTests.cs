using System.Text.Json;
using EdgeMine.Model;
using EdgeMine.Policies;
using EdgeMine.Simulation;

namespace EdgeMine.Tests.Simulation;

/// <summary>
/// A comparison's JSON fields that no other test reads (the optima's exactness, the flags and per-run rewards of a
/// policy), its refused input, the setup's guards and description, and PolicyEvaluation's guards and seed merging.
/// Tiny runs: N M = 4 tasks, 3 runs of 30 slots.
/// </summary>
public sealed class ComparisonEdgeTests
{
    private static ComparisonSetup Setup() =>
        ComparisonSetup.Of("calibrated", new EnvironmentSettings { Miners = 2, TasksPerMiner = 2, Beta = 0.5 }) with { Runs = 3, Slots = 30, Seed = 4 };

    [Fact]
    public void Json_GivesTheOptimasExactness_AndEachPolicysFlagsAndRuns()
    {
        var comparison = Comparison.Run([new NeverOffload()], Setup());
        using var json = JsonDocument.Parse(comparison.ToJson());
        var root = json.RootElement;

        // 4 tasks (at most 40): the fractional optimum ran, so its bound flag is given.
        Assert.Equal(comparison.References.FractionalOptimalIsBound, root.GetProperty("fractional_per_slot_optimum_is_bound").GetBoolean());

        // Each optimum acted in 3 runs x 30 slots = 90 slots; an exact slot count goes with a gap bound of 0.
        var exactness = root.GetProperty("optimum_exactness");
        Assert.Equal(comparison.Exactness.Keys.Order(StringComparer.Ordinal), exactness.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Contains("optimal", comparison.Exactness.Keys);
        foreach (var (name, e) in comparison.Exactness)
        {
            var written = exactness.GetProperty(name);
            Assert.Equal(90, written.GetProperty("slots").GetInt64());
            Assert.Equal(e.InexactSlots, written.GetProperty("inexact_slots").GetInt64());
            var gap = written.GetProperty("largest_gap_bound");
            if (e.InexactSlots == 0)
            {
                Assert.Equal(0, gap.GetDouble());
            }
        }

        // NO ("no") takes binary actions: measured against the binary optimum, which it cannot beat in any run.
        var no = root.GetProperty("policies").GetProperty("no");
        Assert.Equal("optimal", no.GetProperty("yardstick").GetString());
        Assert.Equal(comparison.PerSlotOptimumIsBound, no.GetProperty("yardstick_is_bound").GetBoolean());
        Assert.False(no.GetProperty("above_yardstick").GetBoolean());
        Assert.False(no.GetProperty("fractional_actions").GetBoolean());

        // reward_per_run: the 3 runs' rewards; reward_minus_yardstick: their paired differences with the optimum's, averaged.
        double[] runs = comparison["no"].Summary.PerRun[Metrics.Reward];
        double[] optimal = comparison["optimal"].Summary.PerRun[Metrics.Reward];
        Assert.Equal(runs, no.GetProperty("reward_per_run").EnumerateArray().Select(v => v.GetDouble()));
        var minus = no.GetProperty("reward_minus_yardstick");
        Approx.Equal(((runs[0] - optimal[0]) + (runs[1] - optimal[1]) + (runs[2] - optimal[2])) / 3, minus.GetProperty("mean").GetDouble(), relative: 1e-12, absolute: 1e-12);
        Assert.Equal(3, minus.GetProperty("n").GetInt32());
    }

    [Fact]
    public void Json_APolicyWithoutAYardstick_HasNullForItsDifference()
    {
        // A fractional policy where no fractional optimum ran has no yardstick (YardstickReferences.Of gives "none"): its
        // R - R_yardstick is written as null, its ratios as null.
        var comparison = Comparison.Run([new NeverOffload()], Setup() with { Runs = 2, Slots = 2 });
        var none = new ComparedPolicy(
            "fractional",
            comparison["no"].Summary with { FractionalActions = true },
            new Yardsticks(double.NaN, double.NaN, double.NaN, double.NaN) { Yardstick = "none", YardstickIsBound = false },
            new Dictionary<string, string>());
        using var json = JsonDocument.Parse((comparison with { Policies = [.. comparison.Policies, none] }).ToJson());
        var written = json.RootElement.GetProperty("policies").GetProperty("fractional");
        Assert.Equal(JsonValueKind.Null, written.GetProperty("reward_minus_yardstick").ValueKind);
        Assert.Equal(JsonValueKind.Null, written.GetProperty("optimality_ratio").ValueKind);
        Assert.Equal("none", written.GetProperty("yardstick").GetString());
        Assert.False(written.GetProperty("yardstick_is_bound").GetBoolean());
        Assert.True(written.GetProperty("fractional_actions").GetBoolean());
    }

    [Fact]
    public void Indexer_AnUnknownPolicy_IsAnError()
    {
        var comparison = Comparison.Run([new NeverOffload()], Setup() with { Runs = 2, Slots = 2 });
        Assert.Throws<InvalidOperationException>(() => comparison["no such policy"]);
    }

    [Fact]
    public void Run_NullArguments_AreRefusedByName()
    {
        var setup = Setup();
        Assert.Equal("policies", Assert.Throws<ArgumentNullException>(() => Comparison.Run((IReadOnlyList<IOffloadingPolicy>)null!, setup)).ParamName);
        Assert.Equal("policies", Assert.Throws<ArgumentNullException>(
            () => Comparison.Run((IReadOnlyList<(string, IOffloadingPolicy, IReadOnlyDictionary<string, string>?)>)null!, setup)).ParamName);
        Assert.Equal("policies", Assert.Throws<ArgumentNullException>(
            () => Comparison.Run((IReadOnlyList<(string, IReadOnlyList<IOffloadingPolicy>, IReadOnlyDictionary<string, string>?)>)null!, setup)).ParamName);
        Assert.Equal("setup", Assert.Throws<ArgumentNullException>(
            () => Comparison.Run(Array.Empty<(string, IReadOnlyList<IOffloadingPolicy>, IReadOnlyDictionary<string, string>?)>(), null!)).ParamName);
    }

    [Fact]
    public void Setup_NullSettingsOrWriter_AreRefusedByName()
    {
        Assert.Equal("settings", Assert.Throws<ArgumentNullException>(() => ComparisonSetup.Of("calibrated", null!)).ParamName);
        Assert.Equal("json", Assert.Throws<ArgumentNullException>(() => Setup().WriteJson(null!)).ParamName);
    }

    [Fact]
    public void Setup_AnUnknownKey_IsNamedWithTheAssignmentGiven()
    {
        var e = Assert.Throws<ConfigurationException>(
            () => ComparisonSetup.Of("calibrated", new EnvironmentSettings { Miners = 2, TasksPerMiner = 2, Beta = 0.5 }, [KeyValuePair.Create("no_such_key", "1")]));
        Assert.StartsWith("no_such_key=1: unknown key 'no_such_key'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Setup_TwoOverrides_AreListedWithACommaBetween()
    {
        // In the catalogue's order (rate_good_bps before rate_bad_bps), each value as given.
        var setup = ComparisonSetup.Of(
            "calibrated",
            new EnvironmentSettings { Miners = 2, TasksPerMiner = 2, Beta = 0.5 },
            [KeyValuePair.Create("rate_bad_bps", "500000"), KeyValuePair.Create("rate_good_bps", "3000000")]);
        Assert.Contains("(rate_good_bps = 3000000, rate_bad_bps = 500000)", setup.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluation_NullArguments_AreRefusedByName()
    {
        Assert.Equal("perRun", Assert.Throws<ArgumentNullException>(
            () => PolicyEvaluation.Summarise("x", null!, 10, new RunShape(Tasks: 4, SlotSeconds: 1))).ParamName);
        Assert.Equal("seeds", Assert.Throws<ArgumentNullException>(() => PolicyEvaluation.OverSeeds("x", null!)).ParamName);
    }

    /// <summary>Two runs: every base metric 0 except reward (<paramref name="first"/>, <paramref name="second"/>).</summary>
    private static PolicySummary TwoRuns(string name, double first, double second)
    {
        var perRun = Metrics.Base.ToDictionary(m => m, _ => new double[] { 0, 0 });
        perRun[Metrics.Reward] = [first, second];
        return PolicyEvaluation.Summarise(name, perRun, slotsPerRun: 10, new RunShape(Tasks: 4, SlotSeconds: 1));
    }

    [Fact]
    public void OverSeeds_FractionalWhenAnySeedIs_AndOneSummaryKeepsItsSeedCount()
    {
        // Seed means 2 and 4 (runs 1, 3 and 3, 5): mean 3 over 2 seeds; one seed took fractional actions, so the policy did.
        var merged = PolicyEvaluation.OverSeeds("two", [TwoRuns("a", 1, 3), TwoRuns("b", 3, 5) with { FractionalActions = true }]);
        Assert.True(merged.FractionalActions);
        Assert.Equal(2, merged.Seeds);
        Assert.Equal(3, merged.Reward.Mean);
        Assert.False(PolicyEvaluation.OverSeeds("two", [TwoRuns("a", 1, 3), TwoRuns("b", 3, 5)]).FractionalActions);

        // A summary alone is only renamed: still over its 2 seeds.
        var renamed = PolicyEvaluation.OverSeeds("renamed", [merged]);
        Assert.Equal("renamed", renamed.Policy);
        Assert.Equal(2, renamed.Seeds);
        Assert.Equal(merged.Reward, renamed.Reward);
    }
}
