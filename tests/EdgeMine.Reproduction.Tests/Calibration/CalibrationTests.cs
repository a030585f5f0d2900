using EdgeMine.Calibration;
using EdgeMine.Experiments;
using EdgeMine.Model;
using EdgeMine.Randomness;
using EdgeMine.Reporting;

namespace EdgeMine.Tests.Calibration;

/// <summary>The calibration's space, search, resume and outputs (MODEL.md section 12).</summary>
public sealed class CalibrationTests
{
    /// <summary>A calibration small enough for a test: a few points, two runs of ten slots, two M and two d; the top 3 points again on 2 batches.</summary>
    private static CalibrationSizes Tiny { get; } = new(
        LatinPoints: 4,
        Starts: 1,
        EvaluationsPerStart: 3,
        Runs: 2,
        Slots: 10)
    {
        Settings = ReproductionSizes.Paper with { SingleMinerTasks = [2, 4], ArrivalKbits = [10, 100] },
        TopPoints = 3,
        NoiseBatches = 2,
    };

    private static CalibrationOptions Options(string directory) => new(
        Preset: "calibrated",
        Parameters: Presets.Calibrated,
        Space: CalibrationSpace.Default,
        OutDirectory: directory,
        Sizes: Tiny)
    {
        Jobs = 2,
    };

    [Fact]
    public void The_search_finds_the_known_optimum_of_a_synthetic_objective()
    {
        // f(u) = sum (u_i - c_i)^2 has its minimum 0 at c.
        double[] c = [0.3, 0.7, 0.55];
        double F(double[] u) => u.Zip(c, (a, b) => (a - b) * (a - b)).Sum();
        var sample = LatinHypercube.Sample(60, 3, new Xoshiro256(7));
        var start = sample.MinBy(F)!;
        var (best, value) = NelderMead.Minimize(start, 120, F);
        Assert.True(value < 1e-5, $"f = {value} at ({string.Join(", ", best)})");
        Assert.All(best.Zip(c), p => Assert.Equal(p.Second, p.First, 2));
    }

    [Fact]
    public void The_latin_hypercube_puts_one_point_in_every_stratum_of_every_dimension()
    {
        var sample = LatinHypercube.Sample(20, 4, new Xoshiro256(3));
        for (int d = 0; d < 4; d++)
        {
            Assert.Equal(Enumerable.Range(0, 20), sample.Select(p => (int)(p[d] * 20)).Order());
        }
    }

    [Fact]
    public void The_default_space_maps_its_coordinates_as_hand_worked()
    {
        var space = CalibrationSpace.Default;
        Assert.Equal(["transmit_watts", "rate_good_bps", "rate_bad_bps", "mec_cycles_per_bit", "location_privacy_weight", "privacy_unit_bits"], space.Ranges.Select(r => r.Name));
        Assert.Equal(["mec_frequency_unit_hz", "usage_privacy_form", "cost_units"], space.Choices.Select(c => c.Name));

        // u = 0.5 everywhere: transmit 0.55 W (linear); rate_good sqrt(2e6 * 50e6) = 1e7 (log); rate_bad up to that:
        // sqrt(1e5 * 1e7) = 1e6; cycles sqrt(50 * 18000) = 948.68...; lambda 0.5; d_unit sqrt(1e3 * 1e6) = 31622.7...
        var p = space.At(Presets.Calibrated, [0.5, 0.5, 0.5, 0.5, 0.5, 0.5], [1, 1, 1]);
        Approx.Equal(0.55, p.TransmitWatts, relative: 1e-12);
        Approx.Equal(1e7, p.RateGoodBps, relative: 1e-12);
        Approx.Equal(1e6, p.RateBadBps, relative: 1e-12);
        Approx.Equal(Math.Sqrt(50 * 18000.0), p.MecCyclesPerBit, relative: 1e-12);
        Approx.Equal(0.5, p.LocationPrivacyWeight, relative: 1e-12);
        Approx.Equal(Math.Sqrt(1e9), p.PrivacyUnitBits, relative: 1e-12);
        Assert.Equal(1e9, p.MecFrequencyUnitHz);
        Assert.Equal(UsagePrivacyForm.Withheld, p.UsagePrivacyForm);
        Assert.Equal((1.0, 0.001), (p.EnergyUnitJoules, p.LatencyUnitSeconds)); // the tables' J and ms
        Assert.Equal(Presets.Calibrated.MecCapacityHz, p.MecCapacityHz); // stated constants are never touched

        // The ends: u = 1 puts rate_bad at rate_good.
        var top = space.At(Presets.Calibrated, [1, 1, 1, 1, 1, 1], [0, 0, 0]);
        Assert.Equal(top.RateGoodBps, top.RateBadBps, 6);
        Assert.Equal(50e6, top.RateGoodBps, 6);
    }

