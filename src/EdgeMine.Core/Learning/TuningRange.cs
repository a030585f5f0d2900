using System.Globalization;

namespace EdgeMine.Learning;

/// <summary>
/// The range <c>edgemine tune</c> searches for one learner option that is a choice of ours: a linear or log interval
/// (of whole numbers when <see cref="Whole"/>), or a few choices, each a value in the key's <c>--learner key=value</c>
/// vocabulary.
/// </summary>
public sealed record TuningRange
{
    private TuningRange(TuningScale scale, double low, double high, bool whole, IReadOnlyList<string> choices)
    {
        Scale = scale;
        Low = low;
        High = high;
        Whole = whole;
        Choices = choices;
    }

    public TuningScale Scale { get; }

    /// <summary>The lower end (an interval's).</summary>
    public double Low { get; }

    /// <summary>The upper end (an interval's).</summary>
    public double High { get; }

    /// <summary>An interval of whole numbers: the value is rounded to the nearest.</summary>
    public bool Whole { get; }

    /// <summary>The values of a choice, in the key's vocabulary.</summary>
    public IReadOnlyList<string> Choices { get; }

    /// <summary>Numbers from <paramref name="low"/> to <paramref name="high"/>, uniform.</summary>
    public static TuningRange Linear(double low, double high, bool whole = false) => Interval(TuningScale.Linear, low, high, whole);

    /// <summary>Numbers from <paramref name="low"/> to <paramref name="high"/> (both positive), uniform in their logarithm.</summary>
    public static TuningRange Log(double low, double high, bool whole = false) =>
        low > 0 ? Interval(TuningScale.Log, low, high, whole) : throw new ArgumentOutOfRangeException(nameof(low), low, "a log range needs a positive lower end");

    /// <summary>One of <paramref name="choices"/> (at least two).</summary>
    public static TuningRange Choice(params string[] choices) =>
        choices is { Length: >= 2 } ? new(TuningScale.Choice, double.NaN, double.NaN, false, choices) : throw new ArgumentException("a choice needs at least two values", nameof(choices));

    /// <summary>
    /// The value at coordinate <paramref name="u"/> in [0, 1), as the key's text: a choice's share that u falls in; an
    /// interval's point, rounded to a whole number, or to 3 significant digits so that the value reads as written.
    /// </summary>
    public string ValueAt(double u)
    {
        if (!(u >= 0 && u < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(u), u, "allowed: [0, 1)");
        }

        if (Scale == TuningScale.Choice)
        {
            return Choices[Math.Min(Choices.Count - 1, (int)(u * Choices.Count))];
        }

        double value = Scale == TuningScale.Log ? Math.Exp(Math.Log(Low) + (u * (Math.Log(High) - Math.Log(Low)))) : Low + (u * (High - Low));
        return Whole
            ? Math.Round(value, MidpointRounding.AwayFromZero).ToString("F0", CultureInfo.InvariantCulture)
            : double.Parse(value.ToString("G3", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>True when <paramref name="value"/> (a key's text) lies in the range: one of the choices, or a number within the interval.</summary>
    public bool Contains(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (Scale == TuningScale.Choice)
        {
            return Choices.Contains(value);
        }

        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v >= Low && v <= High;
    }

    /// <summary>How documents show the range: <c>log [0.0001, 0.003]</c>, <c>log integers [50, 2000]</c>, <c>one of 3, 5, 8</c>.</summary>
    public override string ToString() => Scale == TuningScale.Choice
        ? $"one of {string.Join(", ", Choices.Select(c => c.Contains(',', StringComparison.Ordinal) ? $"({c})" : c))}"
        : string.Create(CultureInfo.InvariantCulture, $"{(Scale == TuningScale.Log ? "log" : "linear")}{(Whole ? " integers" : "")} [{Low:G4}, {High:G4}]");

    private static TuningRange Interval(TuningScale scale, double low, double high, bool whole) =>
        double.IsFinite(low) && double.IsFinite(high) && low < high
            ? new(scale, low, high, whole, [])
            : throw new ArgumentOutOfRangeException(nameof(high), high, "allowed: finite low < high");
}
