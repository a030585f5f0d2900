using EdgeMine.Cells;
using EdgeMine.Experiments;
using EdgeMine.Schemes;
using EdgeMine.Simulation;

namespace EdgeMine.Tests.Experiments;

/// <summary>The claims logic on hand-made rows: a claim that holds, one that does not (percentages computed by hand), missing data.</summary>
public sealed class ClaimsTests
{
    private static ResultRow Row(Setting setting, Scheme scheme, params (Metric Metric, double Mean)[] metrics) => new(
        setting,
        scheme,
        new CellResult
        {
            Key = Reproduction.CellKey(setting, scheme),
            Scheme = scheme,
            Status = CellStatus.Ok,
            Evaluations =
            [
                new SchemeEvaluation
                {
                    Scheme = scheme,
                    Metrics = metrics.ToDictionary(m => m.Metric.Key, m => new MetricEstimate(m.Mean, m.Mean - 0.1, m.Mean + 0.1, 10)),
                    PerRun = new Dictionary<string, double[]>(),
                },
            ],
        },
        0.5);

    private static ResultRow NotApplicable(Setting setting, Scheme scheme) => new(
        setting,
        scheme,
        new CellResult { Key = Reproduction.CellKey(setting, scheme), Scheme = scheme, Status = CellStatus.NotApplicable, Reason = "joint head too large" },
        double.NaN);

    private static readonly Scheme Drlo = ReproductionSchemes.Drlo, Rlo = ReproductionSchemes.Rlo;
    private static readonly Scheme Eo = BaselineScheme.Always, No = BaselineScheme.Never;
    private static readonly Metric Cost = Metrics.Cost, Privacy = Metrics.Privacy, Power = Metrics.Power;

    private static Claim Find(IReadOnlyList<Claim> claims, string start) => Assert.Single(claims, c => c.Statement.StartsWith(start, StringComparison.Ordinal));

    private static (Setting[] Settings, List<ResultRow> Rows) Fig6(double drloCostAtM4)
    {
        Setting m2 = new(1, 2, 0.8), m4 = new(1, 4, 0.8);
        var rows = new List<ResultRow>
        {
            Row(m2, Drlo, (Cost, 1)), Row(m2, Rlo, (Cost, 2)), Row(m2, Eo, (Cost, 3)), Row(m2, No, (Cost, 4)),
            Row(m4, Drlo, (Cost, drloCostAtM4)), Row(m4, Rlo, (Cost, 10)), Row(m4, Eo, (Cost, 20)), Row(m4, No, (Cost, 25)),
        };
        return ([m2, m4], rows);
    }

    private static IReadOnlyList<Claim> Fig6Claims((Setting[] Settings, List<ResultRow> Rows) data) =>
        SingleMinerFigures.Fig6.Claims(new ExperimentResults(SingleMinerFigures.Fig6, data.Settings, data.Rows));

    [Fact]
    public void Fig6_reductions_hold_with_the_percentages_computed_by_hand()
    {
        var claims = Fig6Claims(Fig6(drloCostAtM4: 8));

        // (10 - 8) / 10 = 20%, (20 - 8) / 20 = 60%, (25 - 8) / 25 = 68%.
        var reductions = Find(claims, "At beta=0.8, M=12, DRLO's cost");
        Assert.Equal(ClaimOutcome.Holds, reductions.Outcome);
        Assert.Contains("20.0% below RLO", reductions.Detail, StringComparison.Ordinal);
        Assert.Contains("60.0% below EO", reductions.Detail, StringComparison.Ordinal);
        Assert.Contains("68.0% below NO", reductions.Detail, StringComparison.Ordinal);
        Assert.Contains("largest M run here", reductions.Detail, StringComparison.Ordinal);
        Assert.Equal(ClaimOutcome.Holds, Find(claims, "DRLO has the lowest cost").Outcome);
    }

