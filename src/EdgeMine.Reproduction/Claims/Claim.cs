using System.Globalization;
using EdgeMine.Schemes;

namespace EdgeMine.Experiments;

/// <summary>One claim of the paper (or of ours), judged on our numbers, with its measured quantity beside the paper's.</summary>
/// <param name="Experiment">The experiment's name.</param>
/// <param name="Statement">The claim, as the paper makes it.</param>
/// <param name="Outcome">Its outcome: every part at 95%, uncorrected (MODEL.md section 11).</param>
/// <param name="Detail">Every part with its numbers.</param>
internal sealed record Claim(string Experiment, string Statement, ClaimOutcome Outcome, string Detail)
{
    /// <summary>A stable id (<c>table2.cost.n5</c>): claims.csv's key, the calibration's column, the evidence's handle.</summary>
    public string Id { get; init; } = "";

    /// <summary>The parts behind the outcome.</summary>
    public IReadOnlyList<ClaimPart> Parts { get; init; } = [];

    /// <summary>True when some parts could not be judged (some schemes did not apply); the detail says which.</summary>
    public bool Partial { get; init; }

    /// <summary>False for a claim of EdgeMine's own beyond the paper (the scaling experiment's), judged the same way.</summary>
    public bool FromPaper { get; init; } = true;

    /// <summary>Our value of the quantity that decides the claim (its interval over the units named), or null.</summary>
    public Interval? Ours { get; init; }

    /// <summary>What <see cref="Ours"/> measures, in words, with its kind and unit.</summary>
    public string Measure { get; init; } = "";

    /// <summary>The paper's value of the same quantity, as text, or empty.</summary>
    public string Paper { get; init; } = "";

    /// <summary>The outcome with Holm-Bonferroni over the claim's parts (family-wise 5%).</summary>
    public ClaimOutcome OutcomeHolm { get; init; } = ClaimOutcome.NotEvaluated;

    /// <summary>
    /// The outcome with Holm-Bonferroni over every part of every claim of the paper at once (one family, 5%), for a claim
    /// of the paper not counted apart; null otherwise (<see cref="ClaimSet.AcrossThePaper"/>).
    /// </summary>
    public ClaimOutcome? OutcomeAcrossPaper { get; init; }

    /// <summary>The second verdict, on the paper's number.</summary>
    public Magnitude Magnitude { get; init; } = Magnitude.NotApplicable;

    /// <summary>The claim's tolerance for equivalence and where it comes from, in words.</summary>
    public string Tolerance { get; init; } = "";

    /// <summary>The verdicts on the first 1, 3 and 5 training seeds of the same run (those the run has), in seed order.</summary>
    public IReadOnlyList<(int Seeds, ClaimOutcome Outcome)> SeedOutcomes { get; init; } = [];

    /// <summary>True when the verdict changes between <see cref="SeedOutcomes"/>.</summary>
    public bool Fragile => SeedOutcomes.Select(s => s.Outcome).Distinct().Count() > 1;

    /// <summary>The id of an earlier claim that makes the same comparisons, or empty.</summary>
    public string DuplicateOf { get; init; } = "";

    /// <summary>Why the claim does not hold, or that it holds by construction; null when neither (or not found).</summary>
    public ClaimCause? Cause { get; init; }

    /// <summary>Why no cause could be found for a claim that does not hold (no calibration to tell preset from model), or empty.</summary>
    public string CauseUndetermined { get; init; } = "";

    /// <summary>The schemes the claim compares, each once, in order of appearance.</summary>
    public IReadOnlyList<Scheme> Schemes => Parts.SelectMany(p => p.Schemes).Distinct().ToArray();

    /// <summary>True when any scheme compared uses the reward model (<see cref="ReproductionSchemes.IsModelAssisted"/>).</summary>
    public bool ModelAssisted => Schemes.Any(ReproductionSchemes.IsModelAssisted);

    /// <summary>True when the claim is counted apart: a duplicate, or true by construction.</summary>
    public bool CountedApart => DuplicateOf.Length > 0 || Cause?.Class == CauseClass.ByConstruction;

    /// <summary>The outcome as the report prints it.</summary>
    public string OutcomeText => Text(Outcome) + (Partial && Outcome != ClaimOutcome.NotEvaluated ? " (partial)" : "");

    /// <summary>The cause in one line: <c>preset: holds at 185 of 680 calibration points, e.g. paper-fit</c>.</summary>
    public string CauseText => Cause?.ToString() ?? (CauseUndetermined.Length > 0 ? "undetermined: " + CauseUndetermined : "");

    /// <summary>
    /// For an inconclusive claim: how many units would decide its undecided parts at the observed effect (the most any
    /// part needs), e.g. "about 12 training seeds would decide it at the observed effect"; empty otherwise.
    /// </summary>
    public string Deciding
    {
        get
        {
            if (Outcome != ClaimOutcome.Inconclusive)
            {
                return "";
            }

            var undecided = Parts.Where(p => p.Outcome == ClaimOutcome.Inconclusive).ToArray();
            if (undecided.Any(p => p.UnitsToDecide is null))
            {
                return "no number of units decides it at the observed effect (an effect of 0, or a single unit without an interval)";
            }

            var most = undecided.MaxBy(p => p.UnitsToDecide)!;
            return string.Create(CultureInfo.InvariantCulture, $"about {most.UnitsToDecide} {most.Value!.Units} would decide it at the observed effect (it has {most.Value.N})");
        }
    }

    /// <summary>The verdicts on seed subsets in one line: <c>1: holds; 3: holds; 5: inconclusive</c>.</summary>
    public string SeedOutcomesText => string.Join("; ", SeedOutcomes.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Seeds}: {Text(s.Outcome)}")));

    /// <summary>How the report and claims.csv name an outcome.</summary>
    public static string Text(ClaimOutcome outcome) => outcome switch
    {
        ClaimOutcome.Holds => "holds",
        ClaimOutcome.DoesNotHold => "does not hold",
        ClaimOutcome.ExactTie => "exact tie",
        ClaimOutcome.Equivalent => "equivalent",
        ClaimOutcome.Inconclusive => "inconclusive",
        _ => "not evaluated",
    };

    /// <summary>How claims.csv names a magnitude verdict.</summary>
    public static string Text(Magnitude magnitude) => magnitude switch
    {
        Magnitude.Consistent => "consistent",
        Magnitude.Differs => "differs",
        _ => "n/a",
    };
}
