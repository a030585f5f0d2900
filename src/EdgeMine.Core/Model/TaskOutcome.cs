using System.Runtime.InteropServices;

namespace EdgeMine.Model;

/// <summary>
/// What happened to one task <c>(n, m)</c> in one slot (MODEL.md section 5): the start-of-slot state it saw, the action,
/// the bits served after the caps, and every latency, energy, privacy and cost term. One row of the trace (section 10).
/// </summary>
[StructLayout(LayoutKind.Auto)]
public struct TaskOutcome
{
    /// <summary>Channel state g_n of the task's miner (true = good, 1).</summary>
    public bool ChannelGood;

    /// <summary>D0_nm at the start of the slot: buffered bits.</summary>
    public double BufferedBits;

    /// <summary>D1_nm: new bits that arrived for this slot.</summary>
    public double ArrivedBits;

    /// <summary>x_nm, the requested offloading fraction.</summary>
    public double OffloadFraction;

    /// <summary>Do after the upload cap: bits actually sent to the MEC.</summary>
    public double ServedOffloadBits;

    /// <summary>Dl after the local cap: bits actually executed locally.</summary>
    public double ServedLocalBits;

    /// <summary>D0_nm(t+1): bits not served, buffered for the next slot.</summary>
    public double NextBufferedBits;

    /// <summary>Lu [eq. 2].</summary>
    public double UploadSeconds;

    /// <summary>Lp [eq. 4].</summary>
    public double ProcessingSeconds;

    /// <summary>Lq [eq. 3].</summary>
    public double QueuingSeconds;

    /// <summary>Lo = Lu + Lp + Lq [eq. 1].</summary>
    public double OffloadLatencySeconds;

    /// <summary>Ll [eq. 6].</summary>
    public double LocalLatencySeconds;

    /// <summary>L = max(Lo, Ll) [eq. 11].</summary>
    public double LatencySeconds;

    /// <summary>Eo [eq. 5].</summary>
    public double OffloadEnergyJoules;

    /// <summary>El [eq. 7].</summary>
    public double LocalEnergyJoules;

    /// <summary>E = Eo + El [eq. 12].</summary>
    public double EnergyJoules;

    /// <summary>Pu [eq. 8].</summary>
    public double UsagePrivacy;

    /// <summary>Pl [eq. 9].</summary>
    public double LocationPrivacy;

    /// <summary>P = Pu + lambda Pl [eq. 10].</summary>
    public double Privacy;

    /// <summary>C = beta E / e_unit + (1 - beta) L / l_unit [eqs. 12, 14].</summary>
    public double Cost;

    /// <summary>L &gt; tau [eq. 13b].</summary>
    public bool DeadlineMissed;
}
