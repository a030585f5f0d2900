using EdgeMine.Experiments;
using EdgeMine.Schemes;
using EdgeMine.Simulation;
using static EdgeMine.Tests.Claims.Synthetic;

namespace EdgeMine.Tests.Claims;

/// <summary>
/// The rules of MODEL.md section 11 that issues 20 and 21 added, each on values worked by hand: Holm-Bonferroni, the
/// two-sided p-value, two one-sided tests, the units that would decide an inconclusive comparison, the magnitude
/// verdict, fragility from seed subsets, duplicates, and the cause classes "paper" and "by construction" (preset,
/// model and learner are in ClaimsTests). t quantiles: t(0.975; 2) = 4.303, t(0.95; 3) = 2.353363.
/// </summary>
public sealed class ClaimRulesTests
{
    private static readonly Setting N5 = new(5, 2, 0.5);
    private static readonly Scheme Drlo = ReproductionSchemes.DrloPaper, Rlo = ReproductionSchemes.Rlo;
    private static readonly Scheme No = BaselineScheme.Never, Eo = BaselineScheme.Always, Opt = BaselineScheme.Optimal;
    private static readonly double[] Noise = [0.1, -0.1, 0.1, -0.1];

    [Fact]
    public void Holm_RejectsInAscendingOrderAgainstAlphaOverTheRemainingCount_AndStopsAtTheFirstFailure()
    {
        // Sorted 0.005 <= 0.05/4 = 0.0125, 0.01 <= 0.05/3 = 0.0167, then 0.03 > 0.05/2 = 0.025: stop (0.04 not tested).
        Assert.Equal([true, false, false, true], Judge.Holm([0.01, 0.04, 0.03, 0.005]));

        // A NaN (a part Holm does not correct) is left out of the count: k = 2, 0.02 <= 0.025 and 0.04 <= 0.05.
        Assert.Equal([true, false, true], Judge.Holm([0.02, double.NaN, 0.04]));

        // 0.001 <= 0.0167, 0.001 <= 0.025, 0.2 > 0.05.
        Assert.Equal([false, true, true], Judge.Holm([0.2, 0.001, 0.001]));

        // One test: Holm is the test itself.
        Assert.Equal([true], Judge.Holm([0.049]));
        Assert.Equal([false], Judge.Holm([0.051]));
    }

    [Fact]
    public void PValue_IsTwoSidedFromTheTStatistic()
    {
        // 1, 2, 3: mean 2, se 1 / sqrt(3), t = 2 sqrt(3) = 3.4641 on 2 degrees of freedom. For 2 degrees of freedom
        // P(|T| > t) = 1 - t / sqrt(2 + t^2) = 1 - 3.4641 / sqrt(14) = 0.074180.
        var interval = Interval.Of([1, 2, 3], "training seeds");
        Approx.Equal(1 / Math.Sqrt(3), interval.StandardError, relative: 1e-9);
        Approx.Equal(1 - (2 * Math.Sqrt(3) / Math.Sqrt(14)), Judge.PValue(interval), relative: 1e-6);

        // An exact difference (se 0): p = 0 away from 0, 1 at 0; no interval: NaN.
        Assert.Equal(0, Judge.PValue(Interval.Of([1, 1, 1], "runs")));
        Assert.Equal(1, Judge.PValue(Interval.Of([0, 0, 0], "runs")));
        Assert.True(double.IsNaN(Judge.PValue(Interval.Of([1], "runs"))));
    }

    [Fact]
    public void Tost_IsEquivalentWhenTheNinetyPercentIntervalLiesInsideTheTolerance()
    {
        // 0.1, -0.1, 0.2, 0: mean 0.05, sd sqrt(0.05 / 3) = 0.12910, se 0.064550; t(0.95; 3) se = 0.151908:
        // the 90% interval is [-0.101908, 0.201908].
        var difference = Interval.Of([0.1, -0.1, 0.2, 0.0], "training seeds");
        Assert.True(Judge.Equivalent(difference, 0.25));
        Assert.False(Judge.Equivalent(difference, 0.2)); // 0.2019 reaches beyond 0.2
        Assert.Equal(ClaimOutcome.Equivalent, Judge.Compare(difference, Direction.Below, 0.25, identical: false));
        Assert.Equal(ClaimOutcome.Inconclusive, Judge.Compare(difference, Direction.Below, 0.2, identical: false));
        Assert.False(Judge.Equivalent(difference, 0));
        Assert.False(Judge.Equivalent(Interval.Of([0.01], "runs"), 1)); // no interval: nothing shown
    }

