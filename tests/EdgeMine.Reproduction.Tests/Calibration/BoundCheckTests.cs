using EdgeMine.Calibration;
using EdgeMine.Model;

namespace EdgeMine.Tests.Calibration;

/// <summary>The at-bound rule and the objective's trend towards a bound (issue 21, item 5), on a small space worked by hand.</summary>
public sealed class BoundCheckTests
{
    // Cycles over two decades on a log scale (1% of the log-range is a factor 10^0.02 = 1.0471: 10 to 10.47), transmit
    // power over 1 W linearly (1% is 0.01 W), rate_bad up to rate_good.
    private static readonly CalibrationSpace Space = CalibrationSpace.Parse(
        """
        {
          "mec_cycles_per_bit": { "low": 10, "high": 1000, "scale": "log" },
          "transmit_watts": { "low": 0.1, "high": 1.1, "scale": "linear" },
          "rate_good_bps": { "low": 1e6, "high": 1e8, "scale": "log" },
          "rate_bad_bps": { "low": 1e5, "high": "rate_good_bps", "scale": "log" }
        }
        """,
        "test space");

    private static RangeDimension Range(string name) => Space.Ranges.Single(r => r.Name == name);

    private static ModelParameters At(double cycles, double watts, double good = 1e7, double bad = 1e6) =>
        Presets.Calibrated with { MecCyclesPerBit = cycles, TransmitWatts = watts, RateGoodBps = good, RateBadBps = bad };

    [Fact]
    public void The_fraction_is_taken_in_the_ranges_own_scale()
    {
        // log: ln(100 / 10) / ln(1000 / 10) = 1/2; linear: (0.35 - 0.1) / 1 = 0.25.
        Approx.Equal(0.5, BoundCheck.Fraction(Range("mec_cycles_per_bit"), 100, 1000), relative: 1e-14);
        Approx.Equal(0.25, BoundCheck.Fraction(Range("transmit_watts"), 0.35, 1.1), relative: 1e-14);
    }

    [Fact]
    public void A_constant_within_one_percent_of_its_range_of_a_bound_is_at_that_bound()
    {
        // 10.4 cycles: ln(1.04) / ln(100) = 0.0392 / 4.605 = 0.0085 <= 0.01, at the low bound; 10.5: 0.0488 / 4.605 =
        // 0.0106, inside. 1.095 W: (1.095 - 0.1) / 1 = 0.995 >= 0.99, at the high bound; 1.085 W: 0.985, inside.
        // rate_bad 9.9e6 below rate_good 1e7 from 1e5: ln(99) / ln(100) = 0.9978, at its high bound, which is rate_good.
        var hits = BoundCheck.Hits(Space, At(10.4, 1.095, good: 1e7, bad: 9.9e6));
        Assert.Equal(["mec_cycles_per_bit", "transmit_watts", "rate_bad_bps"], hits.Select(h => h.Dimension.Name));
        Assert.Equal([BoundSide.Low, BoundSide.High, BoundSide.High], hits.Select(h => h.Side));
        Assert.Equal([10.0, 1.1, 1e7], hits.Select(h => h.Bound));
        Assert.Equal("at bound (low): the fit wants more", hits[0].Label);
        Assert.Equal("at bound (high): the fit wants more", hits[1].Label);

        Assert.Empty(BoundCheck.Hits(Space, At(10.5, 1.085, good: 1e7, bad: 9e6))); // rate_bad: ln(90) / ln(100) = 0.977
    }

    [Fact]
    public void The_trend_is_the_best_objective_in_each_fifth_of_the_range()
    {
        // Transmit power over [0.1, 1.1]: fifths of 0.2 W. 0.2 and 0.25 W in the first (objectives 5 and 7: best 5),
        // 0.45 W in the second (3), none in the third and fourth, 1.0 and 1.1 W (the top end counted in the last) in the
        // fifth (2 and 9: best 2). A NaN objective counts for nothing.
        (ModelParameters, double)[] points =
        [
            (At(100, 0.2), 5), (At(100, 0.25), 7), (At(100, 0.45), 3), (At(100, 1.0), 2), (At(100, 1.1), 9), (At(100, 0.6), double.NaN),
        ];
        Assert.Equal([5, 3, double.PositiveInfinity, double.PositiveInfinity, 2], BoundCheck.BestPerFifth(Range("transmit_watts"), points));
    }
}
