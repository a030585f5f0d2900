namespace EdgeMine.Model;

/// <summary>
/// The usage privacy of eq. 8 (MODEL.md section 5, config key <c>usage_privacy_form</c>). The paper's eq. 8 and its text
/// contradict each other: as printed, offloading under a good channel earns privacy; the text says to offload less
/// under a good channel. Both give Pu = 0 when g &lt; eps.
/// </summary>
public enum UsagePrivacyForm
{
    /// <summary><c>eq8</c>: Pu = |D0 - Do| / d_unit * I(g &gt;= eps), eq. 8 as printed.</summary>
    Eq8,

    /// <summary><c>withheld</c>: Pu = |D0 + D1 - Do| / d_unit * I(g &gt;= eps), the data withheld under a good channel (the text's reading, D0 read as D0 + D1).</summary>
    Withheld,
}
