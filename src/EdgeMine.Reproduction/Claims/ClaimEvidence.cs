namespace EdgeMine.Experiments;

/// <summary>
/// What the causes of a run's claims are found from, beside the run's own numbers (MODEL.md section 11): a calibration's
/// feasible set (<see cref="CalibrationEvidence"/>), the paper's own choices and contradictions
/// (<see cref="PaperEvidence"/>; an ablation adds its findings here), and the proofs of claims true or false by
/// construction under every preset.
/// </summary>
internal sealed record ClaimEvidence
{
    public CalibrationEvidence? Calibration { get; init; }

    public IReadOnlyList<PaperEvidence> Paper { get; init; } = PaperContradictions;

    /// <summary>The paper's claims judged again with an ablation's arms in the learners' place (their evidence is in <see cref="Paper"/>).</summary>
    public IReadOnlyList<ChoiceReexamination> Reexamined { get; init; } = [];

    /// <summary>Proofs by claim id: the claim is true or false under every preset by the equations.</summary>
    public IReadOnlyDictionary<string, string> Proofs { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// The paper's contradictions (MODEL.md section 9) and the claims that rest on them: used as a cause only where no
    /// point of the calibration satisfies the claim.
    /// </summary>
    public static IReadOnlyList<PaperEvidence> PaperContradictions { get; } =
    [
        new("fig5.no-costs-most", "Fig. 5's NO cost of 36 at M = 12 needs buffering that cannot arise under the paper's stated constants for M <= 14 (MODEL.md sections 9 and 13)", StatedChoice: false),
        .. new[] { "power", "latency" }.SelectMany(metric => new[] { 5, 10 }.Select(n => new PaperEvidence(
            FormattableString.Invariant($"table3.{metric}.n{n}"),
            "NO and EO are fixed policies, yet the paper's Tables II and III give them different power and latency though only beta differs (MODEL.md section 9)",
            StatedChoice: false))),
        .. new[] { "fig7.privacy-rises", "fig7.margins.d10", "fig7.margins.d100" }.Select(id => new PaperEvidence(
            id, "the paper's eq. 8 contradicts its own text on the usage-pattern privacy (MODEL.md section 5)", StatedChoice: false)),
    ];

    // After PaperContradictions: static properties initialise in the order they are written.
    /// <summary>No calibration, the paper's contradictions of MODEL.md section 9, no proofs.</summary>
    public static ClaimEvidence Default { get; } = new();
}
