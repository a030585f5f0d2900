namespace EdgeMine.Model;

/// <summary>What values a parameter allows.</summary>
public enum ParameterDomain
{
    /// <summary>Finite and &gt; 0 (rates, capacities, sizes, units).</summary>
    Positive,

    /// <summary>Finite and &gt;= 0.</summary>
    NonNegative,

    /// <summary>In [0, 1].</summary>
    Probability,

    /// <summary>One of the key's names (<see cref="ParameterKey.Choices"/>), written as a string in JSON.</summary>
    Choice,
}
