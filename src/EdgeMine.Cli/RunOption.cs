using System.Numerics;
using EdgeMine.Settings;

namespace EdgeMine.Cli;

/// <summary>
/// A command-line option of one run setting: its name, description and default come from <see cref="RunSettings"/>,
/// and its value is parsed and range-checked there, so that every command gives the same default and the same error.
/// </summary>
internal sealed class RunOption<T>
    where T : struct, INumber<T>
{
    private readonly RunSetting<T> _setting;

    public RunOption(RunSetting<T> setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        _setting = setting;
        Option = new Option<string>(setting.Option)
        {
            Description = $"{char.ToUpperInvariant(setting.Description[0])}{setting.Description[1..]} (default {setting.DefaultText}).",
            DefaultValueFactory = _ => setting.DefaultText,
        };
    }

    public Option<string> Option { get; }

    /// <summary>The validated value: parsed and range-checked.</summary>
    public T Value(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return _setting.Parse(Text(parse), Option.Name);
    }

    /// <summary>The value parsed but not range-checked, for N, M and beta, which <see cref="RunSettings.Shape"/> checks together.</summary>
    public T Number(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return _setting.ParseNumber(Text(parse), Option.Name);
    }

    /// <summary>True when the option is on the command line (not its default).</summary>
    public bool IsGiven(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return parse.GetResult(Option) is { Implicit: false };
    }

    private string Text(ParseResult parse) => parse.GetValue(Option) ?? _setting.DefaultText;
}