    [Fact]
    public void ExactTie_IsIdenticalValuesInEveryRunAndSeed_NotAZeroMean()
    {
        // The same per-run values on every seed: identical. A zero mean from differences that cancel is not.
        var a = Learner(N5, Drlo, Noise, (Metrics.Cost, [2.0, 2.0, 2.0]));
        var b = Learner(N5, Rlo, Noise, (Metrics.Cost, [2.0, 2.0, 2.0]));
        var c = Learner(N5, Rlo, Noise, (Metrics.Cost, [1.0, 3.0, 2.0]));
        var eo = Baseline(N5, Eo, (Metrics.Cost, [2.1, 1.9, 2.1, 1.9]));
        Assert.True(Judge.Identical(a, b, Metrics.Cost));
        Assert.True(Judge.Identical(a, eo, Metrics.Cost)); // every seed of a against the baseline's runs
        Assert.False(Judge.Identical(a, c, Metrics.Cost));
        Assert.Equal(0, Judge.Paired(a, c, Metrics.Cost).Mean, 12);
    }

    [Fact]
    public void Inconclusive_StatesTheUnitsThatWouldDecideItAtTheObservedEffect()
    {
        // 0.5, 1.5, -0.5: mean 0.5, sd 1. It decides once t(0.975; n - 1) / sqrt(n) < 0.5: n = 17 gives 2.120 / 4.1231 =
        // 0.5142, n = 18 gives 2.110 / 4.2426 = 0.4973.
        var difference = Interval.Of([0.5, 1.5, -0.5], "training seeds");
        Assert.Null(Judge.Decide(difference, Direction.Above));
        Assert.Equal(18, Judge.UnitsToDecide(difference));
        Assert.Null(Judge.UnitsToDecide(Interval.Of([1, -1, 0], "runs"))); // an effect of 0: no number decides it

        var claim = new Claim("table2", "S", ClaimOutcome.Inconclusive, "")
        {
            Parts = [new ClaimPart(ClaimOutcome.Inconclusive, difference, 0.5, "p") { UnitsToDecide = 18 }],
        };
        Assert.Equal("about 18 training seeds would decide it at the observed effect (it has 3)", claim.Deciding);
    }

    [Fact]
    public void Magnitude_IsConsistentWhenThePapersValueLiesInsideOurInterval()
    {
        // DRLO 1, 1.2, 0.8 against NO's 4: 75% below, 95% CI 62.58% to 87.42% (ClaimContextTests).
        var context = new ClaimContext(new ExperimentResults(MultiMinerTables.Table2, [N5], [Learner(N5, Drlo, Noise, (Metrics.Cost, [1.0, 1.2, 0.8])), Baseline(N5, No, (Metrics.Cost, Constant(4)))]));
        Claim With(double? paper) => context.FromParts("t.m", "S", [context.Compare(N5, Drlo, No, Metrics.Cost, Direction.Below, paper)], "m");
        Assert.Equal(Magnitude.Consistent, With(70).Magnitude);
        Assert.Equal(Magnitude.Differs, With(57).Magnitude);
        Assert.Equal(Magnitude.Differs, With(90).Magnitude);
        Assert.Equal(Magnitude.NotApplicable, With(null).Magnitude);
    }

