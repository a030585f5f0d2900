using static EdgeMine.Reporting.ReportFormat;

namespace EdgeMine.Experiments;

/// <summary>Whether a claim of the paper holds in our numbers.</summary>
internal enum ClaimOutcome
{
    /// <summary>The claim holds in our numbers.</summary>
    Holds,

    /// <summary>The claim does not hold in our numbers.</summary>
    DoesNotHold,

    /// <summary>The data the claim needs is missing (not-applicable cells, experiment not run, sizes too small).</summary>
    NotEvaluated,

    /// <summary>Not a claim of the paper but a measurement reported beside them (e.g. a learner's gap to the optimum).</summary>
    Measured,
}

/// <summary>One claim of the paper (or a measurement), checked against our numbers, with by how much in <see cref="Detail"/>.</summary>
internal sealed record Claim(string Experiment, string Statement, ClaimOutcome Outcome, string Detail)
{
    /// <summary>False for measurements reported beside the paper's claims (a learner's gap to the optimum).</summary>
    public bool FromPaper { get; init; } = true;

    /// <summary>True when only part of the claim could be checked (some of its schemes did not apply); the detail says which.</summary>
    public bool Partial { get; init; }

    /// <summary>The outcome as the report prints it.</summary>
    public string OutcomeText => Outcome switch
    {
        ClaimOutcome.Holds => Partial ? "holds (partial)" : "holds",
        ClaimOutcome.DoesNotHold => Partial ? "does not hold (partial)" : "does not hold",
        ClaimOutcome.NotEvaluated => "not evaluated",
        _ => "measured",
    };
}

/// <summary>One point of a Fig. 4 learning curve.</summary>
internal sealed record CurvePoint(Scheme Scheme, double Beta, long Slot, double Reward, double MovingAverage);

/// <summary>
/// What the claims of one experiment are checked on, with the helpers they share: a scheme's value at a setting, why
/// it is missing, the verdicts. Missing data (cells that did not apply, experiments not run) gives "not evaluated",
/// never an exception.
/// </summary>
internal sealed class ClaimContext(ExperimentResults results)
{
    public ExperimentResults Results { get; } = results;

    public IReadOnlyList<Setting> Settings => Results.Settings;

    private string Name => Results.Experiment.Name;

    /// <summary>The shown mean of <paramref name="metric"/> for <paramref name="scheme"/> at <paramref name="setting"/>, or null.</summary>
    public double? Value(Setting setting, Scheme scheme, Metric metric) => Results.Row(setting, scheme)?.Shown(metric)?.Mean;

    /// <summary>How the report names a scheme.</summary>
    public static string LabelOf(Scheme scheme) => scheme.Label;

    /// <summary>Why a scheme has no value at a setting: its cell's reason, or "not run".</summary>
    public string Missing(Setting setting, Scheme scheme)
    {
        var row = Results.Row(setting, scheme);
        string why = row is null ? "not run" : row.Result.Reason ?? (row.Result.IsOk ? "ok" : "not-applicable");
        return $"{scheme.Label} n/a at {setting.Describe()} ({why})";
    }

    public Claim NotEvaluated(string statement, string why) => new(Name, statement, ClaimOutcome.NotEvaluated, why);

    public Claim Verdict(string statement, bool holds, string detail) =>
        new(Name, statement, holds ? ClaimOutcome.Holds : ClaimOutcome.DoesNotHold, detail);

    /// <summary>The single-miner setting with the largest M, and how the report names it (vs the paper's M = 12).</summary>
    public (Setting Setting, string Where) LargestM()
    {
        var setting = Settings.MaxBy(s => s.Tasks)!;
        string where = setting.Tasks == Paper.LargestTasks
            ? FormattableString.Invariant($"at M={setting.Tasks}")
            : FormattableString.Invariant($"at M={setting.Tasks} (the largest M run here; the paper's is M={Paper.LargestTasks})");
        return (setting, where);
    }

