using System.Globalization;
using System.Text;
using System.Text.Json;
using EdgeMine.Learning;
using EdgeMine.Model;
using EdgeMine.Policies;

namespace EdgeMine.Sweeps;

/// <summary>How a sweep key's values are read.</summary>
public enum SweepValueKind
{
    /// <summary>A JSON string from a fixed list (algo, variant, preset).</summary>
    Name,

    /// <summary>A JSON integer &gt; 0 (miners, tasks, slots, runs).</summary>
    PositiveInteger,

    /// <summary>A JSON integer &gt;= 0 that fits 64 bits unsigned (seeds).</summary>
    Seed,

    /// <summary>A JSON number checked by the key's predicate (beta, model keys).</summary>
    Number,
}

/// <summary>A key that a sweep may fix or vary: a run setting or a config key of <see cref="ParameterCatalog"/>.</summary>
public sealed record SweepKey(string Name, SweepValueKind Kind, string Allowed, Func<string, bool> Admits, string? Default, bool IsModelKey = false);

/// <summary>
/// A parsed and validated sweep file: fixed settings, a grid of lists, the commands run per cell and the baselines
/// evaluated beside each cell. Cells are numbered row-major over the grid in the file's key order (the last key varies
/// fastest), so the numbering depends only on the file. See docs/sweeps.md.
/// </summary>
public sealed class SweepDefinition
{
    public const string Train = "train";
    public const string Evaluate = "evaluate";

    private static readonly string[] TopLevelFields = ["name", "commands", "baselines", "fixed", "grid"];

    private SweepDefinition(string name, IReadOnlyList<string> commands, IReadOnlyList<string> baselines, IReadOnlyList<KeyValuePair<string, string>> fixedValues, IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> grid)
    {
        Name = name;
        Commands = commands;
        Baselines = baselines;
        Fixed = fixedValues;
        Grid = grid;
        Cells = BuildCells();
    }

    /// <summary>A name for the job (Slurm job name, logs); default <c>sweep</c>.</summary>
    public string Name { get; }

    /// <summary><c>train</c> and/or <c>evaluate</c>, in that order.</summary>
    public IReadOnlyList<string> Commands { get; }

    /// <summary>Baselines evaluated on the same seeds beside every cell's policy (random and optimal give the optimality ratio).</summary>
    public IReadOnlyList<string> Baselines { get; }

    /// <summary>Settings shared by every cell, in file order, as canonical text.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Fixed { get; }

    /// <summary>The grid: each key with its values (canonical text), in file order.</summary>
    public IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> Grid { get; }

    /// <summary>Every cell, by index.</summary>
    public IReadOnlyList<SweepCell> Cells { get; }

    // Before Keys: static initializers run in textual order, and Keys lists the algorithms.
    /// <summary>The algorithms a cell may name: the learners, then the baselines (which are only evaluated).</summary>
    public static IReadOnlyList<string> Algorithms { get; } = [.. LearnerCatalog.Algorithms, .. PolicyCatalog.BaselineNames];

    /// <summary>The run settings, then every config key of <see cref="ParameterCatalog"/>.</summary>
    public static IReadOnlyList<SweepKey> Keys { get; } = BuildKeys();

    private static readonly Dictionary<string, SweepKey> KeysByName = Keys.ToDictionary(k => k.Name, StringComparer.Ordinal);

