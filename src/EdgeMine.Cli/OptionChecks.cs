namespace EdgeMine.Cli;

/// <summary>Checks of options that are not run settings (jobs, checkpoint interval, bench sizes).</summary>
internal static class OptionChecks
{
    /// <summary>Throws a usage error unless <paramref name="value"/> is positive.</summary>
    public static T RequirePositive<T>(T value, string option, string meaning)
        where T : System.Numerics.INumber<T> =>
        value > T.Zero
            ? value
            : throw new UsageException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{option} {value}: allowed: a positive integer ({meaning})"));
}