    [Fact]
    public void Fragility_IsAVerdictThatChangesBetweenSeedSubsetsOfTheSameRun()
    {
        // DRLO's three seeds 1.0, 2.9, 2.1 against RLO's 2, 2, 2 (power). On the first seed alone the difference is -1 in
        // every run: it holds. On three, the seed differences -1, 0.9, 0.1 average 0: inconclusive. RLO 2 < NO 3 < EO 4
        // hold throughout.
        ResultRow[] rows =
        [
            Learner(N5, Drlo, Noise, (Metrics.Power, [1.0, 2.9, 2.1])),
            Learner(N5, Rlo, Noise, (Metrics.Power, [2.0, 2.0, 2.0])),
            Baseline(N5, No, (Metrics.Power, Constant(3))),
            Baseline(N5, Eo, (Metrics.Power, Constant(4))),
        ];
        var claims = MultiMinerTables.Table2.Judged(new ExperimentResults(MultiMinerTables.Table2, [N5], rows), ClaimEvidence.Default);
        var power = Assert.Single(claims, c => c.Id == "table2.power.n5");
        Assert.Equal([(1, ClaimOutcome.Holds), (3, ClaimOutcome.Inconclusive)], power.SeedOutcomes);
        Assert.True(power.Fragile);
        Assert.Equal("1: holds; 3: inconclusive", power.SeedOutcomesText);

        // The seed counts compared: 1, 3 and 5, those below the run's, and the run's own.
        Assert.Equal([1, 3, 5], ClaimSet.SeedSubsets(5));
        Assert.Equal([1, 2], ClaimSet.SeedSubsets(2));
        Assert.Equal([1], ClaimSet.SeedSubsets(1));
        Assert.Equal([1, 3, 5, 10], ClaimSet.SeedSubsets(10));
    }

    [Fact]
    public void Duplicates_MakeTheSameComparisons_InAnyOrderOrDirection()
    {
        var context = new ClaimContext(new ExperimentResults(MultiMinerTables.Table2, [N5],
            [Learner(N5, Drlo, Noise, (Metrics.Cost, [1.0, 1.2, 0.8])), Baseline(N5, No, (Metrics.Cost, Constant(3))), Baseline(N5, Eo, (Metrics.Cost, Constant(4)))]));
        var first = context.FromParts("t.a", "A", [context.Compare(N5, No, Eo, Metrics.Cost, Direction.Below), context.Compare(N5, Drlo, No, Metrics.Cost, Direction.Below)], "m");

        // "EO above NO" is "NO below EO"; the order of the parts does not matter.
        var same = context.FromParts("t.b", "B", [context.Compare(N5, Drlo, No, Metrics.Cost, Direction.Below), context.Compare(N5, Eo, No, Metrics.Cost, Direction.Above)], "m");
        var part = context.FromParts("t.c", "C", [context.Compare(N5, No, Eo, Metrics.Cost, Direction.Below)], "m");
        var marked = ClaimSet.MarkDuplicates([first, same, part]);
        Assert.Equal(["", "t.a", ""], marked.Select(c => c.DuplicateOf));
        Assert.True(marked[1].CountedApart);
        Assert.False(marked[2].CountedApart); // a subset of another claim's comparisons is a claim of its own
    }

