using EdgeMine.Calibration;
using EdgeMine.Experiments;
using EdgeMine.Model;

namespace EdgeMine.Tests.Calibration;

/// <summary>The held-out set's de-duplication (issue 21, item 5) on a small table of claims, worked by hand.</summary>
public sealed class HeldOutSetTests
{
    private static Claim C(string experiment, ClaimOutcome outcome, double? mean) =>
        new(experiment, "s", outcome, "") { Ours = mean is { } m ? new Interval(m, m - 1, m + 1, 10, "evaluation runs") : null };

    private static PointOutcome Point(string id, params Claim[] heldOut) =>
        new(new CalibrationPoint(id, "latin", [], [], Presets.Calibrated), [], heldOut, 0, 0);

    [Fact]
    public void Identical_comparisons_are_counted_once_and_claims_sharing_the_fit_apart()
    {
        var h = ClaimOutcome.Holds;
        var x = ClaimOutcome.DoesNotHold;
        var n = ClaimOutcome.NotEvaluated;

        // Claims: 0 table3 (shares the fit); 1 fig5; 2 the same as 1 at every point (a repeat); 3 the same as 1 at two of
        // three points only (not a repeat); 4 and 5 never judged (alike, but not repeats: counted apart).
        PointOutcome[] points =
        [
            Point("a", C("table3", h, 1), C("fig5", h, 2), C("fig5", h, 2), C("fig6", h, 2), C("fig7", n, null), C("fig7", n, null)),
            Point("b", C("table3", x, 1), C("fig5", x, -3), C("fig5", x, -3), C("fig6", x, -3), C("fig7", n, null), C("fig7", n, null)),
            Point("c", C("table3", h, 1), C("fig5", h, 4), C("fig5", h, 4), C("fig6", h, 5), C("fig7", n, null), C("fig7", n, null)),
        ];
        var set = HeldOutSet.Of(points, ["table3"]);
        Assert.Equal([0], set.SharingFit);
        Assert.Equal([(2, 1)], set.Duplicates);
        Assert.Equal([4, 5], set.NeverJudged);
        Assert.Equal([1, 3], set.Independent);

        // Independent claims holding: point a both, b none, c both.
        Assert.Equal([2, 0, 2], points.Select(set.Holding));
    }

    [Fact]
    public void Table_three_shares_table_twos_settings_and_the_figures_do_not()
    {
        using var directory = new TemporaryDirectory();
        var search = new CalibrationSearch(new CalibrationOptions("calibrated", Presets.Calibrated, CalibrationSpace.Default, directory.Path, CalibrationSizes.Quick));
        Assert.Equal(["table3"], search.SharingFit);
    }
}
