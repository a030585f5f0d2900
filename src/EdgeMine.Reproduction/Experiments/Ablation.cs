using EdgeMine.Schemes;

namespace EdgeMine.Experiments;

/// <summary>
/// One ablation of the ablations experiment (issue 20 item 3): a learner with one change (<see cref="Changed"/>, run
/// with <see cref="ChangedOptions"/>) against the learner without it (<see cref="Base"/>, no options: the same cells as
/// the other experiments' at that setting), judged on their paired rewards as a claim beyond the paper.
/// </summary>
/// <param name="Id">The claim's stable id: <c>ablations.discount.rlo</c>.</param>
/// <param name="Changed">The learner with the change.</param>
/// <param name="ChangedLabel">The changed arm in words: "RLO at discount 0".</param>
/// <param name="ChangedTag">The options in a file name's words (<c>discount0</c>); empty when the change is a variant of its own.</param>
/// <param name="ChangedOptions">The learner options of the change (empty when it is a variant of its own).</param>
/// <param name="Base">The learner without the change.</param>
/// <param name="BaseLabel">The base arm in words: "RLO at the paper's discount of 0.85".</param>
/// <param name="SingleMiner">True when it runs at the single-miner setting (N = 1, the largest M up to 8), else at Table II's N = 5, M = 2.</param>
/// <param name="StatedChoice">The paper's stated choice the base arm keeps, when it is one (the discount), which groups the ablations that flip it; null for a choice of ours.</param>
internal sealed record Ablation(
    string Id,
    LearnerScheme Changed,
    string ChangedLabel,
    string ChangedTag,
    IReadOnlyDictionary<string, string> ChangedOptions,
    LearnerScheme Base,
    string BaseLabel,
    bool SingleMiner,
    StatedChoice? StatedChoice = null)
{
    /// <summary>The changed arm at <paramref name="setting"/> as an <see cref="OptionArm"/>, or null when the change is a variant of its own.</summary>
    public OptionArm? Arm(Setting setting) => ChangedOptions.Count == 0 ? null : new OptionArm(setting, Changed, ChangedTag, ChangedOptions);

    /// <summary>The changed arm's learner options as <c>train --learner</c> takes them, or empty.</summary>
    public string ChangedOptionsText => OptionArm.Text(ChangedOptions);
}
