using System.Globalization;
using System.Text;
using System.Text.Json;

namespace EdgeMine;

/// <summary>
/// Reading what users give (config files, sweep files) and quoting it in error messages: one reader, one format, so
/// that every error is one line that names the source.
/// </summary>
public static class UserInput
{
    /// <summary>Longest piece of a user's value quoted in an error message; longer values are cut and their length stated.</summary>
    public const int QuoteLimit = 200;

    /// <summary>
    /// Largest input file read (config, sweep, configuration and manifest files): far above any real one, and small
    /// enough that reading <c>/dev/zero</c> or a huge file by mistake costs at most a few MB of memory.
    /// </summary>
    public const int MaxFileBytes = 1 << 20;

    /// <summary>
    /// The text of a user's input file, at most <see cref="MaxFileBytes"/> bytes (read in a bounded way, so that a device
    /// that never ends cannot exhaust memory), or a <see cref="ConfigurationException"/> that names it
    /// (<paramref name="where"/>) and says why it cannot be read ("file not found", too large, or the system's reason).
    /// </summary>
    public static string ReadText(string path, string where, string what)
    {
        try
        {
            if (IO.FileKind.Of(path) == IO.PathKind.Directory)
            {
                throw new ConfigurationException($"{where}: cannot read {what} (it is a directory)");
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var buffer = new byte[MaxFileBytes + 1];
            int length = 0, read;
            while (length < buffer.Length && (read = stream.Read(buffer, length, buffer.Length - length)) > 0)
            {
                length += read;
            }

            if (length > MaxFileBytes)
            {
                throw new ConfigurationException(string.Create(CultureInfo.InvariantCulture, $"{where}: cannot read {what} (more than {MaxFileBytes} bytes; allowed: a file of at most 1 MiB)"));
            }

            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer, 0, length).TrimStart('\uFEFF');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            // The system's own messages can repeat the whole path (a 5,000-character value gave a 5,416-character
            // error): the reason is said in a few words, and any system message left is quoted within the limit.
            string reason = e switch
            {
                FileNotFoundException or DirectoryNotFoundException => "file not found",
                PathTooLongException => "the path is too long",
                UnauthorizedAccessException => "permission denied",
                DecoderFallbackException => "it is not UTF-8 text",
                _ => Quote(e.Message),
            };
            throw new ConfigurationException($"{where}: cannot read {what} ({reason})");
        }
    }

    /// <summary>A user's value for an error message: on one line, and cut at <see cref="QuoteLimit"/> characters with its length stated.</summary>
    public static string Quote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return "''";
        }

        string line = string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length <= QuoteLimit
            ? line
            : string.Create(CultureInfo.InvariantCulture, $"{line[..QuoteLimit]}... ({text.Length} characters)");
    }

    /// <summary>The JSON text of <paramref name="value"/> on one line, quoted as <see cref="Quote"/> does.</summary>
    public static string OneLine(JsonElement value) => Quote(value.GetRawText());
}
