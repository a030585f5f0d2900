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

    /// <summary>"12.1% below" or "3.2% above": where <paramref name="value"/> lies relative to <paramref name="reference"/>.</summary>
    public static string BelowOrAbove(double value, double reference)
    {
        double below = PercentBelow(value, reference);
        return below >= 0 ? Percent(below) + " below" : Percent(-below) + " above";
    }

    /// <summary>"5.2% above" or "1.0% below": where <paramref name="value"/> lies relative to <paramref name="reference"/>.</summary>
    public static string AboveOrBelow(double value, double reference)
    {
        double above = PercentAbove(value, reference);
        return above >= 0 ? Percent(above) + " above" : Percent(-above) + " below";
    }

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