    [Theory]
    [InlineData("{\"slot_seconds\": {\"low\": 0.5, \"high\": 2}}", "slot_seconds is a constant the paper states")]
    [InlineData("{\"transmit_watts\": {\"low\": 2, \"high\": 1}}", "low 2 is not below high 1")]
    [InlineData("{\"not_a_key\": {\"low\": 1, \"high\": 2}}", "unknown key 'not_a_key'")]
    [InlineData("{\"rate_good_bps\": {\"low\": 0, \"high\": 2, \"scale\": \"log\"}}", "allowed: a finite number > 0")]
    [InlineData("{\"transmit_watts\": {\"low\": 0.1, \"high\": 1, \"scale\": \"cubic\"}}", "allowed: \"linear\", \"log\"")]
    [InlineData("{\"usage_privacy_form\": {\"choices\": [\"eq8\", \"eq9\"]}}", "allowed: eq8, withheld")]
    [InlineData("{\"rate_bad_bps\": {\"low\": 1e5, \"high\": \"rate_good_bps\"}}", "allowed: a number, or a key searched over a range")]
    public void A_bad_space_is_one_clear_line(string json, string expected)
    {
        var e = Assert.Throws<ConfigurationException>(() => CalibrationSpace.Parse(json, "space.json"));
        Assert.StartsWith("space.json:", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rerun_after_losing_cells_gives_identical_outputs_and_paper_fit_round_trips()
    {
        using var directory = new TemporaryDirectory();
        var first = new CalibrationSearch(Options(directory.Path));
        var result = first.Run();
        CalibrationReport.Write(first, result, 0);
        string points = File.ReadAllText(Path.Combine(directory.Path, CalibrationReport.PointsFile));
        string report = File.ReadAllText(Path.Combine(directory.Path, CalibrationReport.MarkdownFile));
        Assert.Equal(1 + 4 + 3, result.Points.Count); // the preset, the hypercube, the refinement's budget

        // The top points, each once, were evaluated again on their batches and the final point is the lowest on them;
        // the final point was judged on fresh seeds. Their cells are cells of the same directory.
        Assert.Equal(3, result.TopPoints.Count);
        Assert.Equal(3, result.TopPoints.Select(n => n.Search.Point.Parameters).Distinct().Count());
        Assert.All(result.TopPoints, n => Assert.Equal(2, n.BatchObjectives.Count));
        Assert.Same(result.TopPoints.MinBy(n => n.Refined)!.Search, result.Best);
        Assert.NotNull(result.Fresh);
        Assert.Equal(result.Best.Point, result.Fresh.Point);
        var cells = Directory.GetDirectories(Path.Combine(directory.Path, "cells")).Order(StringComparer.Ordinal).ToArray();
        Assert.Contains(cells, c => Path.GetFileName(c).Contains("__noise2__", StringComparison.Ordinal));
        Assert.Contains(cells, c => Path.GetFileName(c).Contains("__fresh__", StringComparison.Ordinal));

        // Lose every other cell (a killed run loses its cells in flight) and run again: the same outputs, word for word.
        for (int i = 0; i < cells.Length; i += 2)
        {
            Directory.Delete(cells[i], recursive: true);
        }

        var again = new CalibrationSearch(Options(directory.Path));
        CalibrationReport.Write(again, again.Run(), 0);
        Assert.Equal(points, File.ReadAllText(Path.Combine(directory.Path, CalibrationReport.PointsFile)));
        Assert.Equal(report, File.ReadAllText(Path.Combine(directory.Path, CalibrationReport.MarkdownFile)));

        // paper-fit.json is a config file of the final point.
        var fit = ParameterCatalog.ApplyFile(Presets.Calibrated, Path.Combine(directory.Path, CalibrationReport.PaperFitFile));
        Assert.Equal(result.Best.Point.Parameters, fit);
    }

    [Fact]
    public void A_final_constant_at_a_bound_is_labelled_in_the_report_with_its_trend()
    {
        using var directory = new TemporaryDirectory();
        var search = new CalibrationSearch(Options(directory.Path));
        var result = search.Run();

        // The final point moved onto the cycles' lower bound, 50 (1% of the log-range 50-18000 reaches 53.03): labelled,
        // with the hypercube's best objective in each fifth of the range beside it. A point inside every range is not.
        var best = result.Best;
        var atBound = best with { Point = best.Point with { Parameters = best.Point.Parameters with { MecCyclesPerBit = 52 } } };
        var inside = best with { Point = best.Point with { Parameters = best.Point.Parameters with { MecCyclesPerBit = 54, TransmitWatts = 0.5, RateBadBps = 1e6, LocationPrivacyWeight = 0.5, PrivacyUnitBits = 3e4, RateGoodBps = 1e7 } } };
        CalibrationReport.Write(search, result with { Best = atBound }, 0);
        string report = File.ReadAllText(Path.Combine(directory.Path, CalibrationReport.MarkdownFile));
        Assert.Contains("| mec_cycles_per_bit | 52 | 1000 | at bound (low): the fit wants more |", report, StringComparison.Ordinal);
        Assert.Contains("mec_cycles_per_bit = 52.00: at bound (low): the fit wants more.", report, StringComparison.Ordinal);
        var latin = result.Points.Where(p => p.Point.Phase == "latin").Select(p => (p.Point.Parameters, p.FittedObjective)).ToArray();
        string trend = string.Join(", ", BoundCheck.BestPerFifth(CalibrationSpace.Default.Ranges.Single(r => r.Name == "mec_cycles_per_bit"), latin).Select(ReportFormat.Number));
        Assert.Contains($"| mec_cycles_per_bit | 52.00 | 50.00 | at bound (low): the fit wants more | {trend} |", report, StringComparison.Ordinal);

        CalibrationReport.Write(search, result with { Best = inside }, 0);
        report = File.ReadAllText(Path.Combine(directory.Path, CalibrationReport.MarkdownFile));
        Assert.DoesNotContain("at bound (", report, StringComparison.Ordinal);
        Assert.Contains("None: every constant of the final point lies inside its range.", report, StringComparison.Ordinal);
    }

    [Fact]
    public void The_batches_and_the_fresh_seeds_are_apart_from_the_search_and_common_to_every_point()
    {
        using var directory = new TemporaryDirectory();
        var search = new CalibrationSearch(Options(directory.Path));
        var setting = search.FittedSettings[0];
        ulong[] seeds = [search.EvaluationSeed(setting, ""), search.EvaluationSeed(setting, CalibrationSearch.NoiseTag(1)), search.EvaluationSeed(setting, CalibrationSearch.NoiseTag(2)), search.EvaluationSeed(setting, CalibrationSearch.FreshTag)];
        Assert.Equal(seeds.Length, seeds.Distinct().Count());
        Assert.Equal(Reproduction.EvaluationSeed(1, setting), seeds[0]); // the search's seeds are the reproduction's
    }

    [Fact]
    public void Claims_that_compare_two_learners_are_not_judged_with_the_optimum_standing_in()
    {
        using var directory = new TemporaryDirectory();
        var search = new CalibrationSearch(Options(directory.Path) with { Sizes = Tiny with { LatinPoints = 1, Starts = 0 } });
        var result = search.Run();
        var table = result.Preset.Fitted;
        Assert.All(table, c => Assert.Contains("both stood in for by the same policy", c.Detail, StringComparison.Ordinal));
        Assert.All(table, c => Assert.True(c.Partial || c.Outcome == ClaimOutcome.NotEvaluated));
    }

    [Fact]
    public void The_shipped_space_file_is_the_default_space()
    {
        string root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "EdgeMine.slnx")))
        {
            root = Path.GetDirectoryName(root)!;
        }

        var shipped = CalibrationSpace.Load(Path.Combine(root, "examples", "calibration-space.json"));
        Assert.Equal(CalibrationSpace.Default.ToJson(), shipped.ToJson());
    }
}
