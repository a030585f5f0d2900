using EdgeMine.Settings;

namespace EdgeMine.Cli;

/// <summary>The evaluation settings of a command that evaluates: runs, slots per run, seed.</summary>
internal sealed class EvaluationOptions : RunOptionGroup
{
    public RunOption<int> Runs { get; } = new(RunSettings.EvaluationRuns);

    public RunOption<long> Slots { get; } = new(RunSettings.EvaluationSlots);

    public RunOption<ulong> Seed { get; } = new(RunSettings.EvaluationSeed);

    protected override IEnumerable<Option> Options => [Runs.Option, Slots.Option, Seed.Option];
}
