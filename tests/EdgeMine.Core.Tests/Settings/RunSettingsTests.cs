using EdgeMine.Settings;

namespace EdgeMine.Tests.Settings;

/// <summary>
/// The run settings' one check: a setting is parsed where it enters and range-checked once; N, M and beta together, by
/// <see cref="RunSettings.Shape"/>, the one place that builds environment settings.
/// </summary>
public sealed class RunSettingsTests
{
    [Fact]
    public void Shape_ChecksEachSettingByItsOwnRange_NamingItAsTheCallerDoes()
    {
        // miners: 1 to MaxTasks = 1,000,000 ("a positive integer up to 1000000" and its description).
        var error = Assert.Throws<ConfigurationException>(() => RunSettings.Shape(0, 2, 0.5, s => s.Option));
        Assert.Equal("--miners 0: allowed: a positive integer up to 1000000 (N, the number of miners)", error.Message);

        error = Assert.Throws<ConfigurationException>(() => RunSettings.Shape(1, 2, 1.5, s => $"config.json: {s.Key}"));
        Assert.Equal("config.json: beta 1.5: allowed: a number in [0, 1] (the weight of energy in the cost; latency gets 1 - beta)", error.Message);
    }

    [Fact]
    public void Shape_RefusesMoreThanAMillionTasks_AndBuildsTheSettingsOtherwise()
    {
        // 500,001 miners of 2 tasks each are 1,000,002 tasks, 2 more than RunSettings.MaxTasks.
        var error = Assert.Throws<ConfigurationException>(() => RunSettings.Shape(500_001, 2, 0.5, s => s.Key));
        Assert.Equal("miners 500001 x tasks 2: allowed: at most 1000000 tasks (N M) in one environment", error.Message);

        var settings = RunSettings.Shape(500_000, 2, 0.25, s => s.Key);
        Assert.Equal((500_000, 2, 0.25, false), (settings.Miners, settings.TasksPerMiner, settings.Beta, settings.ExtendedObservation));
    }

    [Fact]
    public void ParseNumber_ReadsTheNumberWithoutItsRange_ParseChecksItToo()
    {
        Assert.Equal(2.0, RunSettings.Beta.ParseNumber("2", "--beta"));
        Assert.Equal("--beta 2: allowed: a number in [0, 1] (the weight of energy in the cost; latency gets 1 - beta)",
            Assert.Throws<ConfigurationException>(() => RunSettings.Beta.Parse("2", "--beta")).Message);
        Assert.Equal("--miners '1.5': allowed: a positive integer up to 1000000 (N, the number of miners)",
            Assert.Throws<ConfigurationException>(() => RunSettings.Miners.ParseNumber("1.5", "--miners")).Message);
    }
}
