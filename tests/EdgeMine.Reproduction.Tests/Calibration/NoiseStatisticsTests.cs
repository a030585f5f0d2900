using EdgeMine.Calibration;
using EdgeMine.Simulation;

namespace EdgeMine.Tests.Calibration;

/// <summary>The top points' re-evaluation arithmetic (issue 21, item 5), worked by hand.</summary>
public sealed class NoiseStatisticsTests
{
    [Fact]
    public void The_standard_error_is_the_sample_deviation_over_the_root_of_the_count()
    {
        // 1..5: mean 3, squares 4 + 1 + 0 + 1 + 4 = 10, variance 10 / 4 = 2.5, standard error sqrt(2.5 / 5) = sqrt(0.5).
        Approx.Equal(Math.Sqrt(0.5), NoiseStatistics.StandardError([1, 2, 3, 4, 5]), relative: 1e-14);
        Assert.True(double.IsNaN(NoiseStatistics.StandardError([4])));
    }

    [Fact]
    public void A_paired_difference_within_its_noise_is_not_separated()
    {
        // [3, 5, 4] - [1, 2, 3] = [2, 3, 1]: mean 2, standard deviation 1, standard error 1 / sqrt(3), t(0.975, 2) =
        // 4.303: 2 +- 2.484, the interval [-0.484, 4.484] holds 0.
        var d = NoiseStatistics.PairedDifference([3, 5, 4], [1, 2, 3]);
        Approx.Equal(2, d.Mean, relative: 1e-14);
        Approx.Equal(Statistics.StudentT975(2) / Math.Sqrt(3), d.HalfWidth, relative: 1e-12);
        Assert.Equal(4.303, Statistics.StudentT975(2), 3);
        Assert.False(NoiseStatistics.Separated(d));

        // [3, 5, 4] - [2, 4, 3] = [1, 1, 1]: no spread, the interval [1, 1] excludes 0 (common seeds cancel the noise).
        Assert.True(NoiseStatistics.Separated(NoiseStatistics.PairedDifference([3, 5, 4], [2, 4, 3])));
        Assert.True(NoiseStatistics.Separated(NoiseStatistics.PairedDifference([2, 4, 3], [3, 5, 4]))); // either side
        Assert.Throws<ArgumentException>(() => NoiseStatistics.PairedDifference([1, 2], [1]));
    }
}
