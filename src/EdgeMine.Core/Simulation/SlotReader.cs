using EdgeMine.Model;

namespace EdgeMine.Simulation;

/// <summary>Reads one metric's value from a slot's totals.</summary>
public delegate double SlotReader(in SlotMetrics slot);
