using System.Globalization;
using System.Text.Json;

namespace EdgeMine.Tests;

/// <summary>
/// The one interval format of EdgeMine's files, checked: in JSON an interval is the object
/// <c>{"mean", "ci95_low", "ci95_high", "n"}</c> (keys in that order, n an integer, bounds null or around the mean); in CSV
/// it is the columns <c>X, X_ci95_low, X_ci95_high, X_n</c>, side by side. No other spelling of an interval may appear:
/// no <c>_ci_low</c>, bare <c>low</c>/<c>high</c>, nested <c>ci95</c> objects, half-widths, <c>X_mean</c> columns.
/// The one exception is claims.csv, whose columns issue 10 fixed: <c>ours, ci95_low, ci95_high, ..., n</c>.
/// </summary>
internal static class IntervalFormat
{
    private static readonly string[] IntervalKeys = ["mean", "ci95_low", "ci95_high", "n"];

    /// <summary>Names that spell an interval some other way, in JSON keys and CSV columns alike (bare ci95_low and ci95_high are checked where they stand).</summary>
    private static bool Forbidden(string name) =>
        name is "low" or "high" or "ci95" or "ci" or "half_width" or "halfwidth" or "stderr" or "std"
        || name.Contains("_ci_", StringComparison.Ordinal)
        || name.EndsWith("_ci", StringComparison.Ordinal)
        || name.Contains("half_width", StringComparison.Ordinal)
        || (name.EndsWith("_low", StringComparison.Ordinal) && !name.EndsWith("ci95_low", StringComparison.Ordinal))
        || (name.EndsWith("_high", StringComparison.Ordinal) && !name.EndsWith("ci95_high", StringComparison.Ordinal))
        || name.EndsWith("_mean", StringComparison.Ordinal);

    /// <summary>Every departure from the format in the JSON text <paramref name="json"/>; <paramref name="where"/> names it.</summary>
    public static IReadOnlyList<string> JsonProblems(string json, string where)
    {
        var problems = new List<string>();
        using var document = JsonDocument.Parse(json);
        Walk(document.RootElement, where, problems);
        return problems;
    }

    private static void Walk(JsonElement element, string path, List<string> problems)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            int i = 0;
            foreach (var item in element.EnumerateArray())
            {
                Walk(item, $"{path}[{i++}]", problems);
            }

            return;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var names = element.EnumerateObject().Select(p => p.Name).ToArray();
        if (names.Any(n => IntervalKeys.Contains(n) && n != "n"))
        {
            if (!names.SequenceEqual(IntervalKeys))
            {
                problems.Add($"{path}: an interval with keys {string.Join(", ", names)}; expected mean, ci95_low, ci95_high, n");
                return;
            }

            double? Number(string key) => element.GetProperty(key).ValueKind == JsonValueKind.Number ? element.GetProperty(key).GetDouble() : null;
            if (element.GetProperty("n").ValueKind != JsonValueKind.Number || !element.GetProperty("n").TryGetInt32(out int n) || n < 1)
            {
                problems.Add($"{path}.n: {element.GetProperty("n").GetRawText()}; expected a positive integer");
            }

            if (Number("mean") is { } mean && Number("ci95_low") is { } low && Number("ci95_high") is { } high && !Around(low, mean, high))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{path}: the interval [{low}, {high}] does not hold its mean {mean}"));
            }

            return;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (Forbidden(property.Name) || property.Name is "ci95_low" or "ci95_high")
            {
                problems.Add($"{path}.{property.Name}: an interval spelled outside the one format");
            }

