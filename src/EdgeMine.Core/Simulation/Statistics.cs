namespace EdgeMine.Simulation;

/// <summary>Small statistics helpers.</summary>
public static class Statistics
{
    // Two-sided 95% quantiles t_{0.975, df} for df = 1..30 (standard tables).
    private static readonly double[] TQuantiles =
    [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
        2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ];

    /// <summary>
    /// t_{0.975, df}: exact table values up to 30 degrees of freedom; beyond, the expansion
    /// z + (z^3 + z) / (4 df) + (5 z^5 + 16 z^3 + 3 z) / (96 df^2), within 1e-3 of the exact value there.
    /// </summary>
    public static double StudentT975(int degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(degreesOfFreedom);
        if (degreesOfFreedom <= TQuantiles.Length)
        {
            return TQuantiles[degreesOfFreedom - 1];
        }

        const double z = 1.959963984540054;
        double df = degreesOfFreedom;
        double z3 = z * z * z, z5 = z3 * z * z;
        return z + ((z3 + z) / (4 * df)) + (((5 * z5) + (16 * z3) + (3 * z)) / (96 * df * df));
    }
}
