using System.Text.Json;

namespace EdgeMine;

/// <summary>
/// Reading what users give (config files, sweep files) and quoting it in error messages: one reader, one format, so
/// that every error is one line that names the source.
/// </summary>
internal static class UserInput
{
    /// <summary>Longest piece of a user's value quoted in an error message; longer values are cut and their length stated.</summary>
    public const int QuoteLimit = 200;

    /// <summary>
    /// The text of a user's input file, or a <see cref="ConfigurationException"/> that names it (<paramref name="where"/>)
    /// and says why it cannot be read ("file not found", or the system's reason).
    /// </summary>
    public static string ReadText(string path, string where, string what)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            string reason = e is FileNotFoundException or DirectoryNotFoundException ? "file not found" : e.Message;
            throw new ConfigurationException($"{where}: cannot read {what} ({reason})");
        }
    }

    /// <summary>A user's value for an error message: on one line, and cut at <see cref="QuoteLimit"/> characters with its length stated.</summary>
    public static string Quote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string line = string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length <= QuoteLimit
            ? line
            : string.Create(CultureInfo.InvariantCulture, $"{line[..QuoteLimit]}... ({text.Length} characters)");
    }

    /// <summary>The JSON text of <paramref name="value"/> on one line, quoted as <see cref="Quote"/> does.</summary>
    public static string OneLine(JsonElement value) => Quote(value.GetRawText());
}
