using EdgeMine.Model;
using EdgeMine.Privacy;

namespace EdgeMine.Tests.Privacy;

/// <summary>The CMDP's per-slot privacy p(s, a) follows the model's usage privacy form (it is computed by SlotModel).</summary>
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
}
