using EdgeMine.Experiments;
using EdgeMine.Schemes;
using EdgeMine.Simulation;
using static EdgeMine.Tests.Claims.Synthetic;

namespace EdgeMine.Tests.Claims;

/// <summary>
/// The claim helpers every experiment uses, on synthetic rows worked by hand: a comparison's margin and its words, the
/// largest M, a trend's direction, a claim of many parts, and the cause found by putting the optimum in the learner's
/// place. t(2) = 4.303.
/// </summary>
public sealed class ClaimContextTests
{
    private static readonly Setting N5 = new(5, 2, 0.5);
    private static readonly Metric Cost = Metrics.Cost;
    private static readonly double[] Noise = [0.1, -0.1, 0.1, -0.1];
    private static readonly Scheme Drlo = ReproductionSchemes.DrloPaper, No = BaselineScheme.Never, Eo = BaselineScheme.Always, Opt = BaselineScheme.Optimal;

    private static ClaimContext Context(IReadOnlyList<Setting> settings, params ResultRow[] rows) =>
        new(new ExperimentResults(MultiMinerTables.Table2, settings, rows));

    [Fact]
    public void Compare_TheMarginInPercentOfTheReference_PositiveTheClaimsWay()
    {
        // DRLO 1, 1.2, 0.8 against NO's 4: differences -3, -2.8, -3.2; "below" by 75% of |4|, half-width
        // 4.303 * 0.2 / sqrt(3) * 25 = 12.42.
        var context = Context([N5], Learner(N5, Drlo, Noise, (Cost, [1.0, 1.2, 0.8])), Baseline(N5, No, (Cost, Constant(4))));
        var part = context.Compare(N5, Drlo, No, Cost, Direction.Below, paperPercent: 10, label: "N=5");
        Assert.Equal(ClaimOutcome.Holds, part.Outcome);
        Approx.Equal(75, part.Value!.Mean, relative: 1e-12);
        Approx.Equal(75 - (4.303 * 0.2 / Math.Sqrt(3) * 25), part.Value.Low, relative: 1e-9);
        Assert.Equal(75, part.Support, 9);
        Assert.Equal("10% below", part.Paper);
        Assert.Equal("N=5: DRLO (paper DQN) 1.000 vs NO 4.000: 75.0% below (95% CI 62.58% to 87.42%, 3 training seeds) (paper 10% below)", part.Detail);
        Assert.Null(part.Cause);

        // Claimed the other way, the same margin is negative and the claim does not hold.
        var against = context.Compare(N5, Drlo, No, Cost, Direction.Above);
        Assert.Equal(ClaimOutcome.DoesNotHold, against.Outcome);
        Approx.Equal(-75, against.Value!.Mean, relative: 1e-12);
        Assert.Equal("DRLO (paper DQN) 1.000 vs NO 4.000: 75.0% below (95% CI 62.58% to 87.42%, 3 training seeds)", against.Detail);
    }

    [Fact]
    public void Compare_AMissingSchemeOrAZeroReference()
    {
        var context = Context([N5], Baseline(N5, No, (Cost, Constant(0))), Baseline(N5, Eo, (Cost, [1.0, 2, 1, 2])));
        var missing = context.Compare(N5, Drlo, No, Cost, Direction.Below);
        Assert.Equal("NO n/a at N=5, M=2, beta=0.5 (joint head too large)", Context([N5], NotApplicable(N5, No), Baseline(N5, Eo, (Cost, Constant(1)))).Compare(N5, Eo, No, Cost, Direction.Below).Detail);
        Assert.Equal(ClaimOutcome.NotEvaluated, missing.Outcome);
        Assert.Equal("DRLO (paper DQN) n/a at N=5, M=2, beta=0.5 (not run)", missing.Detail);
        var zero = context.Compare(N5, Eo, No, Cost, Direction.Above);
        Assert.Equal(ClaimOutcome.Holds, zero.Outcome); // 1.5 above 0, decided on the difference
        Assert.True(double.IsNaN(zero.Value!.Mean));   // no percentage of 0
    }

    [Fact]
    public void LargestM_NamesItAgainstThePapersTwelve()
    {
        Setting m2 = new(1, 2, 0.5), m4 = new(1, 4, 0.5), m12 = new(1, 12, 0.5);
        Assert.Equal((m4, "at M=4 (the largest M run here; the paper's is M=12)"), Context([m4, m2]).LargestM());
        Assert.Equal((m12, "at M=12"), Context([m2, m12]).LargestM());
    }

    [Fact]
    public void Trend_FallingWithX_ByTheSlopeOverSeeds()
    {
        // Seeds at M = 2: 3, 3.1, 2.9; at M = 4: 1, 1.1, 0.9: slope -1 per task, its sign the claim's way (below).
        Setting m2 = new(1, 2, 0.5), m4 = new(1, 4, 0.5);
        var context = Context([m4, m2], Learner(m2, Drlo, Noise, (Cost, [3.0, 3.1, 2.9])), Learner(m4, Drlo, Noise, (Cost, [1.0, 1.1, 0.9])));
        var falls = context.Trend(Drlo, Cost, s => s.Tasks, "task", Direction.Below);
        Assert.Equal(ClaimOutcome.Holds, falls.Outcome);
        Approx.Equal(-1, falls.Value!.Mean, relative: 1e-9);
        Approx.Equal(1, falls.Support, relative: 1e-9);
        Assert.Equal("training seeds", falls.Value.Units);
        Assert.Equal(6, falls.Value.N); // 3 seeds at each of 2 settings
        Assert.StartsWith("DRLO (paper DQN): 3.000 -> 1.000; slope -1.000 per task (95% CI ", falls.Detail, StringComparison.Ordinal);
        var rises = context.Trend(Drlo, Cost, s => s.Tasks, "task", Direction.Above);
        Assert.Equal(ClaimOutcome.DoesNotHold, rises.Outcome);
        Approx.Equal(-1, rises.Support, relative: 1e-9); // the slope's sign against the claim

        // A baseline's trend is over its evaluation runs: 4 runs at each of 2 settings.
        var baseline = Context([m2, m4], Baseline(m2, Eo, (Cost, [1.0, 1.1, 0.9, 1.0])), Baseline(m4, Eo, (Cost, [2.0, 2.1, 1.9, 2.0])));
        var eo = baseline.Trend(Eo, Cost, s => s.Tasks, "task", Direction.Above);
        Assert.Equal(8, eo.Value!.N);
        Assert.Equal("evaluation runs", eo.Value.Units);

        var one = Context([m2], Learner(m2, Drlo, Noise, (Cost, [3.0, 3.1, 2.9])));
        Assert.Equal("a trend needs at least two settings", one.Trend(Drlo, Cost, s => s.Tasks, "task", Direction.Below).Detail);
    }

