namespace EdgeMine.Experiments;

/// <summary>The second verdict of a claim whose paper gives a number (MODEL.md section 11): is the paper's value inside our interval?</summary>
internal enum Magnitude
{
    /// <summary>The paper gives no number for the claim, or no part with one was evaluated.</summary>
    NotApplicable,

    /// <summary>Every paper value of the claim lies inside our 95% interval of the same quantity.</summary>
    Consistent,

    /// <summary>Some paper value of the claim lies outside our 95% interval of the same quantity.</summary>
    Differs,
}