            Walk(property.Value, $"{path}.{property.Name}", problems);
        }
    }

    /// <summary>Every departure from the format in the CSV text <paramref name="csv"/> (header and the rows' intervals).</summary>
    public static IReadOnlyList<string> CsvProblems(string csv, string where)
    {
        var problems = new List<string>();
        var lines = csv.TrimEnd('\n').Split('\n');
        string[] header = Fields(lines[0]);
        bool claims = Path.GetFileName(where) == "claims.csv";
        var intervals = new List<(int Mean, int Low, int High, int N)>();
        for (int c = 0; c < header.Length; c++)
        {
            string name = header[c];
            if (Forbidden(name))
            {
                problems.Add($"{where}: column '{name}' spells an interval outside the one format");
            }

            if (name.EndsWith("_ci95_low", StringComparison.Ordinal))
            {
                string x = name[..^"_ci95_low".Length];
                if (c == 0 || header[c - 1] != x || c + 2 >= header.Length || header[c + 1] != x + "_ci95_high" || header[c + 2] != x + "_n")
                {
                    problems.Add($"{where}: column '{name}' is not in {x}, {x}_ci95_low, {x}_ci95_high, {x}_n");
                }
                else
                {
                    intervals.Add((c - 1, c, c + 1, c + 2));
                }
            }
            else if (name == "ci95_low")
            {
                // claims.csv: the deciding value "ours" with its bounds, and its n further on.
                if (!claims || c == 0 || header[c - 1] != "ours" || header.ElementAtOrDefault(c + 1) != "ci95_high" || !header.Contains("n"))
                {
                    problems.Add($"{where}: a bare 'ci95_low' column outside claims.csv's 'ours, ci95_low, ci95_high, ..., n'");
                }
                else
                {
                    intervals.Add((c - 1, c, c + 1, Array.IndexOf(header, "n")));
                }
            }
            else if (name.EndsWith("_ci95_high", StringComparison.Ordinal) && !header.Contains(name[..^"_ci95_high".Length] + "_ci95_low"))
            {
                problems.Add($"{where}: column '{name}' without its _ci95_low");
            }
        }

        for (int r = 1; r < lines.Length; r++)
        {
            string[] row = Fields(lines[r]);
            if (row.Length != header.Length)
            {
                problems.Add($"{where}:{r + 1}: {row.Length} fields, header has {header.Length}");
                continue;
            }

            foreach (var (mean, low, high, n) in intervals)
            {
                if (row[n].Length > 0 && (!int.TryParse(row[n], NumberStyles.None, CultureInfo.InvariantCulture, out int count) || count < 1))
                {
                    problems.Add($"{where}:{r + 1}: {header[n]} '{row[n]}' is not a positive integer");
                }

                if (double.TryParse(row[mean], NumberStyles.Float, CultureInfo.InvariantCulture, out double m)
                    && double.TryParse(row[low], NumberStyles.Float, CultureInfo.InvariantCulture, out double l)
                    && double.TryParse(row[high], NumberStyles.Float, CultureInfo.InvariantCulture, out double h)
                    && !Around(l, m, h))
                {
                    problems.Add($"{where}:{r + 1}: {header[low]} {row[low]} to {header[high]} {row[high]} does not hold {header[mean]} {row[mean]}");
                }
            }
        }

        return problems;
    }

    /// <summary>low &lt;= mean &lt;= high, up to rounding.</summary>
    private static bool Around(double low, double mean, double high)
    {
        double slack = 1e-9 * Math.Max(1, Math.Abs(mean));
        return low <= mean + slack && mean <= high + slack;
    }

    /// <summary>The fields of one CSV line (RFC 4180 quotes; no line breaks inside fields in EdgeMine's files).</summary>
    public static string[] Fields(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return [.. fields];
    }

    /// <summary>Every departure from the format in every .json and .csv file under <paramref name="directory"/>.</summary>
    public static IReadOnlyList<string> DirectoryProblems(string directory, out int filesChecked)
    {
        var problems = new List<string>();
        filesChecked = 0;
        foreach (string path in Directory.EnumerateFiles(directory, "*.*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            string relative = Path.GetRelativePath(directory, path);
            if (path.EndsWith(".json", StringComparison.Ordinal))
            {
                problems.AddRange(JsonProblems(File.ReadAllText(path), relative));
                filesChecked++;
            }
            else if (path.EndsWith(".csv", StringComparison.Ordinal))
            {
                problems.AddRange(CsvProblems(File.ReadAllText(path), relative));
                filesChecked++;
            }
        }

        return problems;
    }
}