    [Fact]
    public void FromParts_ManyParts_ListOnlyThoseThatDoNotHold_AndTheWeakestDecides()
    {
        var context = Context([N5]);
        var hold = Enumerable.Range(1, 6).Select(k => new ClaimPart(ClaimOutcome.Holds, new Interval(k, k - 0.5, k + 0.5, 3, "training seeds"), k, $"part {k}")).ToList();
        var claim = context.FromParts("t.s", "S", [.. hold], "margin");
        Assert.Equal(ClaimOutcome.Holds, claim.Outcome);
        Assert.Equal(1, claim.Ours!.Mean); // the weakest part that holds
        Assert.Equal("part 1; part 2; part 3; part 4; part 5; part 6", claim.Detail);
        Assert.False(claim.Partial);
        Assert.Equal("margin", claim.Measure);
        Assert.Null(claim.Cause);
        Assert.Equal("t.s", claim.Id);
        Assert.Equal("", new Claim("fig5", "X", ClaimOutcome.Holds, "").Measure);
        Assert.Equal("", new Claim("fig5", "X", ClaimOutcome.Holds, "").Paper);

        var failing = new ClaimPart(ClaimOutcome.DoesNotHold, new Interval(-2, -3, -1, 3, "training seeds"), -2, "part 7", Cause: new ClaimCause(CauseClass.Preset, "fixed"));
        var mixed = context.FromParts("t.s", "S", [.. hold, failing, ClaimPart.NotEvaluated("part 8 n/a")], "margin", prefix: "at N=5");
        Assert.Equal(ClaimOutcome.DoesNotHold, mixed.Outcome);
        Assert.True(mixed.Partial);
        Assert.Equal(-2, mixed.Ours!.Mean);
        Assert.Equal("at N=5: 6 of 8 comparisons hold; does not hold: part 7; not evaluated: part 8 n/a", mixed.Detail);
        Assert.Equal("preset: fixed", ClaimCauses.Find(mixed, ClaimEvidence.Default).CauseText); // a cause fixed by the part's kind
        Assert.Equal("table2", mixed.Experiment);

        var twoFailing = context.FromParts("t.s", "S", [.. hold, failing, failing with { Detail = "part 8" }], "margin");
        Assert.Equal("6 of 8 comparisons hold; does not hold: part 7; part 8", twoFailing.Detail);

        var none = context.FromParts("t.s", "S", [ClaimPart.NotEvaluated("a n/a"), ClaimPart.NotEvaluated("b n/a")], "margin");
        Assert.Equal(ClaimOutcome.NotEvaluated, none.Outcome);
        Assert.Equal("a n/a; b n/a", none.Detail);
        Assert.Null(none.Ours);
    }

    [Fact]
    public void StandIn_TheOptimumInTheLearnersPlace_OnEitherSide()
    {
        // DRLO 5 against NO 4, claimed below: it does not hold. With the optimum (3) in DRLO's place it holds.
        var learner = Context([N5], Learner(N5, Drlo, Noise, (Cost, [5.0, 5.1, 4.9])), Baseline(N5, No, (Cost, Constant(4))), Baseline(N5, Opt, (Cost, [3.0, 3.1, 2.9, 3.0])));
        var part = learner.Compare(N5, Drlo, No, Cost, Direction.Below);
        Assert.Equal(ClaimOutcome.DoesNotHold, part.Outcome);
        Assert.Equal(ClaimOutcome.Holds, part.StandIn!(new HashSet<Scheme> { Drlo }));
        Assert.Equal(ClaimOutcome.DoesNotHold, part.StandIn!(new HashSet<Scheme>())); // nothing replaced: the part as it is
        Assert.Equal(ClaimOutcome.NotEvaluated, part.StandIn!(new HashSet<Scheme> { Drlo, No })); // the optimum against itself

        // The learner on the right: the optimum (2) takes B's place, and NO 4 is not below it.
        var right = Context([N5], Learner(N5, Drlo, Noise, (Cost, [3.0, 3.1, 2.9])), Baseline(N5, No, (Cost, Constant(4))), Baseline(N5, Opt, (Cost, Constant(2))));
        Assert.Equal(ClaimOutcome.DoesNotHold, right.Compare(N5, No, Drlo, Cost, Direction.Below).StandIn!(new HashSet<Scheme> { Drlo }));

        // No optimum at the setting: nothing to stand in.
        var none = Context([N5], Learner(N5, Drlo, Noise, (Cost, [5.0, 5.1, 4.9])), Baseline(N5, No, (Cost, Constant(4))));
        Assert.Equal(ClaimOutcome.NotEvaluated, none.Compare(N5, Drlo, No, Cost, Direction.Below).StandIn!(new HashSet<Scheme> { Drlo }));
    }
}
