namespace EdgeMine.Simulation;

/// <summary>What a derived metric's factor depends on: the number of tasks N M and the slot length dt.</summary>
public readonly record struct RunShape(int Tasks, double SlotSeconds);
