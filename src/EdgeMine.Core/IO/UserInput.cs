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
    /// Longest error line printed (<see cref="Line"/>): a net under the rule of <see cref="Quote"/>, never reached by a
    /// message whose values are quoted by it.
    /// </summary>
    public const int LineLimit = 2000;

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
                _ => Message(e.Message),
            };
            throw new ConfigurationException($"{where}: cannot read {what} ({reason})");
        }
    }

    /// <summary>
    /// The one rule for a user's text in a message (a value, a key, a name, a path): between single quotes, on one line,
    /// bounded. Control characters (NUL included), line and paragraph separators, invisible format characters and lone
    /// surrogates are shown as escapes (<c>\0</c>, <c>\t</c>, <c>\n</c>, <c>\r</c>, else <c>\uXXXX</c>), a quote or a
    /// backslash in the text as <c>\'</c> and <c>\\</c>; past <see cref="QuoteLimit"/> characters the text is cut and its
    /// length stated: <c>'kkkk'... (100000 characters)</c>. python/edgemine/_native.py's <c>quote</c> is the same rule.
    /// </summary>
    public static string Quote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Bounded(text, quoted: true);
    }

    /// <summary>
    /// The JSON text of <paramref name="value"/> as it stands in a user's file, by the same rule but without the quotes
    /// (JSON text delimits itself: a string keeps its double quotes, so "1" and 1 stay apart): its line breaks and
    /// indentation become one space, escapes as <see cref="Quote"/>, cut at <see cref="QuoteLimit"/> characters.
    /// </summary>
    public static string OneLine(JsonElement value) => Bounded(string.Join(' ', value.GetRawText().Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)), quoted: false);

    /// <summary>
    /// A user's JSON text (a config, sweep or space file: comments and trailing commas allowed) as a document whose strings
    /// are all readable (<see cref="CheckStrings"/>), or a <see cref="ConfigurationException"/>: "WHERE: not valid JSON at
    /// line L, position P", followed by "; expected EXPECTED" when <paramref name="expected"/> is given. The caller disposes
    /// the document.
    /// </summary>
    public static JsonDocument ParseJson(string json, string where, string? expected = null)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            string expectation = expected is null ? "" : $"; expected {expected}";
            throw new ConfigurationException($"{where}: not valid JSON at line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}{expectation}");
        }

        try
        {
            CheckStrings(document.RootElement, where);
            return document;
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Checks that every string and property name of a user's JSON can be read: JSON's <c>\uD800</c> escapes can write
    /// half of a surrogate pair, which the reader refuses only when the string is read (an InvalidOperationException
    /// that reached "internal error"). Refused here as invalid JSON, naming <paramref name="where"/>.
    /// </summary>
    public static void CheckStrings(JsonElement element, string where)
    {
        try
        {
            Walk(element);
        }
        catch (InvalidOperationException)
        {
            throw new ConfigurationException($"{where}: not valid JSON: a string holds half of a surrogate pair (a \\uD800-\\uDFFF escape without its other half)");
        }

        static void Walk(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    _ = element.GetString();
                    break;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        Walk(item);
                    }

                    break;
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        _ = property.Name;
                        Walk(property.Value);
                    }

                    break;
            }
        }
    }

    /// <summary>
    /// Text that is not the user's but may repeat it (a system's or a foreign run's message), by the same rule without
    /// quotes: one line, control characters visible, cut at <see cref="QuoteLimit"/> characters.
    /// </summary>
    public static string Message(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Bounded(text, quoted: false);
    }

    /// <summary>
    /// A whole error message as printed: one line (control characters visible, as <see cref="Quote"/> shows them), cut
    /// at <see cref="LineLimit"/> characters. What a system's message repeats (a path) cannot break the line.
    /// </summary>
    public static string Line(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Bounded(text, quoted: false, LineLimit);
    }

    private static string Bounded(string text, bool quoted, int limit = QuoteLimit)
    {
        int length = Math.Min(text.Length, limit);
        if (length < text.Length && char.IsHighSurrogate(text[length - 1]) && char.IsLowSurrogate(text[length]))
        {
            length--; // never cut a character in two
        }

        var result = new StringBuilder(length + 32);
        if (quoted)
        {
            result.Append('\'');
        }

        for (int i = 0; i < length; i++)
        {
            char c = text[i];
            if (char.IsSurrogate(c) && char.IsSurrogatePair(text, i) && i + 1 < length)
            {
                result.Append(c).Append(text[++i]);
                continue;
            }

            switch (c)
            {
                case '\0': result.Append("\\0"); break;
                case '\t': result.Append("\\t"); break;
                case '\n': result.Append("\\n"); break;
                case '\r': result.Append("\\r"); break;
                case '\'' or '\\' when quoted: result.Append('\\').Append(c); break;
                default:
                    if (char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029' || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format)
                    {
                        result.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
                    }
                    else
                    {
                        result.Append(c);
                    }

                    break;
            }
        }

        if (quoted)
        {
            result.Append('\'');
        }

        if (length < text.Length)
        {
            result.Append(CultureInfo.InvariantCulture, $"... ({text.Length} characters)");
        }

        return result.ToString();
    }
}