    [Fact]
    public void Paper_AStatedChoiceOutranksTheLearner_AndAContradictionExplainsAClaimNoPointSatisfies()
    {
        // RLO 500 ms above NO 300 ms: with the optimum (200 ms) in RLO's place it holds (learner, ClaimsTests), unless
        // the evidence shows the paper's stated choice decides it (an ablation's finding).
        ResultRow[] rows =
        [
            Learner(N5, Drlo, Noise, (Metrics.Latency, [100, 110, 90])),
            Learner(N5, Rlo, Noise, (Metrics.Latency, [500, 510, 490])),
            Baseline(N5, No, (Metrics.Latency, Constant(300))),
            Baseline(N5, Eo, (Metrics.Latency, Constant(400))),
            Baseline(N5, Opt, (Metrics.Latency, Constant(350))),
        ];
        Claim Latency(ClaimEvidence evidence) => Assert.Single(
            MultiMinerTables.Table2.Judged(new ExperimentResults(MultiMinerTables.Table2, [N5], rows), evidence), c => c.Id == "table2.latency.n5");
        var choice = ClaimsTests.Calibration("table2.latency.n5", "holds") with { Paper = [new("table2.latency.n5", "with discount 0 it holds, with the paper's 0.85 it does not", StatedChoice: true)] };
        Assert.Equal(new ClaimCause(CauseClass.Paper, "with discount 0 it holds, with the paper's 0.85 it does not"), Latency(choice).Cause);

        // No stand-in satisfies it (the optimum's 350 ms is above NO's 300) and no calibration point does: with a
        // contradiction of the paper on record for this claim, the cause is the paper; without, the model.
        var none = ClaimsTests.Calibration("table2.latency.n5", "does not hold", "does not hold");
        var contradiction = none with { Paper = [new("table2.latency.n5", "the paper's NO numbers cannot come from its constants", StatedChoice: false)] };
        var paper = Latency(contradiction).Cause!;
        Assert.Equal(CauseClass.Paper, paper.Class);
        Assert.Equal("it fails at all 2 points of the calibration's feasible set, and the paper's NO numbers cannot come from its constants", paper.Reason);
        Assert.Equal(CauseClass.Model, Latency(none with { Paper = [] }).Cause!.Class);

        // A contradiction does not outrank a calibration point where the claim holds: preset.
        Assert.Equal(CauseClass.Preset, Latency(ClaimsTests.Calibration("table2.latency.n5", "holds") with { Paper = contradiction.Paper }).Cause!.Class);
    }

    [Fact]
    public void ByConstruction_NeedsAProof_AndIsCountedApart()
    {
        ResultRow[] rows =
        [
            Learner(N5, Drlo, Noise, (Metrics.Cost, [1.0, 1.1, 0.9])),
            Learner(N5, Rlo, Noise, (Metrics.Cost, [2.0, 2.1, 1.9])),
            Baseline(N5, No, (Metrics.Cost, Constant(3))),
            Baseline(N5, Eo, (Metrics.Cost, Constant(4))),
        ];
        var evidence = ClaimEvidence.Default with { Proofs = new Dictionary<string, string> { ["table2.cost.n5"] = "the proof" } };
        var claims = MultiMinerTables.Table2.Judged(new ExperimentResults(MultiMinerTables.Table2, [N5], rows), evidence);
        var cost = Assert.Single(claims, c => c.Id == "table2.cost.n5");
        Assert.Equal(ClaimOutcome.Holds, cost.Outcome);
        Assert.Equal(new ClaimCause(CauseClass.ByConstruction, "the proof"), cost.Cause);
        Assert.True(cost.CountedApart);

        // Without a proof on record, no claim is called true by construction.
        Assert.All(MultiMinerTables.Table2.Judged(new ExperimentResults(MultiMinerTables.Table2, [N5], rows), ClaimEvidence.Default), c => Assert.Null(c.Cause));
    }

    [Fact]
    public void HolmOverAClaimsParts_CanUndecideAPartThatHoldsAlone()
    {
        // Three parts with p = 0.03 each (decided alone: 0.03 < 0.05) fail Holm (0.03 > 0.05 / 3): the family-wise
        // outcome is the parts' undecided one.
        var value = new Interval(1, 0.1, 1.9, 10, "runs");
        var part = new ClaimPart(ClaimOutcome.Holds, value, 1, "p") { PValue = 0.03, Undecided = ClaimOutcome.Inconclusive };
        var context = new ClaimContext(new ExperimentResults(MultiMinerTables.Table2, [N5], []));
        var claim = context.FromParts("t.h", "S", [part, part, part], "m");
        Assert.Equal(ClaimOutcome.Holds, claim.Outcome);
        Assert.Equal(ClaimOutcome.Inconclusive, claim.OutcomeHolm);

        // With p = 0.01 each: 0.01 <= 0.0167, 0.025 and 0.05: every part stays decided.
        Assert.Equal(ClaimOutcome.Holds, context.FromParts("t.h", "S", [part with { PValue = 0.01 }, part with { PValue = 0.01 }], "m").OutcomeHolm);
    }
}
