using EdgeMine.Tuning;

namespace EdgeMine.Tests.Tuning;

/// <summary>The selection rule and the intervals of <c>edgemine tune</c>, worked by hand on small tables.</summary>
public sealed class TuningSelectionTests
{
    private static TuningRow Row(int index, params double[] seedRewards) =>
        new(new TuningConfiguration(TunedLearner.Rlo, index, new SortedDictionary<string, string>(StringComparer.Ordinal)), seedRewards);

    [Fact]
    public void The_highest_mean_over_the_seeds_is_chosen()
    {
        // Means: defaults -2, configuration 1 -1.9 (seeds -1.8, -2.0), configuration 2 -2.5: configuration 1.
        var rows = new[] { Row(0, -2, -2), Row(1, -1.8, -2.0), Row(2, -2.5, -2.5) };
        Assert.Equal(1, TuningSelection.Choose(rows).Configuration.Index);
    }

    [Fact]
    public void An_exact_tie_goes_to_the_defaults_then_to_the_lower_index()
    {
        // Configuration 1's mean (-1.5 + -2.5) / 2 = -2 equals the defaults' -2: the defaults stay.
        Assert.Equal(0, TuningSelection.Choose([Row(0, -2, -2), Row(1, -1.5, -2.5)]).Configuration.Index);

        // Configurations 1 and 2 tie at -1 (-0.5 and -1.5 average to -1), above the defaults' -2: the lower index.
        Assert.Equal(1, TuningSelection.Choose([Row(0, -2, -2), Row(2, -0.5, -1.5), Row(1, -1, -1)]).Configuration.Index);
    }

    [Fact]
    public void A_configuration_that_did_not_run_is_never_chosen()
    {
        var failed = new TuningRow(Row(1).Configuration, [], "not applicable");
        Assert.Equal(0, TuningSelection.Choose([Row(0, -2, -2), failed]).Configuration.Index);
        Assert.Equal(0, TuningSelection.Choose([new TuningRow(Row(0).Configuration, [], "not applicable"), failed]).Configuration.Index);
    }

    [Fact]
    public void The_interval_is_a_t_interval_over_the_seeds_and_the_difference_is_paired_by_seed()
    {
        // Seeds -1.5 and -2.5: mean -2, sample sd sqrt(((0.5)^2 + (0.5)^2) / 1) = 0.70711, standard error 0.5,
        // t(0.975, 1 df) = 12.706: half-width 6.353.
        var row = Row(1, -1.5, -2.5);
        Assert.Equal(-2, row.Reward.Mean, 12);
        Assert.Equal(6.353, row.Reward.HalfWidth, 9);

        // Paired with the defaults' -2 and -2.2: differences 0.5 and -0.3, mean 0.1; sd sqrt((0.4^2 + 0.4^2) / 1) =
        // 0.56569, standard error 0.4, half-width 12.706 * 0.4 = 5.0824.
        var difference = row.DifferenceFrom(Row(0, -2, -2.2));
        Assert.Equal(0.1, difference.Mean, 12);
        Assert.Equal(5.0824, difference.HalfWidth, 9);
    }
}
