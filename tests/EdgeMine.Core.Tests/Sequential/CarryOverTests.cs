using EdgeMine.Model;
using EdgeMine.Sequential;

namespace EdgeMine.Tests.Sequential;

/// <summary>What can carry over between slots, from the parameters, by hand, and the scenario files of examples/sequential.</summary>
public class CarryOverTests
{
    /// <summary>
    /// By hand. Caps: M d_max = M x 150 kbit against the local capacity dt / t_local (2.105 Mbit at dt = 1 s, 210.5 kbit
    /// at 0.1 s) and the bad channel's upload rate_bad dt (2 Mbit, 200 kbit). Backlog: X N u against F dt, u = M d_max
    /// without caps, else rate_good dt.
    /// </summary>
    [Theory]
    [InlineData("paper-literal", 1.0, 1e10, 1, 2, false, false)]   // 2 x 150e3 x 18000 = 5.4e9 <= 1e10
    [InlineData("paper-literal", 1.0, 1e10, 1, 12, false, true)]   // 12 x 150e3 x 18000 = 3.24e10 > 1e10
    [InlineData("paper-literal", 1.0, 1e10, 1, 13, false, true)]   // 1.95 Mbit, under the 2 Mbit bad upload
    [InlineData("paper-literal", 1.0, 1e10, 1, 14, true, true)]    // 2.1 Mbit > 2 Mbit
    [InlineData("paper-literal", 1.0, 1e10, 5, 2, false, true)]    // 10 x 150e3 x 18000 = 2.7e10
    [InlineData("calibrated", 1.0, 1e10, 5, 2, false, false)]      // 10 x 150e3 x 1000 = 1.5e9
    [InlineData("calibrated", 1.0, 1e10, 100, 2, false, true)]     // 200 x 150e3 x 1000 = 3e10
    [InlineData("calibrated", 0.1, 1e10, 1, 2, true, false)]       // 300 kbit > 200 kbit; 1e6 x 1000 = 1e9 = F dt, not above
    [InlineData("calibrated", 0.1, 1e10, 2, 2, true, true)]        // 2 x 1e9 > 1e9
    [InlineData("calibrated", 0.1, 1e9, 1, 1, false, true)]        // 150 kbit under every cap; 1.5e8 > 1e8
    public void Of_ByHand(string preset, double slotSeconds, double mecHz, int miners, int tasks, bool caps, bool backlog)
    {
        var parameters = Presets.Find(preset)! with { SlotSeconds = slotSeconds, MecCapacityHz = mecHz };

        var carry = CarryOver.Of(parameters, miners, tasks);

        Assert.Equal(caps, carry.CapsCanBind);
        Assert.Equal(backlog, carry.BacklogCanCarry);
        Assert.Equal(!caps && !backlog, carry.Nothing);
    }

    /// <summary>
    /// The scenario files of docs/sequential.md: complete (every config key), and each differs from its preset in exactly
    /// the keys the documentation names.
    /// </summary>
    [Theory]
    [InlineData("paper-literal.json", "paper-literal", "")]
    [InlineData("buffering.json", "calibrated", "slot_seconds=0.1")]
    [InlineData("congested-mec.json", "calibrated", "slot_seconds=0.1,mec_capacity_hz=1000000000")]
    public void ScenarioFiles_DifferFromTheirPresetInTheDocumentedKeys(string file, string preset, string changed)
    {
        string path = Repository.File(Path.Combine("examples", "sequential", file));
        string json = File.ReadAllText(path);
        var parameters = ParameterCatalog.Validate(ParameterCatalog.ApplyFile(Presets.Find(preset)!, path));

        foreach (var key in ParameterCatalog.Keys)
        {
            Assert.Contains($"\"{key.Key}\"", json, StringComparison.Ordinal);
        }

        string overrides = string.Join(",", ParameterCatalog.Overrides(Presets.Find(preset)!, parameters).Select(o => $"{o.Key}={o.Value}"));
        Assert.Equal(changed, overrides);
    }
}