    /// <summary>
    /// Whether <paramref name="own"/> beats each other scheme's <paramref name="metric"/> at <paramref name="setting"/>
    /// (below it when lower is better, above it otherwise), with our margins and the paper's claimed ones; a scheme with
    /// no result is listed as missing and makes the verdict partial.
    /// </summary>
    public Claim AgainstOthers(
        Setting setting, string statement, string where, double own, Metric metric, IReadOnlyList<(Scheme Scheme, double Claimed)> others, bool lowerIsBetter)
    {
        var parts = new List<string>();
        bool holds = true, any = false;
        foreach (var (other, claimed) in others)
        {
            if (Value(setting, other, metric) is not { } theirs)
            {
                parts.Add(Missing(setting, other));
                continue;
            }

            any = true;
            holds &= (lowerIsBetter ? PercentBelow(own, theirs) : PercentAbove(own, theirs)) > 0;
            string relation = lowerIsBetter ? BelowOrAbove(own, theirs) : AboveOrBelow(own, theirs);
            parts.Add(FormattableString.Invariant($"{relation} {other.Label} ({Number(own)} vs {Number(theirs)}; paper {claimed}% {(lowerIsBetter ? "below" : "above")})"));
        }

        return any
            ? Verdict(statement, holds, $"{where}: ours {string.Join(", ", parts)}") with { Partial = parts.Any(p => p.Contains(" n/a at ", StringComparison.Ordinal)) }
            : NotEvaluated(statement, string.Join("; ", parts));
    }

    /// <summary>
    /// Whether <paramref name="metric"/> of <paramref name="scheme"/> rises over the settings in order, naming each
    /// setting with <paramref name="name"/>.
    /// </summary>
    public Claim Rises(string statement, Scheme scheme, Metric metric, Func<Setting, string> name)
    {
        var ordered = Settings.ToArray();
        if (ordered.Length < 2)
        {
            return NotEvaluated(statement, "a trend needs at least two settings");
        }

        var values = new List<double>();
        foreach (var setting in ordered)
        {
            if (Value(setting, scheme, metric) is not { } v)
            {
                return NotEvaluated(statement, Missing(setting, scheme));
            }

            values.Add(v);
        }

        int falls = Enumerable.Range(1, values.Count - 1).Count(i => values[i] <= values[i - 1]);
        string series = string.Join(" -> ", ordered.Select((s, i) => $"{Number(values[i])} ({name(s)})"));
        return Verdict(statement, falls == 0, FormattableString.Invariant(
            $"{scheme.Label}: {series}; {Percent(PercentAbove(values[^1], values[0]))} from first to last{(falls == 0 ? "" : $"; {falls} step(s) do not rise")}"));
    }

    /// <summary>A learner's optimality ratio at every setting (1 = the per-slot optimum, 0 = Random), and its reward gap.</summary>
    public Claim GapToOptimum(Scheme scheme)
    {
        string statement = $"{scheme.Label}: gap to the per-slot optimum (optimality ratio; 1 = optimum, 0 = Random)";
        var parts = new List<string>();
        foreach (var setting in Settings)
        {
            var row = Results.Row(setting, scheme);
            if (row is null || !row.Result.IsOk || !double.IsFinite(row.OptimalityRatio))
            {
                continue;
            }

            string gap = row.Shown(Metrics.Reward)?.Mean is { } own && Value(setting, BaselineScheme.Optimal, Metrics.Reward) is { } opt
                ? FormattableString.Invariant($", reward {Number(own)} vs optimum {Number(opt)}")
                : "";
            parts.Add(FormattableString.Invariant($"{setting.Describe()}: {Number(row.OptimalityRatio)}{gap}"));
        }

        if (parts.Count == 0)
        {
            return NotEvaluated(statement, Missing(Settings[0], scheme)) with { FromPaper = false };
        }

        return new Claim(Name, statement, ClaimOutcome.Measured, string.Join("; ", parts)) { FromPaper = false };
    }
}
