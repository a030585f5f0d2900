namespace EdgeMine.Experiments;

/// <summary>One claim of the paper, judged on our numbers, with its measured quantity beside the paper's.</summary>
/// <param name="Experiment">The experiment's name.</param>
/// <param name="Statement">The claim, as the paper makes it.</param>
/// <param name="Outcome">Its outcome.</param>
/// <param name="Detail">Every part with its numbers.</param>
internal sealed record Claim(string Experiment, string Statement, ClaimOutcome Outcome, string Detail)
{
    /// <summary>True when some parts could not be judged (some schemes did not apply); the detail says which.</summary>
    public bool Partial { get; init; }

    /// <summary>False for a claim of EdgeMine's own beyond the paper (the scaling experiment's), judged the same way.</summary>
    public bool FromPaper { get; init; } = true;

    /// <summary>Our value of the quantity that decides the claim (its interval over the units named), or null.</summary>
    public Interval? Ours { get; init; }

    /// <summary>What <see cref="Ours"/> measures, in words.</summary>
    public string Measure { get; init; } = "";

    /// <summary>The paper's value of the same quantity, as text, or empty.</summary>
    public string Paper { get; init; } = "";

    /// <summary>Why it does not hold (one per class involved), or that it is true by construction.</summary>
    public IReadOnlyList<ClaimCause> Causes { get; init; } = [];

    /// <summary>The outcome as the report prints it.</summary>
    public string OutcomeText => Text(Outcome) + (Partial && Outcome != ClaimOutcome.NotEvaluated ? " (partial)" : "");

    /// <summary>The causes in one line: <c>preset: ...; model: ...</c>.</summary>
    /// <remarks>Several parts with the same class of cause read as the first one's reason and how many more there are.</remarks>
    public string CauseText => string.Join("; ", Causes.GroupBy(c => c.Class).Select(g => g.Count() == 1
        ? g.First().ToString()
        : FormattableString.Invariant($"{g.First()} (and {g.Count() - 1} more comparison{(g.Count() == 2 ? "" : "s")} of this kind)")));

    /// <summary>How the report names an outcome.</summary>
    public static string Text(ClaimOutcome outcome) => outcome switch
    {
        ClaimOutcome.Holds => "holds",
        ClaimOutcome.Indistinguishable => "indistinguishable",
        ClaimOutcome.DoesNotHold => "does not hold",
        _ => "not evaluated",
    };
}
