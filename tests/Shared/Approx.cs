using System.Globalization;
using Xunit.Sdk;

namespace EdgeMine.Tests;

/// <summary>Floating-point comparisons with a relative tolerance and an absolute floor for values near 0.</summary>
internal static class Approx
{
    public static bool Close(double expected, double actual, double relative, double absolute) =>
        Math.Abs(expected - actual) <= Math.Max(absolute, relative * Math.Max(Math.Abs(expected), Math.Abs(actual)));

    /// <summary>Fails unless <paramref name="actual"/> is within 1e-12 relative (floor 1e-15) of a hand-computed value.</summary>
    public static void Equal(double expected, double actual, string what = "value", double relative = 1e-12, double absolute = 1e-15)
    {
        if (!Close(expected, actual, relative, absolute))
        {
            throw new XunitException(string.Create(
                CultureInfo.InvariantCulture,
                $"{what}: expected {expected:R}, got {actual:R} (difference {actual - expected:R})"));
        }
    }
}
