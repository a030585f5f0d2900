using System.Text.RegularExpressions;

namespace EdgeMine.Cli;

/// <summary>
/// The parser's errors as one line for a user: the option and the value named (cut at 200 characters), what is allowed
/// in words instead of .NET type names, and the nearest option or command for a typo.
/// </summary>
internal static partial class ParseErrors
{
    /// <summary>Every error of <paramref name="parse"/> in one line, with where to find the options.</summary>
    public static string Describe(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var command = parse.CommandResult.Command;
        var messages = new List<string>();
        var unknown = new List<string>();
        foreach (var parseError in parse.Errors)
        {
            string message = parseError.Message;
            if (CannotParse().Match(message) is { Success: true } bad)
            {
                messages.Add($"{bad.Groups["option"].Value} {UserInput.Quote(bad.Groups["value"].Value)}: allowed: {TypeWords(bad.Groups["type"].Value)}");
            }
            else if (Unrecognized().Match(message) is { Success: true } token)
            {
                unknown.Add(token.Groups["token"].Value);
            }
            else if (message.StartsWith("Required command was not provided", StringComparison.Ordinal))
            {
                if (parse.Errors.Any(e => Unrecognized().IsMatch(e.Message)))
                {
                    continue; // the unknown token is the command, misspelt: its suggestion says more
                }

                messages.Add($"a command is required; allowed: {string.Join(", ", command.Subcommands.Select(c => c.Name))}");
            }
            else
            {
                messages.Add(TypeName().Replace(message, m => TypeWords(m.Groups["type"].Value)));
            }
        }

        // The first unrecognised token is the typo; the ones after it are usually its value.
        if (unknown.Count > 0)
        {
            string token = unknown[0];
            string? nearest = Nearest(token, command);
            string kind = token.StartsWith('-') ? "option" : "command or argument";
            messages.Insert(0, $"{UserInput.Quote(token)}: unknown {kind} of '{CommandPath(command)}'{(nearest is null ? "" : $"; did you mean '{nearest}'?")}");
        }

        return $"{string.Join("; ", messages.Select(m => m.TrimEnd('.')).Distinct())} (see '{CommandPath(command)} --help')";
    }

    // "edgemine reproduce submit"
    private static string CommandPath(Command command)
    {
        var names = new List<string>();
        for (Symbol? s = command; s is not null; s = s.Parents.FirstOrDefault())
        {
            names.Insert(0, s is RootCommand ? "edgemine" : s.Name);
        }

        return string.Join(' ', names);
    }

    /// <summary>The option or subcommand of <paramref name="command"/> nearest to <paramref name="token"/> (edit distance), or null.</summary>
    internal static string? Nearest(string token, Command command)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(command);
        string key = token.Split('=')[0];
        var names = command.Options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name))
            .Concat(command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name))
            .Distinct()
            .ToArray();
        var best = names.Select(n => (Name: n, Distance: Distance(key, n))).OrderBy(n => n.Distance).ThenBy(n => n.Name, StringComparer.Ordinal).FirstOrDefault();
        return best.Name is not null && best.Distance <= Math.Max(2, key.Length / 3) ? best.Name : null;
    }

    // Levenshtein distance, case-sensitive (options are lower case).
    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (int i = 1; i <= a.Length; i++)
        {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }

        return row[b.Length];
    }

    /// <summary>What a .NET type allows, in words.</summary>
    private static string TypeWords(string type) => type switch
    {
        "System.Int32" => "an integer",
        "System.Int64" => "an integer",
        "System.UInt64" => "an integer in [0, 2^64)",
        "System.Double" => "a number",
        "System.Boolean" => "true or false",
        _ when type.StartsWith("System.Nullable", StringComparison.Ordinal) && type.Contains("Int32", StringComparison.Ordinal) => "an integer",
        _ => "a value of the documented form",
    };

    [GeneratedRegex(@"^Cannot parse argument '(?<value>.*)' for option '(?<option>[^']*)' as expected type '(?<type>[^']*)'\.?$", RegexOptions.Singleline)]
    private static partial Regex CannotParse();

    [GeneratedRegex(@"^Unrecognized command or argument '(?<token>.*)'\.?$", RegexOptions.Singleline)]
    private static partial Regex Unrecognized();

    [GeneratedRegex(@"'(?<type>System\.[A-Za-z0-9_.`\[\]]+)'")]
    private static partial Regex TypeName();
}
