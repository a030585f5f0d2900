using System.Globalization;

namespace EdgeMine.Learning;

/// <summary>Applying learner options, and reading their values' text (a value that does not parse is a <see cref="FormatException"/>).</summary>
internal static class LearnerOptionKeys
{
    /// <summary>
    /// <paramref name="options"/> with <paramref name="changes"/> applied in their order; a bad key or value is a
    /// <see cref="ConfigurationException"/> naming <paramref name="where"/>, the key, the value and what is allowed.
    /// </summary>
    public static TOptions Apply<TOptions>(TOptions options, IReadOnlyList<LearnerOptionKey<TOptions>> keys, IEnumerable<KeyValuePair<string, string>> changes, string where)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var (key, value) in changes)
        {
            var option = keys.FirstOrDefault(k => k.Name == key)
                ?? throw new ConfigurationException($"{where}: unknown option {UserInput.Quote(key)}; allowed: {string.Join(", ", keys.Select(k => k.Name))}");
            options = option.Apply(options, value, where);
        }

        return options;
    }

    /// <summary><c>true</c>/<c>1</c> or <c>false</c>/<c>0</c>.</summary>
    public static bool Bool(string value) => value switch
    {
        "true" or "1" => true,
        "false" or "0" => false,
        _ => throw new FormatException(),
    };

    /// <summary>A positive integer (<paramref name="zero"/>: or 0).</summary>
    public static int Int(string value, bool zero = false) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && (v > 0 || (zero && v == 0)) ? v : throw new FormatException();

    /// <summary>A finite positive number, at most 1 when <paramref name="unit"/> (<paramref name="zero"/>: or 0).</summary>
    public static float Float(string value, bool unit = false, bool zero = false) =>
        float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out float v) && float.IsFinite(v) && (v > 0 || (zero && v == 0)) && (!unit || v <= 1)
            ? v
            : throw new FormatException();

    /// <summary>As <see cref="Float"/>, in double precision (a value kept as double, e.g. a discount of 0.99, stays exactly the number written).</summary>
    public static double Double(string value, bool unit = false, bool zero = false) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) && (v > 0 || (zero && v == 0)) && (!unit || v <= 1)
            ? v
            : throw new FormatException();

    /// <summary>Comma-separated positive widths, e.g. <c>300,200</c>.</summary>
    public static int[] Widths(string value) => value.Split(',').Select(w => Int(w)).ToArray();
}
