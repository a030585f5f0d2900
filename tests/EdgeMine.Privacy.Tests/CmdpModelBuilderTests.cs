using EdgeMine.Model;
using EdgeMine.Privacy;

namespace EdgeMine.Tests.Privacy;

/// <summary>
/// The CMDP's model by hand: p(s, a) follows the usage privacy form (it is computed by SlotModel), D1 is integrated per
/// task over its bin, and a transition row is (next D0 bins) x (every combination of next D1 bins, each 1 / bins^M) x
/// (the channel chain), with zero-probability entries left out.
/// </summary>
public sealed class CmdpModelBuilderTests
{
    [Theory]
    // One task, calibrated, 5 D1 bins over [50, 150] kbit (width 20 kbit), 4 quadrature points per bin. State: D1 bin 2
    // (90-110 kbit: points 92.5, 97.5, 102.5, 107.5 kbit, mean 100 kbit), D0 bin 1 (representative d_unit / 4 = 25 kbit),
    // good channel; d_unit = 100 kbit, no cap binds.
    // Local (Do = 0):       eq8 |25e3 - 0| / 1e5 = 0.25;          withheld |25e3 + 100e3 - 0| / 1e5 = 1.25 (mean over the points).
    // Offloaded (Do = D):   eq8 |25e3 - (25e3 + D1)| / 1e5 = 1.0;  withheld |D - D| = 0.
    [InlineData(UsagePrivacyForm.Eq8, 0, 0.25)]
    [InlineData(UsagePrivacyForm.Withheld, 0, 1.25)]
    [InlineData(UsagePrivacyForm.Eq8, 1, 1.0)]
    [InlineData(UsagePrivacyForm.Withheld, 1, 0.0)]
    public void Build_GoodChannel_PrivacyFollowsTheUsagePrivacyForm(UsagePrivacyForm form, int action, double expected)
    {
        var parameters = Presets.Calibrated with { UsagePrivacyForm = form };
        var space = PrivacyStateSpace.For(parameters, tasks: 1, arrivalBins: 5);
        var cmdp = CmdpModelBuilder.Build(space, parameters, beta: 0.5, quadraturePoints: 4);

        int state = space.Compose([2], [1], channelGood: true);

        Approx.Equal(expected, cmdp.Privacy(state, action), $"p(s, {action}) under {form}", 1e-12, 1e-12);
    }

    /// <summary>Two tasks, 2 D1 bins over [50, 150] kbit (50 kbit wide: midpoints 75 and 125 kbit), d_unit = 100 kbit.</summary>
    private static PrivacyStateSpace TwoTasks(ModelParameters parameters) => new(2, 2, parameters.ArrivalMinBits, parameters.ArrivalMaxBits, parameters.PrivacyUnitBits);

    [Fact]
    public void Build_TwoTasks_IntegratesEachTasksArrivalOverItsOwnBin()
    {
        // Withheld form, good channel, D0 = 0, both tasks local: P = sum_m D1_m / d_unit (nothing offloaded, so no
        // location term). The 4 x 4 quadrature points average each task's D1 to its bin's midpoint (the privacy is
        // linear in D1): task 0 in bin 0 (75 kbit), task 1 in bin 1 (125 kbit): p = 0.75 + 1.25 = 2.
        var parameters = Presets.Calibrated with { UsagePrivacyForm = UsagePrivacyForm.Withheld };
        var space = TwoTasks(parameters);
        var cmdp = CmdpModelBuilder.Build(space, parameters, beta: 0.5, quadraturePoints: 4);

        Approx.Equal(2.0, cmdp.Privacy(space.Compose([0, 1], [0, 0], channelGood: true), 0), "p(s, local)");
        Approx.Equal(2.0, cmdp.Privacy(space.Compose([1, 0], [0, 0], channelGood: true), 0), "p(s, local), bins swapped");
    }

    [Fact]
    public void Build_TwoTasks_ARowCoversEveryPairOfNextArrivalBins()
    {
        // Local work leaves nothing buffered in the calibrated preset (0.07 s for 150 kbit), so the next D0 bins are
        // (0, 0); the next D1 bins are any of the 2 x 2 pairs, 1/4 each; the channel stays good w.p. 0.8. Row: 8 entries,
        // 0.8/4 = 0.2 for a good next channel and 0.2/4 = 0.05 for a bad one.
        var parameters = Presets.Calibrated;
        var space = TwoTasks(parameters);
        var cmdp = CmdpModelBuilder.Build(space, parameters, beta: 0.5, quadraturePoints: 4);

        var row = cmdp.TransitionRow(space.Compose([1, 1], [0, 0], channelGood: true), 0).ToArray();

        var expected = new List<Transition>();
        foreach (bool good in new[] { false, true })
        {
            for (int first = 0; first < 2; first++)
            {
                for (int second = 0; second < 2; second++)
                {
                    expected.Add(new Transition(space.Compose([first, second], [0, 0], good), good ? 0.2 : 0.05));
                }
            }
        }

        Assert.Equal(expected.Count, row.Length);
        foreach (var (want, got) in expected.OrderBy(t => t.NextState).Zip(row))
        {
            Assert.Equal(want.NextState, got.NextState);
            Approx.Equal(want.Probability, got.Probability, $"P(s' = {want.NextState})");
        }
    }

    [Fact]
    public void Build_ACertainChannel_LeavesTheOtherChannelOutOfTheRow()
    {
        // Channel persistence 1: from a good channel the bad one has probability 0 and is not listed; one task, 2 D1 bins:
        // two next states of 1/2 each.
        var parameters = Presets.Calibrated with { ChannelPersistence = 1 };
        var space = new PrivacyStateSpace(1, 2, parameters.ArrivalMinBits, parameters.ArrivalMaxBits, parameters.PrivacyUnitBits);
        var cmdp = CmdpModelBuilder.Build(space, parameters, beta: 0.5, quadraturePoints: 2);

        var row = cmdp.TransitionRow(space.Compose([0], [0], channelGood: true), 0).ToArray();

        Assert.Equal([new Transition(space.Compose([0], [0], true), 0.5), new Transition(space.Compose([1], [0], true), 0.5)], row);
    }

    [Fact]
    public void Build_NoQuadraturePoints_IsRefused()
    {
        var space = PrivacyStateSpace.For(Presets.Calibrated, tasks: 1, arrivalBins: 2);
        Assert.Throws<ArgumentOutOfRangeException>(() => CmdpModelBuilder.Build(space, Presets.Calibrated, beta: 0.5, quadraturePoints: 0));
    }
}
