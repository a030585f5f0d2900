using EdgeMine.Model;

namespace EdgeMine.Sequential;

/// <summary>
/// What can carry over between slots in an instance (MODEL.md section 13), decided from the parameters and the shape
/// alone, for every policy: the buffers <c>D0</c> (a local or upload cap can bind) and the MEC backlog <c>Q</c> (a slot
/// can offload more cycles than the MEC retires). Where neither can, actions never change a future state that matters
/// and the per-slot optimum is the optimal policy (a contextual bandit).
/// </summary>
/// <param name="CapsCanBind">
/// Some miner's data can exceed one of its caps (section 5): <c>M d_max</c> above the local capacity <c>dt / t_local</c> or
/// an upload capacity <c>rate(g) dt</c>. Otherwise every binary or fractional action serves all data and <c>D0</c> stays 0.
/// </param>
/// <param name="BacklogCanCarry">
/// One slot can offload more cycles than <c>F dt</c>: <c>X N u &gt; F dt</c> with <c>u</c> the most a miner can upload in a slot
/// (<c>M d_max</c> when no cap binds, else its larger upload capacity). Otherwise <c>Q</c> stays 0 from <c>Q(0) = 0</c>.
/// </param>
public sealed record CarryOver(bool CapsCanBind, bool BacklogCanCarry)
{
    /// <summary>True when nothing carries over: the per-slot optimum is the optimal policy and bounds every policy.</summary>
    public bool Nothing => !CapsCanBind && !BacklogCanCarry;

    /// <summary>What can carry over with <paramref name="miners"/> miners of <paramref name="tasksPerMiner"/> tasks each.</summary>
    public static CarryOver Of(ModelParameters parameters, int miners, int tasksPerMiner)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(miners);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tasksPerMiner);
        var p = parameters;
        double largestDataBits = tasksPerMiner * p.ArrivalMaxBits; // one miner's data in a slot, buffers empty
        double smallestUploadBits = Math.Min(p.UploadRateBps(true), p.UploadRateBps(false)) * p.SlotSeconds;
        double largestUploadBits = Math.Max(p.UploadRateBps(true), p.UploadRateBps(false)) * p.SlotSeconds;
        bool caps = largestDataBits > Math.Min(p.LocalCapacityBitsPerSlot, smallestUploadBits);
        double uploadBits = caps ? largestUploadBits : largestDataBits;
        bool backlog = p.MecCyclesPerBit * miners * uploadBits > p.MecCyclesPerSlot;
        return new CarryOver(caps, backlog);
    }

    /// <summary>"buffers and the MEC backlog", "the MEC backlog", "the buffers" or "nothing": what carries over, in words.</summary>
    public string Describe() => (CapsCanBind, BacklogCanCarry) switch
    {
        (true, true) => "buffers and the MEC backlog",
        (false, true) => "the MEC backlog",
        (true, false) => "the buffers",
        _ => "nothing",
    };
}
