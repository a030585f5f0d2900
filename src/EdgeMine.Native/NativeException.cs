using System.Globalization;

namespace EdgeMine.Native;

/// <summary>An error meant for the caller: a status code and its one-line message. Never crosses the boundary.</summary>
public sealed class NativeException(StatusCode code, string message) : Exception(message)
{
    public StatusCode Code { get; } = code;

    /// <summary>The message of an argument check of the library on one line, e.g. "action[0] must be ... in [0, 1]; got NaN".</summary>
    public static string OneLine(ArgumentException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        string text = e.Message;
        int newline = text.IndexOfAny(['\r', '\n']);
        if (newline >= 0)
        {
            text = text[..newline];
        }

        if (e.ParamName is { } name && text.EndsWith($" (Parameter '{name}')", StringComparison.Ordinal))
        {
            text = text[..^$" (Parameter '{name}')".Length];
        }

        if (e is ArgumentOutOfRangeException { ActualValue: { } actual })
        {
            string value = actual is double d ? d.ToString("R", CultureInfo.InvariantCulture) : Convert.ToString(actual, CultureInfo.InvariantCulture) ?? "null";
            text += $"; got {value}";
        }

        return text;
    }
}
