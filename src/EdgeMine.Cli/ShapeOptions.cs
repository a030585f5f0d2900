using EdgeMine.Model;
using EdgeMine.Settings;

namespace EdgeMine.Cli;

/// <summary>The run settings of a command that builds environments: N, M and beta.</summary>
internal sealed class ShapeOptions : RunOptionGroup
{
    public RunOption<int> Miners { get; } = new(RunSettings.Miners);

    public RunOption<int> Tasks { get; } = new(RunSettings.Tasks);

    public RunOption<double> Beta { get; } = new(RunSettings.Beta);

    protected override IEnumerable<Option> Options => [Miners.Option, Tasks.Option, Beta.Option];

    /// <summary>
    /// The environment settings: each of N, M and beta as given, else <paramref name="over"/>'s (a trained model's
    /// configuration) when there is one, else its default; parsed once here and range-checked once, together, by
    /// <see cref="RunSettings.Shape"/>, the one place that builds them. The observation options are
    /// <paramref name="over"/>'s.
    /// </summary>
    public EnvironmentSettings Resolve(ParseResult parse, EnvironmentSettings? over = null)
    {
        int miners = over is null || Miners.IsGiven(parse) ? Miners.Number(parse) : over.Miners;
        int tasks = over is null || Tasks.IsGiven(parse) ? Tasks.Number(parse) : over.TasksPerMiner;
        double beta = over is null || Beta.IsGiven(parse) ? Beta.Number(parse) : over.Beta;
        var settings = RunSettings.Shape(miners, tasks, beta, s => s.Option);
        return over is null ? settings : settings with { ExtendedObservation = over.ExtendedObservation };
    }
}
