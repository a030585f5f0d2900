using EdgeMine.Model;

namespace EdgeMine.Simulation;

/// <summary>The metric table: one entry per metric.</summary>
public static class Metrics
{
    /// <summary>The slot's reward r = sum (P - C) - penalty [eq. 18].</summary>
    public static Metric Reward { get; } = new() { Key = "reward", Name = "reward", ShortName = "reward", ColumnKey = "reward", Axis = "Reward per slot", Read = (in SlotMetrics m) => m.Reward };

    /// <summary>Sum of the tasks' costs [eq. 14], in the preset's units.</summary>
    public static Metric Cost { get; } = new() { Key = "cost", Name = "cost", ShortName = "cost", ColumnKey = "cost", Axis = "Cost per slot (normalised units)", Read = (in SlotMetrics m) => m.Cost };

    /// <summary>Sum of the tasks' privacy levels [eq. 10].</summary>
    public static Metric Privacy { get; } = new() { Key = "privacy", Name = "privacy", ShortName = "privacy", ColumnKey = "privacy", Axis = "Privacy level per slot", Read = (in SlotMetrics m) => m.Privacy };

    /// <summary>Total energy of all tasks [eqs. 5, 7, 12].</summary>
    public static Metric Energy { get; } = new() { Key = "energy_j", Name = "energy", ShortName = "energy", DisplayUnit = "J", ColumnKey = "energy_j", Axis = "Energy per slot (J)", Read = (in SlotMetrics m) => m.EnergyJoules };

    /// <summary>Average power: energy per slot over the slot length (equal to the energy when dt = 1 s, Tables II-III).</summary>
    public static Metric Power { get; } = new() { Key = "power_w", Name = "average power", ShortName = "power", DisplayUnit = "W", ColumnKey = "power_w", Axis = "Average power (W)", DerivedFrom = Energy, Factor = shape => 1 / shape.SlotSeconds };

    /// <summary>Sum of the tasks' latencies [eq. 11].</summary>
    public static Metric Latency { get; } = new() { Key = "latency_s", Name = "latency, all tasks", ShortName = "latency", DisplayUnit = "ms", DisplayScale = 1e3, ColumnKey = "latency_ms", Axis = "Latency per slot, summed over tasks (ms)", Format = "F3", Read = (in SlotMetrics m) => m.LatencySeconds };

    /// <summary>Mean latency of one task: the summed latency over N M.</summary>
    public static Metric LatencyPerTask { get; } = new() { Key = "latency_per_task_s", Name = "latency per task", ShortName = "latency per task", DisplayUnit = "ms", DisplayScale = 1e3, ColumnKey = "latency_per_task_ms", Axis = "Latency per task (ms)", Format = "F3", DerivedFrom = Latency, Factor = shape => 1.0 / shape.Tasks };

    /// <summary>Tasks whose latency exceeded the deadline [eq. 13b].</summary>
    public static Metric DeadlineMisses { get; } = new() { Key = "deadline_misses", Name = "deadline misses", ShortName = "deadline misses", ColumnKey = "deadline_misses", Axis = "Deadline misses per slot", Read = (in SlotMetrics m) => m.DeadlineMisses };

    /// <summary>Mean requested offloading fraction over the tasks.</summary>
    public static Metric OffloadedFraction { get; } = new() { Key = "offloaded_fraction", Name = "fraction offloaded", ShortName = "fraction offloaded", ColumnKey = "offloaded_fraction", Axis = "Fraction of tasks offloaded", Read = (in SlotMetrics m) => m.OffloadedFraction };

    /// <summary>The MEC backlog Q at the start of a slot [eq. 3].</summary>
    public static Metric MecBacklog { get; } = new() { Key = "mec_backlog_cycles", Name = "MEC backlog", ShortName = "MEC backlog", DisplayUnit = "Gcycles", DisplayScale = 1e-9, ColumnKey = "mec_backlog_gcycles", Axis = "MEC backlog at the start of a slot (Gcycles)", Read = (in SlotMetrics m) => m.MecBacklogCycles };

    /// <summary>Data the caps left in the buffers after a slot (sum of D0(t+1), MODEL.md section 5): non-zero only when a cap binds.</summary>
    public static Metric Buffered { get; } = new() { Key = "buffered_bits", Name = "data buffered after the slot", ShortName = "buffered", DisplayUnit = "kbit", DisplayScale = 1e-3, ColumnKey = "buffered_kbit", Axis = "Data left in the buffers after a slot (kbit)", Read = (in SlotMetrics m) => m.BufferedBitsAfter };

    /// <summary>Every metric, in the order tables list them.</summary>
    public static IReadOnlyList<Metric> All { get; } =
        [Reward, Cost, Privacy, Energy, Power, Latency, LatencyPerTask, DeadlineMisses, OffloadedFraction, MecBacklog, Buffered];

    /// <summary>The metrics summed from slots (the others are derived from them).</summary>
    public static IReadOnlyList<Metric> Base { get; } = All.Where(m => m.Read is not null).ToArray();

    /// <summary>The metric with key <paramref name="key"/>, or null.</summary>
    public static Metric? Find(string key) => All.FirstOrDefault(m => m.Key == key);
}
