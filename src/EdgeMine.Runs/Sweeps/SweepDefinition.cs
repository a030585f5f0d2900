using System.Globalization;
using System.Text;
using System.Text.Json;
using EdgeMine.Learning;
using EdgeMine.Model;
using EdgeMine.Schemes;
using EdgeMine.Settings;

namespace EdgeMine.Sweeps;

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

    private readonly string _where;

    /// <summary>The keys with a default and their default, in key order: every cell starts from them.</summary>
    private readonly IReadOnlyList<KeyValuePair<string, string>> _defaults;

    private SweepDefinition(string where, SchemeCatalog catalog, string name, IReadOnlyList<string> commands, IReadOnlyList<BaselineScheme> baselines, IReadOnlyList<KeyValuePair<string, string>> fixedValues, IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> grid)
    {
        Catalog = catalog;
        Name = name;
        Commands = commands;
        Baselines = baselines;
        Fixed = fixedValues;
        Grid = grid;
        _where = where;
        _defaults = Keys(catalog).Where(k => k.Default is not null).Select(k => KeyValuePair.Create(k.Name, k.Default!)).ToArray();
        Cells = new ComputedList<SweepCell>(Grid.Aggregate(1, (n, g) => n * g.Value.Count), BuildCell);
    }

    /// <summary>Resolves the names of algorithms and baselines.</summary>
    public SchemeCatalog Catalog { get; }

    /// <summary>A name for the job (Slurm job name, logs); default <c>sweep</c>.</summary>
    public string Name { get; }

    /// <summary><c>train</c> and/or <c>evaluate</c>, in that order.</summary>
    public IReadOnlyList<string> Commands { get; }

    /// <summary>Baselines evaluated on the same seeds beside every cell's policy (random and optimal give the optimality ratio).</summary>
    public IReadOnlyList<BaselineScheme> Baselines { get; }

    /// <summary>Settings shared by every cell, in file order, as canonical text.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Fixed { get; }

    /// <summary>The grid: each key with its values (canonical text), in file order.</summary>
    public IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> Grid { get; }

    /// <summary>
    /// Every cell, by index: made when asked for, never stored (a million cells held at once took a gigabyte), so a
    /// cell is a new object at each access and its resolved model is computed again.
    /// </summary>
    public IReadOnlyList<SweepCell> Cells { get; }

    /// <summary>The keys of a sweep file: the scheme and preset, the run settings, then every config key of the model.</summary>
    public static IReadOnlyList<SweepKey> Keys(SchemeCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        string[] algorithms = [.. catalog.Algorithms.Select(a => a.Name), .. catalog.Baselines.Select(b => b.Name)];
        string[] variants = catalog.Algorithms.SelectMany(a => a.Variants).Distinct().ToArray();
        var keys = new List<SweepKey>
        {
            NameKey("algo", algorithms, null),
            NameKey("variant", variants, LearnerAlgorithm.DefaultVariant),
            NameKey("preset", Presets.Names, Presets.Names[0]),
        };
        keys.AddRange(RunSettings.All.Select(s => new SweepKey(s.Key, s.Allowed, (v, at) => s.ReadJson(v, at), s.WriteJson, s.DefaultText)));
        keys.AddRange(ParameterCatalog.Keys.Select(k => new SweepKey(
            k.Key,
            $"{k.Allowed} ({k.Meaning})",
            (v, at) => k.Read(v, at, inDomain: true).ToString(),
            (json, text) => k.Parse(text, k.Key).WriteJson(json),
            null,
            IsModelKey: true)));
        return keys;
    }

    private static SweepKey NameKey(string name, IReadOnlyList<string> allowed, string? defaultValue) => new(
        name,
        $"one of {string.Join(", ", allowed)}",
        (v, at) => v.ValueKind == JsonValueKind.String && allowed.Contains(v.GetString())
            ? v.GetString()!
            : throw new ConfigurationException($"{at} has value {UserInput.OneLine(v)}; allowed: one of {string.Join(", ", allowed)}"),
        (json, text) => json.WriteStringValue(text),
        defaultValue);

    /// <summary>Reads and validates the sweep file at <paramref name="path"/>; errors name the file, the field, the value and what is allowed.</summary>
    public static SweepDefinition Load(string path, SchemeCatalog catalog)
    {
        string where = UserInput.Quote(path);
        string text = UserInput.ReadText(path, where, "the sweep file");

        return Parse(text, where, catalog);
    }

    /// <summary>Parses and validates the JSON text of a sweep file; <paramref name="where"/> names it in errors.</summary>
    public static SweepDefinition Parse(string json, string where, SchemeCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var keys = Keys(catalog).ToDictionary(k => k.Name, StringComparer.Ordinal);
        using (var document = UserInput.ParseJson(json, where))
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ConfigurationException($"{where}: the file holds a JSON {Kind(root)}; expected an object with {string.Join(", ", TopLevelFields)}");
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
            {
                if (!TopLevelFields.Contains(property.Name))
                {
                    throw new ConfigurationException($"{where}: unknown field {UserInput.Quote(property.Name)}; allowed fields: {string.Join(", ", TopLevelFields)}");
                }

                // JSON lets a field repeat and a reader keeps one of them: two "grid"s would silently lose a grid.
                if (!seen.Add(property.Name))
                {
                    throw new ConfigurationException($"{where}: field '{property.Name}' appears twice; allowed: each field once");
                }
            }

            string name = "sweep";
            if (root.TryGetProperty("name", out var nameElement))
            {
                if (nameElement.ValueKind != JsonValueKind.String || !IsSafeName(nameElement.GetString()!))
                {
                    throw new ConfigurationException($"{where}: field 'name' has value {UserInput.OneLine(nameElement)}; allowed: a string of letters, digits, '.', '_' and '-' (1 to 64 characters)");
                }

                name = nameElement.GetString()!;
            }

            var commands = ReadNames(root, "commands", where, [Train, Evaluate], [Train, Evaluate], allowEmpty: false);
            commands = [.. new[] { Train, Evaluate }.Where(commands.Contains)]; // train always runs before evaluate
            var baselines = ReadNames(root, "baselines", where, catalog.Baselines.Select(b => b.Name).ToArray(), [], allowEmpty: true)
                .Select(b => catalog.FindBaseline(b)!).ToArray();

            var fixedValues = new List<KeyValuePair<string, string>>();
            if (root.TryGetProperty("fixed", out var fixedElement))
            {
                RequireObject(fixedElement, "fixed", where);
                foreach (var property in fixedElement.EnumerateObject())
                {
                    var key = FindKey(keys, property.Name, $"{where}: fixed key {UserInput.Quote(property.Name)}");
                    if (fixedValues.Any(f => f.Key == key.Name))
                    {
                        throw new ConfigurationException($"{where}: fixed key '{key.Name}' appears twice; allowed: each key once");
                    }

                    if (property.Value.ValueKind == JsonValueKind.Array)
                    {
                        throw new ConfigurationException($"{where}: fixed key '{key.Name}' has a list {UserInput.OneLine(property.Value)}; allowed: one value ({key.Allowed}); put lists under 'grid'");
                    }

                    fixedValues.Add(KeyValuePair.Create(key.Name, key.Read(property.Value, $"{where}: fixed key '{key.Name}'")));
                }
            }

            var grid = new List<KeyValuePair<string, IReadOnlyList<string>>>();
            if (root.TryGetProperty("grid", out var gridElement))
            {
                RequireObject(gridElement, "grid", where);
                foreach (var property in gridElement.EnumerateObject())
                {
                    string at = $"{where}: grid key {UserInput.Quote(property.Name)}";
                    var key = FindKey(keys, property.Name, at);
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
                        throw new ConfigurationException($"{at} has value {UserInput.OneLine(property.Value)}; allowed: a non-empty list of values ({key.Allowed})");
                    }

                    if (property.Value.GetArrayLength() == 0)
                    {
                        throw new ConfigurationException($"{at} has an empty list; allowed: a non-empty list of values ({key.Allowed})");
                    }

                    var values = property.Value.EnumerateArray().Select(v => key.Read(v, at)).ToArray();
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
                throw new ConfigurationException($"{where}: no 'algo' under 'fixed' or 'grid'; allowed: {keys["algo"].Allowed}");
            }

            const long MaxCells = 1_000_000;
            long count = grid.Aggregate(1L, (n, g) => Math.Min(n * g.Value.Count, MaxCells + 1)); // saturates: no overflow
            if (count > MaxCells)
            {
                throw new ConfigurationException(string.Create(CultureInfo.InvariantCulture, $"{where}: the grid has more than {MaxCells} cells; allowed: at most {MaxCells}"));
            }

            // Every cell's model, scheme and sizes resolve here, before anything runs: one cell at a time, none kept
            // (a million cells resolve in about a second; held at once they took a gigabyte).
            var definition = new SweepDefinition(where, catalog, name, commands, baselines, fixedValues, grid);
            foreach (var unused in definition.Cells)
            {
            }

            return definition;
        }
    }

    /// <summary>The definition as canonical JSON (fixed key order and number format): stored in the output directory to tie it to this sweep.</summary>
    public string ToCanonicalJson()
    {
        var keys = Keys(Catalog).ToDictionary(k => k.Name, StringComparer.Ordinal);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("name", Name);
            json.WriteStartArray("commands");
            Commands.ToList().ForEach(json.WriteStringValue);
            json.WriteEndArray();
            json.WriteStartArray("baselines");
            Baselines.Select(b => b.Name).ToList().ForEach(json.WriteStringValue);
            json.WriteEndArray();
            json.WriteStartObject("fixed");
            foreach (var (key, value) in Fixed)
            {
                json.WritePropertyName(key);
                keys[key].Write(json, value);
            }

            json.WriteEndObject();
            json.WriteStartObject("grid");
            foreach (var (key, values) in Grid)
            {
                json.WriteStartArray(key);
                foreach (string value in values)
                {
                    keys[key].Write(json, value);
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private SweepCell BuildCell(int index)
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
        foreach (var (key, value) in _defaults.Concat(Fixed).Concat(values))
        {
            settings[key] = value;
        }

        try
        {
            return new SweepCell(Catalog, index, values, settings);
        }
        catch (ConfigurationException e)
        {
            throw new ConfigurationException($"{_where}: cell {index} ({SweepCell.Describe(values)}): {e.Message}");
        }
    }

    private static SweepKey FindKey(Dictionary<string, SweepKey> keys, string name, string at) =>
        keys.TryGetValue(name, out var key)
            ? key
            : throw new ConfigurationException(
                $"{at} is unknown; allowed keys: {string.Join(", ", keys.Values.Where(k => !k.IsModelKey).Select(k => k.Name))}, or a model key ({string.Join(", ", keys.Values.Where(k => k.IsModelKey).Select(k => k.Name))})");

    private static List<string> ReadNames(JsonElement root, string field, string where, IReadOnlyList<string> allowed, IReadOnlyList<string> fallback, bool allowEmpty)
    {
        if (!root.TryGetProperty(field, out var element))
        {
            return [.. fallback];
        }

        string expected = $"a {(allowEmpty ? "" : "non-empty ")}list of distinct names from {string.Join(", ", allowed)}";
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw new ConfigurationException($"{where}: field '{field}' has value {UserInput.OneLine(element)}; allowed: {expected}");
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
                throw new ConfigurationException($"{where}: field '{field}' has value {UserInput.OneLine(item)}; allowed: {expected}");
            }

            names.Add(name);
        }

        return names;
    }

    private static void RequireObject(JsonElement element, string field, string where)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new ConfigurationException($"{where}: field '{field}' has value {UserInput.OneLine(element)}; allowed: an object of keys to {(field == "grid" ? "lists of values" : "values")}");
        }
    }

    private static bool IsSafeName(string name) =>
        name.Length is >= 1 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    private static string Kind(JsonElement element) => element.ValueKind.ToString().ToLowerInvariant();
}
