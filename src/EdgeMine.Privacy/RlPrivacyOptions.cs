using EdgeMine.Learning.Tabular;

namespace EdgeMine.Privacy;

/// <summary>
/// The RL-privacy baseline's settings (MODEL.md section 7, after Min et al. [29]). Each of its three accelerations can
/// be switched off, so that what each contributes can be measured; <see cref="ForVariant"/> names the combinations.
/// Learning rate and discount are RLO's, so that the comparison with RLO isolates the three techniques.
/// </summary>
public sealed record RlPrivacyOptions
{
    /// <summary>Variant names accepted by <c>train --algo rl-privacy --variant</c>, the default first.</summary>
    public static IReadOnlyList<string> VariantNames { get; } = ["default", "no-dyna", "no-pds", "no-hotboot", "plain"];

    /// <summary>Q-learning step size (as RLO).</summary>
    public double LearningRate { get; init; } = QLearningOptions.DefaultLearningRate;

    /// <summary>Discount factor (as RLO).</summary>
    public double Discount { get; init; } = QLearningOptions.DefaultDiscount;

    /// <summary>Equal-width D1 bins over [d_min, d_max] (as RLO).</summary>
    public int ArrivalBins { get; init; } = QLearningOptions.DefaultArrivalBins;

    /// <summary>The offloading rates a task may choose ([29]: 0, 0.25, 0.5, 0.75, 1); with M tasks the joint actions are all rate vectors.</summary>
    public IReadOnlyList<double> Rates { get; init; } = [0, 0.25, 0.5, 0.75, 1];

    /// <summary>Dyna: after each real step, replay <see cref="PlanningSteps"/> transitions from the learned model.</summary>
    public bool UseDyna { get; init; } = true;

    /// <summary>Simulated updates per real step ([29]: 5).</summary>
    public int PlanningSteps { get; init; } = 5;

    /// <summary>Post-decision states: bootstrap from the value of (next buffer, current channel), averaged over the known channel chain.</summary>
    public bool UsePostDecisionStates { get; init; } = true;

    /// <summary>Hot-booting: pre-train the Q-table on <see cref="HotBootSlots"/> slots of similar scenarios before training.</summary>
    public bool UseHotBoot { get; init; } = true;

    /// <summary>Slots of hot-boot pre-training in total, shared equally among <see cref="HotBootArrivalScales"/> ([29]-style: 1,000).</summary>
    public int HotBootSlots { get; init; } = 1000;

    /// <summary>
    /// The hot-boot scenarios: the target's arrival bounds [d_min, d_max] multiplied by each factor (0.5 and 1.5: one
    /// lighter and one heavier load, bracketing the target, as [29] boots from experience in similar scenarios).
    /// </summary>
    public IReadOnlyList<double> HotBootArrivalScales { get; init; } = [0.5, 1.5];

    /// <summary>The options of variant <paramref name="variant"/>, or null when there is no such variant.</summary>
    public static RlPrivacyOptions? ForVariant(string variant) => variant switch
    {
        "default" => new RlPrivacyOptions(),
        "no-dyna" => new RlPrivacyOptions { UseDyna = false },
        "no-pds" => new RlPrivacyOptions { UsePostDecisionStates = false },
        "no-hotboot" => new RlPrivacyOptions { UseHotBoot = false },
        "plain" => new RlPrivacyOptions { UseDyna = false, UsePostDecisionStates = false, UseHotBoot = false },
        _ => null,
    };
}
