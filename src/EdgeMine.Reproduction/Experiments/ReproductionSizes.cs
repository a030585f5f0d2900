using System.Text.Json.Nodes;
using EdgeMine.Settings;

namespace EdgeMine.Experiments;

/// <summary>Sizes of a reproduction: the paper's (default) or the quick ones for tests and a first look.</summary>
/// <param name="TrainingSlots">Training slots per learner (paper: 10,000).</param>
/// <param name="TrainingSeeds">Independent training seeds per learner and setting (MODEL.md section 11; the paper trains once).</param>
/// <param name="EvaluationRuns">Evaluation runs per scheme and setting (paper: 50).</param>
/// <param name="EvaluationSlots">Slots per evaluation run (not given by the paper).</param>
/// <param name="SingleMinerTasks">M values of Figs. 5-6 (paper: 2..12).</param>
/// <param name="MultiMiners">N values of Tables II-III (paper: 5 and 10).</param>
/// <param name="ArrivalKbits">Arrival sizes d of Fig. 7 (kbit; paper: 10..100).</param>
/// <param name="ScalingMiners">N values of the scaling experiment (beyond the paper; issue 13: 1 to 1,000).</param>
public sealed record ReproductionSizes(
    long TrainingSlots,
    int TrainingSeeds,
    int EvaluationRuns,
    long EvaluationSlots,
    IReadOnlyList<int> SingleMinerTasks,
    IReadOnlyList<int> MultiMiners,
    IReadOnlyList<double> ArrivalKbits,
    IReadOnlyList<int> ScalingMiners)
{
    /// <summary>N values of the sequential experiment (beyond the paper; issue 22: 1, 5 and 10), in each of its scenarios.</summary>
    public IReadOnlyList<int> SequentialMiners { get; init; } = [1, 5, 10];

    public static ReproductionSizes Paper { get; } = new(
        TrainingSlots: Experiments.Paper.TrainingSlots,
        TrainingSeeds: 5,
        EvaluationRuns: Experiments.Paper.EvaluationRuns,
        EvaluationSlots: RunSettings.EvaluationSlots.Default,
        SingleMinerTasks: [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
        MultiMiners: [.. Experiments.Paper.TableMiners],
        ArrivalKbits: [10, 20, 30, 40, 50, 60, 70, 80, 90, 100],
        ScalingMiners: [1, 10, 100, 1000]);

    public static ReproductionSizes Quick { get; } = new(
        TrainingSlots: 1_500, // past DRLO's 1,000 warm-up transitions, so that the quick run's learners do learn a little
        TrainingSeeds: 2,
        EvaluationRuns: 4,
        EvaluationSlots: 100,
        SingleMinerTasks: [2, 4],
        MultiMiners: [2, 3],
        ArrivalKbits: [10, 50, 100],
        ScalingMiners: [1, 4, 20])
    {
        SequentialMiners = [1, 3], // N = 3, not 5: the lookahead scores all 2^(N M) actions where caps bind, 64 here against 1,024
    };

    /// <summary>
    /// Adds the grid of settings (M of Figs. 5-6, N of Tables II-III, d of Fig. 7) to a manifest, under the keys that
    /// reproduction and calibration manifests share.
    /// </summary>
    internal void AddSettingsTo(JsonObject manifest)
    {
        manifest["single_miner_tasks"] = new JsonArray([.. SingleMinerTasks.Select(m => (JsonNode?)m)]);
        manifest["multi_miners"] = new JsonArray([.. MultiMiners.Select(n => (JsonNode?)n)]);
        manifest["arrival_kbits"] = new JsonArray([.. ArrivalKbits.Select(d => (JsonNode?)d)]);
    }
}
