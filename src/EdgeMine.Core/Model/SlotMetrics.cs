using System.Runtime.InteropServices;

namespace EdgeMine.Model;

/// <summary>System totals of one slot (MODEL.md section 6).</summary>
[StructLayout(LayoutKind.Auto)]
public struct SlotMetrics
{
    /// <summary>Total energy of all tasks (J); with dt = 1 s also the average power (W) of Tables II-III.</summary>
    public double EnergyJoules;

    /// <summary>Sum of the tasks' latencies (s).</summary>
    public double LatencySeconds;

    /// <summary>Sum of the tasks' costs (unit-free).</summary>
    public double Cost;

    /// <summary>Sum of the tasks' privacy levels (unit-free).</summary>
    public double Privacy;

    /// <summary>The slot's reward r = sum (P - C) - deadline_penalty * misses [eq. 18].</summary>
    public double Reward;

    /// <summary>Tasks whose latency exceeded the deadline.</summary>
    public int DeadlineMisses;

    /// <summary>K: tasks that sent bits to the MEC.</summary>
    public int OffloadedTasks;

    /// <summary>Mean requested offloading fraction over the tasks.</summary>
    public double OffloadedFraction;

    /// <summary>MEC backlog Q at the start of the slot (cycles).</summary>
    public double MecBacklogCycles;

    /// <summary>Bits that arrived this slot (sum of D1).</summary>
    public double ArrivedBits;

    /// <summary>Bits served this slot, offloaded plus local.</summary>
    public double ServedBits;

    /// <summary>Bits left in the buffers after the slot (sum of D0(t+1)).</summary>
    public double BufferedBitsAfter;
}
