namespace EdgeMine.Tuning;

/// <summary>
/// The selection rule of <c>edgemine tune</c>: the configuration with the highest mean reward over the tuning seeds;
/// a configuration whose mean equals the best exactly loses to the defaults, then to a lower index (so a tie keeps the
/// incumbent). A configuration that could not run is never chosen; with none run, the defaults stand.
/// </summary>
public static class TuningSelection
{
    /// <summary>One line for reports.</summary>
    public const string Rule = "the configuration with the highest mean reward per slot over the tuning seeds; an exact tie goes to the defaults, then to the lower index";

    /// <summary>The chosen row of one learner's <paramref name="rows"/> (index 0 the defaults).</summary>
    public static TuningRow Choose(IReadOnlyList<TuningRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            throw new ArgumentException("no configurations", nameof(rows));
        }

        var ran = rows.Where(r => double.IsFinite(r.Reward.Mean)).ToArray();
        return ran.Length == 0
            ? rows.First(r => r.Configuration.IsDefault)
            : ran.OrderByDescending(r => r.Reward.Mean).ThenByDescending(r => r.Configuration.IsDefault).ThenBy(r => r.Configuration.Index).First();
    }
}
