using EdgeMine.Model;

namespace EdgeMine.Experiments;

/// <summary>
/// A scenario of MODEL.md section 13 where the future matters (docs/sequential.md says why in each): complete parameters
/// that do not depend on the reproduction's preset, and the tasks per miner it is run with. The files of
/// examples/sequential hold the same parameters (<c>SequentialScenarioTests</c> checks that they agree).
/// </summary>
/// <param name="Name">The name in settings, cell keys and file names: <c>paper-literal</c>.</param>
/// <param name="Parameters">The scenario's parameters, whatever the reproduction's preset.</param>
/// <param name="SingleMinerTasks">M at N = 1.</param>
/// <param name="Tasks">M at N above 1.</param>
/// <param name="WhyItMatters">One line for the report: what carries over between slots.</param>
internal sealed record SequentialScenario(string Name, ModelParameters Parameters, int SingleMinerTasks, int Tasks, string WhyItMatters)
{
    /// <summary>
    /// The paper-literal preset unchanged; at N = 1 with M = 12, where the backlog carries (at M = 2 it cannot, and every
    /// reference is the per-slot optimum).
    /// </summary>
    public static SequentialScenario PaperLiteral { get; } = new(
        "paper-literal", Presets.PaperLiteral, 12, 2, "the MEC backlog: X = 18000 cycles/bit makes the MEC slower than the tasks it is offered");

    /// <summary>The calibrated preset with slots of 100 ms: the local and upload caps bind, and D0 carries data, as the paper's Fig. 2 draws it.</summary>
    public static SequentialScenario Buffering { get; } = new(
        "buffering", Presets.Calibrated with { SlotSeconds = 0.1 }, 2, 2, "the buffers D0 (caps bind), and from N = 2 on the MEC backlog");

    /// <summary>The calibrated preset with slots of 100 ms and an MEC of 1 GHz, one task per miner: only the backlog carries.</summary>
    public static SequentialScenario CongestedMec { get; } = new(
        "congested-mec", Presets.Calibrated with { SlotSeconds = 0.1, MecCapacityHz = 1e9 }, 1, 1, "the MEC backlog: the MEC retires one mean task a slot");

    /// <summary>Every scenario, in the order of docs/sequential.md.</summary>
    public static IReadOnlyList<SequentialScenario> All { get; } = [PaperLiteral, Buffering, CongestedMec];

    /// <summary>M at <paramref name="miners"/> miners.</summary>
    public int TasksAt(int miners) => miners == 1 ? SingleMinerTasks : Tasks;

    public override string ToString() => Name;
}