    private static List<SweepKey> BuildKeys()
    {
        static bool Positive(string t) => long.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out long v) && v > 0 && v <= int.MaxValue;
        static bool PositiveLong(string t) => long.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out long v) && v > 0;
        static bool Seed(string t) => ulong.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out _);
        static double Number(string t) => double.Parse(t, NumberStyles.Float, CultureInfo.InvariantCulture);
        var variants = LearnerCatalog.Algorithms.SelectMany(LearnerCatalog.Variants).Distinct().ToArray();
        var keys = new List<SweepKey>
        {
            new("algo", SweepValueKind.Name, $"one of {string.Join(", ", Algorithms)}", Algorithms.Contains, null),
            new("variant", SweepValueKind.Name, $"one of {string.Join(", ", variants)}", variants.Contains, "default"),
            new("preset", SweepValueKind.Name, $"one of {string.Join(", ", Presets.Names)}", Presets.Names.Contains, "calibrated"),
            new("miners", SweepValueKind.PositiveInteger, "a positive integer (N, the number of miners)", Positive, "1"),
            new("tasks", SweepValueKind.PositiveInteger, "a positive integer (M, tasks per miner)", Positive, "2"),
            new("beta", SweepValueKind.Number, "a number in [0, 1] (weight of energy in the cost)", t => Number(t) is >= 0 and <= 1, "0.5"),
            new("slots", SweepValueKind.PositiveInteger, "a positive integer (training slots)", PositiveLong, "10000"),
            new("seed", SweepValueKind.Seed, "an integer in [0, 2^64) (training seed)", Seed, "1"),
            new("eval_runs", SweepValueKind.PositiveInteger, "a positive integer (evaluation runs)", Positive, "20"),
            new("eval_slots", SweepValueKind.PositiveInteger, "a positive integer (slots per evaluation run)", PositiveLong, "1000"),
            new("eval_seed", SweepValueKind.Seed, "an integer in [0, 2^64) (evaluation seed)", Seed, "1000"),
        };
        keys.AddRange(ParameterCatalog.Keys.Select(k => new SweepKey(k.Key, SweepValueKind.Number, $"{k.Allowed} ({k.Meaning})", t => k.Admits(Number(t)), null, IsModelKey: true)));
        return keys;
    }

    /// <summary>Reads and validates the sweep file at <paramref name="path"/>; errors name the file, the field, the value and what is allowed.</summary>
    public static SweepDefinition Load(string path)
    {
        string text = ParameterCatalog.ReadText(path, path, "the sweep file");

        return Parse(text, path);
    }

    /// <summary>Parses and validates the JSON text of a sweep file; <paramref name="where"/> names it in errors.</summary>
    public static SweepDefinition Parse(string json, string where)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new ConfigurationException($"{where}: not valid JSON at line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ConfigurationException($"{where}: the file holds a JSON {Kind(root)}; expected an object with {string.Join(", ", TopLevelFields)}");
            }

            foreach (var property in root.EnumerateObject())
            {
                if (!TopLevelFields.Contains(property.Name))
                {
                    throw new ConfigurationException($"{where}: unknown field '{property.Name}'; allowed fields: {string.Join(", ", TopLevelFields)}");
                }
            }

            string name = "sweep";
            if (root.TryGetProperty("name", out var nameElement))
            {
                if (nameElement.ValueKind != JsonValueKind.String || !IsSafeName(nameElement.GetString()!))
                {
                    throw new ConfigurationException($"{where}: field 'name' has value {OneLine(nameElement)}; allowed: a string of letters, digits, '.', '_' and '-' (1 to 64 characters)");
                }

                name = nameElement.GetString()!;
            }

            var commands = ReadNames(root, "commands", where, [Train, Evaluate], [Train, Evaluate], allowEmpty: false);
            commands = [.. new[] { Train, Evaluate }.Where(commands.Contains)]; // train always runs before evaluate
            var baselines = ReadNames(root, "baselines", where, PolicyCatalog.BaselineNames, [], allowEmpty: true);

            var fixedValues = new List<KeyValuePair<string, string>>();
            if (root.TryGetProperty("fixed", out var fixedElement))
            {
                RequireObject(fixedElement, "fixed", where);
                foreach (var property in fixedElement.EnumerateObject())
                {
                    var key = FindKey(property.Name, $"{where}: fixed key '{property.Name}'");
                    if (fixedValues.Any(f => f.Key == key.Name))
                    {
                        throw new ConfigurationException($"{where}: fixed key '{key.Name}' appears twice; allowed: each key once");
                    }

                    if (property.Value.ValueKind == JsonValueKind.Array)
                    {
                        throw new ConfigurationException($"{where}: fixed key '{key.Name}' has a list {OneLine(property.Value)}; allowed: one value ({key.Allowed}); put lists under 'grid'");
                    }

                    fixedValues.Add(KeyValuePair.Create(key.Name, ReadValue(key, property.Value, $"{where}: fixed key '{key.Name}'")));
                }
            }

            var grid = new List<KeyValuePair<string, IReadOnlyList<string>>>();
            if (root.TryGetProperty("grid", out var gridElement))
            {
                RequireObject(gridElement, "grid", where);
                foreach (var property in gridElement.EnumerateObject())
                {
                    string at = $"{where}: grid key '{property.Name}'";
                    var key = FindKey(property.Name, at);
                    if (grid.Any(g => g.Key == key.Name))
                    {
                        throw new ConfigurationException($"{at} appears twice; allowed: each key once");
                    }

                    if (fixedValues.Any(f => f.Key == key.Name))
                    {
                        throw new ConfigurationException($"{at} is also under 'fixed'; allowed: a key either fixed or in the grid");
                    }

                    if (property.Value.ValueKind != JsonValueKind.Array)
                    {
                        throw new ConfigurationException($"{at} has value {OneLine(property.Value)}; allowed: a non-empty list of values ({key.Allowed})");
                    }

                    if (property.Value.GetArrayLength() == 0)
                    {
                        throw new ConfigurationException($"{at} has an empty list; allowed: a non-empty list of values ({key.Allowed})");
                    }

                    var values = property.Value.EnumerateArray().Select(v => ReadValue(key, v, at)).ToArray();
                    if (values.Distinct(StringComparer.Ordinal).Count() != values.Length)
                    {
                        string repeated = values.GroupBy(v => v, StringComparer.Ordinal).First(g => g.Count() > 1).Key;
                        throw new ConfigurationException($"{at} lists the value {repeated} twice; allowed: distinct values");
                    }

                    grid.Add(KeyValuePair.Create(key.Name, (IReadOnlyList<string>)values));
                }
            }

            if (!fixedValues.Any(f => f.Key == "algo") && !grid.Any(g => g.Key == "algo"))
            {
                throw new ConfigurationException($"{where}: no 'algo' under 'fixed' or 'grid'; allowed: {KeysByName["algo"].Allowed}");
            }

            long count = grid.Aggregate(1L, (n, g) => n * g.Value.Count);
            if (count > 1_000_000)
            {
                throw new ConfigurationException(string.Create(CultureInfo.InvariantCulture, $"{where}: the grid has {count} cells; allowed: at most 1000000"));
            }

            var definition = new SweepDefinition(name, commands, baselines, fixedValues, grid);
            foreach (var cell in definition.Cells)
            {
                try
                {
                    _ = cell.Parameters; // every cell's model must validate before anything runs
                }
                catch (ConfigurationException e)
                {
                    throw new ConfigurationException($"{where}: cell {cell.Index} ({cell.Describe()}): {e.Message}");
                }
            }

            return definition;
        }
    }

    /// <summary>The definition as canonical JSON (fixed key order and number format): stored in the output directory to tie it to this sweep.</summary>
    public string ToCanonicalJson()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("name", Name);
            json.WriteStartArray("commands");
            Commands.ToList().ForEach(json.WriteStringValue);
            json.WriteEndArray();
            json.WriteStartArray("baselines");
            Baselines.ToList().ForEach(json.WriteStringValue);
            json.WriteEndArray();
            json.WriteStartObject("fixed");
            foreach (var (key, value) in Fixed)
            {
                json.WritePropertyName(key);
                WriteValue(json, key, value);
            }

            json.WriteEndObject();
            json.WriteStartObject("grid");
            foreach (var (key, values) in Grid)
            {
                json.WriteStartArray(key);
                foreach (string value in values)
                {
                    WriteValue(json, key, value);
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>The cell at <paramref name="index"/>, or a configuration error naming <paramref name="source"/> and the allowed range.</summary>
    public SweepCell Cell(int index, string source) =>
        index >= 0 && index < Cells.Count
            ? Cells[index]
            : throw new ConfigurationException(string.Create(CultureInfo.InvariantCulture, $"{source} {index}: allowed: 0 to {Cells.Count - 1} (the sweep has {Cells.Count} cells)"));

    private List<SweepCell> BuildCells()
    {
        int count = Grid.Aggregate(1, (n, g) => n * g.Value.Count);
        var cells = new List<SweepCell>(count);
        for (int index = 0; index < count; index++)
        {
            // Row-major: the last grid key varies fastest.
            var values = new KeyValuePair<string, string>[Grid.Count];
            int rest = index;
            for (int k = Grid.Count - 1; k >= 0; k--)
            {
                var (key, list) = Grid[k];
                values[k] = KeyValuePair.Create(key, list[rest % list.Count]);
                rest /= list.Count;
            }

            var settings = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var key in Keys.Where(k => k.Default is not null))
            {
                settings[key.Name] = key.Default!;
            }

            foreach (var (key, value) in Fixed.Concat(values))
            {
                settings[key] = value;
            }

            cells.Add(new SweepCell(index, values, settings));
        }

        return cells;
    }

    private static void WriteValue(Utf8JsonWriter json, string key, string value)
    {
        switch (KeysByName[key].Kind)
        {
            case SweepValueKind.Name:
                json.WriteStringValue(value);
                break;
            case SweepValueKind.Seed:
                json.WriteNumberValue(ulong.Parse(value, CultureInfo.InvariantCulture));
                break;
            case SweepValueKind.PositiveInteger:
                json.WriteNumberValue(long.Parse(value, CultureInfo.InvariantCulture));
                break;
            default:
                json.WriteNumberValue(double.Parse(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    private static SweepKey FindKey(string name, string at) =>
        KeysByName.TryGetValue(name, out var key)
            ? key
            : throw new ConfigurationException(
                $"{at} is unknown; allowed keys: {string.Join(", ", Keys.Where(k => !k.IsModelKey).Select(k => k.Name))}, or a model key ({string.Join(", ", Keys.Where(k => k.IsModelKey).Select(k => k.Name))})");

    /// <summary>The canonical text of one value: the string itself, or the number re-formatted (integers plainly, others round-trip).</summary>
    private static string ReadValue(SweepKey key, JsonElement value, string at)
    {
        string? text = null;
        if (key.Kind == SweepValueKind.Name)
        {
            text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        }
        else if (value.ValueKind == JsonValueKind.Number)
        {
            text = key.Kind switch
            {
                SweepValueKind.Seed => value.TryGetUInt64(out ulong u) ? u.ToString(CultureInfo.InvariantCulture) : null,
                SweepValueKind.PositiveInteger => value.TryGetInt64(out long l) ? l.ToString(CultureInfo.InvariantCulture) : null,
                _ => value.TryGetDouble(out double d) && double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : null,
            };
        }

        if (text is null || !key.Admits(text))
        {
            throw new ConfigurationException($"{at} has value {OneLine(value)}; allowed: {key.Allowed}");
        }

        return text;
    }

    private static List<string> ReadNames(JsonElement root, string field, string where, IReadOnlyList<string> allowed, IReadOnlyList<string> fallback, bool allowEmpty)
    {
        if (!root.TryGetProperty(field, out var element))
        {
            return [.. fallback];
        }

        string expected = $"a {(allowEmpty ? "" : "non-empty ")}list of distinct names from {string.Join(", ", allowed)}";
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw new ConfigurationException($"{where}: field '{field}' has value {OneLine(element)}; allowed: {expected}");
        }

        if (!allowEmpty && element.GetArrayLength() == 0)
        {
            throw new ConfigurationException($"{where}: field '{field}' has an empty list; allowed: {expected}");
        }

        var names = new List<string>();
        foreach (var item in element.EnumerateArray())
        {
            string? name = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
            if (name is null || !allowed.Contains(name) || names.Contains(name))
            {
                throw new ConfigurationException($"{where}: field '{field}' has value {OneLine(item)}; allowed: {expected}");
            }

            names.Add(name);
        }

        return names;
    }

    private static void RequireObject(JsonElement element, string field, string where)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new ConfigurationException($"{where}: field '{field}' has value {OneLine(element)}; allowed: an object of keys to {(field == "grid" ? "lists of values" : "values")}");
        }
    }

    private static bool IsSafeName(string name) =>
        name.Length is >= 1 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    private static string Kind(JsonElement element) => element.ValueKind.ToString().ToLowerInvariant();

    private static string OneLine(JsonElement value) =>
        string.Join(' ', value.GetRawText().Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
