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

    /// <summary>The validated environment settings.</summary>
    public EnvironmentSettings Resolve(ParseResult parse) =>
        RunSettings.Shape(Miners.Value(parse), Tasks.Value(parse), Beta.Value(parse), s => s.Option);
}
