namespace EdgeMine.Cli;

/// <summary>A group of run-setting options added to a command together.</summary>
internal abstract class RunOptionGroup
{
    /// <summary>The group's options, in help order.</summary>
    protected abstract IEnumerable<Option> Options { get; }

    public void AddTo(Command command) => command.AddOptions([.. Options]);
}