    [Fact]
    public void Fig6_reductions_do_not_hold_when_DRLO_costs_more_than_RLO()
    {
        var claims = Fig6Claims(Fig6(drloCostAtM4: 12));

        // (12 - 10) / 10 = 20% above RLO; (20 - 12) / 20 = 40% below EO.
        var reductions = Find(claims, "At beta=0.8, M=12, DRLO's cost");
        Assert.Equal(ClaimOutcome.DoesNotHold, reductions.Outcome);
        Assert.Contains("20.0% above RLO", reductions.Detail, StringComparison.Ordinal);
        Assert.Contains("40.0% below EO", reductions.Detail, StringComparison.Ordinal);
        var lowest = Find(claims, "DRLO has the lowest cost");
        Assert.Equal(ClaimOutcome.DoesNotHold, lowest.Outcome);
        Assert.Contains("M=4: DRLO 12.00 vs best other RLO 10.00 (20.0% above)", lowest.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_claim_whose_cells_did_not_apply_is_not_evaluated_with_the_reason()
    {
        var data = Fig6(drloCostAtM4: 8);
        data.Rows[4] = NotApplicable(data.Settings[1], Drlo);
        var claims = Fig6Claims(data);

        var reductions = Find(claims, "At beta=0.8, M=12, DRLO's cost");
        Assert.Equal(ClaimOutcome.NotEvaluated, reductions.Outcome);
        Assert.Contains("joint head too large", reductions.Detail, StringComparison.Ordinal);
        Assert.Equal(ClaimOutcome.NotEvaluated, Find(claims, "DRLO has the lowest cost").Outcome);
    }

    [Fact]
    public void No_rows_at_all_give_not_evaluated_claims_and_no_exception()
    {
        foreach (var experiment in Reproduction.Experiments)
        {
            var claims = experiment.Claims(new ExperimentResults(experiment, experiment.Settings(ReproductionSizes.Quick), []));
            Assert.NotEmpty(claims);
            Assert.All(claims, c => Assert.Equal(ClaimOutcome.NotEvaluated, c.Outcome));
        }
    }

    [Fact]
    public void Table_ranking_holds_and_fails_with_each_gap()
    {
        Setting n5 = new(5, 2, 0.5);
        var rows = new List<ResultRow>
        {
            Row(n5, Drlo, (Power, 3), (Cost, 1)), Row(n5, Rlo, (Power, 4), (Cost, 2)),
            Row(n5, No, (Power, 5), (Cost, 4)), Row(n5, Eo, (Power, 6), (Cost, 3)),
        };
        var claims = MultiMinerTables.Table2.Claims(new ExperimentResults(MultiMinerTables.Table2, [n5], rows));

        var power = Find(claims, "DRLO < RLO < NO < EO in power (W) at N=5");
        Assert.Equal(ClaimOutcome.Holds, power.Outcome);
        Assert.Contains("DRLO 3.000 < RLO 4.000 (+33.3%) < NO 5.000 (+25.0%) < EO 6.000 (+20.0%)", power.Detail, StringComparison.Ordinal);
        Assert.Contains("paper: DRLO 3.5 < RLO 4.2 (+20.0%)", power.Detail, StringComparison.Ordinal);

        var cost = Find(claims, "DRLO < RLO < NO < EO in cost at N=5");
        Assert.Equal(ClaimOutcome.DoesNotHold, cost.Outcome);
        Assert.Contains("NO 4.000 (+100.0%) >= EO 3.000 (-25.0%)", cost.Detail, StringComparison.Ordinal);
        Assert.Equal(ClaimOutcome.NotEvaluated, Find(claims, "DRLO < RLO < NO < EO in latency (ms) at N=5").Outcome);
    }

    [Fact]
    public void Fig7_privacy_margins_and_trend()
    {
        Setting d10 = new(1, 1, 0.5, 10), d100 = new(1, 1, 0.5, 100);
        var rows = new List<ResultRow>
        {
            Row(d10, Drlo, (Privacy, 1.1)), Row(d10, ReproductionSchemes.RlPrivacy, (Privacy, 1.0)), Row(d10, ReproductionSchemes.Cmdp, (Privacy, 0.5)),
            Row(d100, Drlo, (Privacy, 2.0)), Row(d100, ReproductionSchemes.RlPrivacy, (Privacy, 2.5)), Row(d100, ReproductionSchemes.Cmdp, (Privacy, 0.4)),
        };
        IReadOnlyList<Claim> Claims() => Fig7Privacy.Instance.Claims(new ExperimentResults(Fig7Privacy.Instance, [d10, d100], rows));
        var claims = Claims();

        // (1.1 - 1.0) / 1.0 = 10%, (1.1 - 0.5) / 0.5 = 120%.
        var at10 = Find(claims, "At d=10 kbit");
        Assert.Equal(ClaimOutcome.Holds, at10.Outcome);
        Assert.Contains("10.0% above RL-privacy [29]", at10.Detail, StringComparison.Ordinal);
        Assert.Contains("120.0% above CMDP [28]", at10.Detail, StringComparison.Ordinal);

        // (2.0 - 2.5) / 2.5 = -20%.
        var at100 = Find(claims, "At d=100 kbit");
        Assert.Equal(ClaimOutcome.DoesNotHold, at100.Outcome);
        Assert.Contains("20.0% below RL-privacy [29]", at100.Detail, StringComparison.Ordinal);

        // CMDP falls from 0.5 to 0.4; the missing optimum (a reference only) does not make the claim partial.
        var rises = Find(claims, "Privacy rises with");
        Assert.Equal(ClaimOutcome.DoesNotHold, rises.Outcome);
        Assert.False(rises.Partial);
        Assert.Contains("CMDP [28]: 0.5 -> 0.4 at d = 10, 100 kbit (1 step(s) do not rise)", rises.Detail, StringComparison.Ordinal);

        // Without RL-privacy the trend is checked in part, and says so.
        rows.RemoveAll(r => r.Scheme.Equals(ReproductionSchemes.RlPrivacy));
        var partial = Find(Claims(), "Privacy rises with");
        Assert.True(partial.Partial);
        Assert.Equal("does not hold (partial)", partial.OutcomeText);
    }

    [Fact]
    public void Fig4_margin_from_the_final_moving_average()
    {
        Setting b5 = new(2, 2, 0.5);
        var curves = new List<CurvePoint>
        {
            new(Drlo, 0.5, 0, -3, -3), new(Drlo, 0.5, 50, 4, 4.4), new(Drlo, 0.5, 99, 5, 4.5),
            new(Rlo, 0.5, 0, -3, -3), new(Rlo, 0.5, 50, 4, 2), new(Rlo, 0.5, 99, 5, 4),
        };
        var experiment = Fig4LearningCurves.Instance;
        var claims = experiment.Claims(new ExperimentResults(experiment, [b5], []) { Curves = curves });

        // (4.5 - 4) / 4 = 12.5%, the paper's margin.
        var margin = Find(claims, "DRLO converges above RLO at beta=0.5");
        Assert.Equal(ClaimOutcome.Holds, margin.Outcome);
        Assert.Contains("12.5% above", margin.Detail, StringComparison.Ordinal);

        // At 25% of 99 slots (slot 0): DRLO -3 -> 4.5 is far from stable.
        Assert.Equal(ClaimOutcome.DoesNotHold, Find(claims, "DRLO's learning curve is stable").Outcome);
    }
}
