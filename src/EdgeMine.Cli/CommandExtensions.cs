namespace EdgeMine.Cli;

/// <summary>Building commands: the options of a command added in one call, in help order.</summary>
internal static class CommandExtensions
{
    /// <summary>Adds <paramref name="options"/> to <paramref name="command"/> in the order given (the order help shows them in).</summary>
    public static void AddOptions(this Command command, params ReadOnlySpan<Option> options)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in options)
        {
            command.Options.Add(option);
        }
    }
}
