using System.Globalization;
using EdgeMine.Simulation;

namespace EdgeMine.Reporting;

/// <summary>How the report prints numbers and settings: invariant culture, a few significant digits.</summary>
internal static class ReportFormat
{
    /// <summary>A number with about three significant digits (more for large values), or "n/a" when not finite.</summary>
    public static string Number(double value)
    {
        if (!double.IsFinite(value))
        {
            return "n/a";
        }

        value += 0.0; // -0 prints as 0
        double a = Math.Abs(value);
        string format = a switch
        {
            0 => "0",
            >= 100 => "F1",
            >= 10 => "F2",
            >= 1 => "F3",
            _ => "G3",
        };
        return value.ToString(format, CultureInfo.InvariantCulture);
    }

    /// <summary>A number of the paper, as the paper prints it (at most two decimals, no padding): <c>32.6</c>, <c>15</c>.</summary>
    public static string PaperNumber(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>
    /// The one rule for a relative difference, everywhere in the report: the difference in percent of the reference's
    /// magnitude, its direction as a word and its size never negative ("12.5% above", "44.7% below"); beyond 100%, as a
    /// multiple of that magnitude ("6.94x |RLO| below": the value lies 6.94 times |RLO| below RLO), since "694.0% below"
    /// reads badly. <paramref name="percentAbove"/> is signed, positive above; <paramref name="reference"/> names the
    /// reference. An interval's bounds are written in the same unit (<see cref="RelativeUnit"/>).
    /// </summary>
    public static string Relative(double percentAbove, string reference)
    {
        if (!double.IsFinite(percentAbove))
        {
            return "n/a";
        }

        var (scale, unit) = RelativeUnit(percentAbove);
        double size = Math.Abs(percentAbove) * scale;
        string word = percentAbove >= 0 ? "above" : "below";
        return unit == "%"
            ? $"{size.ToString("F1", CultureInfo.InvariantCulture)}% {word}"
            : $"{size.ToString("F2", CultureInfo.InvariantCulture)}x |{reference}| {word}";
    }

    /// <summary>The unit <see cref="Relative"/> writes a difference of <paramref name="percentAbove"/> in: percent up to 100, beyond it multiples (scale 0.01, "x").</summary>
    public static (double Scale, string Unit) RelativeUnit(double percentAbove) => Math.Abs(percentAbove) <= 100 ? (1, "%") : (0.01, "x");

    /// <summary>Where <paramref name="value"/> lies relative to <paramref name="reference"/>, called <paramref name="name"/>, by the rule of <see cref="Relative"/>.</summary>
    public static string AboveOrBelow(double value, double reference, string name) => Relative(PercentAbove(value, reference), name);

    /// <summary>A percentage with one decimal: <c>12.5%</c>.</summary>
    public static string Percent(double value) =>
        double.IsFinite(value) ? value.ToString("F1", CultureInfo.InvariantCulture) + "%" : "n/a";

    /// <summary>Mean with the 95% CI half-width: <c>3.27 ± 0.197</c>.</summary>
    public static string Estimate(MetricEstimate e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return $"{Number(e.Mean)} ± {Number(e.HalfWidth)}";
    }

    /// <summary>A CSV number: round-trippable, or empty when there is none.</summary>
    public static string CsvNumber(double? value) =>
        value is { } v && double.IsFinite(v) ? (v + 0.0).ToString("R", CultureInfo.InvariantCulture) : ""; // + 0.0: -0 prints as 0

    /// <summary>How much <paramref name="value"/> is above <paramref name="reference"/>, in percent of |reference|.</summary>
    public static double PercentAbove(double value, double reference) => (value - reference) / Math.Abs(reference) * 100;

    /// <summary>How much <paramref name="value"/> is below <paramref name="reference"/>, in percent of |reference|.</summary>
    public static double PercentBelow(double value, double reference) => (reference - value) / Math.Abs(reference) * 100;
}
